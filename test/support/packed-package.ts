/**
 * The package as a user gets it: `npm pack` (which runs "prepack", compiling lib/) in a staging copy of the
 * checkout (so the checkout's own tree is never touched and parallel test files never share a lib/), then
 * `npm ci --omit=dev --offline` of the tarball into an empty folder. The consumer's lockfile is this
 * checkout's, cut down to the production dependencies (the same paths, since they hoist the same way under
 * the consumer): npm then fetches every tarball by its integrity from the npm cache, filled when this
 * checkout's node_modules came from the registry, and asks the registry nothing (a plain `npm install
 * --offline` of the tarball would need the registry's package metadata, which the cache does not hold).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './fixtures.ts';

export const run = promisify(execFile);

/** What `npm pack` needs from the checkout: package.json's "files", the prepack script, the docs npm always adds. */
const STAGED = ['package.json', 'bin', 'functions', 'src', 'scripts', 'posthog-proxy.config.schema.json', 'README.md', 'LICENSE'];

/** An environment without a user's npm state beyond the shared cache, and no update or funding chatter. */
export function npmEnv(home: string): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH!, HOME: home, npm_config_cache: join(process.env.HOME ?? '/root', '.npm'), npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
}

export interface PackedInstall {
  /** The tarball `npm pack` wrote. */
  tarball: string;
  /** The consumer folder: package.json and node_modules/ with the package and its dependencies only. */
  dir: string;
  /** node_modules/posthog-cloudfront-proxy inside it. */
  packageDir: string;
  cleanup(): void;
}

export async function packAndInstall(): Promise<PackedInstall> {
  const work = mkdtempSync(join(tmpdir(), 'posthog-proxy-pack-'));
  const stage = join(work, 'stage');
  mkdirSync(stage);
  for (const name of STAGED) cpSync(join(REPO_ROOT, name), join(stage, name), { recursive: true });
  // prepack's esbuild comes from the checkout's node_modules, as it would from the publisher's.
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(stage, 'node_modules'));
  const env = npmEnv(work);
  await run('npm', ['pack', '--pack-destination', work], { cwd: stage, env, timeout: 120_000 });
  const tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz'))!);
  const dir = join(work, 'consumer');
  mkdirSync(dir);
  copyFileSync(tarball, join(dir, 'posthog-cloudfront-proxy.tgz'));
  const spec = 'file:posthog-cloudfront-proxy.tgz';
  const manifest = { name: 'consumer', version: '1.0.0', private: true, type: 'module', dependencies: { 'posthog-cloudfront-proxy': spec } };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(consumerLock(manifest, tarball), null, 2));
  await run('npm', ['ci', '--omit=dev', '--offline', '--ignore-scripts'], { cwd: dir, env, timeout: 300_000 });
  return { tarball, dir, packageDir: join(dir, 'node_modules/posthog-cloudfront-proxy'), cleanup: () => rmSync(work, { recursive: true, force: true }) };
}

interface LockEntry {
  version?: string;
  dev?: boolean;
  devOptional?: boolean;
  [key: string]: unknown;
}

/** A lockfile for a folder depending only on the tarball: the checkout's entries that are not dev-only. */
function consumerLock(manifest: { name: string; version: string; dependencies: Record<string, string> }, tarball: string) {
  const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const own = lock.packages[''];
  const packages: Record<string, LockEntry> = {
    '': { name: manifest.name, version: manifest.version, dependencies: manifest.dependencies },
    'node_modules/posthog-cloudfront-proxy': {
      version: own.version,
      resolved: manifest.dependencies['posthog-cloudfront-proxy'],
      integrity: `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`,
      license: own.license,
      dependencies: own.dependencies,
      bin: own.bin,
      engines: own.engines,
      peerDependencies: own.peerDependencies,
      peerDependenciesMeta: own.peerDependenciesMeta,
    },
  };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path !== '' && !entry.dev && !entry.devOptional && !path.startsWith('node_modules/posthog-cloudfront-proxy')) packages[path] = entry;
  }
  return { name: manifest.name, version: manifest.version, lockfileVersion: 3, requires: true, packages };
}
