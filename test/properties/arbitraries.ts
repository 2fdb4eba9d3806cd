/**
 * fast-check arbitraries for CloudFront events: realistic shapes (what CloudFront can deliver) filled with
 * hostile values (dot segments, encoded separators, spoofed X-Forwarded-For, look-alike origins, odd headers).
 */
import type { CloudFrontHeaders, CloudFrontResponseEvent } from 'aws-lambda';
import fc from 'fast-check';
import type { CfValueMap, CfViewerRequestEvent } from '../../src/edge/cloudfront-function-types.ts';
import { isDisallowedHeader } from '../../src/runtime/cloudfront-function-runtime.ts';

/** How many runs each property makes: FUZZ_RUNS, else 1,000 (the fast lane); `npm run test:all` (CI) sets 10,000, `npm run fuzz` 100,000. */
export const NUM_RUNS = Number(process.env.FUZZ_RUNS ?? 1_000);

const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((b) => b.join('.'));
const ipv6 = fc.array(fc.nat(0xffff), { minLength: 8, maxLength: 8 }).map((g) => g.map((x) => x.toString(16)).join(':').replace(/(^|:)0(:0)+(:|$)/, '::'));
export const anyIp = fc.oneof(ipv4, ipv6, ipv4.map((a) => `::ffff:${a}`));
/** Addresses in and out of the trusted-proxies ranges of the variants (203.0.113.0/24, 2001:db8:cafe::/48). */
export const viewerIp = fc.oneof(
  { weight: 3, arbitrary: anyIp },
  { weight: 2, arbitrary: fc.nat(255).map((x) => `203.0.113.${x}`) },
  { weight: 1, arbitrary: fc.nat(0xffff).map((x) => `2001:db8:cafe::${x.toString(16)}`) },
  { weight: 1, arbitrary: fc.constantFrom('', 'unknown', '1.2.3', '::ffff:', '2001:db8::1%eth0') },
);
const xffHop = fc.oneof(anyIp, viewerIp, fc.constantFrom('unknown', '', ' ', '<script>', '1.1.1.1:443', '[::1]'));
const xff = fc.array(xffHop, { minLength: 1, maxLength: 20 }).map((hops) => hops.join(', '));

const segment = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('static', 'array', 'e', 'flags', 'decide', 'i', 'v0', 'v1', 'api', 'projects', 'batch', 's', 'phc_k7', 'config', 'config.js', 'array.js', '1.449.2', 'k7x2', 'ph', 'staticfoo', 'arrayx') },
  { weight: 3, arbitrary: fc.constantFrom('', '.', '..', '%2e', '%2E', '%2e%2e', '.%2E', '%2E.', '...', '%252e') },
  { weight: 1, arbitrary: fc.constantFrom('%2F', '%2f', '%5C', '%00', '%zz', '%', '%2', '\\', ' ', '\u0000', '\u007f', 'é', '%C3%A9', '?', '#', ';', '*') },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...'abcXYZ019-_.~%'), maxLength: 8 }) },
);
/** Paths as a viewer may send them, under the variants' prefixes or not. */
export const uri = fc
  .tuple(fc.constantFrom('', '', '/k7x2', '/k7x2/ph', '/k7x2e', '/K7X2', '//k7x2'), fc.array(segment, { maxLength: 12 }), fc.boolean())
  .map(([prefix, segments, trailing]) => `${prefix}/${segments.join('/')}${trailing && segments.length > 0 ? '/' : ''}`);

const value = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', '+', 'a+b', '%2F', '%2f%2F', '%', '%zz', '=', '&', 'é', '\u0000'));
const valueEntry = fc.oneof(
  { weight: 4, arbitrary: value.map((v) => ({ value: v })) },
  { weight: 1, arbitrary: fc.array(value, { minLength: 1, maxLength: 4 }).map((vs) => ({ value: vs[0], multiValue: vs.map((v) => ({ value: v })) })) },
);
const queryKey = fc.oneof(fc.constantFrom('v', 'ver', 'config', 'compression', 'token', 't', '_', 'ip', 'a+b', '%2F', ''), fc.string({ maxLength: 8 }));
export const querystring = fc.dictionary(queryKey, valueEntry, { maxKeys: 6 }) as fc.Arbitrary<CfValueMap>;
export const cookies = fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), valueEntry, { maxKeys: 4 }) as fc.Arbitrary<CfValueMap>;

/** Origins: configured ones, look-alikes, odd values. */
export const originHeader = fc.oneof(
  fc.constantFrom('https://example.com', 'https://app.example.org', 'https://a.b.example.org', 'http://localhost:3000', 'HTTPS://EXAMPLE.COM'),
  fc.constantFrom('https://example.com.evil.io', 'https://evilexample.com', 'https://example.org', 'http://example.com', 'https://example.com:8443', 'null', '*', '', 'https://*.example.org'),
  fc.tuple(fc.constantFrom('https://', 'http://', 'HTTPS://', ''), fc.string({ unit: fc.constantFrom(...'abcxyz0-.:*'), maxLength: 24 })).map(([scheme, host]) => scheme + host),
  fc.string({ maxLength: 30 }),
);
const headerName = fc.oneof(
  fc.constantFrom('user-agent', 'accept', 'content-type', 'content-encoding', 'authorization', 'referer', 'accept-language', 'x-posthog-token', 'cookie', 'access-control-request-headers'),
  fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz-0123456789'), minLength: 1, maxLength: 12 }),
).filter((name) => !isDisallowedHeader(name) && name !== 'host' && name !== 'origin' && name !== 'x-forwarded-for' && name !== 'access-control-request-method');

