/**
 * The phases CloudFront runs a viewer request through, in its order, each a function of what it needs so
 * it can be tested alone: select the behavior, run the viewer-request function, look up the cache, fetch
 * from the origin, run the origin-response Lambda@Edge, store and deliver. createEdge (create-edge.ts)
 * chains them and keeps the counters. A phase that ends the request with CloudFront's own error returns an
 * EdgeFailure; create-edge turns it into CloudFront's error page.
 */
import { behaviorFor, type BehaviorLayout, type CachePolicyLayout, type DistributionLayout, type OriginLayout } from '../distribution/distribution-layout.ts';
import type { CfRequest } from '../edge/cloudfront-function-types.ts';
import { FunctionExecutionError, FunctionValidationError, type LoadedCloudFrontFunction } from '../runtime/cloudfront-function-runtime.ts';
import { invokeOriginResponse, LambdaEdgeError, type OriginResponseHandler } from '../runtime/lambda-edge-runtime.ts';
import { headerPairs, noBodyStatus, originResponseEvent, pairsOf, querystringText, responseFromFunction, viewerRequestEvent } from './cf-events.ts';
import { CACHEABLE_STATUSES, cacheKey, ttlFor, type CachedResponse, type EdgeCache } from './edge-cache.ts';
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

/** CloudFront answers the viewer itself with this status and message. */
export interface EdgeFailure {
  failure: number;
  message: string;
}

export const isFailure = (x: unknown): x is EdgeFailure => typeof x === 'object' && x !== null && 'failure' in x;
const fail = (failure: number, message: string): EdgeFailure => ({ failure, message });

/** What the viewer asked, as CloudFront sees it before any function runs. */
export interface ViewerRequest {
  method: string;
  path: string;
  rawQuery: string;
  headers: Headers;
  clientIp: string;
}

/** The behavior's name in the counters: its path pattern, `default`, or null when none matched. */
export type SelectedBehavior = { name: string | null } & ({ behavior: BehaviorLayout } | EdgeFailure);

/** Phase 1: the behavior whose path pattern matches the viewer's path first, if it allows the method. */
export function selectBehavior(layout: DistributionLayout, path: string, method: string): SelectedBehavior {
  const behavior = behaviorFor(layout, path);
  if (behavior === null) return { name: null, ...fail(404, 'no cache behavior matches this path (in attach mode, your own default behavior answers it)') };
  const name = behavior.pathPattern ?? 'default';
  if (!behavior.allowedMethods.includes(method)) return { name, ...fail(403, `${method} is not an allowed method of this behavior`) };
  return { name, behavior };
}

export type ViewerRequestResult = { kind: 'response'; response: Response } | { kind: 'forward'; request: CfRequest; origin: OriginLayout; query: string };

/** Phase 2: the viewer-request function answers itself, or forwards the (changed) request to an origin. */
export async function runViewerRequest(fn: LoadedCloudFrontFunction, layout: DistributionLayout, behavior: BehaviorLayout, viewer: ViewerRequest): Promise<ViewerRequestResult | EdgeFailure> {
  let outcome;
  try {
    outcome = await fn.run(viewerRequestEvent(viewer.method, viewer.path, viewer.rawQuery, viewer.headers, viewer.clientIp));
  } catch (error) {
    if (error instanceof FunctionExecutionError) return fail(503, `the CloudFront function failed: ${error.message}`);
    if (error instanceof FunctionValidationError) return fail(502, `the CloudFront function returned an invalid result: ${error.message}`);
    throw error;
  }
  if (outcome.kind === 'response') return { kind: 'response', response: responseFromFunction(outcome.response!) };
  const request = outcome.request!;
  const originId = outcome.originId ?? behavior.originId;
  const origin = layout.origins.find((o) => o.id === originId);
  if (!origin) return fail(502, `the function selected origin ${originId}, which the distribution does not have`);
  return { kind: 'forward', request, origin, query: querystringText(request.querystring ?? {}, viewer.rawQuery) };
}

export interface CacheLookup {
  key: string;
  /** The behavior caches this method (GET and HEAD, or also OPTIONS). */
  cacheable: boolean;
  hit: CachedResponse | null;
}

