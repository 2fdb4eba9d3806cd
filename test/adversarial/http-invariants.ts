/**
 * The corpus invariants as seen over real HTTP through the local edge: what reached the (recording)
 * origin, and what the viewer got back. Same promises as corpus-invariants.ts, observed from outside.
 */
import type { ProxyConfig } from '../../src/config/proxy-config.ts';
import { PUBLIC_SURFACE } from '../../src/routes/route-table.ts';
import { headerPairs, splitTarget, text, type AdversarialCase } from './adversarial-case.ts';
import { originAllowedOracle } from './corpus-invariants.ts';
import type { OriginHit, RawResponse } from './raw-http.ts';

/** Headers that would let a viewer steer the origin, were they forwarded. */
const NEVER_FORWARDED = ['cookie', 'forwarded', 'x-forwarded-host', 'x-forwarded-server', 'x-host', 'x-original-url', 'x-rewrite-url', 'x-forwarded-prefix', 'x-http-method-override', 'x-method-override', 'x-real-ip', 'true-client-ip', 'x-client-ip', 'cf-connecting-ip', 'x-forwarded-port', 'x-forwarded-scheme'];

export function httpProblems(c: AdversarialCase, config: ProxyConfig, response: RawResponse, hits: OriginHit[]): string[] {
  const problems: string[] = [];
  const expect = c.http ?? c.expect;
  if (response.status >= 500) problems.push(`viewer got ${response.status}`);
  const viewerOrigin = headerPairs(c).find(([n]) => n.toLowerCase() === 'origin')?.[1].trim() ?? null;
  for (const [name, value] of response.headers) {
    if (name === 'set-cookie') problems.push('the viewer got a Set-Cookie');
    if (name === 'access-control-allow-origin' && !originAllowedOracle(config.allowedOrigins, value)) problems.push(`CORS granted to ${JSON.stringify(value)}`);
  }
  if (hits.length > 1) problems.push(`${hits.length} requests reached the origin`);
  const allowedHosts = [config.apiHost, config.assetsHost];
  const { query } = splitTarget(text(c.request.target));
  for (const hit of hits) {
    if (!allowedHosts.includes(hit.host)) problems.push(`an origin request with Host ${JSON.stringify(hit.host)}`);
    for (const name of NEVER_FORWARDED) if (name in hit.headers) problems.push(`the origin received ${name}: ${hit.headers[name]}`);
    if (hit.headers['x-forwarded-proto'] !== 'https') problems.push(`X-Forwarded-Proto ${JSON.stringify(hit.headers['x-forwarded-proto'])} reached the origin`);
    if (config.endpoints === 'public' && !PUBLIC_SURFACE.test(hit.path)) problems.push(`public mode forwarded ${hit.path}`);
    if (hit.query !== query) problems.push(`query ${JSON.stringify(hit.query)} reached the origin, sent ${JSON.stringify(query)}`);
    const leftmost = (hit.headers['x-forwarded-for'] ?? '').split(',')[0].trim();
    const client = expect.xff === undefined ? null : expect.xff ?? '127.0.0.1';
    if (client !== null && leftmost !== client) problems.push(`PostHog would record ${leftmost}, expected ${client}`);
    if (client === null && config.trustedProxies.length === 0 && config.clientIp === 'forward' && leftmost !== '127.0.0.1') problems.push(`PostHog would record ${leftmost}, not the viewer`);
  }
  if (expect.status !== undefined) {
    if (response.status !== expect.status) problems.push(`expected ${expect.status}, viewer got ${response.status}`);
    if (hits.length > 0) problems.push(`an answer at the edge was expected, yet ${hits[0].path} reached the origin`);
  }
  if (expect.origin !== undefined) {
    const host = expect.origin === 'main' ? config.apiHost : config.assetsHost;
    if (hits.length !== 1) problems.push(`expected one request at the ${expect.origin} origin, got ${hits.length} (viewer status ${response.status})`);
    else if (hits[0].host !== host) problems.push(`expected Host ${host}, got ${hits[0].host}`);
    if (expect.uri !== undefined && hits[0] && hits[0].path !== expect.uri) problems.push(`expected path ${expect.uri}, origin got ${hits[0].path}`);
  }
  if (expect.cors !== undefined) {
    const granted = response.headers.some(([n, v]) => n === 'access-control-allow-origin' && v === viewerOrigin);
    if (granted !== (expect.cors === 'grant')) problems.push(`expected cors ${expect.cors}, got ${granted ? 'grant' : 'none'}`);
  }
  return problems;
}
