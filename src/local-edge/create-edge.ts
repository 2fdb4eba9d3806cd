/**
 * The local edge: a Web-standard `fetch(Request) => Response` that behaves like the distribution this
 * project deploys. Behaviors, origins and policies come only from the distribution layout; the BUILT
 * viewer-request function and origin-response Lambda@Edge run as CloudFront runs them; the cache keys,
 * TTLs and forwarded headers follow the cache and origin request policies. Platform steps (the upstream
 * connection, the clock) are passed in, so Node, Bun and Deno can all host it.
 */
import { behaviorFor, type BehaviorLayout, type DistributionLayout } from '../distribution/distribution-layout.ts';
import { FunctionExecutionError, FunctionValidationError, type LoadedCloudFrontFunction } from '../runtime/cloudfront-function-runtime.ts';
import { invokeOriginResponse, LambdaEdgeError, type OriginResponseHandler } from '../runtime/lambda-edge-runtime.ts';
import { headerPairs, noBodyStatus, pairsOf, originResponseEvent, querystringText, responseFromFunction, viewerRequestEvent } from './cf-events.ts';
import { CACHEABLE_STATUSES, cacheKey, createEdgeCache, ttlFor, type EdgeCache } from './edge-cache.ts';
import { count, countingStream, emptyCounters, type EdgeCounters } from './edge-counters.ts';
import { originRequestHeaders, viewerResponseHeaders } from './forward-headers.ts';
import { OriginTimeoutError } from './local-edge-errors.ts';
import { resolveUpstream, type UpstreamMap, type UpstreamTarget } from './upstream-map.ts';

/** The request CloudFront sends to an origin. */
export interface OriginRequest {
  method: string;
  /** Path and query string, exactly as sent. */
  target: string;
  headers: [string, string][];
  body: ReadableStream<Uint8Array> | null;
}

/** Connects to an upstream; must not follow redirects or decode bodies (a proxy passes them on). */
export type UpstreamFetch = (target: UpstreamTarget, request: OriginRequest) => Promise<Response>;

export interface EdgeOptions {
  /** Behaviors, origins and policies: `distributionLayout(config)`, or a variant in tests. */
  layout: DistributionLayout;
  /** The built viewer-request function (`loadCloudFrontFunction(code)`). */
  viewerRequest: LoadedCloudFrontFunction;
  /** The built origin-response handler (`loadLambdaHandler(file)`), run where a behavior asks for it. */
  originResponse: OriginResponseHandler | null;
  /** Origin domain name to the address to connect to. */
  upstreams: UpstreamMap;
  /**
   * Defaults to the platform's `fetch`, which may replace the Host header and decodes compressed bodies while
   * keeping Content-Encoding: fine for smoke tests, wrong for a proxy. The Node stack passes node-upstream-fetch.
   */
  upstreamFetch?: UpstreamFetch;
  /** Milliseconds clock for the cache; defaults to Date.now. */
  now?: () => number;
}

/** What the host adapter knows about the connection that a Request cannot carry. */
export interface ViewerInfo {
  /** The viewer's IP address (the socket's peer). */
  clientIp?: string;
  /** The raw request target (path and query) before any URL normalisation. */
  rawTarget?: string;
}

export interface LocalEdge {
  fetch(request: Request, info?: ViewerInfo): Promise<Response>;
  readonly counters: EdgeCounters;
  readonly cache: EdgeCache;
  resetCounters(): void;
}

/** The reserved path prefix for the edge's own endpoints (never forwarded). */
export const EDGE_ADMIN_PREFIX = '/__edge/';

export const webUpstreamFetch: UpstreamFetch = (target, request) =>
  fetch(`${target.protocol}://${target.address.includes(':') ? `[${target.address}]` : target.address}:${target.port}${request.target}`, {
    method: request.method,
    headers: request.headers.filter(([n]) => n !== 'content-length'),
    body: request.body,
    redirect: 'manual',
    duplex: 'half',
  } as RequestInit);

