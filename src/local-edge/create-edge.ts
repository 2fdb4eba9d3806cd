/**
 * The local edge: a Web-standard `fetch(Request) => Response` that behaves like the distribution this
 * project deploys. Behaviors, origins and policies come only from the distribution layout; the BUILT
 * viewer-request function and origin-response Lambda@Edge run as CloudFront runs them; the cache keys,
 * TTLs and forwarded headers follow the cache and origin request policies. Platform steps (the upstream
 * connection, the clock) are passed in, so Node, Bun and Deno can all host it.
 */
import type { DistributionLayout } from '../distribution/distribution-layout.ts';
import type { LoadedCloudFrontFunction } from '../runtime/cloudfront-function-runtime.ts';
import type { OriginResponseHandler } from '../runtime/lambda-edge-runtime.ts';
import { noBodyStatus, pairsOf } from './cf-events.ts';
import { createEdgeCache, type EdgeCache } from './edge-cache.ts';
import { count, countingStream, emptyCounters, type EdgeCounters } from './edge-counters.ts';
import {
  edgeResponseOf, fetchOrigin, isFailure, lookupCache, runOriginResponse, runViewerRequest, selectBehavior, storeResponse,
  type EdgeFailure, type EdgeResponse, type UpstreamFetch, type ViewerRequest,
} from './edge-phases.ts';
import { originRequestHeaders, viewerResponseHeaders } from './forward-headers.ts';
import type { UpstreamMap } from './upstream-map.ts';

export type { OriginRequest, UpstreamFetch } from './edge-phases.ts';

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

  /** CloudFront's phases (edge-phases.ts) in order, with the counters and CloudFront's error pages. */
  async function handle(request: Request, info: ViewerInfo): Promise<Response> {
    const url = new URL(request.url);
    const rawTarget = info.rawTarget ?? url.pathname + url.search;
    const q = rawTarget.indexOf('?');
    const path = q === -1 ? rawTarget : rawTarget.slice(0, q);
    if (path.startsWith(EDGE_ADMIN_PREFIX)) return admin(request, path);
    const method = request.method.toUpperCase();
    const viewer: ViewerRequest = { method, path, rawQuery: q === -1 ? '' : rawTarget.slice(q + 1), headers: request.headers, clientIp: viewerIp(info.clientIp) };
    const requestId = crypto.randomUUID().replace(/-/g, '');

    // CloudFront picks the behavior on the viewer's path, before any function runs.
    const selected = selectBehavior(layout, path, method);
    const { name } = selected;
    count(counters, name, 'requests');
    if (isFailure(selected)) return edgeError(selected.failure, selected.message, requestId);
    const { behavior } = selected;
    const failed = (f: EdgeFailure) => {
      count(counters, name, 'edgeErrors');
      return edgeError(f.failure, f.message, requestId);
    };

    let viewerBody: ReadableStream<Uint8Array> | null = request.body && method !== 'GET' && method !== 'HEAD' ? request.body : null;
    const declared = declaredLength(request.headers);
    if (viewerBody && declared !== null) count(counters, name, 'bytesIn', declared);
    else if (viewerBody) viewerBody = viewerBody.pipeThrough(countingStream((n) => count(counters, name, 'bytesIn', n)));

    count(counters, name, 'functionInvocations');
    const viewerResult = await runViewerRequest(options.viewerRequest, layout, behavior, viewer);
    if (isFailure(viewerResult)) return failed(viewerResult);
    if (viewerResult.kind === 'response') {
      count(counters, name, 'functionResponses');
      await viewerBody?.cancel();
      const generated = viewerResult.response;
      const headers = viewerResponseHeaders(pairsOf(generated.headers), 'FunctionGeneratedResponse from cloudfront', requestId, null);
      return deliver(new Response(generated.body, { status: generated.status, statusText: generated.statusText, headers }), name, method);
    }
    const { request: cfRequest, origin, query } = viewerResult;

    const lookup = lookupCache(cache, layout.cachePolicy, behavior, method, cfRequest, query);
    if (lookup.hit) {
      const hit = lookup.hit;
      count(counters, name, 'cacheHits');
      await viewerBody?.cancel();
      const headers = viewerResponseHeaders(hit.headers, hit.status >= 400 ? 'Error from cloudfront' : 'Hit from cloudfront', requestId, Math.floor((now() - hit.storedAt) / 1000));
      return deliver(new Response(noBodyStatus(hit.status) ? null : hit.body.slice(), { status: hit.status, statusText: hit.statusText, headers }), name, method);
    }
    count(counters, name, 'cacheMisses');

    const originHeaders = originRequestHeaders({
      headers: cfRequest.headers,
      cachePolicy: layout.cachePolicy,
      originRequestPolicy: layout.originRequestPolicy,
      originDomain: origin.domainName,
      viewerIp: viewer.clientIp,
      requestId,
      contentLength: viewerBody ? request.headers.get('content-length') : null,
      customHeaders: origin.customHeaders,
    });
    const target = query === '' ? cfRequest.uri : `${cfRequest.uri}?${query}`;
    const onSend = () => count(counters, name, 'originRequests');
    const upstream = await fetchOrigin({ upstreams: options.upstreams, upstreamFetch, origin, method, target, headers: originHeaders, body: viewerBody, onSend });
    if (isFailure(upstream)) return failed(upstream);

    let response: EdgeResponse | EdgeFailure = edgeResponseOf(upstream);
    if (behavior.originResponse && options.originResponse) {
      count(counters, name, 'lambdaInvocations');
      response = await runOriginResponse({ handler: options.originResponse, request: cfRequest, query, originHeaders, clientIp: viewer.clientIp, upstream });
      if (isFailure(response)) return failed(response);
    }

    const delivered = await storeResponse(cache, layout.cachePolicy, lookup, method, response, now);
    // CloudFront labels an origin's 4xx/5xx "Error", cached or not.
    const xCache = delivered.status >= 400 ? 'Error from cloudfront' : 'Miss from cloudfront';
    return deliver(new Response(delivered.body, { status: delivered.status, statusText: delivered.statusText, headers: viewerResponseHeaders(delivered.headers, xCache, requestId, null) }), name, method);
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
