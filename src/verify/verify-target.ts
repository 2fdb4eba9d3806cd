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

export function parseTarget(input: { url: string; token: string | undefined; siteOrigin?: string; capture?: boolean; eventName?: string }): VerifyTarget {
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    throw new VerifyTargetError(`${JSON.stringify(input.url)} is not a URL; write the proxy's api_host, e.g. https://d111111abcdef8.cloudfront.net or https://example.com/k7x2`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new VerifyTargetError(`${input.url}: the proxy URL must start with https:// (http:// only for the local edge)`);
  if (url.search !== '' || url.hash !== '') throw new VerifyTargetError(`${input.url}: write the proxy URL without a query string or fragment, as in api_host`);
  if (input.token === undefined || !TOKEN.test(input.token)) {
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
