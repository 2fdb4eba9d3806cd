/**
 * Small broken PostHog hosts that the local edge connects to (via `connectTo`) in place of the mock, for
 * the deliberately broken variants of test/fixtures/verify/variants/. TEST FIXTURES, not product options.
 * Each binds 127.0.0.1 on port 0 and is closed by the caller.
 */
import { serve, type RunningServer } from '../../src/node-http/node-server.ts';
import { createMockPostHog } from '../../src/mock-posthog/mock-posthog.ts';
import { staticFiles } from '../../src/mock-posthog/static-files.ts';

export type BrokenUpstreamKind = 'drops-query' | 'other-region';

function json(status: number, value: unknown, origin: string | null): Response {
  const cors: Record<string, string> = origin ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'Origin' } : {};
  return new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json', ...cors } });
}

/** The main host behind a hop that loses the query string: `/flags?v=2&config=true` arrives as `/flags`. */
function dropsQuery(): (request: Request) => Promise<Response> {
  const posthog = createMockPostHog(staticFiles());
  return async (request) => {
    const url = new URL(request.url);
    url.search = '';
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
    return posthog.main(new Request(url, { method: request.method, headers: request.headers, body }));
  };
}

/**
 * A PostHog host of the other region, where the project does not exist: remote config 404 (as
 * posthog/api/remote_config.py answers an unknown token), flags 401 invalid_api_key, capture accepted (it
 * checks tokens later), the same posthog-js files as any region.
 */
function otherRegion(): (request: Request) => Promise<Response> {
  const posthog = createMockPostHog(staticFiles());
  return async (request) => {
    const { pathname } = new URL(request.url);
    const origin = request.headers.get('origin');
    if (/^\/array\//.test(pathname)) return json(404, { type: 'invalid_request', code: 'not_found', detail: 'Not found.' }, origin);
    if (/^\/(flags|decide)\/?$/.test(pathname)) {
      return json(401, { type: 'authentication_error', code: 'invalid_api_key', detail: 'Project API key invalid. You can find your project API key in your PostHog project settings.' }, origin);
    }
    if (pathname.startsWith('/static/')) return posthog.assets(request);
    return posthog.main(request);
  };
}

export async function startBrokenUpstream(kind: BrokenUpstreamKind): Promise<RunningServer> {
  const handler = kind === 'drops-query' ? dropsQuery() : otherRegion();
  return serve(handler, { host: '127.0.0.1', port: 0 });
}
