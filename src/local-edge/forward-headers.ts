/**
 * What CloudFront sends to the origin and back to the viewer, as far as headers go. The origin sees only
 * the headers the cache policy and the origin request policy list (never Cookie, never the viewer's Host),
 * plus what CloudFront itself adds: Host = the origin's domain, X-Forwarded-For with the viewer appended (to
 * the request's own value only when a policy lists X-Forwarded-For; see ORIGIN_REQUEST_POLICY),
 * Via, X-Amz-Cf-Id, a normalised Accept-Encoding.
 */
import type { CfValueMap } from '../edge/cloudfront-function-types.ts';
import type { CachePolicyLayout, OriginRequestPolicyLayout } from '../distribution/distribution-layout.ts';

export const EDGE_VIA = '1.1 local-edge.cloudfront.net (CloudFront)';
export const EDGE_POP = 'LOCAL1-C1';

/** CloudFront's Accept-Encoding normalisation when the cache policy enables gzip and Brotli. */
export function normalizedAcceptEncoding(value: string | null, policy: CachePolicyLayout): string | null {
  if (value === null) return null;
  const tokens = value.toLowerCase().split(',').map((t) => t.split(';')[0].trim());
  const br = policy.brotli && tokens.includes('br');
  const gzip = policy.gzip && tokens.includes('gzip');
  return br && gzip ? 'br,gzip' : br ? 'br' : gzip ? 'gzip' : null;
}

/**
 * CloudFront's X-Forwarded-For: the viewer IP appended to whatever the function left, when the policies list
 * X-Forwarded-For; otherwise the viewer's (or function's) value is not forwarded and only the IP remains.
 */
export function forwardedFor(existing: string | null, viewerIp: string): string {
  return existing === null || existing.trim() === '' ? viewerIp : `${existing}, ${viewerIp}`;
}

export interface OriginHeaderInput {
  /** Headers of the request after the viewer-request function. */
  headers: CfValueMap;
  cachePolicy: CachePolicyLayout;
  originRequestPolicy: OriginRequestPolicyLayout;
  originDomain: string;
  viewerIp: string;
  requestId: string;
  /** Content-Length of the viewer's body, when it sent one. */
  contentLength: string | null;
  /** The origin's custom headers: CloudFront adds them to every origin request, replacing a viewer's. */
  customHeaders?: Readonly<Record<string, string>>;
}

/** The header list CloudFront sends to the origin. */
export function originRequestHeaders(input: OriginHeaderInput): [string, string][] {
  const out: [string, string][] = [['host', input.originDomain]];
  const custom = Object.keys(input.customHeaders ?? {}).map((h) => h.toLowerCase());
  const listed = new Set([...input.cachePolicy.headers, ...input.originRequestPolicy.headers].map((h) => h.toLowerCase()));
  for (const name of listed) {
    if (name === 'host' || name === 'cookie' || name === 'x-forwarded-for' || name === 'accept-encoding' || custom.includes(name)) continue;
    const h = input.headers[name];
    if (h) out.push([name, h.value]);
  }
  if (!listed.has('user-agent')) out.push(['user-agent', 'Amazon CloudFront']);
  const encoding = normalizedAcceptEncoding(input.headers['accept-encoding']?.value ?? null, input.cachePolicy);
  if (encoding !== null) out.push(['accept-encoding', encoding]);
  const viewerForwardedFor = listed.has('x-forwarded-for') ? input.headers['x-forwarded-for']?.value ?? null : null;
  out.push(['x-forwarded-for', forwardedFor(viewerForwardedFor, input.viewerIp)]);
  out.push(['via', EDGE_VIA]);
  out.push(['x-amz-cf-id', input.requestId]);
  for (const [name, value] of Object.entries(input.customHeaders ?? {})) out.push([name.toLowerCase(), value]);
  if (input.contentLength !== null) out.push(['content-length', input.contentLength]);
  return out;
}

/** Hop-by-hop headers that never pass a proxy. */
const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'trailer', 'te'];

/** The viewer-facing headers: the origin's (or cached) headers minus hop-by-hop, plus CloudFront's own. */
export function viewerResponseHeaders(from: Iterable<[string, string]>, xCache: string, requestId: string, age: number | null): Headers {
  const headers = new Headers();
  for (const [name, value] of from) if (!HOP_BY_HOP.includes(name.toLowerCase())) headers.append(name, value);
  headers.set('via', EDGE_VIA);
  headers.set('x-cache', xCache);
  headers.set('x-amz-cf-pop', EDGE_POP);
  headers.set('x-amz-cf-id', requestId);
  if (age !== null) headers.set('age', String(age));
  return headers;
}
