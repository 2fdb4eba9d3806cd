/**
 * The one route table: which PostHog host serves a path, and which paths make up the public SDK surface.
 * The CloudFront Function, the distribution layout (CloudFormation, attach, local edge) and the docs all
 * read it from here. Runs at the edge: ES5 plus the cloudfront-js-2.0 additions only, and every byte
 * counts against the function's size budget, hence regular expressions over lists.
 */

export type Upstream = 'main' | 'assets';

/** Path prefixes served by PostHog's assets host; matched exactly, slash included (`/staticfoo` is not). */
export const ASSET_PREFIXES: readonly string[] = ['/static/', '/array/'];

/** Stable origin ids, shared by the function (`cf.selectRequestOriginById`) and the distribution. */
export const ORIGIN_IDS: { readonly main: string; readonly assets: string } = {
  main: 'posthog-proxy-main',
  assets: 'posthog-proxy-assets',
};

/**
 * The origin ids of a proxy served under `prefix`: ORIGIN_IDS at the root, `posthog-proxy-main.k7x2` under
 * `/k7x2` (segments joined by dots). Each prefix gets its own origins, so several proxies (stages, projects)
 * share one distribution without touching each other's. The build bakes the result into the function.
 */
export function originIdsFor(prefix: string): { main: string; assets: string } {
  const suffix = prefix === '' ? '' : `.${prefix.slice(1).split('/').join('.')}`;
  return { main: ORIGIN_IDS.main + suffix, assets: ORIGIN_IDS.assets + suffix };
}

/** Every method the proxy's behaviors allow; the function's preflight answers name the same list. */
export const ALL_METHODS = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'] as const;

/** `ASSET_PREFIXES` as a regular-expression alternation (`static|array`). */
export function assetAlternation(prefixes: readonly string[]): string {
  return prefixes.map((p) => p.slice(1, -1)).join('|');
}

/**
 * The build defines these from the lists above (esbuild `define`, see edgeDefines in build-functions.ts), so
 * the function carries the generated strings and not the lists; unbuilt sources, as the unit tests run them,
 * compute the same from the lists.
 */
declare const __ROUTE_ASSETS__: string | undefined;
declare const __ROUTE_METHODS__: string | undefined;
/** `GET, HEAD, ...`: what a preflight answer allows. */
export const ALLOWED_METHODS_TEXT: string = typeof __ROUTE_METHODS__ === 'string' ? __ROUTE_METHODS__ : ALL_METHODS.join(', ');
// `static|array`, the one spelling of the asset prefixes in the regular expressions below, is written out in
// each so that esbuild folds the defined string into one constant per expression. (No `/` needs escaping in
// a RegExp source string.)

const ASSETS = /* @__PURE__ */ new RegExp('^/(' + (typeof __ROUTE_ASSETS__ === 'string' ? __ROUTE_ASSETS__ : assetAlternation(ASSET_PREFIXES)) + ')/');

/**
 * The public SDK surface for `endpoints: "public"`: assets and remote config, the capture endpoints old and
 * new (each with or without a trailing slash), the capture v1 family, flags, and the `/api/` reads that
 * posthog-js and the server SDKs make with a project token.
 */
export const PUBLIC_SURFACE = /* @__PURE__ */ new RegExp(
  '^/(' + (typeof __ROUTE_ASSETS__ === 'string' ? __ROUTE_ASSETS__ : assetAlternation(ASSET_PREFIXES)) + '|i/v1)/|^/(e|i/v0/e|batch|capture|track|engage|s|flags(/definitions)?|decide|report|api/(surveys|early_access_features|web_experiments|product_tours|feature_flag/local_evaluation))/?$',
);

/**
 * The ingestion endpoints as posthog-js and the server SDKs call them (trailing slash): most requests the
 * proxy sees. Already normal, public and bound for the main host, so the function answers them with one
 * property lookup instead of parsing the path (it runs interpreted on every request); other spellings take
 * the general path. A unit test keeps this in step with PUBLIC_SURFACE and upstreamFor. An object literal,
 * not a loop, because the function's top level may run per request.
 */
export const INGESTION_PATHS: Readonly<Record<string, 1>> = {
  '/e/': 1, '/i/v0/e/': 1, '/s/': 1, '/flags/': 1, '/decide/': 1, '/batch/': 1, '/capture/': 1, '/track/': 1, '/engage/': 1,
};

declare const __ROUTE_INGESTION_MAX__: number | undefined;
/**
 * The length of the longest ingestion path, generated like the strings above. Longer paths skip the
 * INGESTION_PATHS lookup: a keyed read with a long string the interpreter has not seen before makes it hash
 * the whole string first, which on asset paths cost more than the rest of the function (bench, table 1).
 */
export const INGESTION_MAX_LENGTH: number =
  typeof __ROUTE_INGESTION_MAX__ === 'number' ? __ROUTE_INGESTION_MAX__ : Object.keys(INGESTION_PATHS).reduce((n, k) => Math.max(n, k.length), 0);

/**
 * Asset and remote-config paths that are already normal: an asset prefix, then segments of unreserved
 * characters that neither are empty nor start with a dot (so no `.`/`..` segment, no escape, no `//`).
 * The function's second shortcut; a unit test keeps it in step with the rest of the table.
 */
export const PLAIN_ASSET_PATH = /* @__PURE__ */ new RegExp('^/(?:' + (typeof __ROUTE_ASSETS__ === 'string' ? __ROUTE_ASSETS__ : assetAlternation(ASSET_PREFIXES)) + ')(?:/[\\w~-][\\w.~-]*)+$');


export function upstreamFor(path: string): Upstream {
  return ASSETS.test(path) ? 'assets' : 'main';
}

export function isPublicPath(path: string): boolean {
  return PUBLIC_SURFACE.test(path);
}
