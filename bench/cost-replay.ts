/**
 * Replays the traffic mix through the local edge (the built functions, the deployed layout, the cache)
 * against the mock PostHog, over real HTTP on 127.0.0.1 with autocannon, with a simulated clock so cached
 * objects expire between page views as they would on a small site. Reads the edge's counters from
 * /__edge/counters and checks the mock received every event sent.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { brotliCompressSync, gunzipSync } from 'node:zlib';
import { ROOT } from '../src/build/build-functions.ts';
import { loadConfig } from '../src/config/load-config.ts';
import { distributionLayout } from '../src/distribution/distribution-layout.ts';
import { createEdge } from '../src/local-edge/create-edge.ts';
import type { EdgeCounters } from '../src/local-edge/edge-counters.ts';
import { loadBuiltFunctions } from '../src/local-edge/load-built-functions.ts';
import { serve } from '../src/node-http/node-server.ts';
import { createNodeUpstream } from '../src/node-http/node-upstream-fetch.ts';
import type { UpstreamMap } from '../src/local-edge/upstream-map.ts';
import { startMockPostHog } from '../src/node-http/start-mock.ts';
import { posthogJsDist } from '../src/mock-posthog/static-files.ts';
import type { ReplayUsage } from './cost-model.ts';
import { mixTotals, type PageView, type ReplayRequest } from './traffic-mix.ts';

/**
 * Response header bytes per response, added to the bodies the edge counts: CloudFront bills headers as
 * transfer too (date, content-type, via, x-cache, x-amz-cf-pop, x-amz-cf-id, CORS, cache-control...).
 */
export const RESPONSE_HEADER_BYTES = 450;

export interface ReplayResult {
  counters: EdgeCounters;
  usage: ReplayUsage;
  totals: ReturnType<typeof mixTotals>;
  /** Analytics events the mock PostHog decoded (checked equal, event by event, to what was sent). */
  eventsReceived: number;
  /** Brotli bytes / raw bytes of the posthog-js files the mix loads: CloudFront compresses them for browsers. */
  staticCompression: number;
  /** From the first request sent to the last response read. */
  wallMs: number;
  /** autocannon's figures: the replay itself (1 connection), and a timed run with several connections. */
  http: { replay: HttpRun; load: HttpRun | null };
}

/** What CloudFront's automatic compression makes of the scripts: the real files, brotli as browsers accept it. */
export function staticCompressionRatio(views: PageView[]): number {
  const dist = posthogJsDist().dir;
  let raw = 0;
  let compressed = 0;
  const sizes = new Map<string, [number, number]>();
  for (const v of views) {
    for (const r of v.requests) {
      const m = /^\/static\/([A-Za-z0-9._-]+\.js)/.exec(r.target);
      if (!m) continue;
      let size = sizes.get(m[1]);
      if (!size) {
        const bytes = readFileSync(join(dist, m[1]));
        size = [bytes.length, brotliCompressSync(bytes).length];
        sizes.set(m[1], size);
      }
      raw += size[0];
      compressed += size[1];
    }
  }
  return raw === 0 ? 1 : compressed / raw;
}

/** What autocannon measured of one run through the local edge: orientation only, never CloudFront's speed. */
export interface HttpRun {
  connections: number;
  /** Responses received. */
  requests: number;
  /** autocannon's run length in seconds (it stops on the sampling tick after the last response). */
  seconds: number;
  errors: number;
  /** autocannon's mean of its per-second samples (meaningful for a timed run, whose samples are whole seconds). */
  requestsPerSecond: number;
  bytesPerSecond: number;
  latencyMs: { p50: number; p97_5: number; p99: number; max: number };
}

function httpRun(result: autocannon.Result, connections: number): HttpRun {
  const l = result.latency;
  return {
    connections,
    requests: result.requests.total,
    seconds: result.duration,
    errors: result.errors,
    requestsPerSecond: result.requests.average,
    bytesPerSecond: result.throughput.average,
    latencyMs: { p50: l.p50, p97_5: l.p97_5, p99: l.p99, max: l.max },
  };
}

/** One mix request as autocannon sends it: same method, path and query, headers and body bytes. */
function cannonRequest(r: ReplayRequest): autocannon.Request {
  return {
    method: r.method,
    path: r.target,
    headers: { ...r.headers },
    ...(r.body === null ? {} : { body: Buffer.from(r.body.buffer, r.body.byteOffset, r.body.byteLength) }),
  };
}

/** The analytics events a mix sends, decoded from the gzip bodies themselves, as "event uuid" sorted. */
function eventsSent(views: PageView[]): string[] {
  const out: string[] = [];
  for (const v of views) {
    for (const r of v.requests) {
      if (r.events === 0 || r.body === null) continue;
      const batch = JSON.parse(gunzipSync(r.body).toString('utf8')) as { event: string; uuid?: string }[];
      for (const e of batch) if (e.event !== '$snapshot') out.push(`${e.event} ${e.uuid ?? ''}`);
    }
  }
  return out.sort();
}

export interface ReplayOptions {
  /** Seconds of the extra timed autocannon run (several connections) after the replay; 0 to skip it. */
  loadSeconds: number;
  loadConnections: number;
}

