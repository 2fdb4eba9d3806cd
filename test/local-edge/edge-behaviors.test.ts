/**
 * CloudFront behaviors of the local edge that take more than one request: the cache (hits, TTL expiry,
 * what is never stored, Lambda@Edge only on misses), failures of the functions (503/502), request bodies
 * streamed to the origin, the counters endpoint, and the stale-config bug reproduced and fixed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFunctions } from '../../src/build/build-functions.ts';
import { distributionLayout, type DistributionLayout } from '../../src/distribution/distribution-layout.ts';
import { createEdge } from '../../src/local-edge/create-edge.ts';
import { loadBuiltFunctions } from '../../src/local-edge/load-built-functions.ts';
import { createNodeUpstream } from '../../src/node-http/node-upstream-fetch.ts';
import { startMockPostHog, type RunningMock } from '../../src/node-http/start-mock.ts';
import { loadCloudFrontFunction } from '../../src/runtime/cloudfront-function-runtime.ts';
import { loadLambdaHandler } from '../../src/runtime/lambda-edge-runtime.ts';
import { configVariant, createStacks, fixture, LOCAL_EDGE_FIXTURES } from './local-stacks.ts';

const stacks = createStacks();
const CONFIG_PATH = '/array/phc_k7DemoToken/config.js';
let built: string;
let mock: RunningMock;
const upstream = createNodeUpstream();

beforeAll(async () => {
  built = mkdtempSync(join(tmpdir(), 'edge-behaviors-'));
  await buildFunctions(configVariant('default'), built);
  mock = await startMockPostHog();
});
afterAll(async () => {
  await stacks.closeAll();
  await mock.close();
  upstream.close();
  rmSync(built, { recursive: true, force: true });
});

/** The Web-standard core over the default build, with a clock the test moves. */
async function core(overrides: { viewerRequest?: string | null; originResponse?: string | null } = {}) {
  const functions = await loadBuiltFunctions(built);
  const clock = { ms: 1_000_000 };
  const edge = createEdge({
    layout: distributionLayout(configVariant('default')),
    viewerRequest: overrides.viewerRequest ? loadCloudFrontFunction(readFileSync(join(LOCAL_EDGE_FIXTURES, 'functions', overrides.viewerRequest), 'utf8')) : functions.viewerRequest,
    originResponse: overrides.originResponse ? await loadLambdaHandler(join(LOCAL_EDGE_FIXTURES, 'functions', overrides.originResponse)) : functions.originResponse,
    upstreams: {
      'us.i.posthog.com': { protocol: 'http', address: '127.0.0.1', port: mock.mainPort },
      'us-assets.i.posthog.com': { protocol: 'http', address: '127.0.0.1', port: mock.assetsPort },
    },
    upstreamFetch: upstream.fetch,
    now: () => clock.ms,
  });
  const get = async (path: string, init: RequestInit = {}) => {
    const response = await edge.fetch(new Request(`http://edge.test${path}`, init), { clientIp: '198.51.100.4' });
    return { response, body: await response.text() };
  };
  return { edge, clock, get };
}

describe('cache', () => {
  it('serves remote config from the cache within max-age=300, running the Lambda@Edge only on the miss', async () => {
    // Prepare
    const { edge, get } = await core();
    const init = { headers: { origin: 'https://www.example.com' } };

    // Act
    const first = await get(CONFIG_PATH, init);
    const second = await get(CONFIG_PATH, init);

    // Assess
    expect(first.response.headers.get('x-cache')).toBe('Miss from cloudfront');
    expect(second.response.headers.get('x-cache')).toBe('Hit from cloudfront');
    expect(second.response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(second.response.headers.get('age')).toBe('0');
    expect(second.body).toBe(first.body);
    expect(edge.counters).toMatchObject({ requests: 2, cacheHits: 1, cacheMisses: 1, lambdaInvocations: 1, originRequests: 1, functionInvocations: 2 });
    expect(edge.counters.behaviors['/array/*']).toMatchObject({ cacheHits: 1, lambdaInvocations: 1 });
  });

  it('expires an entry after its TTL', async () => {
    const { clock, get } = await core();
    await get(CONFIG_PATH);
    clock.ms += 299_000;
    expect((await get(CONFIG_PATH)).response.headers.get('x-cache')).toBe('Hit from cloudfront');
    clock.ms += 2_000;
    expect((await get(CONFIG_PATH)).response.headers.get('x-cache')).toBe('Miss from cloudfront');
  });

  it('keys by Origin: another site gets its own copy with its own CORS headers', async () => {
    const { get } = await core();
    await get(CONFIG_PATH, { headers: { origin: 'https://a.example' } });
    const other = await get(CONFIG_PATH, { headers: { origin: 'https://b.example' } });
    expect(other.response.headers.get('x-cache')).toBe('Miss from cloudfront');
    expect(other.response.headers.get('access-control-allow-origin')).toBe('https://b.example');
  });

  it('never caches POSTs nor responses without Cache-Control', async () => {
    const { edge, get } = await core();
    const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"event":"e","distinct_id":"d"}' };
    for (let i = 0; i < 2; i++) expect((await get('/e/', post)).response.headers.get('x-cache')).toBe('Miss from cloudfront');
    for (let i = 0; i < 2; i++) expect((await get('/decide/?v=3')).response.headers.get('x-cache')).toBe('Miss from cloudfront');
    expect(edge.counters).toMatchObject({ cacheHits: 0, cacheMisses: 4, lambdaInvocations: 0, originRequests: 4 });
  });

  it('labels an origin error "Error from cloudfront", as CloudFront does', async () => {
    const { get } = await core();
    const missing = await get('/static/no-such-script.js');
    expect(missing.response.status).toBe(404);
    expect(missing.response.headers.get('x-cache')).toBe('Error from cloudfront');
  });

  it('answers HEAD from the cached GET', async () => {
    const { get } = await core();
    await get('/static/array.js');
    const head = await get('/static/array.js', { method: 'HEAD' });
    expect(head.response.headers.get('x-cache')).toBe('Hit from cloudfront');
    expect(head.body).toBe('');
  });
});

