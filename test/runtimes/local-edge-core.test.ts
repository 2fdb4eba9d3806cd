// The local edge's Web-standard core under Node (vitest), Bun and Deno: the built functions of the default
// variant, the cache and the Lambda@Edge, in front of the mock PostHog's handlers called in-process (no
// sockets, so Deno needs no --allow-net). Bun.serve / Deno.serve take the same `fetch` as a server.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { distributionLayout } from '../../src/distribution/distribution-layout.ts';
import { validateConfig } from '../../src/config/validate-config.ts';
import { createEdge, type UpstreamFetch } from '../../src/local-edge/create-edge.ts';
import { createMockPostHog } from '../../src/mock-posthog/mock-posthog.ts';
import { staticFiles } from '../../src/mock-posthog/static-files.ts';
import { loadCloudFrontFunction } from '../../src/runtime/cloudfront-function-runtime.ts';
import { loadLambdaHandler } from '../../src/runtime/lambda-edge-runtime.ts';
import { readBuilt, TEST_BUILD } from '../support/fixtures.ts';
import { RUNTIME } from './runtime-name.ts';

async function edgeOverMock() {
  const mock = createMockPostHog(staticFiles());
  const hosts: Record<string, 'main' | 'assets'> = { 'us.i.posthog.com': 'main', 'us-assets.i.posthog.com': 'assets' };
  // The mock's handlers stand in for the network; the Host header tells them which PostHog host was asked.
  const upstreamFetch: UpstreamFetch = (target, request) => {
    const host = request.headers.find(([n]) => n === 'host')![1];
    const init: RequestInit = { method: request.method, headers: request.headers, body: request.body };
    if (request.body) (init as { duplex?: string }).duplex = 'half';
    return mock[hosts[host]](new Request(`http://${target.address}${request.target}`, init));
  };
  const edge = createEdge({
    layout: distributionLayout(validateConfig({ region: 'us' })),
    viewerRequest: loadCloudFrontFunction(readBuilt('default', 'viewer-request.js')),
    originResponse: await loadLambdaHandler(join(TEST_BUILD, 'default', 'origin-response.mjs')),
    upstreams: {
      'us.i.posthog.com': { protocol: 'http', address: 'main.mock', port: 80 },
      'us-assets.i.posthog.com': { protocol: 'http', address: 'assets.mock', port: 80 },
    },
    upstreamFetch,
  });
  return { edge, mock };
}

describe(`local edge core under ${RUNTIME}`, () => {
  it('serves remote config from the assets host with max-age=300, then from its cache', async () => {
    const { edge, mock } = await edgeOverMock();
    const first = await edge.fetch(new Request('http://edge.test/array/phc_k7DemoToken/config.js'), { clientIp: '198.51.100.4' });
    await first.text();
    const second = await edge.fetch(new Request('http://edge.test/array/phc_k7DemoToken/config.js'), { clientIp: '198.51.100.4' });
    expect((await second.text()).length > 100).toBe(true);
    expect(first.headers.get('cache-control')).toBe('public, max-age=300');
    expect([first.headers.get('x-cache'), second.headers.get('x-cache')]).toEqual(['Miss from cloudfront', 'Hit from cloudfront']);
    expect(mock.received().requests.map((r) => r.host)).toEqual(['us-assets.i.posthog.com']);
    expect(edge.counters.lambdaInvocations).toBe(1);
  });

  it('forwards a capture to the main host with the viewer IP PostHog records', async () => {
    const { edge, mock } = await edgeOverMock();
    const body = JSON.stringify({ event: 'runtime_event', distinct_id: 'd', properties: { runtime: RUNTIME } });
    const response = await edge.fetch(new Request('http://edge.test/e/?ver=1', { method: 'POST', body, headers: { 'content-type': 'application/json', cookie: 's=1' } }), { clientIp: '198.51.100.4' });
    expect(response.status).toBe(200);
    const [event] = mock.received().events;
    expect([event.event, event.host, event.clientIp]).toEqual(['runtime_event', 'us.i.posthog.com', '198.51.100.4']);
    expect(mock.received().requests[0].headers.cookie).toBe(undefined);
  });
});