export const DEFAULT_REPLAY_OPTIONS: ReplayOptions = { loadSeconds: 3, loadConnections: 10 };

/**
 * The replay is one autocannon run over one keep-alive connection with pipelining 1, the mix's requests in
 * order as its `requests` array and `amount` set to their number, so each is sent exactly once, after the
 * previous response has been read in full. The first request of each page view carries a `setupRequest`
 * that moves the simulated clock to that page view's time: autocannon calls it when it builds the request,
 * just before sending it, so the clock advances between page views exactly as the mix says.
 */
export async function replayThroughLocalEdge(views: PageView[], options: ReplayOptions = DEFAULT_REPLAY_OPTIONS): Promise<ReplayResult> {
  const config = loadConfig(join(ROOT, 'posthog-proxy.config.json'));
  const layout = distributionLayout(config);
  const functions = await loadBuiltFunctions(join(ROOT, 'dist'));
  const mock = await startMockPostHog({ host: '127.0.0.1' });
  const upstreams: UpstreamMap = {};
  for (const o of layout.origins) {
    const port = o.upstream === 'assets' && o.domainName !== config.apiHost ? mock.assetsPort : mock.mainPort;
    upstreams[o.domainName.toLowerCase()] = { protocol: 'http', address: '127.0.0.1', port };
  }
  const connection = createNodeUpstream();
  let clock = Date.UTC(2026, 10, 21, 12);
  const edge = createEdge({ layout, viewerRequest: functions.viewerRequest, originResponse: functions.originResponse, upstreams, upstreamFetch: connection.fetch, now: () => clock });
  const server = await serve(edge.fetch, { host: '127.0.0.1', port: 0 });
  try {
    await fetch(`${server.url}/__edge/reset`, { method: 'POST' });
    mock.posthog.reset();
    const totals = mixTotals(views);
    const start = clock;
    const failures: string[] = [];
    let responses = 0;
    let lastResponseAt = 0;
    const requests: autocannon.Request[] = views.flatMap((view) =>
      view.requests.map((r, i) => ({
        ...cannonRequest(r),
        ...(i === 0 ? { setupRequest: (data: autocannon.RequestData) => ((clock = start + view.at * 1000), data) } : {}),
        onResponse: (status: number) => {
          responses++;
          lastResponseAt = performance.now();
          if (status >= 400) failures.push(`${r.method} ${r.target} answered ${status}`);
        },
      })),
    );
    const started = performance.now();
    const replay = await autocannon({ url: server.url, connections: 1, pipelining: 1, amount: requests.length, timeout: 30, requests });
    const wallMs = lastResponseAt - started;
    if (failures.length > 0) throw new Error(`replay: ${failures.length} requests failed, first: ${failures[0]}`);
    if (replay.errors > 0 || replay.timeouts > 0 || replay.resets > 0) throw new Error(`replay: autocannon saw ${replay.errors} errors, ${replay.timeouts} timeouts, ${replay.resets} resets`);
    if (responses !== totals.requests || replay.requests.total !== totals.requests) throw new Error(`replay: ${responses} responses (autocannon counted ${replay.requests.total}) for the ${totals.requests} requests of the mix`);

    const counters = (await (await fetch(`${server.url}/__edge/counters`)).json()) as EdgeCounters;
    if (counters.requests !== totals.requests) throw new Error(`replay: the edge counted ${counters.requests} requests, the mix has ${totals.requests}`);
    const received = mock.posthog.received().events.filter((e) => e.event !== '$snapshot');
    const sent = eventsSent(views);
    const got = received.map((e) => `${e.event} ${e.uuid ?? ''}`).sort();
    if (sent.length !== totals.events || got.join('\n') !== sent.join('\n')) throw new Error(`replay: the mock received ${got.length} events, not the ${sent.length} sent (or not the same ones)`);
    const eventsReceived = received.length;
    const staticCompression = staticCompressionRatio(views);
    const staticBytes = counters.behaviors['/static/*']?.bytesOut ?? 0;
    const usage: ReplayUsage = {
      requests: counters.requests,
      functionInvocations: counters.functionInvocations,
      lambdaInvocations: counters.lambdaInvocations,
      bytesToViewers: counters.bytesOut - staticBytes + Math.round(staticBytes * staticCompression) + counters.requests * RESPONSE_HEADER_BYTES,
      bytesToOrigin: counters.bytesIn,
      events: totals.events,
    };

    // Orientation only, after the counters are read: the same requests, several connections at once for a
    // fixed time, the clock standing still (so mostly cache hits for the scripts).
    let load: HttpRun | null = null;
    if (options.loadSeconds > 0) {
      const all = views.flatMap((v) => v.requests.map(cannonRequest));
      load = httpRun(await autocannon({ url: server.url, connections: options.loadConnections, pipelining: 1, duration: options.loadSeconds, timeout: 30, requests: all }), options.loadConnections);
    }
    return { counters, usage, totals, eventsReceived, staticCompression, wallMs, http: { replay: httpRun(replay, 1), load } };
  } finally {
    await server.close();
    connection.close();
    await mock.close();
  }
}
