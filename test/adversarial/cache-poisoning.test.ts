// Cache poisoning through the local edge: two viewers ask for the same cacheable path, differing in one
// input. Where the input is in the cache key (Origin, Authorization, query) the second viewer must get its
// own answer from the origin; where it is not (cookies, unkeyed headers) it must not reach the origin at all.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../src/node-http/start-local-stack.ts';
import { builtVariant, removeBuiltVariants } from './built-variant.ts';

interface Viewer { origin?: string; authorization?: string; query?: string; cookie?: string; xForwardedHost?: string }
interface CacheCase { name: string; path: string; first: Viewer; second: Viewer; shared?: boolean }

const cases = JSON.parse(readFileSync(new URL('../fixtures/adversarial/cache/cache-keys.json', import.meta.url), 'utf8')) as CacheCase[];

/** An origin that answers cacheably with everything it saw, so a cached answer shows whose request made it. */
const echo = createServer((req, res) => {
  const seen = { url: req.url, origin: req.headers.origin ?? null, authorization: req.headers.authorization ?? null, cookie: req.headers.cookie ?? null, xForwardedHost: req.headers['x-forwarded-host'] ?? null };
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'public, max-age=600' }).end(JSON.stringify(seen));
});
let stack: LocalStack;

beforeAll(async () => {
  await new Promise<void>((done) => echo.listen(0, '127.0.0.1', done));
  const variant = await builtVariant('allowed-origins');
  const target = { protocol: 'http' as const, address: '127.0.0.1', port: (echo.address() as AddressInfo).port };
  stack = await startLocalStack({ config: variant.config, functionsDir: variant.dir, demoPort: null, connectTo: { [variant.config.apiHost]: target, [variant.config.assetsHost]: target } });
});
afterAll(async () => {
  await stack.close();
  await new Promise((done) => echo.close(done));
  await removeBuiltVariants();
});

async function get(path: string, v: Viewer): Promise<{ body: Record<string, unknown>; acao: string | null; xCache: string | null }> {
  const headers: Record<string, string> = {};
  if (v.origin) headers.origin = v.origin;
  if (v.authorization) headers.authorization = v.authorization;
  if (v.cookie) headers.cookie = v.cookie;
  if (v.xForwardedHost) headers['x-forwarded-host'] = v.xForwardedHost;
  const response = await fetch(`${stack.edgeUrl}${path}${v.query ? `?${v.query}` : ''}`, { headers });
  return { body: (await response.json()) as Record<string, unknown>, acao: response.headers.get('access-control-allow-origin'), xCache: response.headers.get('x-cache') };
}

describe('cache keys through the local edge', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    // Prepare
    stack.edge.cache.clear();
    await get(c.path, c.first);
    // Act
    const second = await get(c.path, c.second);
    // Assess
    if (c.shared) {
      expect(second.xCache).toBe('Hit from cloudfront');
      expect(second.body).toMatchObject({ cookie: null, xForwardedHost: null });
    } else {
      expect(second.xCache).toBe('Miss from cloudfront');
      expect(second.body).toMatchObject({ origin: c.second.origin ?? null, authorization: c.second.authorization ?? null });
      expect(second.body.url).toBe(`${c.path}${c.second.query ? `?${c.second.query}` : ''}`);
      expect(second.acao).toBe(c.second.origin ?? null);
    }
  });
});