function json(status: number, value: unknown): Response {
  return new Response(JSON.stringify(value, null, 2), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
}

/** CloudFront's own error page, with the headers it adds. */
function edgeError(status: number, message: string, requestId: string): Response {
  const headers = viewerResponseHeaders([['content-type', 'text/plain; charset=utf-8'], ['server', 'CloudFront']], 'Error from cloudfront', requestId, null);
  return new Response(`${status} ${message}\n`, { status, headers });
}

/** A message's Content-Length, or null when it has none (chunked) or it is not a plain number. */
function declaredLength(headers: Headers): number | null {
  const value = headers.get('content-length');
  return value !== null && /^\d{1,15}$/.test(value) ? Number(value) : null;
}

/** Normalises the IPv4-mapped IPv6 form Node reports for IPv4 peers. */
export function viewerIp(raw: string | undefined): string {
  if (!raw) return '127.0.0.1';
  return raw.startsWith('::ffff:') && raw.includes('.') ? raw.slice(7) : raw;
}

export function createEdge(options: EdgeOptions): LocalEdge {
  const now = options.now ?? Date.now;
  const upstreamFetch = options.upstreamFetch ?? webUpstreamFetch;
  const cache = createEdgeCache(now);
  const { layout } = options;
  let counters = emptyCounters();

  function admin(request: Request, path: string): Response {
    if (path === '/__edge/counters' && request.method === 'GET') return json(200, counters);
    if (path === '/__edge/layout' && request.method === 'GET') return json(200, layout);
    if (request.method === 'POST' && (path === '/__edge/reset' || path === '/__edge/counters/reset')) counters = emptyCounters();
    if (request.method === 'POST' && (path === '/__edge/reset' || path === '/__edge/cache/clear')) cache.clear();
    if (request.method === 'POST' && ['/__edge/reset', '/__edge/counters/reset', '/__edge/cache/clear'].includes(path)) return json(200, { ok: true });
    return json(404, { error: `unknown edge endpoint ${path}; use GET /__edge/counters, GET /__edge/layout, POST /__edge/reset, /__edge/counters/reset or /__edge/cache/clear` });
  }

  /**
   * Counts the response bytes the viewer receives: from Content-Length when the response has one, else as
   * they stream by (a counting stream per response is the slow path of Web streams in Node).
   */
  function deliver(response: Response, behavior: string | null, method: string): Response {
    if (response.body === null || method === 'HEAD') {
      return new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers });
    }
    const length = declaredLength(response.headers);
    if (length !== null) {
      count(counters, behavior, 'bytesOut', length);
      return response;
    }
    const body = response.body.pipeThrough(countingStream((n) => count(counters, behavior, 'bytesOut', n)));
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  }

  async function handle(request: Request, info: ViewerInfo): Promise<Response> {
    const url = new URL(request.url);
    const rawTarget = info.rawTarget ?? url.pathname + url.search;
    const q = rawTarget.indexOf('?');
    const path = q === -1 ? rawTarget : rawTarget.slice(0, q);
    const rawQuery = q === -1 ? '' : rawTarget.slice(q + 1);
    if (path.startsWith(EDGE_ADMIN_PREFIX)) return admin(request, path);

    const clientIp = viewerIp(info.clientIp);
    const requestId = crypto.randomUUID().replace(/-/g, '');
    const method = request.method.toUpperCase();
    // CloudFront picks the behavior on the viewer's path, before any function runs.
    const behavior: BehaviorLayout | null = behaviorFor(layout, path);
    const name = behavior === null ? null : behavior.pathPattern ?? 'default';
    count(counters, name, 'requests');
    if (behavior === null) return edgeError(404, 'no cache behavior matches this path (in attach mode, your own default behavior answers it)', requestId);
    if (!behavior.allowedMethods.includes(method)) return edgeError(403, `${method} is not an allowed method of this behavior`, requestId);

    let viewerBody: ReadableStream<Uint8Array> | null = request.body && method !== 'GET' && method !== 'HEAD' ? request.body : null;
    const declared = declaredLength(request.headers);
    if (viewerBody && declared !== null) count(counters, name, 'bytesIn', declared);
    else if (viewerBody) viewerBody = viewerBody.pipeThrough(countingStream((n) => count(counters, name, 'bytesIn', n)));
    count(counters, name, 'functionInvocations');
    let outcome;
    try {
      outcome = await options.viewerRequest.run(viewerRequestEvent(method, path, rawQuery, request.headers, clientIp));
    } catch (error) {
      count(counters, name, 'edgeErrors');
      if (error instanceof FunctionExecutionError) return edgeError(503, `the CloudFront function failed: ${error.message}`, requestId);
      if (error instanceof FunctionValidationError) return edgeError(502, `the CloudFront function returned an invalid result: ${error.message}`, requestId);
      throw error;
    }
    if (outcome.kind === 'response') {
      count(counters, name, 'functionResponses');
      await viewerBody?.cancel();
      const generated = responseFromFunction(outcome.response!);
      const headers = viewerResponseHeaders(pairsOf(generated.headers), 'FunctionGeneratedResponse from cloudfront', requestId, null);
      return deliver(new Response(generated.body, { status: generated.status, statusText: generated.statusText, headers }), name, method);
    }

    const cfRequest = outcome.request!;
    const originId = outcome.originId ?? behavior.originId;
    const origin = layout.origins.find((o) => o.id === originId);
    if (!origin) {
      count(counters, name, 'edgeErrors');
      return edgeError(502, `the function selected origin ${originId}, which the distribution does not have`, requestId);
    }
    const query = querystringText(cfRequest.querystring ?? {}, rawQuery);
    const cacheable = behavior.cachedMethods.includes(method);
    const key = cacheKey(method, cfRequest.uri, query, cfRequest.headers, layout.cachePolicy);
    if (cacheable) {
      const hit = cache.get(key);
      if (hit) {
        count(counters, name, 'cacheHits');
        await viewerBody?.cancel();
        const headers = viewerResponseHeaders(hit.headers, hit.status >= 400 ? 'Error from cloudfront' : 'Hit from cloudfront', requestId, Math.floor((now() - hit.storedAt) / 1000));
        return deliver(new Response(noBodyStatus(hit.status) ? null : hit.body.slice(), { status: hit.status, statusText: hit.statusText, headers }), name, method);
      }
    }
    count(counters, name, 'cacheMisses');

    let target: UpstreamTarget;
    try {
      target = resolveUpstream(options.upstreams, origin.domainName);
    } catch (error) {
      count(counters, name, 'edgeErrors');
      return edgeError(502, (error as Error).message, requestId);
    }
    const originHeaders = originRequestHeaders({
      headers: cfRequest.headers,
      cachePolicy: layout.cachePolicy,
      originRequestPolicy: layout.originRequestPolicy,
      originDomain: origin.domainName,
      viewerIp: clientIp,
      requestId,
      contentLength: viewerBody ? request.headers.get('content-length') : null,
      customHeaders: origin.customHeaders,
    });
    let upstream: Response;
    count(counters, name, 'originRequests');
    try {
      upstream = await upstreamFetch(target, { method, target: query === '' ? cfRequest.uri : `${cfRequest.uri}?${query}`, headers: originHeaders, body: viewerBody });
    } catch (error) {
      count(counters, name, 'edgeErrors');
      if (error instanceof OriginTimeoutError) return edgeError(504, `the origin ${origin.domainName} did not answer in time: ${error.message}`, requestId);
      return edgeError(502, `cannot reach the origin ${origin.domainName} at ${target.address}:${target.port}: ${(error as Error).message}`, requestId);
    }

    let status = upstream.status;
    let statusText = upstream.statusText;
    let headers: [string, string][] = pairsOf(upstream.headers);
    let body: BodyInit | null = upstream.body;
    if (behavior.originResponse && options.originResponse) {
      count(counters, name, 'lambdaInvocations');
      try {
        const result = await invokeOriginResponse(options.originResponse, originResponseEvent({
          request: cfRequest, rawQuery: query, originHeaders, clientIp, status, statusText, responseHeaders: upstream.headers,
        }));
        status = Number(result.status);
        statusText = result.statusDescription ?? statusText;
        headers = headerPairs(result.headers ?? {});
        if (typeof result.body === 'string') {
          await upstream.body?.cancel();
          body = result.bodyEncoding === 'base64' ? Uint8Array.from(atob(result.body), (c) => c.charCodeAt(0)) : result.body;
        }
      } catch (error) {
        await upstream.body?.cancel();
        count(counters, name, 'edgeErrors');
        if (error instanceof LambdaEdgeError) return edgeError(502, `the Lambda@Edge function failed: ${error.message}`, requestId);
        throw error;
      }
    }

    const cacheControl = headers.find(([n]) => n.toLowerCase() === 'cache-control')?.[1] ?? null;
    const ttl = cacheable && method !== 'HEAD' && CACHEABLE_STATUSES.includes(status) ? ttlFor(cacheControl, layout.cachePolicy) : 0;
    if (noBodyStatus(status)) body = null;
    if (ttl > 0) {
      const bytes = new Uint8Array(await new Response(body).arrayBuffer());
      headers = headers.filter(([n]) => n.toLowerCase() !== 'content-length').concat([['content-length', String(bytes.byteLength)]]);
      const at = now();
      cache.set(key, { status, statusText, headers, body: bytes, storedAt: at, expiresAt: at + ttl * 1000 });
      body = noBodyStatus(status) ? null : bytes.slice();
    }
    // CloudFront labels an origin's 4xx/5xx "Error", cached or not.
    return deliver(new Response(body, { status, statusText, headers: viewerResponseHeaders(headers, status >= 400 ? 'Error from cloudfront' : 'Miss from cloudfront', requestId, null) }), name, method);
  }

  return {
    fetch: (request, info = {}) => handle(request, info),
    get counters() {
      return counters;
    },
    cache,
    resetCounters() {
      counters = emptyCounters();
    },
  };
}
