/**
 * Checks a handler's outcome against a fixture's `expect`, the same way for the TypeScript sources, the built
 * files under Node, and the built files under Bun and Deno. Runtime-neutral: only `expect` from vitest (Bun
 * maps it to bun:test, Deno to test/runtimes/vitest-shim.ts). Each check compares a summary object, so a
 * failure shows the whole difference; the invariants every fixture shares are checked here too.
 */
import type { CloudFrontHeaders, CloudFrontResultResponse } from 'aws-lambda';
import { expect } from 'vitest';
import type { CfValueMap } from '../../src/edge/cloudfront-function-types.ts';
import type { ViewerRequestOutcome } from '../../src/runtime/cloudfront-function-runtime.ts';
import type { HeaderExpectations, OriginResponseFixture, ViewerRequestFixture } from './fixtures.ts';

/** Headers the origin-response function manages; every other header of the origin's response must pass as it came. */
export const MANAGED_RESPONSE_HEADERS = ['cache-control', 'vary', 'access-control-allow-origin', 'access-control-allow-credentials'];

function pickViewerHeaders(headers: CfValueMap | undefined, expected: HeaderExpectations | undefined): HeaderExpectations {
  const out: HeaderExpectations = {};
  for (const name of Object.keys(expected ?? {})) out[name] = headers?.[name]?.value ?? null;
  return out;
}

function firstValue(headers: CloudFrontHeaders | undefined, name: string): string | null {
  const list = headers?.[name];
  return list && list.length > 0 ? list[0].value : null;
}

/** 'main' or 'assets' for the proxy's origin ids (originIdsFor: `posthog-proxy-main`, `posthog-proxy-main.k7x2`). */
function originName(id: string | null): string | null {
  const m = id === null ? null : /^posthog-proxy-(main|assets)(\.[A-Za-z0-9_.-]+)?$/.exec(id);
  return m ? m[1] : id;
}

export function expectViewerOutcome(fixture: ViewerRequestFixture, outcome: ViewerRequestOutcome): void {
  const input = fixture.event.request;
  if (outcome.kind === 'request') {
    const request = outcome.request!;
    const forward = fixture.expect.forward;
    expect({ forward: { origin: originName(outcome.originId), uri: request.uri, headers: pickViewerHeaders(request.headers, forward?.headers) } }).toEqual({
      ...fixture.expect,
      ...(forward ? { forward: { ...forward, headers: forward.headers ?? {} } } : {}),
    });
    // What every forwarded request keeps or loses, whatever the fixture.
    expect(request.method).toBe(input.method);
    expect(request.querystring).toEqual(input.querystring);
    expect(request.cookies ?? {}).toEqual({});
    expect(request.headers.cookie ?? null).toBeNull();
    for (const name of Object.keys(input.headers ?? {})) {
      if (name === 'x-forwarded-for' || name === 'cookie' || (forward?.headers && name in forward.headers)) continue;
      expect({ [name]: request.headers[name] ?? null }).toEqual({ [name]: input.headers[name] });
    }
  } else {
    const response = outcome.response!;
    const respond = fixture.expect.respond;
    expect({ respond: { status: response.statusCode, headers: pickViewerHeaders(response.headers, respond?.headers) } }).toEqual({
      ...fixture.expect,
      ...(respond ? { respond: { ...respond, headers: respond.headers ?? {} } } : {}),
    });
    expect(outcome.originId).toBeNull();
    expectNoStarWithCredentials(response.headers['access-control-allow-origin']?.value ?? null, response.headers['access-control-allow-credentials']?.value ?? null);
  }
}

export function expectOriginOutcome(fixture: OriginResponseFixture, result: CloudFrontResultResponse): void {
  const response = fixture.event.Records[0].cf.response;
  if (fixture.expect.unchanged) {
    expect(result).toEqual(response);
    return;
  }
  const picked: HeaderExpectations = {};
  for (const name of Object.keys(fixture.expect.headers ?? {})) picked[name] = firstValue(result.headers, name);
  expect({ status: result.status, statusDescription: result.statusDescription, headers: picked }).toEqual({
    status: response.status,
    statusDescription: response.statusDescription,
    headers: fixture.expect.headers ?? {},
  });
  for (const name of Object.keys(response.headers)) {
    if (MANAGED_RESPONSE_HEADERS.includes(name)) continue;
    expect({ [name]: result.headers?.[name] ?? null }).toEqual({ [name]: response.headers[name] });
  }
  for (const name of Object.keys(result.headers ?? {})) {
    for (const entry of result.headers![name]) expect(entry.key === undefined || entry.key.toLowerCase() === name).toBe(true);
  }
  expectNoStarWithCredentials(firstValue(result.headers, 'access-control-allow-origin'), firstValue(result.headers, 'access-control-allow-credentials'));
}

/** CORS forbids `Access-Control-Allow-Origin: *` together with credentials; browsers then refuse the answer. */
export function expectNoStarWithCredentials(allowOrigin: string | null, allowCredentials: string | null): void {
  expect({ allowOrigin, allowCredentials: allowOrigin === '*' ? allowCredentials : null }).toEqual({
    allowOrigin,
    allowCredentials: null,
  });
}
