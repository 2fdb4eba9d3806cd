/**
 * Each of CloudFront's phases in the local edge, alone (src/local-edge/edge-phases.ts): behavior selection,
 * the built viewer-request function, the cache lookup, the origin fetch, the built origin-response
 * Lambda@Edge, and storing. createEdge's own tests (edge-behaviors, edge-http) cover the chain.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate-config.ts';
import { distributionLayout } from '../../src/distribution/distribution-layout.ts';
import { createEdgeCache } from '../../src/local-edge/edge-cache.ts';
import {
  edgeResponseOf, fetchOrigin, isFailure, lookupCache, runOriginResponse, runViewerRequest, selectBehavior, storeResponse,
  type EdgeFailure, type ViewerRequest,
} from '../../src/local-edge/edge-phases.ts';
import { OriginTimeoutError } from '../../src/local-edge/local-edge-errors.ts';
import { loadCloudFrontFunction } from '../../src/runtime/cloudfront-function-runtime.ts';
import { loadLambdaHandler } from '../../src/runtime/lambda-edge-runtime.ts';
import { readBuilt, TEST_BUILD } from '../support/fixtures.ts';

const layout = distributionLayout(validateConfig({ region: 'us' }));
const viewerFn = loadCloudFrontFunction(readBuilt('default', 'viewer-request.js'));
const viewer = (method: string, path: string, headers: Record<string, string> = {}, rawQuery = ''): ViewerRequest => ({ method, path, rawQuery, headers: new Headers(headers), clientIp: '198.51.100.4' });
const behaviorOf = (path: string, method = 'GET') => {
  const s = selectBehavior(layout, path, method);
  if (isFailure(s)) throw new Error(s.message);
  return s.behavior;
};
const main = layout.origins.find((o) => o.domainName === 'us.i.posthog.com')!;
const upstreams = { 'us.i.posthog.com': { protocol: 'http' as const, address: '127.0.0.1', port: 9 } };

describe('phase 1: select behavior', () => {
  it.each([
    ['GET', '/static/array.js', '/static/*', null],
    ['GET', '/array/phc_x/config.js', '/array/*', null],
    ['POST', '/e/', 'default', null],
    ['OPTIONS', '/flags/', 'default', null],
  ] as const)('%s %s: %s', (method, path, name, failure) => {
    const s = selectBehavior(layout, path, method);
    expect(s.name).toBe(name);
    expect(isFailure(s) ? s.failure : null).toBe(failure);
  });

  it('refuses a method the behavior does not allow with 403, naming it', () => {
    const getOnly = { ...layout, behaviors: layout.behaviors.map((b) => ({ ...b, allowedMethods: ['GET', 'HEAD'] })) };
    const s = selectBehavior(getOnly, '/static/array.js', 'POST');
    expect(isFailure(s) && [s.failure, s.message.includes('POST')]).toEqual([403, true]);
  });
});

describe('phase 2: viewer request', () => {
  it('forwards a capture to the main origin with the query string as sent', async () => {
    const r = await runViewerRequest(viewerFn, layout, behaviorOf('/e/', 'POST'), viewer('POST', '/e/', { cookie: 's=1' }, 'ver=1&_=2'));
    expect(!isFailure(r) && r.kind === 'forward' && [r.origin.domainName, r.request.uri, r.query]).toEqual(['us.i.posthog.com', '/e/', 'ver=1&_=2']);
  });

  it('returns the function\'s own answer to a preflight', async () => {
    const r = await runViewerRequest(viewerFn, layout, behaviorOf('/e/', 'OPTIONS'), viewer('OPTIONS', '/e/', { origin: 'https://a.example', 'access-control-request-method': 'POST' }));
    expect(!isFailure(r) && r.kind === 'response' && r.response.status).toBe(204);
  });

  it.each([
    ['a throwing function: 503', 'function handler(e){throw new Error("boom")}', 503],
    ['an unknown origin: 502', 'function handler(e){cf.selectRequestOriginById("nope");return e.request}', 502],
  ] as const)('%s', async (_name, body, status) => {
    const fn = loadCloudFrontFunction(`import cf from "cloudfront";${body}`);
    const r = await runViewerRequest(fn, layout, behaviorOf('/e/', 'POST'), viewer('POST', '/e/'));
    expect(isFailure(r) && r.failure).toBe(status);
  });
});

describe('phase 3 and 6: cache lookup and store', () => {
  it('stores a cacheable answer with its Content-Length, then finds it; POST is never looked up', async () => {
    let clock = 1_000;
    const cache = createEdgeCache(() => clock);
    const behavior = behaviorOf('/array/phc_x/config.js');
    const request = { method: 'GET', uri: '/array/phc_x/config.js', querystring: {}, headers: {}, cookies: {} };
    const miss = lookupCache(cache, layout.cachePolicy, behavior, 'GET', request, '');
    expect([miss.cacheable, miss.hit]).toEqual([true, null]);
    const stored = await storeResponse(cache, layout.cachePolicy, miss, 'GET', { status: 200, statusText: 'OK', headers: [['cache-control', 'public, max-age=300']], body: 'config' }, () => clock);
    expect(stored.headers).toContainEqual(['content-length', '6']);
    clock += 1_000;
    expect(lookupCache(cache, layout.cachePolicy, behavior, 'GET', request, '').hit?.body).toEqual(new TextEncoder().encode('config'));
    expect(lookupCache(cache, layout.cachePolicy, behaviorOf('/e/', 'POST'), 'POST', { ...request, uri: '/e/' }, '')).toMatchObject({ cacheable: false, hit: null });
  });

  it('does not store what Cache-Control forbids or a status CloudFront does not cache', async () => {
    const cache = createEdgeCache(() => 0);
    const lookup = lookupCache(cache, layout.cachePolicy, behaviorOf('/static/a.js'), 'GET', { method: 'GET', uri: '/static/a.js', querystring: {}, headers: {}, cookies: {} }, '');
    await storeResponse(cache, layout.cachePolicy, lookup, 'GET', { status: 200, statusText: 'OK', headers: [['cache-control', 'no-store']], body: 'x' }, () => 0);
    await storeResponse(cache, layout.cachePolicy, lookup, 'GET', { status: 500, statusText: 'Error', headers: [['cache-control', 'max-age=60']], body: 'x' }, () => 0);
    expect(cache.size).toBe(0);
  });
});

describe('phase 4: origin fetch', () => {
  const input = { upstreams, origin: main, method: 'GET', target: '/flags/?v=2', headers: [] as [string, string][], body: null };
  it.each([
    ['an origin address nobody configured: 502', { ...input, upstreams: {} }, () => Promise.resolve(new Response('')), 502],
    ['an origin that times out: 504', input, () => Promise.reject(new OriginTimeoutError('no first byte in 1 s')), 504],
    ['an origin that refuses: 502', input, () => Promise.reject(new Error('ECONNREFUSED')), 502],
  ] as const)('%s', async (_name, i, upstreamFetch, status) => {
    const r = await fetchOrigin({ ...i, upstreamFetch });
    expect(isFailure(r) && (r as EdgeFailure).failure).toBe(status);
  });

  it('sends the request as given and says when it goes out', async () => {
    const sent: string[] = [];
    const r = await fetchOrigin({ ...input, upstreamFetch: async (t, req) => (sent.push(`${t.port} ${req.method} ${req.target}`), new Response('ok')), onSend: () => sent.push('send') });
    expect([sent, !isFailure(r) && r.status]).toEqual([['send', '9 GET /flags/?v=2'], 200]);
  });
});

describe('phase 5: origin response', () => {
  it('the built Lambda@Edge gives remote config its max-age; a throwing one is a 502', async () => {
    const handler = await loadLambdaHandler(join(TEST_BUILD, 'default', 'origin-response.mjs'));
    const request = { method: 'GET', uri: '/array/phc_x/config.js', querystring: {}, headers: {}, cookies: {} };
    const upstream = new Response('{}', { headers: { 'content-type': 'application/javascript' } });
    const r = await runOriginResponse({ handler, request, query: '', originHeaders: [['host', 'us-assets.i.posthog.com']], clientIp: '198.51.100.4', upstream });
    expect(!isFailure(r) && r.headers.find(([n]) => n.toLowerCase() === 'cache-control')?.[1]).toMatch(/max-age=300/);
    const broken = await runOriginResponse({ handler: async () => { throw new Error('boom'); }, request, query: '', originHeaders: [], clientIp: '198.51.100.4', upstream: new Response('x') });
    expect(isFailure(broken) && broken.failure).toBe(502);
    expect(edgeResponseOf(new Response('x', { status: 201 })).status).toBe(201);
  });
});
