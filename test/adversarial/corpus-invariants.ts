/**
 * What must hold for EVERY hostile request, whatever its case expects: the promises of SECURITY.md as
 * checks. The origin oracle below is written independently of src/edge/origin-match.ts on purpose, so a
 * bug there cannot hide behind itself.
 */
import type { CfValueMap } from '../../src/edge/cloudfront-function-types.ts';
import type { ProxyConfig } from '../../src/config/proxy-config.ts';
import { originIdsFor, PUBLIC_SURFACE } from '../../src/routes/route-table.ts';
import type { ViewerRequestOutcome } from '../../src/runtime/cloudfront-function-runtime.ts';
import type { AdversarialCase, CaseExpectation } from './adversarial-case.ts';
import { viewerIpOf, viewerRequestEventFor } from './adversarial-case.ts';

const LABEL = '[a-z0-9]([a-z0-9-]*[a-z0-9])?';

/** May a browser at `origin` be granted CORS under `allowedOrigins` (null: any real origin)? */
export function originAllowedOracle(allowed: string[] | null, origin: string): boolean {
  if (origin === '*') return false;
  if (allowed === null) return true;
  const o = origin.toLowerCase();
  return allowed.some((pattern) => {
    const star = pattern.indexOf('://*.');
    if (star === -1) return o === pattern.toLowerCase();
    const scheme = pattern.slice(0, star);
    const rest = pattern.slice(star + 5).toLowerCase().replace(/[.]/g, '\\.');
    return new RegExp(`^${scheme}://(${LABEL}\\.)+${rest}$`).test(o);
  });
}

/** Dot segments, doubled slashes and encoded separators never reach an origin. */
const UNNORMALIZED = /\/\/|(^|\/)(\.|%2e){1,2}(\/|$)|%2f|%5c|%00|\\/i;
const ASSETS_PATH = /^\/(static|array)\//;
const CRLF = /[\r\n]/;

function first(map: CfValueMap | undefined, name: string): string | null {
  const h = map?.[name];
  return h ? h.value : null;
}

/** The viewer's IPv4 /24, as `clientIp: "mask"` must send it; null for other addresses. */
function maskedV4(ip: string): string | null {
  const m = /^(\d+)\.(\d+)\.(\d+)\.\d+$/.exec(ip);
  return m ? `${m[1]}.${m[2]}.${m[3]}.0` : null;
}

/** Problems with one outcome of the built function; empty when the case holds. */
export function functionProblems(c: AdversarialCase, config: ProxyConfig, outcome: ViewerRequestOutcome): string[] {
  const problems: string[] = [];
  const event = viewerRequestEventFor(c);
  const requestOrigin = first(event.request.headers, 'origin');
  if (outcome.kind === 'response') {
    const r = outcome.response!;
    if (r.statusCode >= 500) problems.push(`answered ${r.statusCode}: the function must answer malformed input with a 4xx`);
    const headers = r.headers ?? {};
    for (const [name, h] of Object.entries(headers)) {
      if (CRLF.test(name) || CRLF.test(h.value)) problems.push(`header ${JSON.stringify(name)} carries CR/LF`);
    }
    if (headers['set-cookie']) problems.push('the function set a cookie');
    const acao = first(headers, 'access-control-allow-origin');
    if (acao !== null && (acao !== requestOrigin || !originAllowedOracle(config.allowedOrigins, acao))) {
      problems.push(`CORS granted to ${JSON.stringify(acao)} (request Origin ${JSON.stringify(requestOrigin)}, allowed ${JSON.stringify(config.allowedOrigins)})`);
    }
    if (first(headers, 'access-control-allow-credentials') !== null && acao === null) problems.push('credentials allowed without an allowed origin');
  } else {
    const r = outcome.request!;
    const ids = originIdsFor(config.pathPrefix);
    if (outcome.originId === null || ![ids.main, ids.assets].includes(outcome.originId)) problems.push(`forwarded to origin ${String(outcome.originId)}, not a configured PostHog origin`);
    else if ((outcome.originId === ids.assets) !== ASSETS_PATH.test(r.uri)) problems.push(`${r.uri} went to ${outcome.originId}`);
    if (UNNORMALIZED.test(r.uri)) problems.push(`forwarded an unnormalised path ${JSON.stringify(r.uri)}`);
    if (r.headers?.cookie || Object.keys(r.cookies ?? {}).length > 0) problems.push('a cookie was forwarded');
    if (config.endpoints === 'public' && !PUBLIC_SURFACE.test(r.uri)) problems.push(`public mode forwarded the non-public path ${r.uri}`);
    if (JSON.stringify(r.querystring ?? {}) !== JSON.stringify(event.request.querystring)) problems.push('the query string changed');
    const xff = first(r.headers, 'x-forwarded-for');
    if (config.trustedProxies.length === 0 && xff !== null) {
      const masked = maskedV4(viewerIpOf(c));
      if (config.clientIp !== 'mask' || (masked !== null && xff !== masked)) problems.push(`X-Forwarded-For ${JSON.stringify(xff)} left for an untrusted viewer`);
    }
  }
  return problems.concat(expectationProblems(c.expect, outcome, originIdsFor(config.pathPrefix)));
}

function expectationProblems(expect: CaseExpectation, outcome: ViewerRequestOutcome, ids: { main: string; assets: string }): string[] {
  const problems: string[] = [];
  const got = outcome.kind === 'response' ? `answer ${outcome.response!.statusCode}` : `forward to ${outcome.originId} ${outcome.request!.uri}`;
  if (expect.status !== undefined && (outcome.kind !== 'response' || outcome.response!.statusCode !== expect.status)) problems.push(`expected answer ${expect.status}, got ${got}`);
  if (expect.origin !== undefined && (outcome.kind !== 'request' || outcome.originId !== ids[expect.origin])) problems.push(`expected forward to ${expect.origin}, got ${got}`);
  if (expect.uri !== undefined && (outcome.kind !== 'request' || outcome.request!.uri !== expect.uri)) problems.push(`expected uri ${expect.uri}, got ${got}`);
  if (expect.cors !== undefined && outcome.kind === 'response') {
    const granted = first(outcome.response!.headers, 'access-control-allow-origin') !== null;
    if (granted !== (expect.cors === 'grant')) problems.push(`expected cors ${expect.cors}, got ${granted ? 'grant' : 'none'}`);
  }
  if (expect.xff !== undefined) {
    const xff = outcome.kind === 'request' ? first(outcome.request!.headers, 'x-forwarded-for') : undefined;
    if (xff !== expect.xff) problems.push(`expected X-Forwarded-For ${JSON.stringify(expect.xff)}, got ${JSON.stringify(xff)}`);
  }
  return problems;
}