export interface ViewerRequestInput {
  variant: string;
  event: CfViewerRequestEvent;
  /** The X-Forwarded-For value the viewer sent, if any. */
  viewerXff: string | null;
}

export function viewerRequestEvent(variants: readonly string[]): fc.Arbitrary<ViewerRequestInput> {
  return fc
    .record({
      variant: fc.constantFrom(...variants),
      method: fc.constantFrom('GET', 'POST', 'OPTIONS', 'HEAD', 'PUT', 'PATCH', 'DELETE'),
      uri,
      querystring,
      cookies,
      ip: viewerIp,
      origin: fc.option(originHeader, { freq: 2 }),
      xff: fc.option(xff, { freq: 2 }),
      preflight: fc.option(fc.constantFrom('POST', 'GET', ''), { freq: 2 }),
      others: fc.dictionary(headerName, valueEntry, { maxKeys: 5 }),
      missing: fc.constantFrom(null, null, null, null, null, null, 'headers', 'cookies', 'querystring'),
    })
    .map((r) => {
      const headers: CfValueMap = { host: { value: 'www.example.com' }, ...r.others };
      if (r.origin !== null) headers.origin = { value: r.origin };
      if (r.xff !== null) headers['x-forwarded-for'] = { value: r.xff };
      if (r.preflight !== null) headers['access-control-request-method'] = { value: r.preflight };
      const request = { method: r.method, uri: r.uri, querystring: r.querystring, headers, cookies: r.cookies } as CfViewerRequestEvent['request'];
      if (r.missing !== null) delete (request as unknown as Record<string, unknown>)[r.missing];
      const event: CfViewerRequestEvent = { version: '1.0', context: { eventType: 'viewer-request' }, viewer: { ip: r.ip }, request };
      return { variant: r.variant, event, viewerXff: r.xff };
    });
}

const responseHeaderName = fc.oneof(
  fc.constantFrom('cache-control', 'vary', 'access-control-allow-origin', 'access-control-allow-credentials', 'content-type', 'etag', 'age', 'set-cookie', 'via'),
  fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz-'), minLength: 1, maxLength: 12 }),
);
const headerValue = fc.oneof(
  fc.constantFrom('*', 'true', 'Origin', 'origin, referer', 'Accept-Encoding', 'public, max-age=300', 'no-store', 'private', 'max-age=60', ''),
  fc.string({ maxLength: 20 }).map((s) => s.replace(/[\r\n]/g, ' ')),
);
const responseHeaders: fc.Arbitrary<CloudFrontHeaders> = fc
  .dictionary(responseHeaderName, fc.array(headerValue, { minLength: 1, maxLength: 3 }), { maxKeys: 8 })
  .map((d) => Object.fromEntries(Object.entries(d).map(([name, values]) => [name, values.map((v) => ({ key: name, value: v }))])));

/** Origin-response events for the paths the function is attached to (and a few it is not). */
export function originResponseEvent(variants: readonly string[]): fc.Arbitrary<{ variant: string; event: CloudFrontResponseEvent }> {
  const path = fc.oneof(
    fc.constantFrom('/static/array.js', '/static/1.449.2/recorder.js', '/static/1.450.0-beta.1/x.js', '/array/phc_k7/config.js', '/array/phc_k7/config', '/array/a.b/config.js', '/e/', '/'),
    fc.array(segment, { maxLength: 5 }).map((s) => `/${s.join('/')}`),
  );
  return fc
    .record({
      variant: fc.constantFrom(...variants),
      uri: path,
      origin: fc.option(originHeader, { freq: 2 }),
      status: fc.oneof(fc.constantFrom('200', '204', '304', '403', '404', '500', '502'), fc.integer({ min: 100, max: 599 }).map(String)),
      headers: responseHeaders,
    })
    .map((r) => ({
      variant: r.variant,
      event: {
        Records: [
          {
            cf: {
              config: { distributionDomainName: 'd111111abcdef8.cloudfront.net', distributionId: 'EDFDVBD6EXAMPLE', eventType: 'origin-response', requestId: 'fuzz' },
              request: {
                clientIp: '198.51.100.23',
                headers: r.origin === null ? {} : { origin: [{ key: 'Origin', value: r.origin }] },
                method: 'GET',
                querystring: '',
                uri: r.uri,
              },
              response: { status: r.status, statusDescription: 'Fuzzed', headers: r.headers },
            },
          },
        ],
      } as CloudFrontResponseEvent,
    }));
}
