/**
 * serverless-esbuild beside the plugin: whether a service lists it and with whose options (esbuildMode), the
 * options that make it bundle the Lambda@Edge exactly as the build does (esbuildPluginOptions), the handler it
 * bundles from, and the check that its package holds the build's bytes (checkBundledPackage). Without it the
 * plugin zips the build's bundle itself (serverless-hooks.ts, preparePackage).
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { ORIGIN_RESPONSE_ENTRY, ORIGIN_RESPONSE_FILE, originResponseOptions, ROOT } from '../build/build-functions.ts';
import { PACKAGE_NAME } from '../build/package-root.ts';
import { DeployTemplateError } from './deploy-errors.ts';
import { readPluginConfig } from './plugin-config.ts';
import { ORIGIN_RESPONSE_FUNCTION_KEY } from './resource-names.ts';
import type { PluginSettings, ServerlessLike } from './serverless-hooks.ts';
import { zipEntries } from './zip-one-file.ts';

export const SERVERLESS_ESBUILD = 'serverless-esbuild';

/** Whether serverless.yml's `plugins` (a list, or `{ modules: [...] }`) names serverless-esbuild. */
export function usesServerlessEsbuild(plugins: unknown): boolean {
  const modules = Array.isArray(plugins) ? plugins : plugins !== null && typeof plugins === 'object' ? (plugins as { modules?: unknown }).modules : undefined;
  return Array.isArray(modules) && modules.includes(SERVERLESS_ESBUILD);
}

/**
 * serverless-esbuild's options (`custom.esbuild.config`, src/deploy/serverless-esbuild-options.ts): the
 * origin-response options buildOriginResponse uses for the selected configuration, an `.mjs` output, and no
 * externals, so it installs nothing and bundles exactly the bytes the build gives. serverless-esbuild supplies
 * the entry point from the function's handler.
 */
export function esbuildPluginOptions(settings: PluginSettings): Record<string, unknown> {
  return { ...originResponseOptions(readPluginConfig(settings.custom, settings.serviceDir).config), outputFileExtension: '.mjs', external: [], exclude: [] };
}

/** serverless-esbuild's config files of this package: the checkout's (through tsx) and the installed package's (compiled by scripts/build-lib.mjs). */
export const ESBUILD_CONFIG_FILES = ['src/deploy/serverless-esbuild.config.cjs', 'lib/serverless-esbuild.config.cjs'] as const;
const ESBUILD_CONFIG_HINT = `./node_modules/${PACKAGE_NAME}/${ESBUILD_CONFIG_FILES[1]}`;

/**
 * Whether serverless-esbuild bundles the Lambda@Edge: it is in `plugins` and `custom.esbuild.config` names one of
 * this package's config files, so it bundles with esbuildPluginOptions. Listed with other options (the user's,
 * for their own functions; serverless-esbuild has one set for every function), it leaves ours alone.
 */
export function esbuildMode(service: Pick<ServerlessLike['service'], 'plugins' | 'custom'>, serviceDir: string, packageDir: string = ROOT): ServerlessEsbuild {
  if (!usesServerlessEsbuild(service.plugins)) return 'absent';
  const esbuild = service.custom?.esbuild;
  const config = esbuild !== null && typeof esbuild === 'object' ? (esbuild as { config?: unknown }).config : undefined;
  if (typeof config !== 'string' || !existsSync(join(serviceDir, config))) return 'other-options';
  const file = realpathSync(join(serviceDir, config));
  const ours = ESBUILD_CONFIG_FILES.map((f) => join(packageDir, f)).filter((f) => existsSync(f)).map((f) => realpathSync(f));
  return ours.includes(file) ? 'bundles' : 'other-options';
}

/** serverless-esbuild in the service: absent; listed and bundling the Lambda@Edge; listed with options not ours. */
export type ServerlessEsbuild = 'absent' | 'bundles' | 'other-options';

/**
 * The handler serverless-esbuild bundles from, relative to the service directory, which is also the file's path
 * in the zip: functions/origin-response in a checkout, the installed package's copy in a user's service.
 */
export function bundledHandler(serviceDir: string, packageDir: string = ROOT): string {
  const source = realpathSync(join(packageDir, ORIGIN_RESPONSE_ENTRY));
  const candidates = [ORIGIN_RESPONSE_ENTRY, `node_modules/${PACKAGE_NAME}/${ORIGIN_RESPONSE_ENTRY}`, relative(realpathSync(serviceDir), source).split(sep).join('/')];
  const entry = candidates.find((c) => !c.startsWith('..') && !isAbsolute(c) && existsSync(join(serviceDir, c)) && realpathSync(join(serviceDir, c)) === source);
  if (entry === undefined) {
    throw new DeployTemplateError(`serverless-esbuild bundles only files under the service directory, and ${source} is not under ${serviceDir}; install ${PACKAGE_NAME} in the service, or remove serverless-esbuild from plugins (the plugin then zips the Lambda@Edge itself)`);
  }
  return entry.replace(/\.ts$/, '.handler');
}

/**
 * With serverless-esbuild: its package of the Lambda@Edge must be exactly the build's bytes, one file at the
 * handler's path, or the deploy stops here (custom.esbuild options other than esbuildPluginOptions, a banner,
 * externals installed next to it, ...). `artifact` is the function's package.artifact as serverless-esbuild set it.
 */
export function checkBundledPackage(settings: Pick<PluginSettings, 'serviceDir'>, artifact: unknown, handler: string): void {
  const fix = `serverless-esbuild must bundle ${ORIGIN_RESPONSE_FUNCTION_KEY} with the options the posthog-cloudfront-proxy plugin gives it (custom.esbuild.config: ${ESBUILD_CONFIG_HINT} for an installed package), or leave serverless-esbuild out of plugins and the plugin zips the function itself`;
  const zip = typeof artifact === 'string' ? (isAbsolute(artifact) ? artifact : join(settings.serviceDir, artifact)) : null;
  if (zip === null || !existsSync(zip)) {
    throw new DeployTemplateError(`serverless-esbuild made no package of its own for ${ORIGIN_RESPONSE_FUNCTION_KEY} (it does with package.individually: true); ${fix}`);
  }
  const expected = readFileSync(join(settings.serviceDir, 'dist', ORIGIN_RESPONSE_FILE));
  const entries = zipEntries(readFileSync(zip));
  const file = handler.replace(/\.handler$/, '.mjs');
  if (entries.length !== 1 || entries[0].name !== file || !entries[0].data.equals(expected)) {
    const found = entries.map((e) => `${e.name} (${e.data.length} bytes)`).join(', ');
    throw new DeployTemplateError(`serverless-esbuild's package ${String(artifact)} holds ${found || 'nothing'}; it must hold only ${file}, byte for byte dist/${ORIGIN_RESPONSE_FILE} (${expected.length} bytes); ${fix}`);
  }
}