/** Phase 3: the cache key of the forwarded request under the cache policy, and the entry stored under it. */
export function lookupCache(cache: EdgeCache, policy: CachePolicyLayout, behavior: BehaviorLayout, method: string, request: CfRequest, query: string): CacheLookup {
  const cacheable = behavior.cachedMethods.includes(method);
  const key = cacheKey(method, request.uri, query, request.headers, policy);
  return { key, cacheable, hit: cacheable ? cache.get(key) ?? null : null };
}

export interface OriginFetch {
  upstreams: UpstreamMap;
  upstreamFetch: UpstreamFetch;
  origin: OriginLayout;
  method: string;
  target: string;
  headers: [string, string][];
  body: ReadableStream<Uint8Array> | null;
  /** Called once the origin's address is known, right before the request goes out. */
  onSend?: () => void;
}

/** Phase 4: the request to the origin; CloudFront's 502 or 504 when it cannot be reached or is too slow. */
export async function fetchOrigin(input: OriginFetch): Promise<Response | EdgeFailure> {
  let target;
  try {
    target = resolveUpstream(input.upstreams, input.origin.domainName);
  } catch (error) {
    return fail(502, (error as Error).message);
  }
  input.onSend?.();
  try {
    return await input.upstreamFetch(target, { method: input.method, target: input.target, headers: input.headers, body: input.body });
  } catch (error) {
    if (error instanceof OriginTimeoutError) return fail(504, `the origin ${input.origin.domainName} did not answer in time: ${error.message}`);
    return fail(502, `cannot reach the origin ${input.origin.domainName} at ${target.address}:${target.port}: ${(error as Error).message}`);
  }
}

/** A response on its way from the origin to the cache and the viewer. */
export interface EdgeResponse {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: BodyInit | null;
}

export function edgeResponseOf(upstream: Response): EdgeResponse {
  return { status: upstream.status, statusText: upstream.statusText, headers: pairsOf(upstream.headers), body: upstream.body };
}

export interface OriginResponseInput {
  handler: OriginResponseHandler;
  request: CfRequest;
  query: string;
  originHeaders: [string, string][];
  clientIp: string;
  upstream: Response;
}

/** Phase 5: the origin-response Lambda@Edge may change status and headers, or replace the body. */
export async function runOriginResponse(input: OriginResponseInput): Promise<EdgeResponse | EdgeFailure> {
  const { upstream } = input;
  try {
    const result = await invokeOriginResponse(input.handler, originResponseEvent({
      request: input.request, rawQuery: input.query, originHeaders: input.originHeaders, clientIp: input.clientIp,
      status: upstream.status, statusText: upstream.statusText, responseHeaders: upstream.headers,
    }));
    let body: BodyInit | null = upstream.body;
    if (typeof result.body === 'string') {
      await upstream.body?.cancel();
      body = result.bodyEncoding === 'base64' ? Uint8Array.from(atob(result.body), (c) => c.charCodeAt(0)) : result.body;
    }
    return { status: Number(result.status), statusText: result.statusDescription ?? upstream.statusText, headers: headerPairs(result.headers ?? {}), body };
  } catch (error) {
    await upstream.body?.cancel();
    if (error instanceof LambdaEdgeError) return fail(502, `the Lambda@Edge function failed: ${error.message}`);
    throw error;
  }
}

/**
 * Phase 6: stores the response when the behavior caches the method, the status is cacheable and the cache
 * policy gives it a TTL above 0 (the body is read whole, with its Content-Length); returns what the viewer
 * gets.
 */
export async function storeResponse(cache: EdgeCache, policy: CachePolicyLayout, lookup: CacheLookup, method: string, response: EdgeResponse, now: () => number): Promise<EdgeResponse> {
  const { status, statusText } = response;
  let { headers, body } = response;
  const cacheControl = headers.find(([n]) => n.toLowerCase() === 'cache-control')?.[1] ?? null;
  const ttl = lookup.cacheable && method !== 'HEAD' && CACHEABLE_STATUSES.includes(status) ? ttlFor(cacheControl, policy) : 0;
  if (noBodyStatus(status)) body = null;
  if (ttl > 0) {
    const bytes = new Uint8Array(await new Response(body).arrayBuffer());
    headers = headers.filter(([n]) => n.toLowerCase() !== 'content-length').concat([['content-length', String(bytes.byteLength)]]);
    const at = now();
    cache.set(lookup.key, { status, statusText, headers, body: bytes, storedAt: at, expiresAt: at + ttl * 1000 });
    body = noBodyStatus(status) ? null : bytes.slice();
  }
  return { status, statusText, headers, body };
}
