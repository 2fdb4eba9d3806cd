/**
 * An embedded PostHog: the main host and the assets host as two distinct upstreams, so a request that
 * reaches the wrong one is visible. The assets host serves the real posthog-js files and remote config with
 * `Cache-Control: public, max-age=300`; the main host answers `/array/...` too, without Cache-Control,
 * like the real one. Capture endpoints decode and record each event; /flags and /decide answer plausibly;
 * CORS mirrors the Origin as PostHog does. Received events: `/__mock/` (page) and `/__mock/events` (JSON).
 */
import { CAPTURE_OK, flagsAnswer, remoteConfig, remoteConfigScript } from './posthog-answers.ts';
import { CaptureDecodeError, decodeCaptureBody, decodePayload } from './decode-capture.ts';
import { receivedPage } from './received-page.ts';
import type { StaticFiles } from './static-files.ts';

export type MockHost = 'main' | 'assets';

export interface ReceivedEvent {
  uuid: string | null;
  event: string;
  distinctId: string | null;
  properties: Record<string, unknown>;
  endpoint: string;
  upstream: MockHost;
  /** The Host header the request arrived with (the origin domain the edge chose). */
  host: string;
  /** The IP PostHog would record: the leftmost X-Forwarded-For entry, else the peer. */
  clientIp: string;
  xForwardedFor: string | null;
  receivedAt: string;
}

export interface ReceivedRequest {
  upstream: MockHost;
  host: string;
  method: string;
  path: string;
  query: string;
  status: number;
  cacheControl: string | null;
  origin: string | null;
  clientIp: string;
  xForwardedFor: string | null;
  /** Headers as received, to check what the edge forwards. */
  headers: Record<string, string>;
  bodyBytes: number;
  at: string;
}

export interface Received {
  events: ReceivedEvent[];
  requests: ReceivedRequest[];
}

export interface MockPostHog {
  main(request: Request, info?: { clientIp?: string }): Promise<Response>;
  assets(request: Request, info?: { clientIp?: string }): Promise<Response>;
  received(): Received;
  reset(): void;
}

export const CONFIG_CACHE_CONTROL = 'public, max-age=300';
const CAPTURE = /^\/(e|i\/v0\/e|batch|capture|track|engage|s)\/?$/;
const FLAGS = /^\/(flags|decide)\/?$/;
const REMOTE_CONFIG = /^\/array\/([A-Za-z0-9_-]{1,200})\/config(\.js)?$/;
const MAX_EVENTS = 2000;

/** PostHog's CORS: mirror the Origin with credentials, else nothing. */
function corsHeaders(request: Request): Record<string, string> {
  const origin = request.headers.get('origin');
  return origin ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'Origin' } : {};
}

function json(request: Request, status: number, value: unknown, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json', ...corsHeaders(request), ...extra } });
}

function leftmost(xff: string | null, peer: string | undefined): string {
  const first = xff?.split(',')[0]?.trim();
  return first || (peer ?? '').replace(/^::ffff:(?=\d)/, '') || 'unknown';
}

/** The tokens `dev`'s mock knows: the demo site's and the one the README's curl lines use. */
export const DEV_TOKENS = ['phc_local_demo_token', 'phc_test'] as const;

/** PostHog's answer to flags with a token it does not know (401, authentication_error). */
const INVALID_KEY = { type: 'authentication_error', code: 'invalid_api_key', detail: 'Project API key invalid. You can find your project API key in PostHog project settings.' };

/**
 * `knownTokens`: the project tokens this mock PostHog has, so a wrong token can be rehearsed locally
 * (remote config 404, flags 401, as PostHog answers). Absent: every token is known (the tests' default).
 * Capture (`/e/`, `/batch/`, `/i/v0/e/`, `/s/`) accepts any well-shaped token with 200, as PostHog's does: it
 * drops events of unknown projects downstream (PostHog/posthog#54670 lists the three answers).
 */
