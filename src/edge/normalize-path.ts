/**
 * Path normalisation for the viewer-request function: collapse duplicate slashes, resolve `.` and `..`
 * segments (plain and percent-encoded) without ever climbing above the root, keep a trailing slash as it
 * came. Encoded separators, NUL and malformed escapes are refused: PostHog paths never contain them, and an
 * origin that decodes `%2F` would otherwise see a different path than the route table did.
 */

import { BAD_PATH } from './edge-messages.ts';

export type NormalizedPath = { ok: true; path: string } | { ok: false; reason: string };

const FORBIDDEN = /%(?![0-9a-fA-F]{2})|%2[fF]|%5[cC]|%00|\\|[\x00-\x20\x7f]/;
const DOT = /^(\.|%2[eE])$/;
const DOT_DOT = /^(\.|%2[eE])(\.|%2[eE])$/;
/** Nearly every real path: unreserved characters only, so no escapes, no separators to decode. */
const PLAIN = /^[\/A-Za-z0-9_.~-]*$/;

export function normalizePath(uri: string): NormalizedPath {
  if (typeof uri !== 'string' || uri.charAt(0) !== '/') return { ok: false, reason: BAD_PATH };
  // Fast path, as the function runs interpreted on every request: a plain path without empty or dot
  // segments is already normal.
  if (uri.indexOf('//') === -1 && uri.indexOf('/.') === -1 && PLAIN.test(uri)) return { ok: true, path: uri };
  if (FORBIDDEN.test(uri)) return { ok: false, reason: BAD_PATH };
  const segments = uri.split('/');
  const out: string[] = [];
  let trailing = false;
  for (let i = 1; i < segments.length; i++) {
    const s = segments[i];
    const last = i === segments.length - 1;
    if (s === '' || DOT.test(s)) {
      trailing = last;
      continue;
    }
    if (DOT_DOT.test(s)) {
      out.pop();
      trailing = last;
      continue;
    }
    out.push(s);
    trailing = false;
  }
  const path = '/' + out.join('/');
  return { ok: true, path: trailing && out.length > 0 ? path + '/' : path };
}

/**
 * Strips the configured prefix exactly once, on a segment boundary. Returns null when the path is not
 * under the prefix (`/k7x2e` is not under `/k7x2`).
 */
export function stripPrefix(path: string, prefix: string): string | null {
  if (prefix === '') return path;
  if (path === prefix) return '/';
  if (path.indexOf(prefix + '/') === 0) return path.slice(prefix.length);
  return null;
}
