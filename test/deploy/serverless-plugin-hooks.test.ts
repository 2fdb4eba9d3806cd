/** The checkout's plugin shim forwards exactly the hooks the plugin class has; who packages the Lambda@Edge. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ORIGIN_RESPONSE_ENTRY } from '../../src/build/build-functions.ts';
import { PACKAGE_NAME } from '../../src/build/package-root.ts';
import { DeployTemplateError } from '../../src/deploy/deploy-errors.ts';
import { bundledHandler, checkBundledPackage, ESBUILD_CONFIG_FILES, esbuildMode } from '../../src/deploy/serverless-esbuild-mode.ts';
import { ORIGIN_RESPONSE_ARTIFACT, originResponseFunction } from '../../src/deploy/serverless-hooks.ts';
import { zipOneFile } from '../../src/deploy/zip-one-file.ts';
import { REPO_ROOT } from '../support/fixtures.ts';
import { HOOKS } from '../../src/deploy/serverless-plugin.mjs';
import PosthogProxyPlugin from '../../src/deploy/serverless-plugin.ts';

describe('src/deploy/serverless-plugin.mjs', () => {
  it('lists the hooks of the plugin class', () => {
    const serverless = { serviceDir: '/x', service: { service: 's', provider: {} }, getProvider: () => ({}) };
    const plugin = new PosthogProxyPlugin(serverless as never, {});
    expect([...HOOKS].sort()).toEqual(Object.keys(plugin.hooks).sort());
  });
});

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A service directory with the package installed in node_modules/ (its sources and lib/ config as stand-ins). */
function installedLayout(): { serviceDir: string; packageDir: string } {
  const serviceDir = mkdtempSync(join(tmpdir(), 'posthog-proxy-esbuild-mode-'));
  dirs.push(serviceDir);
  const packageDir = join(serviceDir, 'node_modules', PACKAGE_NAME);
  for (const file of [ORIGIN_RESPONSE_ENTRY, ...ESBUILD_CONFIG_FILES.slice(1)]) {
    mkdirSync(dirname(join(packageDir, file)), { recursive: true });
    writeFileSync(join(packageDir, file), '');
  }
  writeFileSync(join(serviceDir, 'other.config.cjs'), '');
  return { serviceDir, packageDir };
}
describe('serverless-esbuild in the service: who bundles and zips the Lambda@Edge', () => {
  const checkout = './src/deploy/serverless-esbuild.config.cjs';
  const installed = `./node_modules/${PACKAGE_NAME}/lib/serverless-esbuild.config.cjs`;
  it.each([
    ['not listed: the plugin zips it', 'checkout', ['./src/deploy/serverless-plugin.mjs'], undefined, 'absent'],
    ['not listed, custom.esbuild left over', 'checkout', ['./src/deploy/serverless-plugin.mjs'], { config: checkout }, 'absent'],
    ["listed with the checkout's config file (this repository)", 'checkout', ['serverless-esbuild', './src/deploy/serverless-plugin.mjs'], { config: checkout }, 'bundles'],
    ['listed as plugins.modules', 'checkout', { modules: ['serverless-esbuild', './src/deploy/serverless-plugin.mjs'] }, { config: checkout }, 'bundles'],
    ["listed with the installed package's config file", 'installed', ['serverless-esbuild', PACKAGE_NAME], { config: installed }, 'bundles'],
    ['listed without custom.esbuild: leaves ours alone', 'installed', ['serverless-esbuild', PACKAGE_NAME], undefined, 'other-options'],
    ["listed with the user's own options", 'installed', ['serverless-esbuild', PACKAGE_NAME], { minify: true, external: ['pg'] }, 'other-options'],
    ["listed with the user's own config file", 'installed', ['serverless-esbuild', PACKAGE_NAME], { config: './other.config.cjs' }, 'other-options'],
    ['listed with a config file that is missing', 'installed', ['serverless-esbuild', PACKAGE_NAME], { config: './missing.cjs' }, 'other-options'],
  ] as const)('%s', (_, layout, plugins, esbuild, expected) => {
    // Prepare
    const { serviceDir, packageDir } = layout === 'checkout' ? { serviceDir: REPO_ROOT, packageDir: REPO_ROOT } : installedLayout();
    // Act
    const mode = esbuildMode({ plugins, custom: { esbuild } }, serviceDir, packageDir);
    // Assess
    expect(mode).toBe(expected);
    const fn = originResponseFunction({ service: 's', stage: 'ci', serviceDir, serverlessEsbuild: mode }, packageDir);
    if (mode === 'bundles') {
      const handler = layout === 'checkout' ? 'functions/origin-response' : `node_modules/${PACKAGE_NAME}/functions/origin-response`;
      expect(fn).toMatchObject({ handler: `${handler}.handler`, package: { patterns: [`${handler}.mjs`] } });
      expect(fn.package).not.toHaveProperty('artifact');
      expect(fn).not.toHaveProperty('skipEsbuild');
    } else {
      expect(fn).toMatchObject({ handler: 'functions/origin-response.handler', package: { artifact: ORIGIN_RESPONSE_ARTIFACT }, skipEsbuild: true });
    }
  });

  it('refuses to bundle a package installed outside the service directory', () => {
    const { packageDir } = installedLayout();
    const elsewhere = mkdtempSync(join(tmpdir(), 'posthog-proxy-esbuild-elsewhere-'));
    dirs.push(elsewhere);
    expect(() => bundledHandler(elsewhere, packageDir)).toThrow(DeployTemplateError);
  });
});

describe("checkBundledPackage: serverless-esbuild's zip must be the build's bytes", () => {
  const handler = 'functions/origin-response.handler';
  function service(built: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'posthog-proxy-bundled-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist/origin-response.mjs'), built);
    return dir;
  }
  it.each([
    ['the same bytes at the handler path', 'functions/origin-response.mjs', 'export const handler=1;', null],
    ['other bytes (other options, a banner)', 'functions/origin-response.mjs', '/* banner */export const handler=1;', /holds functions\/origin-response\.mjs \(35 bytes\); it must hold only functions\/origin-response\.mjs/],
    ['another path', 'origin-response.mjs', 'export const handler=1;', /it must hold only functions\/origin-response\.mjs/],
  ])('%s', (_, name, zipped, error) => {
    // Prepare
    const dir = service('export const handler=1;');
    writeFileSync(join(dir, 'originResponse.zip'), zipOneFile(name, zipped));
    // Act
    const act = () => checkBundledPackage({ serviceDir: dir }, 'originResponse.zip', handler);
    // Assess
    if (error === null) expect(act).not.toThrow();
    else expect(act).toThrow(error);
  });

  it('no package of its own (package.individually unset)', () => {
    expect(() => checkBundledPackage({ serviceDir: service('x') }, undefined, handler)).toThrow(/made no package of its own/);
  });
});
