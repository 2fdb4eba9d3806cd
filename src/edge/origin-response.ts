/**
 * The origin-response Lambda@Edge: restore the Cache-Control PostHog's assets host promises and make CORS
 * right on what it handles (the `/static/*` and `/array/*` behaviors). Its output is cached by CloudFront,
 * so everything derived from the request Origin goes with `Vary: Origin` (Origin is in the cache key).
 * Never throws: on any internal error the origin's response goes out unchanged.
 */
import type { CloudFrontHeaders, CloudFrontResponseEvent, CloudFrontResultResponse } from 'aws-lambda';
import type { EdgeConfig } from './edge-config.ts';
import { isOriginAllowed } from './origin-match.ts';

/** What the assets host sends for remote config; the main host sends nothing, and browsers then guess. */
export const CONFIG_CACHE_CONTROL = 'public, max-age=300';
/** Versioned assets never change under their URL. */
export const VERSIONED_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** Unversioned assets (`/static/array.js`) change with every SDK release: keep them short. */
export const UNVERSIONED_DEFAULT_CACHE_CONTROL = 'public, max-age=300';

const REMOTE_CONFIG = /^\/array\/[A-Za-z0-9_-]{1,200}\/config(\.js)?$/;
const VERSIONED_STATIC = /^\/static\/v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?\//;

function first(headers: CloudFrontHeaders, name: string): string | null {
  const h = headers[name];
  return h && h.length > 0 && typeof h[0].value === 'string' ? h[0].value : null;
}

function set(headers: CloudFrontHeaders, key: string, value: string): void {
  headers[key.toLowerCase()] = [{ key: key, value: value }];
}

/** The Cache-Control this response should carry, or null to keep what the origin sent. */
export function cacheControlFor(path: string, status: number, current: string | null): string | null {
  if (status < 200 || status > 299) return null;
  if (REMOTE_CONFIG.test(path)) return current === null ? CONFIG_CACHE_CONTROL : null;
  if (VERSIONED_STATIC.test(path)) {
    return current !== null && /no-store|private|no-cache/i.test(current) ? null : VERSIONED_CACHE_CONTROL;
  }
  if (path.indexOf('/static/') === 0) return current === null ? UNVERSIONED_DEFAULT_CACHE_CONTROL : null;
  return null;
}

function withVaryOrigin(vary: string | null): string {
  if (vary === null || vary.trim() === '') return 'Origin';
  if (vary.trim() === '*' || /(^|,)\s*origin\s*(,|$)/i.test(vary)) return vary;
  return vary + ', Origin';
}

function rewrite(event: CloudFrontResponseEvent, config: EdgeConfig): CloudFrontResultResponse {
  const cf = event.Records[0].cf;
  const response = cf.response;
  const headers: CloudFrontHeaders = Object.assign({}, response.headers);
  const cacheControl = cacheControlFor(cf.request.uri, +response.status, first(headers, 'cache-control'));
  if (cacheControl !== null) set(headers, 'Cache-Control', cacheControl);

  const origin = first(cf.request.headers, 'origin');
  delete headers['access-control-allow-origin'];
  delete headers['access-control-allow-credentials'];
  // `*` is no origin to echo: next to credentials it is invalid CORS (and it would be cached for every viewer).
  if (origin !== null && origin !== '*' && isOriginAllowed(config.origins, origin)) {
    set(headers, 'Access-Control-Allow-Origin', origin);
    set(headers, 'Access-Control-Allow-Credentials', 'true');
  }
  set(headers, 'Vary', withVaryOrigin(first(headers, 'vary')));
  return Object.assign({}, response, { headers: headers });
}

export function handleOriginResponse(event: CloudFrontResponseEvent, config: EdgeConfig): CloudFrontResultResponse {
  try {
    return rewrite(event, config);
  } catch (e) {
    return event.Records[0].cf.response;
  }
}
