/**
 * The viewer-request CloudFront Function: validate the browser Origin, normalise the path, strip the
 * prefix, enforce the public surface, answer CORS preflights, pin the client IP and pick the PostHog
 * origin. Runs in cloudfront-js-2.0: ES5 plus its documented additions, no Node, never throws.
 */
import type { CfRequest, CfResponse, CfValueMap, CfViewerRequestEvent, CloudFrontModule } from './cloudfront-function-types.ts';
import type { EdgeConfig } from './edge-config.ts';
import { inAnyCidr, maskIp, parseIp } from './ip.ts';
import { normalizePath, stripPrefix } from './normalize-path.ts';
import { isOriginAllowed } from './origin-match.ts';
import { MALFORMED_REQUEST, NOT_PUBLIC, NOT_UNDER_PREFIX, ORIGIN_NOT_ALLOWED, PROXY_ERROR } from './edge-messages.ts';
import { ALLOWED_METHODS_TEXT, INGESTION_MAX_LENGTH, INGESTION_PATHS, isPublicPath, originIdsFor, PLAIN_ASSET_PATH, upstreamFor } from '../routes/route-table.ts';

/**
 * Build-time switches. The build defines each as false when the configuration does not use the feature,
 * so esbuild leaves its code out of the function (every byte counts against the size budget). Unbuilt
 * sources, as the unit tests run them, keep every feature and follow the runtime configuration.
 */
declare const __EDGE_CLIENT_IP__: boolean | undefined;
declare const __EDGE_PUBLIC_ONLY__: boolean | undefined;
declare const __EDGE_ORIGIN_RULES__: boolean | undefined;
/** The origin ids for the configured prefix (originIdsFor), baked in as literals by the build. */
declare const __EDGE_ORIGIN_MAIN__: string | undefined;
declare const __EDGE_ORIGIN_ASSETS__: string | undefined;

