/**
 * What `verify` checks: the proxy URL as the SDK's `api_host`, the project token and the site origin the
 * browser would send. Parsed once, with errors that say what to write instead.
 */

import { ProxyError } from '../errors/proxy-error.ts';

/** PostHog's own token rule (posthog/api/remote_config.py): letters, digits, `_`, `-`, at most 200. */
const TOKEN = /^[A-Za-z0-9_-]{1,200}$/;

/** Used when --site-origin is not given; a proxy with `allowedOrigins` will refuse it (and say so). */
export const DEFAULT_SITE_ORIGIN = 'https://example.com';

export interface VerifyTarget {
  /** The proxy URL without a trailing slash: `https://d111.cloudfront.net` or `https://example.com/k7x2`. */
  apiHost: string;
  token: string;
  siteOrigin: string;
  /** False when DEFAULT_SITE_ORIGIN stands in, so CORS failures can say to pass --site-origin. */
  siteOriginGiven: boolean;
  /** Send the verification event (never without --capture: it lands in the user's project). */
  capture: boolean;
  /** The captured event's name; default `$posthog_cloudfront_verify` (the canary sends its own). */
  eventName?: string;
}

export class VerifyTargetError extends ProxyError {}

/**
 * A warning when the token does not look like a project API key: those start with `phc_`. A personal API
 * key (`phx_`) is a secret that must never be sent through a public proxy.
 */
export function tokenShapeWarning(token: string): string | null {
  if (token.startsWith('phc_')) return null;
  if (token.startsWith('phx_')) return `warning: --token ${token.slice(0, 8)}... is a personal API key (phx_), a secret; verify needs the project API key (phc_...), and a personal key must never go through a public proxy`;
  return `warning: --token ${JSON.stringify(token)} does not look like a project API key (they start with phc_); checks that need the project may fail`;
}

export function parseTarget(input: { url: string; token: string | undefined; siteOrigin?: string; capture?: boolean; eventName?: string }): VerifyTarget {
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    throw new VerifyTargetError(`${JSON.stringify(input.url)} is not a URL; write the proxy's api_host, e.g. https://d111111abcdef8.cloudfront.net or https://example.com/k7x2`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new VerifyTargetError(`${input.url}: the proxy URL must start with https:// (http:// only for the local edge)`);
  if (url.search !== '' || url.hash !== '') throw new VerifyTargetError(`${input.url}: write the proxy URL without a query string or fragment, as in api_host`);
  if (input.token === undefined) {
    throw new VerifyTargetError(`--token is required: pass the project API key (phc_...) from PostHog's project settings, e.g. --token phc_...`);
  }
  if (!TOKEN.test(input.token)) {
    throw new VerifyTargetError(`--token ${JSON.stringify(input.token ?? '')} is not a project token; pass the project API key (phc_...) from PostHog's project settings`);
  }
  let siteOrigin = DEFAULT_SITE_ORIGIN;
  if (input.siteOrigin !== undefined) {
    let site: URL | null = null;
    try {
      site = new URL(input.siteOrigin);
    } catch {
      site = null;
    }
    if (site === null || (site.protocol !== 'https:' && site.protocol !== 'http:') || site.origin !== input.siteOrigin.replace(/\/$/, '')) {
      throw new VerifyTargetError(`--site-origin ${JSON.stringify(input.siteOrigin)} is not an origin; write scheme and host only, e.g. https://www.example.com`);
    }
    siteOrigin = site.origin;
  }
  return {
    apiHost: url.origin + url.pathname.replace(/\/+$/, ''),
    token: input.token,
    siteOrigin,
    siteOriginGiven: input.siteOrigin !== undefined,
    capture: input.capture === true,
    ...(input.eventName === undefined ? {} : { eventName: input.eventName }),
  };
}