describe('function failures (CloudFront fails closed)', () => {
  interface FailureCase { name: string; viewerRequest: string | null; originResponse: string | null; path: string; status: number }
  it.each(fixture<FailureCase[]>('function-failures.json').map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    // Prepare
    const { edge, get } = await core({ viewerRequest: c.viewerRequest, originResponse: c.originResponse });

    // Act
    const { response } = await get(c.path);

    // Assess
    expect(response.status).toBe(c.status);
    expect(response.headers.get('x-cache')).toBe('Error from cloudfront');
    expect(edge.counters.edgeErrors).toBe(1);
  });
});

describe('request bodies', () => {
  let sink: Server;
  let received: { bytes: number; host: string | undefined };
  let sawFirstBytes: () => void;
  const firstBytes = new Promise<void>((resolve) => (sawFirstBytes = resolve));
  beforeAll(async () => {
    sink = createServer((req, res) => {
      let bytes = 0;
      req.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        sawFirstBytes();
      });
      req.on('end', () => {
        received = { bytes, host: req.headers.host };
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":1}');
      });
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => sink.close(() => resolve())));

  it('streams a 64 MB recording to the origin before the viewer has finished sending it', async () => {
    // Prepare: the viewer holds back all but the first megabyte until the origin has seen bytes, which a
    // buffering proxy never lets happen (the request would hang).
    const port = (sink.address() as AddressInfo).port;
    const stack = await stacks.get('default', { connectTo: { 'us.i.posthog.com': { protocol: 'http', address: '127.0.0.1', port } } }, 'sink');
    const chunk = new Uint8Array(1024 * 1024).fill(120);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent === 1) await firstBytes;
        if (sent === 64) return controller.close();
        sent++;
        controller.enqueue(chunk);
      },
    });

    // Act
    const response = await fetch(`${stack.edgeUrl}/s/?compression=gzip-js`, { method: 'POST', body, headers: { 'content-type': 'text/plain' }, duplex: 'half' } as RequestInit);

    // Assess
    expect(response.status).toBe(200);
    expect(received).toEqual({ bytes: 64 * 1024 * 1024, host: 'us.i.posthog.com' });
    expect(stack.edge.counters.bytesIn).toBe(64 * 1024 * 1024);
  });
});

describe('counters endpoint', () => {
  it('reports and resets the counts as JSON', async () => {
    const stack = await stacks.get('eu');
    await fetch(`${stack.edgeUrl}/__edge/reset`, { method: 'POST' });
    await (await fetch(`${stack.edgeUrl}/static/array.js`)).arrayBuffer();
    const counters = await (await fetch(`${stack.edgeUrl}/__edge/counters`)).json();
    expect(counters).toMatchObject({ requests: 1, cacheMisses: 1, lambdaInvocations: 1, functionInvocations: 1 });
    expect(counters.bytesOut).toBeGreaterThan(10_000);
    expect(counters.behaviors['/static/*'].requests).toBe(1);
    await fetch(`${stack.edgeUrl}/__edge/counters/reset`, { method: 'POST' });
    expect((await (await fetch(`${stack.edgeUrl}/__edge/counters`)).json()).requests).toBe(0);
  });
});

describe('the stale remote config bug PostHog warns about', () => {
  const wrong = fixture<{ layout: DistributionLayout }>('layouts/array-to-main-host.json').layout;
  it.each([
    ['array routed to the main host (test fixture)', wrong, { cacheControl: null, second: 'Miss from cloudfront', host: 'us.i.posthog.com', originRequests: 2 }],
    ['the layout this project deploys', undefined, { cacheControl: 'public, max-age=300', second: 'Hit from cloudfront', host: 'us-assets.i.posthog.com', originRequests: 1 }],
  ] as const)('%s', async (name, layout, expected) => {
    // Prepare
    const stack = await stacks.get('default', { layout: layout as DistributionLayout | undefined }, name);

    // Act
    const first = await fetch(stack.edgeUrl + CONFIG_PATH);
    await first.text();
    const second = await fetch(stack.edgeUrl + CONFIG_PATH);
    await second.text();

    // Assess: without Cache-Control the browser guesses a lifetime (hours, days); with it, five minutes.
    expect(first.headers.get('cache-control')).toBe(expected.cacheControl);
    expect(second.headers.get('x-cache')).toBe(expected.second);
    expect(stack.mock!.posthog.received().requests.map((r) => r.host)).toEqual(Array(expected.originRequests).fill(expected.host));
  });
});
