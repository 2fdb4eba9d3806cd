/**
 * Turns a validated configuration into the two artifacts CloudFront runs: the viewer-request CloudFront
 * Function (one file, exactly as uploaded) and the origin-response Lambda@Edge bundle (one ES module,
 * no runtime dependencies). The configuration is baked in: neither runtime has environment variables.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { edgeConfigFrom } from '../config/edge-config-from.ts';
import type { ProxyConfig } from '../config/proxy-config.ts';
import { ALL_METHODS, ASSET_PREFIXES, assetAlternation, INGESTION_MAX_LENGTH, originIdsFor } from '../routes/route-table.ts';
import { FunctionBuildError } from './build-errors.ts';
import { checkCloudFrontFunction, MODULE_IMPORT } from './check-cloudfront-function.ts';
import { cloudFrontFunctionFile } from './cloudfront-entry.ts';
import { LIMITS } from './function-limits.ts';
import { packageRoot } from './package-root.ts';

/** The package's directory: functions/*.ts are bundled from there, in a checkout and once installed alike. */
export const ROOT = packageRoot();
export const VIEWER_REQUEST_FILE = 'viewer-request.js';
export const ORIGIN_RESPONSE_FILE = 'origin-response.mjs';
/** The origin-response source, relative to the project root (serverless.yml's handler names the same file). */
export const ORIGIN_RESPONSE_ENTRY = 'functions/origin-response.ts';

/**
 * What cloudfront-js-2.0 adds to ES 5.1 (AWS: "JavaScript runtime 2.0 features"). Anything else newer than
 * ES5 fails the build, which doubles as the syntax gate: destructuring, spread, classes, for...of, ?. and ??.
 */
const CLOUDFRONT_JS_2 = {
  'const-and-let': true,
  arrow: true,
  'template-literal': true,
  'rest-argument': true,
  'exponent-operator': true,
  'async-await': true,
  'regexp-named-capture-groups': true,
} as const;

/** esbuild `define`s that bake the configuration in and switch off unused features (see viewer-request.ts). */
export function edgeDefines(config: ProxyConfig): Record<string, string> {
  const edge = edgeConfigFrom(config);
  const originIds = originIdsFor(config.pathPrefix);
  return {
    __EDGE_ORIGIN_MAIN__: JSON.stringify(originIds.main),
    __EDGE_ORIGIN_ASSETS__: JSON.stringify(originIds.assets),
    __EDGE_CONFIG__: JSON.stringify(edge),
    __EDGE_CLIENT_IP__: String(edge.maskIp || edge.trustedProxies.length > 0),
    __EDGE_PUBLIC_ONLY__: String(edge.publicOnly),
    __EDGE_ORIGIN_RULES__: String(edge.origins.exact !== null),
    __ROUTE_ASSETS__: JSON.stringify(assetAlternation(ASSET_PREFIXES)),
    __ROUTE_METHODS__: JSON.stringify(ALL_METHODS.join(', ')),
    __ROUTE_INGESTION_MAX__: String(INGESTION_MAX_LENGTH),
  };
}

async function bundle(options: esbuild.BuildOptions): Promise<string> {
  try {
    const result = await esbuild.build({ bundle: true, write: false, logLevel: 'silent', legalComments: 'none', ...options });
    return result.outputFiles![0].text;
  } catch (cause) {
    throw new FunctionBuildError(`esbuild could not bundle ${String(options.entryPoints)}: ${(cause as Error).message}`, { cause });
  }
}

/** The viewer-request CloudFront Function's code for a configuration, checked as CloudFront would. */
export async function buildViewerRequest(config: ProxyConfig): Promise<string> {
  const raw = await bundle({
    entryPoints: [join(ROOT, 'functions/viewer-request.ts')],
    format: 'esm',
    target: 'es5',
    supported: CLOUDFRONT_JS_2,
    external: ['cloudfront'],
    // Full minification renames `handler`; cloudFrontFunctionFile gives the name back.
    minify: true,
    define: edgeDefines(config),
  });
  const code = cloudFrontFunctionFile(raw);
  checkCloudFrontFunction(code);
  return code;
}

/**
 * Every esbuild option that decides the origin-response bundle's bytes, except the entry point: the one list
 * buildOriginResponse uses (the serverless plugin zips its output byte for byte, src/deploy/serverless-hooks.ts),
 * so the Lambda@Edge package holds exactly the bytes the tests run.
 */
export function originResponseOptions(config: ProxyConfig) {
  return {
    bundle: true,
    legalComments: 'none',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minifySyntax: true,
    minifyWhitespace: true,
    define: edgeDefines(config),
  } satisfies esbuild.BuildOptions;
}

/** The origin-response Lambda@Edge bundle for a configuration: an ES module exporting `handler`. */
export async function buildOriginResponse(config: ProxyConfig): Promise<string> {
  const code = await bundle({ entryPoints: [join(ROOT, ORIGIN_RESPONSE_ENTRY)], ...originResponseOptions(config) });
  if (MODULE_IMPORT.test(code) || /\brequire\s*\(/.test(code)) throw new FunctionBuildError('the origin-response bundle imports a module; Lambda@Edge code must have no runtime dependencies');
  const bytes = Buffer.byteLength(code);
  if (bytes > LIMITS.originResponseBudgetBytes) throw new FunctionBuildError(`the origin-response bundle is ${bytes} bytes, over its ${LIMITS.originResponseBudgetBytes}-byte budget`);
  return code;
}

export interface BuiltFunctions {
  viewerRequest: { file: string; bytes: number };
  originResponse: { file: string; bytes: number };
}

/** Builds both artifacts into `outDir`. */
export async function buildFunctions(config: ProxyConfig, outDir: string): Promise<BuiltFunctions> {
  const [viewer, origin] = await Promise.all([buildViewerRequest(config), buildOriginResponse(config)]);
  mkdirSync(outDir, { recursive: true });
  const viewerFile = join(outDir, VIEWER_REQUEST_FILE);
  const originFile = join(outDir, ORIGIN_RESPONSE_FILE);
  writeFileSync(viewerFile, viewer);
  writeFileSync(originFile, origin);
  return {
    viewerRequest: { file: viewerFile, bytes: Buffer.byteLength(viewer) },
    originResponse: { file: originFile, bytes: Buffer.byteLength(origin) },
  };
}
