/**
 * Strict validation of the configuration file's content, with every problem named: key, value, fix.
 * Pure: takes parsed JSON, returns a ProxyConfig or throws ConfigValidationError.
 */
import { parseCidr, type Cidr } from '../edge/ip.ts';
import { ConfigValidationError } from './config-errors.ts';
import { prefixCollision, prefixCollisionProblem } from './prefix-collisions.ts';
import { AD_BLOCKED_SEGMENTS, CONFIG_KEYS, configSchema } from './config-schema.ts';
import type { ProxyConfig } from './proxy-config.ts';
import { validateMonitoring } from './validate-monitoring.ts';
import { checkDomain, checkPriceClass } from './validate-domain.ts';

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
const PREFIX_SEGMENT = /^[A-Za-z0-9_-]+$/;
/** As the published schema's pattern: host names are case-insensitive (they are lowercased), schemes are not. */
const ORIGIN = /^(https?):\/\/(\*\.)?([A-Za-z0-9.-]+)(:([0-9]{1,5}))?$/;

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** The known key closest to a typo, when it is close enough to be what was meant. */
export function closestKey(key: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = editDistance(key, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : null;
}

function checkEnum(problems: string[], key: string, value: unknown, allowed: readonly string[]): void {
  if (value !== undefined && !allowed.includes(value as string)) {
    problems.push(`${key}: ${show(value)} is not allowed; use one of ${allowed.map(show).join(', ')}`);
  }
}

function checkHost(problems: string[], key: string, value: unknown): string | null {
  if (typeof value !== 'string') {
    problems.push(`${key}: ${show(value)} must be a host name string such as "posthog.example.com"`);
    return null;
  }
  const host = value.toLowerCase();
  if (/^[a-z]+:\/\//.test(host) || host.includes('/')) {
    const bare = host.replace(/^[a-z]+:\/\//, '').split('/')[0];
    problems.push(`${key}: ${show(value)} must be a bare host name without scheme or path; write ${show(bare)} (the proxy always uses HTTPS)`);
    return null;
  }
  if (!HOSTNAME.test(host)) {
    problems.push(`${key}: ${show(value)} is not a valid host name; write e.g. "posthog.example.com" (no port, no scheme)`);
    return null;
  }
  return host;
}

function checkPrefix(problems: string[], value: unknown, allowAdBlocked: boolean): string {
  if (value === undefined) return '';
  const hint = 'write "/" followed by segments of letters, digits, "-" or "_", e.g. "/k7x2", without a trailing slash';
  if (typeof value !== 'string' || value === '' || value === '/' || value.charAt(0) !== '/' || value.endsWith('/')) {
    problems.push(`pathPrefix: ${show(value)} is not a path prefix; ${hint}, or omit the key to serve the proxy at the root`);
    return '';
  }
  const segments = value.slice(1).split('/');
  const bad = segments.find((s) => !PREFIX_SEGMENT.test(s) || s === '.' || s === '..');
  if (bad !== undefined) {
    problems.push(`pathPrefix: ${show(value)} has the segment ${show(bad)}; ${hint}`);
    return '';
  }
  const collision = prefixCollision(value);
  if (collision !== null) problems.push(prefixCollisionProblem(value, collision));
  const lower = segments.map((s) => s.toLowerCase());
  const word = AD_BLOCKED_SEGMENTS.find((w) => lower.some((s) => s.includes(w)));
  if (word !== undefined && !allowAdBlocked) {
    problems.push(
      `pathPrefix: ${show(value)} contains "${word}", which ad blockers match in URLs, so they would block the proxy ` +
        `and your analytics with it; pick a meaningless prefix such as "/k7x2" (or set "allowAdBlockedPrefix": true to keep it anyway)`,
    );
  }
  return value;
}

function checkOrigins(problems: string[], value: unknown): string[] | null {
  if (value === undefined) return null;
  if (!Array.isArray(value) || value.length === 0) {
    problems.push(`allowedOrigins: ${show(value)} must be a non-empty array of origins such as ["https://example.com", "https://*.example.com"]; omit the key to allow any origin`);
    return null;
  }
  const out: string[] = [];
  for (const entry of value) {
    const m = typeof entry === 'string' ? ORIGIN.exec(entry) : null;
    const host = m ? m[3].toLowerCase() : '';
    const port = m && m[5] !== undefined ? +m[5] : 1;
    if (!m || !HOSTNAME.test(host) || port < 1 || port > 65535) {
      problems.push(
        `allowedOrigins: ${show(entry)} is not an origin; write "scheme://host[:port]" with no path or trailing slash ` +
          `(e.g. "https://example.com"), or "https://*.example.com" for every subdomain`,
      );
      continue;
    }
    if (m[2] && !host.includes('.')) {
      problems.push(`allowedOrigins: ${show(entry)} would match subdomains of a top-level domain; name your own domain, e.g. "https://*.example.com"`);
      continue;
    }
    const defaultPort = (m[1] === 'https' && port === 443) || (m[1] === 'http' && port === 80);
    if (defaultPort) {
      // Browsers never send the default port in Origin, so this entry could never match.
      problems.push(`allowedOrigins: ${show(entry)} names the default port, which browsers leave out of Origin, so it would never match; write ${show(entry.replace(/:\d+$/, ''))}`);
      continue;
    }
    if (out.some((o) => o.toLowerCase() === entry.toLowerCase())) {
      problems.push(`allowedOrigins: ${show(entry)} is listed twice; keep one`);
      continue;
    }
    out.push(entry);
  }
  return out;
}

function checkCidrs(problems: string[], value: unknown): { cidrs: Cidr[]; text: string[] } {
  const result = { cidrs: [] as Cidr[], text: [] as string[] };
  if (value === undefined) return result;
  if (!Array.isArray(value)) {
    problems.push(`trustedProxies: ${show(value)} must be an array of CIDRs such as ["203.0.113.0/24", "2001:db8::/32"]`);
    return result;
  }
  for (const entry of value) {
    const cidr = typeof entry === 'string' ? parseCidr(entry) : null;
    if (cidr === null) {
      problems.push(`trustedProxies: ${show(entry)} is not a CIDR; write an IPv4 or IPv6 address with a prefix length, e.g. "203.0.113.0/24" or "2001:db8::/32"`);
      continue;
    }
    if (cidr.bits === 0) {
      problems.push(`trustedProxies: ${show(entry)} trusts every address, which lets any client choose the IP PostHog records; list only your proxies' ranges`);
      continue;
    }
    if (result.text.includes(entry)) {
      problems.push(`trustedProxies: ${show(entry)} is listed twice; keep one`);
      continue;
    }
    result.cidrs.push(cidr);
    result.text.push(entry);
  }
  return result;
}

/** Validates parsed configuration JSON; `file` names the source in messages. */
export function validateConfig(raw: unknown, file = 'configuration'): ProxyConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigValidationError(file, [`the file must hold a JSON object, not ${show(raw)}; start from {"region": "us"}`]);
  }
  const input = raw as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(input)) {
    if ((CONFIG_KEYS as readonly string[]).includes(key)) continue;
    const near = closestKey(key, CONFIG_KEYS);
    problems.push(`${show(key)} is not a configuration key` + (near ? `; did you mean ${show(near)}?` : `; known keys: ${CONFIG_KEYS.join(', ')}`));
  }
  checkEnum(problems, 'region', input.region, configSchema.properties.region.enum);
  checkEnum(problems, 'endpoints', input.endpoints, configSchema.properties.endpoints.enum);
  checkEnum(problems, 'clientIp', input.clientIp, configSchema.properties.clientIp.enum);
  if (input.allowAdBlockedPrefix !== undefined && typeof input.allowAdBlockedPrefix !== 'boolean') {
    problems.push(`allowAdBlockedPrefix: ${show(input.allowAdBlockedPrefix)} must be true or false`);
  }
  if (input.distributionId !== undefined && (typeof input.distributionId !== 'string' || !/^E[A-Z0-9]{5,20}$/.test(input.distributionId))) {
    problems.push(`distributionId: ${show(input.distributionId)} is not a CloudFront distribution id; copy it from the console, e.g. "E2QWRUHAPOMQZL"`);
  }

  const region = (input.region ?? (input.upstream === undefined ? 'us' : null)) as 'us' | 'eu' | null;
  let apiHost = region ? `${region}.i.posthog.com` : '';
  let assetsHost = region ? `${region}-assets.i.posthog.com` : '';
  let uiHost = region ? `https://${region}.posthog.com` : '';
  if (input.upstream !== undefined) {
    if (input.region !== undefined) {
      problems.push(`region and upstream: both are set (region ${show(input.region)}); keep "region" for PostHog Cloud or "upstream" for self-hosted PostHog, not both`);
    }
    const up = input.upstream as Record<string, unknown>;
    if (up === null || typeof up !== 'object' || Array.isArray(up)) {
      problems.push(`upstream: ${show(up)} must be an object such as {"apiHost": "posthog.example.com"}`);
    } else {
      for (const key of Object.keys(up)) {
        if (key === 'apiHost' || key === 'assetsHost') continue;
        const near = closestKey(key, ['apiHost', 'assetsHost']);
        problems.push(`upstream.${key} is not a key of upstream` + (near ? `; did you mean "upstream.${near}"?` : '; use apiHost and assetsHost'));
      }
      if (up.apiHost === undefined) problems.push('upstream.apiHost is missing; write the host name of your PostHog instance, e.g. "posthog.example.com"');
      else apiHost = checkHost(problems, 'upstream.apiHost', up.apiHost) ?? '';
      assetsHost = up.assetsHost === undefined ? apiHost : checkHost(problems, 'upstream.assetsHost', up.assetsHost) ?? '';
      uiHost = apiHost ? `https://${apiHost}` : '';
    }
  }

  const allowAdBlocked = input.allowAdBlockedPrefix === true;
  const pathPrefix = checkPrefix(problems, input.pathPrefix, allowAdBlocked);
  const allowedOrigins = checkOrigins(problems, input.allowedOrigins);
  const trusted = checkCidrs(problems, input.trustedProxies);
  if (input.distributionId !== undefined && input.pathPrefix === undefined) {
    problems.push(
      `distributionId: attaching to the existing distribution ${show(input.distributionId)} needs a pathPrefix (e.g. "/k7x2"), ` +
        `so the proxy's behaviors sit beside your site's and never replace its default behavior`,
    );
  }
  const attach = input.distributionId !== undefined;
  const domain = checkDomain(problems, input.domain, attach);
  const priceClass = checkPriceClass(problems, input.priceClass, attach);
  const monitoring = validateMonitoring(problems, input.monitoring, attach);
  if (problems.length > 0) throw new ConfigValidationError(file, problems);
  return {
    region: input.upstream !== undefined ? null : region,
    apiHost,
    assetsHost,
    uiHost,
    pathPrefix,
    allowedOrigins: allowedOrigins && allowedOrigins.map((o) => o.toLowerCase()),
    endpoints: (input.endpoints as ProxyConfig['endpoints']) ?? 'all',
    clientIp: (input.clientIp as ProxyConfig['clientIp']) ?? 'forward',
    trustedProxies: trusted.cidrs,
    trustedProxyText: trusted.text,
    distributionId: (input.distributionId as string | undefined) ?? null,
    monitoring,
    domain,
    priceClass,
  };
}