const TOKEN_LIST = /^[A-Za-z0-9!#$%&'*+.^_`|~, -]{0,1024}$/;
/** More hops than any real proxy chain; bounds the work a hostile X-Forwarded-For can cause. */
const MAX_FORWARDED_HOPS = 16;

/** The request's Origin header, read by name (cheaper than a keyed read in an interpreter). */
function originOf(headers: CfValueMap): string | null {
  const o = headers.origin;
  return o && typeof o.value === 'string' ? o.value : null;
}

/**
 * CORS headers granting `origin`, or only `Vary` when null (the browser may not read the answer). `*` is
 * never echoed: next to credentials it is invalid, and the origin rules may be compiled out of the build.
 */
function cors(origin: string | null): CfValueMap {
  const headers: CfValueMap = { vary: { value: 'Origin' } };
  if (origin !== null && origin !== '*') {
    headers['access-control-allow-origin'] = { value: origin };
    headers['access-control-allow-credentials'] = { value: 'true' };
  }
  return headers;
}

/** A small JSON answer from the edge, readable by the browser when `origin` is an allowed origin. */
function reply(status: number, description: string, origin: string | null, message: string): CfResponse {
  const headers = cors(origin);
  headers['content-type'] = { value: 'application/json' };
  headers['cache-control'] = { value: 'no-store' };
  return { statusCode: status, statusDescription: description, headers: headers, body: { encoding: 'text', data: JSON.stringify({ error: message }) } };
}

function preflight(request: CfRequest, origin: string): CfResponse {
  const headers = cors(origin);
  const r = request.headers['access-control-request-headers'];
  headers['access-control-allow-methods'] = { value: ALLOWED_METHODS_TEXT };
  if (r && typeof r.value === 'string' && TOKEN_LIST.test(r.value)) headers['access-control-allow-headers'] = { value: r.value };
  headers['access-control-max-age'] = { value: '7200' };
  return { statusCode: 204, statusDescription: 'No Content', headers: headers };
}

/**
 * The one place that writes X-Forwarded-For. CloudFront appends the viewer IP to whatever leaves here, so
 * PostHog's leftmost entry is the value set here, or the viewer itself when the header is removed. The
 * client is the viewer or, when the viewer is a trusted proxy, the rightmost address of its chain that is
 * not itself a trusted proxy. Header names are literals throughout: a named property read is much cheaper
 * than a keyed one in an interpreter.
 */
function pinClientIp(event: CfViewerRequestEvent, config: EdgeConfig, headers: CfValueMap): void {
  const h = headers['x-forwarded-for'];
  if (h) delete headers['x-forwarded-for'];
  // Every header line: a proxy may add its own line (HAProxy's `option forwardfor`) after the viewer's forged one.
  const chain = h ? (h.multiValue || [h]).map((v) => v.value).join() : null;
  let text = event.viewer && event.viewer.ip;
  let ip = parseIp(text);
  if (ip === null) return;
  if (chain !== null && inAnyCidr(config.trustedProxies, ip)) {
    const hops = chain.split(',');
    for (let i = hops.length - 1; i >= 0 && i >= hops.length - MAX_FORWARDED_HOPS; i--) {
      const hop = parseIp(hops[i].trim());
      if (hop === null) break;
      text = hops[i].trim();
      ip = hop;
      if (!inAnyCidr(config.trustedProxies, hop)) break;
    }
  }
  if (config.maskIp) headers['x-forwarded-for'] = { value: maskIp(ip) };
  else if (text !== event.viewer.ip) headers['x-forwarded-for'] = { value: text };
}

/** The path as PostHog should see it (normalised, prefix stripped once), or a response from the edge. */
function resolvePath(uri: string, config: EdgeConfig, origin: string | null): string | CfResponse {
  const normalized = normalizePath(uri);
  if (!normalized.ok) return reply(400, 'Bad Request', origin, normalized.reason);
  const path = stripPrefix(normalized.path, config.prefix);
  if (path === null) return reply(404, 'Not Found', origin, NOT_UNDER_PREFIX);
  if ((typeof __EDGE_PUBLIC_ONLY__ === 'undefined' || __EDGE_PUBLIC_ONLY__) && config.publicOnly && !isPublicPath(path)) return reply(404, 'Not Found', origin, NOT_PUBLIC);
  return path;
}

/**
 * The function's body. One function around the try, and few calls on the common path: the function runs
 * interpreted on every request, where each call and each keyed property read counts.
 */
export function handleViewerRequest(event: CfViewerRequestEvent, config: EdgeConfig, cf: CloudFrontModule): CfRequest | CfResponse {
  try {
    const request = event && event.request;
    if (!request || typeof request.uri !== 'string') return reply(400, 'Bad Request', null, MALFORMED_REQUEST);
    const headers = request.headers || (request.headers = {});
    const method = request.method;
    // Origin is read only when something needs it: the origin rules (when configured), a preflight, an error.
    if (typeof __EDGE_ORIGIN_RULES__ === 'undefined' || __EDGE_ORIGIN_RULES__) {
      const origin = originOf(headers);
      if (origin !== null && !isOriginAllowed(config.origins, origin)) return reply(403, 'Forbidden', null, ORIGIN_NOT_ALLOWED);
    }

    // Shortcuts for nearly every request: under the prefix, a known ingestion path, or a plain asset path,
    // is already normal and public, and its host is known.
    const uri = request.uri;
    const prefix = config.prefix;
    let path: string | CfResponse = prefix === '' ? uri : uri.indexOf(prefix) === 0 ? uri.slice(prefix.length) : '';
    const mainId = typeof __EDGE_ORIGIN_MAIN__ === 'undefined' ? originIdsFor(prefix).main : __EDGE_ORIGIN_MAIN__;
    const assetsId = typeof __EDGE_ORIGIN_ASSETS__ === 'undefined' ? originIdsFor(prefix).assets : __EDGE_ORIGIN_ASSETS__;
    let originId = mainId;
    if (path.length <= INGESTION_MAX_LENGTH && INGESTION_PATHS[path] === 1) {
      // main host, as set
    } else if (PLAIN_ASSET_PATH.test(path)) {
      originId = assetsId;
    } else {
      path = resolvePath(uri, config, originOf(headers));
      if (typeof path !== 'string') return path;
      if (upstreamFor(path) === 'assets') originId = assetsId;
    }
    if (method === 'OPTIONS') {
      const origin = originOf(headers);
      if (origin !== null && headers['access-control-request-method']) return preflight(request, origin);
    }

    request.uri = path;
    request.cookies = {};
    if (headers.cookie) delete headers.cookie;
    // Without trusted proxies or masking the client is always the viewer: drop the viewer's header, and
    // the build leaves the IP code out (esbuild removes a branch it knows is dead).
    if (typeof __EDGE_CLIENT_IP__ !== 'undefined' && !__EDGE_CLIENT_IP__) {
      if (headers['x-forwarded-for']) delete headers['x-forwarded-for'];
    } else pinClientIp(event, config, headers);
    cf.selectRequestOriginById(originId);
    return request;
  } catch (e) {
    // A throwing CloudFront Function answers 503 to everyone; a defined 500 for this one request is kinder.
    return reply(500, 'Internal Server Error', null, PROXY_ERROR);
  }
}
