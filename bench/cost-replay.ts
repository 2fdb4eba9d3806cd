/**
 * Replays the traffic mix through the local edge (the built functions, the deployed layout, the cache)
 * against the mock PostHog, over real HTTP on 127.0.0.1, with a simulated clock so cached objects expire
 * between page views as they would on a small site. Reads the edge's counters from /__edge/counters.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { ROOT } from '../src/build/build-functions.ts';
import { loadConfig } from '../src/config/load-config.ts';
import { distributionLayout } from '../src/distribution/distribution-layout.ts';
import { createEdge } from '../src/local-edge/create-edge.ts';
import type { EdgeCounters } from '../src/local-edge/edge-counters.ts';
import { loadBuiltFunctions } from '../src/local-edge/load-built-functions.ts';
import { serve } from '../src/local-edge/node-server.ts';
import { createNodeUpstream } from '../src/local-edge/node-upstream-fetch.ts';
import type { UpstreamMap } from '../src/local-edge/upstream-map.ts';
import { startMockPostHog } from '../src/mock-posthog/start-mock.ts';
import { posthogJsDist } from '../src/mock-posthog/static-files.ts';
import type { ReplayUsage } from './cost-model.ts';
import { mixTotals, type PageView } from './traffic-mix.ts';

/**
 * Response header bytes per response, added to the bodies the edge counts: CloudFront bills headers as
 * transfer too (date, content-type, via, x-cache, x-amz-cf-pop, x-amz-cf-id, CORS, cache-control...).
 */
export const RESPONSE_HEADER_BYTES = 450;

export interface ReplayResult {
  counters: EdgeCounters;
  usage: ReplayUsage;
  totals: ReturnType<typeof mixTotals>;
  /** Analytics events the mock PostHog decoded (must equal what was sent). */
  eventsReceived: number;
  /** Brotli bytes / raw bytes of the posthog-js files the mix loads: CloudFront compresses them for browsers. */
  staticCompression: number;
  wallMs: number;
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

export async function replayThroughLocalEdge(views: PageView[]): Promise<ReplayResult> {
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
    const start = clock;
    const started = performance.now();
    for (const view of views) {
      clock = start + view.at * 1000;
      for (const r of view.requests) {
        const response = await fetch(server.url + r.target, { method: r.method, headers: r.headers, body: r.body === null ? undefined : (r.body as BodyInit) });
        await response.arrayBuffer();
        if (response.status >= 400) throw new Error(`${r.method} ${r.target} answered ${response.status}`);
      }
    }
    const wallMs = performance.now() - started;
    const counters = (await (await fetch(`${server.url}/__edge/counters`)).json()) as EdgeCounters;
    const totals = mixTotals(views);
    const eventsReceived = mock.posthog.received().events.filter((e) => e.event !== '$snapshot').length;
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
    return { counters, usage, totals, eventsReceived, staticCompression, wallMs };
  } finally {
    await server.close();
    connection.close();
    await mock.close();
  }
}
