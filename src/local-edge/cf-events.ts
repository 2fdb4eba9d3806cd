/**
 * Converters between the Web-standard request/response the local edge handles and the event shapes
 * CloudFront hands its functions: the cloudfront-js-2.0 viewer-request event and the Lambda@Edge
 * origin-response event. Pure and exported so they can be tested directly.
 */
import type { CloudFrontHeaders, CloudFrontResponseEvent } from 'aws-lambda';
import type { CfRequest, CfResponse, CfValueMap, CfViewerRequestEvent } from '../edge/cloudfront-function-types.ts';
import { isDisallowedHeader } from '../runtime/cloudfront-function-runtime.ts';

/**
 * Sets an own key: a viewer's `__proto__` (query key, cookie or header name) must stay a key. A plain
 * assignment would reach Object.prototype instead, and `?__proto__=a&__proto__=b` would pollute it.
 */
function put(map: CfValueMap, name: string, value: CfValueMap[string]): void {
  Object.defineProperty(map, name, { value, enumerable: true, writable: true, configurable: true });
}

/** Splits a raw query string into CloudFront's map, values kept as received (still percent-encoded). */
export function querystringMap(raw: string): CfValueMap {
  const map: CfValueMap = {};
  if (raw === '') return map;
  for (const part of raw.split('&')) {
    const eq = part.indexOf('=');
    const name = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? '' : part.slice(eq + 1);
    const entry = Object.hasOwn(map, name) ? map[name] : undefined;
    if (!entry) put(map, name, { value });
    else (entry.multiValue ??= [{ value: entry.value }]).push({ value });
  }
  return map;
}

/**
 * The query string sent upstream: byte for byte what the viewer sent when the function left the map as
 * it was (PostHog depends on exact query strings), else rebuilt from the function's map.
 */
export function querystringText(map: CfValueMap, original: string): string {
  if (JSON.stringify(map) === JSON.stringify(querystringMap(original))) return original;
  const parts: string[] = [];
  for (const name of Object.keys(map)) {
    const values = map[name].multiValue ?? [{ value: map[name].value }];
    for (const v of values) parts.push(v.value === '' ? name : `${name}=${v.value}`);
  }
  return parts.join('&');
}

function cookieMap(header: string | null): CfValueMap {
  const map: CfValueMap = {};
  if (header === null) return map;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim();
    if (name !== '') put(map, name, { value: part.slice(eq + 1).trim() });
  }
  return map;
}

/**
 * The cloudfront-js-2.0 viewer-request event for a viewer's request: cookies move out of the headers and
 * the headers CloudFront hides from functions (Connection, X-Forwarded-Proto, ...) are not there.
 */
export function viewerRequestEvent(method: string, path: string, rawQuery: string, headers: Headers, clientIp: string): CfViewerRequestEvent {
  const map: CfValueMap = {};
  headers.forEach((value, name) => {
    if (name !== 'cookie' && !isDisallowedHeader(name)) put(map, name, { value });
  });
  return {
    version: '1.0',
    context: { distributionDomainName: 'local-edge.cloudfront.net', distributionId: 'ELOCALEDGE', eventType: 'viewer-request', requestId: crypto.randomUUID() },
    viewer: { ip: clientIp },
    request: { method, uri: path, querystring: querystringMap(rawQuery), headers: map, cookies: cookieMap(headers.get('cookie')) },
  };
}

/** A Web Response from a response the CloudFront Function generated. */
export function responseFromFunction(response: CfResponse): Response {
  const headers = new Headers();
  for (const name of Object.keys(response.headers ?? {})) {
    const h = response.headers[name];
    for (const v of h.multiValue ?? [{ value: h.value }]) headers.append(name, v.value);
  }
  let body: BodyInit | null = null;
  if (response.body) {
    body = response.body.encoding === 'base64' ? Uint8Array.from(atob(response.body.data), (c) => c.charCodeAt(0)) : response.body.data;
  }
  return new Response(noBodyStatus(response.statusCode) ? null : body, { status: response.statusCode, statusText: response.statusDescription, headers });
}

/** Statuses whose responses carry no body (the Response constructor refuses one). */
export function noBodyStatus(status: number): boolean {
  return status === 204 || status === 205 || status === 304 || (status >= 100 && status < 200);
}

const CANONICAL: Record<string, string> = { etag: 'ETag', 'www-authenticate': 'WWW-Authenticate' };

function canonicalName(name: string): string {
  return CANONICAL[name] ?? name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}

/** Headers in Lambda@Edge's `{name: [{key, value}]}` form. */
export function lambdaHeaders(pairs: Iterable<[string, string]>): CloudFrontHeaders {
  const out: CloudFrontHeaders = {};
  for (const [name, value] of pairs) {
    const lower = name.toLowerCase();
    (out[lower] ??= []).push({ key: canonicalName(lower), value });
  }
  return out;
}

/** Flattens Lambda@Edge headers back to name/value pairs. */
export function headerPairs(headers: CloudFrontHeaders): [string, string][] {
  const out: [string, string][] = [];
  for (const name of Object.keys(headers)) for (const h of headers[name]) out.push([name, h.value]);
  return out;
}

export interface OriginResponseInput {
  /** The request as sent to the origin (after the viewer-request function). */
  request: CfRequest;
  rawQuery: string;
  originHeaders: [string, string][];
  clientIp: string;
  status: number;
  statusText: string;
  responseHeaders: Headers;
}

/** The Lambda@Edge origin-response event CloudFront builds once the origin answered. */
export function originResponseEvent(input: OriginResponseInput): CloudFrontResponseEvent {
  return {
    Records: [
      {
        cf: {
          config: { distributionDomainName: 'local-edge.cloudfront.net', distributionId: 'ELOCALEDGE', eventType: 'origin-response', requestId: crypto.randomUUID() },
          request: {
            clientIp: input.clientIp,
            method: input.request.method,
            uri: input.request.uri,
            querystring: input.rawQuery,
            headers: lambdaHeaders(input.originHeaders),
          },
          response: {
            status: String(input.status),
            statusDescription: input.statusText || 'OK',
            headers: lambdaHeaders(pairsOf(input.responseHeaders)),
          },
        },
      },
    ],
  } as CloudFrontResponseEvent;
}

/** A Headers object's name/value pairs (lowercase names; Set-Cookie kept apart). */
export function pairsOf(headers: Headers): [string, string][] {
  const out: [string, string][] = [];
  headers.forEach((value, name) => {
    if (name !== 'set-cookie') out.push([name, value]);
  });
  for (const cookie of headers.getSetCookie()) out.push(['set-cookie', cookie]);
  return out;
}
