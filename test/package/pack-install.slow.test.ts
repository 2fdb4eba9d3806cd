/**
 * What a user installs: the tarball `npm pack` makes, installed with `--omit=dev` into an empty folder, and
 * the command run from there with npx: --help, build (byte for byte what the checkout builds) and dev (the
 * local edge serving the posthog-js files of the installed dependency). No network: npm runs --offline.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOriginResponse, buildViewerRequest } from '../../src/build/build-functions.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { FIXTURES } from '../support/fixtures.ts';
import { npmEnv, packAndInstall, run, type PackedInstall } from '../support/packed-package.ts';

let pkg: PackedInstall;
beforeAll(async () => {
  pkg = await packAndInstall();
}, 400_000);
afterAll(() => pkg?.cleanup());

const npx = (args: string[], cwd = pkg.dir) => run('npx', ['--no', '--', 'posthog-cloudfront', ...args], { cwd, env: npmEnv(pkg.dir), timeout: 60_000 });

/** Bare module specifiers a lib file imports statically (`import … from "x"`, `import "x"`), not `import("x")`. */
function staticImports(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  return [...code.matchAll(/^\s*(?:import|export)\s*(?:[^'"()]*?\sfrom\s*)?["']([^"']+)["'];?\s*$/gm)].map((m) => m[1]);
}

/** Every module reachable from `entry` through static imports, starting in lib/. */
function staticClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    for (const spec of staticImports(file)) {
      if (spec.startsWith('.')) {
        const next = join(file, '..', spec);
        if (!seen.has(next)) {
          seen.add(next);
          visit(next);
        }
      } else seen.add(spec);
    }
  };
  visit(entry);
  return seen;
}

describe('the packed package, installed with --omit=dev', () => {
  it('ships the compiled lib/ and the sources build bundles, not the checkout tooling', async () => {
    const { stdout } = await run('tar', ['-tzf', pkg.tarball]);
    const files = stdout.split('\n').filter(Boolean);
    for (const f of ['package/lib/cli.mjs', 'package/lib/serverless-plugin.mjs', 'package/lib/serverless-esbuild.config.cjs', 'package/bin/posthog-cloudfront.mjs', 'package/functions/viewer-request.ts', 'package/functions/origin-response.ts', 'package/LICENSE', 'package/README.md']) {
      expect(files).toContain(f);
    }
    for (const f of ['package/tsconfig.json', 'package/src/deploy/serverless-plugin.mjs', 'package/src/deploy/serverless-esbuild.config.cjs', 'package/serverless.yml']) expect(files).not.toContain(f);
    expect(files.filter((f) => f.startsWith('package/test/') || f.startsWith('package/scripts/'))).toEqual([]);
    const modules = readdirSync(join(pkg.dir, 'node_modules'));
    for (const dep of ['esbuild', 'acorn', 'acorn-walk', 'posthog-js', '@aws-sdk']) expect(modules).toContain(dep);
    for (const dev of ['tsx', 'typescript', 'vitest', 'serverless', 'serverless-esbuild', 'fast-check']) expect(modules).not.toContain(dev);
  });

  it('npx posthog-cloudfront --help lists the commands', async () => {
    const { stdout } = await npx(['--help']);
    expect(stdout).toMatch(/^Usage: posthog-cloudfront <command>/);
    for (const name of ['build', 'dev', 'attach', 'detach', 'verify']) expect(stdout).toMatch(new RegExp(`^  ${name}\\s`, 'm'));
  });

  it('npx posthog-cloudfront --version names the installed package', async () => {
    const { stdout } = await npx(['--version']);
    expect(stdout.trim()).toBe(`posthog-cloudfront-proxy ${JSON.parse(readFileSync(join(pkg.packageDir, 'package.json'), 'utf8')).version}`);
  });

  it.each(['default', 'prefixed'])('npx posthog-cloudfront build --config %s.json writes what the checkout builds, byte for byte', async (name) => {
    // Prepare
    const configFile = join(FIXTURES, 'configs', `${name}.json`);
    const out = join(pkg.dir, `dist-${name}`);
    // Act
    await npx(['build', '--config', configFile, '--out', out]);
    // Assess
    const config = loadConfig(configFile);
    expect(readFileSync(join(out, 'viewer-request.js'), 'utf8')).toBe(await buildViewerRequest(config));
    expect(readFileSync(join(out, 'origin-response.mjs'), 'utf8')).toBe(await buildOriginResponse(config));
  });

  it('npx posthog-cloudfront dev runs the local edge with the installed posthog-js', async () => {
    // Prepare: the bin npx would run, in its own process group so the test can stop all of it.
    const child = spawn(join(pkg.dir, 'node_modules/.bin/posthog-cloudfront'), ['dev', '--config', join(FIXTURES, 'configs/default.json'), '--port', '0', '--out', join(pkg.dir, 'dev-dist')], {
      cwd: pkg.dir,
      env: npmEnv(pkg.dir),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      const edge = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk) => {
          output += chunk;
          const m = /^ {2}edge\s+(\S+)/m.exec(output);
          if (m) resolve(m[1]);
        });
        child.stderr.on('data', (chunk) => (output += chunk));
        child.on('exit', (code) => reject(new Error(`dev exited with ${code}:\n${output}`)));
      });
      // Act
      const response = await fetch(`${edge}/static/array.js`, { headers: { origin: 'https://www.example.com' } });
      // Assess: the real file of the installed dependency, through the built functions.
      expect(response.status).toBe(200);
      const served = Buffer.from(await response.arrayBuffer());
      expect(served.equals(readFileSync(join(pkg.dir, 'node_modules/posthog-js/dist/array.js')))).toBe(true);
      expect(response.headers.get('access-control-allow-origin')).toMatch(/^(\*|https:\/\/www\.example\.com)$/);
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
    }
  });

  it('the CLI and the plugin import no AWS SDK client until a command that calls AWS loads one', () => {
    const lib = join(pkg.packageDir, 'lib');
    const chunks = readdirSync(join(lib, 'chunks')).map((f) => join(lib, 'chunks', f));
    for (const entry of ['cli.mjs', 'serverless-plugin.mjs']) {
      const reachable = [...staticClosure(join(lib, entry))];
      expect(reachable.filter((m) => m.startsWith('@aws-sdk/'))).toEqual([]);
    }
    // The clients are there, in chunks only dynamic import() reaches (attach, detach, the deploy hooks).
    expect(chunks.some((f) => staticImports(f).some((m) => m.startsWith('@aws-sdk/')))).toBe(true);
  });
});
