/**
 * CloudFront's cache as far as this proxy depends on it: the key (method class, path after the function,
 * every query string, the cache policy's headers, the normalised Accept-Encoding), the TTL from the
 * origin's Cache-Control clamped by the policy's min/default/max, and what is never stored. The clock is
 * passed in so tests can move time.
 */
import type { CachePolicyLayout } from '../distribution/distribution-layout.ts';
import type { CfValueMap } from '../edge/cloudfront-function-types.ts';
import { normalizedAcceptEncoding } from './forward-headers.ts';

/** Status codes CloudFront caches by default (errors use error caching, which this proxy does not tune). */
export const CACHEABLE_STATUSES = [200, 203, 300, 301, 410];

/** GET and HEAD share cached objects; OPTIONS has its own (CloudFront keys OPTIONS separately). */
export function cacheKey(method: string, path: string, rawQuery: string, headers: CfValueMap, policy: CachePolicyLayout): string {
  const parts = [method === 'OPTIONS' ? 'OPTIONS' : 'GET', path, policy.queryStrings === 'all' ? rawQuery : ''];
  for (const name of policy.headers) parts.push(`${name.toLowerCase()}=${headers[name.toLowerCase()]?.value ?? ''}`);
  parts.push(`ae=${normalizedAcceptEncoding(headers['accept-encoding']?.value ?? null, policy) ?? ''}`);
  return JSON.stringify(parts);
}

function directive(cacheControl: string, name: string): number | null {
  const m = new RegExp(`(?:^|,)\\s*${name}\\s*=\\s*"?(\\d+)"?`, 'i').exec(cacheControl);
  return m ? Number(m[1]) : null;
}

/**
 * Seconds CloudFront keeps a response. s-maxage wins over max-age; no-store, no-cache and private mean
 * "do not cache" unless the policy's minimum TTL forces it; no directive means the default TTL.
 */
export function ttlFor(cacheControl: string | null, policy: CachePolicyLayout): number {
  const clamp = (s: number) => Math.min(Math.max(s, policy.minTtl), policy.maxTtl);
  if (cacheControl === null || cacheControl.trim() === '') return clamp(policy.defaultTtl);
  if (/(^|,)\s*(no-store|no-cache|private)\b/i.test(cacheControl)) return policy.minTtl;
  const seconds = directive(cacheControl, 's-maxage') ?? directive(cacheControl, 'max-age');
  return seconds === null ? clamp(policy.defaultTtl) : clamp(seconds);
}

export interface CachedResponse {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: Uint8Array;
  storedAt: number;
  expiresAt: number;
}

export interface EdgeCache {
  get(key: string): CachedResponse | null;
  set(key: string, entry: CachedResponse): void;
  clear(): void;
  readonly size: number;
}

/** An in-memory cache; oldest entries go first once `maxEntries` is reached. */
export function createEdgeCache(now: () => number, maxEntries = 5000): EdgeCache {
  const entries = new Map<string, CachedResponse>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return null;
      if (entry.expiresAt <= now()) {
        entries.delete(key);
        return null;
      }
      return entry;
    },
    set(key, entry) {
      entries.delete(key);
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(key, entry);
    },
    clear() {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
