/**
 * The local edge's pure parts, as tables over fixture files: cache TTLs, behavior choice, `--connect-to`
 * parsing, query strings passed byte for byte, header forwarding, and the mock's capture decoding.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { behaviorFor, CACHE_POLICY, distributionLayout, ORIGIN_REQUEST_POLICY } from '../../src/distribution/distribution-layout.ts';
import { querystringMap, querystringText } from '../../src/local-edge/cf-events.ts';
import { cacheKey, ttlFor } from '../../src/local-edge/edge-cache.ts';
import { originRequestHeaders } from '../../src/local-edge/forward-headers.ts';
import { ConnectToError } from '../../src/local-edge/local-edge-errors.ts';
import { parseConnectTo } from '../../src/local-edge/upstream-map.ts';
import { CaptureDecodeError, decodeCaptureBody } from '../../src/mock-posthog/decode-capture.ts';
import { configVariant, fixture, fixtureRows } from './local-stacks.ts';

interface TtlCase { name: string; cacheControl: string | null; ttl: number }
interface BehaviorCase { config: string; path: string; pattern: string | null | 'none'; lambda: boolean }
interface ConnectToCase { text: string; host?: string; target?: unknown; error?: string }
interface CaptureCase { encoding: string; contentType: string; payload: unknown; events?: string[]; error?: boolean }

describe('cache TTL from Cache-Control and the cache policy', () => {
  it.each(fixture<TtlCase[]>('ttl-cases.json').map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(ttlFor(c.cacheControl, CACHE_POLICY)).toBe(c.ttl);
  });
});

describe('cache key', () => {
  it('differs by Origin and Authorization (cache policy headers) and by query string, not by other headers', () => {
    // Prepare
    const base = { origin: { value: 'https://a.example' }, 'user-agent': { value: 'x' } };
    const key = (headers: Record<string, { value: string }>, query = 'v=1') => cacheKey('GET', '/array/t/config.js', query, headers, CACHE_POLICY);

    // Act + Assess
    expect(key({ ...base, 'user-agent': { value: 'y' } })).toBe(key(base));
    expect(key({ ...base, origin: { value: 'https://b.example' } })).not.toBe(key(base));
    expect(key({ ...base, authorization: { value: 'Bearer x' } })).not.toBe(key(base));
    expect(key(base, 'v=2')).not.toBe(key(base));
    expect(cacheKey('HEAD', '/p', '', {}, CACHE_POLICY)).toBe(cacheKey('GET', '/p', '', {}, CACHE_POLICY));
    expect(cacheKey('OPTIONS', '/p', '', {}, CACHE_POLICY)).not.toBe(cacheKey('GET', '/p', '', {}, CACHE_POLICY));
  });
});

describe('behavior chosen for a viewer path (from the distribution layout)', () => {
  it.each(fixture<BehaviorCase[]>('behavior-cases.json').map((c) => [`${c.config} ${c.path}`, c] as const))('%s', (_name, c) => {
    const behavior = behaviorFor(distributionLayout(configVariant(c.config)), c.path);
    if (c.pattern === 'none') expect(behavior).toBeNull();
    else {
      expect(behavior?.pathPattern).toBe(c.pattern);
      expect(behavior?.originResponse).toBe(c.lambda);
    }
  });
});

describe('--connect-to HOST=ADDR:PORT', () => {
  it.each(fixture<ConnectToCase[]>('connect-to-cases.json').map((c) => [c.text, c] as const))('%s', (_name, c) => {
    if (c.error) expect(() => parseConnectTo(c.text)).toThrow(ConnectToError);
    else expect(parseConnectTo(c.text)).toEqual([c.host, c.target]);
  });
});

describe('query strings', () => {
  it.each(['', 'v=2&config=true', 'a=%2F+b&a=2&a', 'ver=1.449.2&_=1&compression=gzip-js', 'x==y&&z'])('"%s" passes byte for byte when the function leaves it', (raw) => {
    expect(querystringText(querystringMap(raw), raw)).toBe(raw);
  });
  it('is rebuilt when the function changed it', () => {
    const map = querystringMap('a=1&b=2');
    delete map.b;
    expect(querystringText(map, 'a=1&b=2')).toBe('a=1');
  });
});

describe('origin request headers', () => {
  it('carry only policy headers, the origin Host, custom headers, and X-Forwarded-For with the viewer appended', () => {
    // Prepare
    const headers = {
      host: { value: 'www.example.com' }, cookie: { value: 's=1' }, 'x-secret': { value: '1' }, origin: { value: 'https://www.example.com' },
      'x-forwarded-for': { value: '198.51.100.7' }, 'accept-encoding': { value: 'gzip, deflate, br' }, 'x-forwarded-proto': { value: 'http' },
    };

    // Act
    const out = Object.fromEntries(originRequestHeaders({
      headers, cachePolicy: CACHE_POLICY, originRequestPolicy: ORIGIN_REQUEST_POLICY, originDomain: 'us.i.posthog.com',
      viewerIp: '203.0.113.5', requestId: 'id', contentLength: null, customHeaders: { 'X-Forwarded-Proto': 'https' },
    }));

    // Assess
    expect(out.host).toBe('us.i.posthog.com');
    expect(out.cookie).toBeUndefined();
    expect(out['x-secret']).toBeUndefined();
    expect(out.origin).toBe('https://www.example.com');
    expect(out['x-forwarded-for']).toBe('198.51.100.7, 203.0.113.5');
    expect(out['accept-encoding']).toBe('br,gzip');
    expect(out['x-forwarded-proto']).toBe('https');
    expect(out['user-agent']).toBeUndefined(); // forwarded from the viewer by the policy, and this viewer sent none
  });

  // A whitelist forwards only what it lists; CloudFront's own X-Forwarded-For (the viewer IP) always goes.
  it.each([
    ['the proxy policy (lists X-Forwarded-For): the function value stays leftmost', ORIGIN_REQUEST_POLICY.headers, '203.0.113.0, 198.51.100.9'],
    ['a policy without X-Forwarded-For: only the viewer IP', ORIGIN_REQUEST_POLICY.headers.filter((h) => h !== 'X-Forwarded-For'), '198.51.100.9'],
  ])('X-Forwarded-For with %s', (_, listed, expected) => {
    // Act
    const out = Object.fromEntries(originRequestHeaders({
      headers: { 'x-forwarded-for': { value: '203.0.113.0' } }, cachePolicy: CACHE_POLICY, originRequestPolicy: { ...ORIGIN_REQUEST_POLICY, headers: listed },
      originDomain: 'us.i.posthog.com', viewerIp: '198.51.100.9', requestId: 'id', contentLength: null,
    }));
    // Assess
    expect(out['x-forwarded-for']).toBe(expected);
  });
});

function encode(c: CaptureCase): Uint8Array {
  const json = typeof c.payload === 'string' && c.encoding === 'raw' ? c.payload : JSON.stringify(c.payload);
  const b64 = Buffer.from(json).toString('base64');
  switch (c.encoding) {
    case 'gzip': return gzipSync(json);
    case 'form-base64': return new TextEncoder().encode(`data=${encodeURIComponent(b64)}&compression=base64`);
    case 'form-json': return new TextEncoder().encode(`data=${encodeURIComponent(json)}`);
    case 'base64': return new TextEncoder().encode(b64);
    default: return new TextEncoder().encode(json);
  }
}

describe('mock PostHog capture decoding (bytes sniffed like PostHog)', () => {
  it.each(fixtureRows<CaptureCase>('capture-bodies'))('%s', async (_name, c) => {
    const decoding = decodeCaptureBody(encode(c), c.contentType, new URLSearchParams());
    if (c.error) await expect(decoding).rejects.toThrow(CaptureDecodeError);
    else expect((await decoding).map((e) => e.event)).toEqual(c.events);
  });
});
