/**
 * Starts what `posthog-cloudfront dev` shows: the built functions for a configuration, the mock PostHog,
 * the local edge in front of it and the demo site. Tests start variants of it programmatically: ports 0,
 * their own upstream map, or a layout fixture.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFunctions } from '../build/build-functions.ts';
import type { ProxyConfig } from '../config/proxy-config.ts';
import { createDemoSite } from '../demo-site/demo-site.ts';
import { distributionLayout, type DistributionLayout } from '../distribution/distribution-layout.ts';
import { startMockPostHog, type RunningMock } from './start-mock.ts';
import { createEdge, type LocalEdge } from '../local-edge/create-edge.ts';
import { loadBuiltFunctions } from '../local-edge/load-built-functions.ts';
import { createNodeUpstream } from './node-upstream-fetch.ts';
import { serve, type RunningServer } from './node-server.ts';
import { realHosts, type UpstreamMap } from '../local-edge/upstream-map.ts';

export interface LocalStackOptions {
  config: ProxyConfig;
  /** Replaces `distributionLayout(config)`: for test fixtures such as a deliberately wrong routing. */
  layout?: DistributionLayout;
  /** Built functions to run; default: build them for `config` into a fresh temporary folder. */
  functionsDir?: string;
  host?: string;
  /** 0 picks an ephemeral port. */
  edgePort?: number;
  /** null: no demo site. */
  demoPort?: number | null;
  /** The tokens the mock PostHog knows (dev: DEV_TOKENS); absent: every token. */
  knownTokens?: readonly string[];
  /** 'mock' (default) starts the embedded PostHog; 'posthog' connects to the real HTTPS hosts. */
  upstream?: 'mock' | 'posthog';
  /** Per origin domain overrides (`--connect-to`), applied last. */
  connectTo?: UpstreamMap;
  /** CloudFront's origin response timeout in ms (default 30 s); tests of slow origins set a small one. */
  originResponseTimeoutMs?: number;
}

export interface LocalStack {
  edge: LocalEdge;
  edgeUrl: string;
  /** The SDK's api_host: the edge URL plus the path prefix. */
  apiHost: string;
  demoUrl: string | null;
  mock: RunningMock | null;
  layout: DistributionLayout;
  upstreams: UpstreamMap;
  close(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const { config } = options;
  const host = options.host ?? '127.0.0.1';
  const layout = options.layout ?? distributionLayout(config);
  const closers: (() => Promise<void> | void)[] = [];
  const close = async () => {
    for (const c of closers.reverse()) await c();
  };
  try {
    let dir = options.functionsDir;
    if (dir === undefined) {
      const built = mkdtempSync(join(tmpdir(), 'posthog-local-edge-'));
      closers.push(() => rmSync(built, { recursive: true, force: true }));
      await buildFunctions(config, built);
      dir = built;
    }
    const functions = await loadBuiltFunctions(dir);

    const domains = [...new Set(layout.origins.map((o) => o.domainName.toLowerCase()))];
    let mock: RunningMock | null = null;
    let upstreams: UpstreamMap = {};
    if ((options.upstream ?? 'mock') === 'mock') {
      mock = await startMockPostHog({ host, ...(options.knownTokens ? { knownTokens: options.knownTokens } : {}) });
      closers.push(() => mock!.close());
      // Each origin goes to the mock host of its role; a self-hosted single host is the main mock.
      for (const o of layout.origins) {
        const port = o.upstream === 'assets' && o.domainName !== config.apiHost ? mock.assetsPort : mock.mainPort;
        upstreams[o.domainName.toLowerCase()] = { protocol: 'http', address: host, port };
      }
    } else upstreams = realHosts(domains);
    upstreams = { ...upstreams, ...(options.connectTo ?? {}) };

    const connection = createNodeUpstream({ responseTimeoutMs: options.originResponseTimeoutMs });
    closers.push(() => connection.close());
    const edge = createEdge({ layout, viewerRequest: functions.viewerRequest, originResponse: functions.originResponse, upstreams, upstreamFetch: connection.fetch });
    const edgeServer: RunningServer = await serve(edge.fetch, { host, port: options.edgePort ?? 0 });
    closers.push(() => edgeServer.close());
    const apiHost = edgeServer.url + config.pathPrefix;

    let demoUrl: string | null = null;
    if (options.demoPort !== null) {
      const site = createDemoSite({
        apiHost,
        uiHost: config.uiHost,
        received: mock ? () => mock!.posthog.received() : null,
        reset: mock ? () => mock!.posthog.reset() : null,
        counters: () => edge.counters,
      });
      const demo = await serve(site, { host, port: options.demoPort ?? 0 });
      closers.push(() => demo.close());
      demoUrl = demo.url;
    }
    return { edge, edgeUrl: edgeServer.url, apiHost, demoUrl, mock, layout, upstreams, close };
  } catch (error) {
    await close();
    throw error;
  }
}