export function createMockPostHog(files: StaticFiles, options: { knownTokens?: readonly string[] } = {}): MockPostHog {
  const known = (token: unknown) => options.knownTokens === undefined || (typeof token === 'string' && options.knownTokens.includes(token));
  let events: ReceivedEvent[] = [];
  let requests: ReceivedRequest[] = [];

  async function answer(upstream: MockHost, request: Request, path: string, query: URLSearchParams, body: Uint8Array, clientIp: string): Promise<Response> {
    if (request.method === 'OPTIONS') {
      return new Response(null, {
        status: 200,
        headers: {
          ...corsHeaders(request),
          'access-control-allow-methods': 'GET, POST, OPTIONS',
          'access-control-allow-headers': request.headers.get('access-control-request-headers') ?? '*',
          'access-control-max-age': '86400',
        },
      });
    }
    const config = REMOTE_CONFIG.exec(path);
    if (config && (request.method === 'GET' || request.method === 'HEAD')) {
      // The real main host answers remote config too, but strips Cache-Control: the bug this project fixes.
      const cache: Record<string, string> = upstream === 'assets' ? { 'cache-control': CONFIG_CACHE_CONTROL, vary: 'Origin, Referer' } : {};
      if (!known(config[1])) return json(request, 404, { type: 'invalid_request', code: 'not_found', detail: 'Not found.' });
      if (config[2]) return new Response(remoteConfigScript(config[1]), { headers: { 'content-type': 'application/javascript', ...corsHeaders(request), ...cache } });
      return json(request, 200, remoteConfig(config[1]), cache);
    }
    if (path.startsWith('/static/')) {
      const bytes = files.read(path);
      if (bytes === null) return json(request, 404, { type: 'invalid_request', code: 'not_found', detail: `no posthog-js file at ${path}` });
      const headers: Record<string, string> = { 'content-type': 'application/javascript', 'access-control-allow-origin': '*' };
      return new Response(request.method === 'HEAD' ? null : bytes.slice(), { headers });
    }
    if (upstream === 'assets') return json(request, 404, { type: 'invalid_request', code: 'not_found', detail: `the assets host serves /static/ and /array/ only, not ${path}` });
    if (FLAGS.test(path) && options.knownTokens !== undefined) {
      const payload = (await decodePayload(body, request.headers.get('content-type'), query).catch(() => null)) as { token?: unknown; api_key?: unknown } | null;
      const token = payload?.token ?? payload?.api_key ?? query.get('token');
      if (!known(token)) return json(request, 401, INVALID_KEY);
    }
    if (FLAGS.test(path)) return json(request, 200, flagsAnswer(query.get('config') === 'true' || path.startsWith('/decide')));
    if (CAPTURE.test(path)) {
      let decoded;
      try {
        decoded = await decodeCaptureBody(body, request.headers.get('content-type'), query);
      } catch (error) {
        if (!(error instanceof CaptureDecodeError)) throw error;
        return json(request, 400, { type: 'validation_error', code: 'invalid_payload', detail: error.message });
      }
      const xff = request.headers.get('x-forwarded-for');
      for (const e of decoded) {
        events.push({ ...e, endpoint: path, upstream, host: request.headers.get('host') ?? '', clientIp, xForwardedFor: xff, receivedAt: new Date().toISOString() });
      }
      if (events.length > MAX_EVENTS) events = events.slice(-MAX_EVENTS);
      return json(request, 200, CAPTURE_OK);
    }
    return json(request, 404, { type: 'invalid_request', code: 'not_found', detail: `the mock PostHog has no ${path}` });
  }

  async function handle(upstream: MockHost, request: Request, info: { clientIp?: string } = {}): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === '/__mock/events') return json(request, 200, events, { 'cache-control': 'no-store' });
    if (url.pathname === '/__mock/requests') return json(request, 200, requests, { 'cache-control': 'no-store' });
    if (url.pathname === '/__mock/reset' && request.method === 'POST') {
      events = [];
      requests = [];
      return json(request, 200, { ok: true });
    }
    if (url.pathname === '/__mock/' || url.pathname === '/__mock') {
      return new Response(receivedPage(events, requests), { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
    }
    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : new Uint8Array(0);
    const xff = request.headers.get('x-forwarded-for');
    const clientIp = leftmost(xff, info.clientIp);
    const response = await answer(upstream, request, url.pathname, url.searchParams, body, clientIp);
    const headers: Record<string, string> = {};
    request.headers.forEach((v, k) => (headers[k] = v));
    requests.push({
      upstream, host: request.headers.get('host') ?? '', method: request.method, path: url.pathname, query: url.search.slice(1),
      status: response.status, cacheControl: response.headers.get('cache-control'), origin: request.headers.get('origin'),
      clientIp, xForwardedFor: xff, headers, bodyBytes: body.byteLength, at: new Date().toISOString(),
    });
    if (requests.length > MAX_EVENTS) requests = requests.slice(-MAX_EVENTS);
    return response;
  }

  return {
    main: (request, info) => handle('main', request, info),
    assets: (request, info) => handle('assets', request, info),
    received: () => ({ events, requests }),
    reset() {
      events = [];
      requests = [];
    },
  };
}
