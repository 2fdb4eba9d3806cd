/**
 * Causes and fixes shared by several checks, worded as the README's Troubleshooting table words them, and
 * recognition of the answers the proxy's own edge function gives (they explain a failure better than the
 * check that stumbled on them).
 */
import type { ProbeRequest, ProbeResponse } from './http-client.ts';
import { fail, type Verdict } from './check-result.ts';
import type { VerifyTarget } from './verify-target.ts';
import { NOT_UNDER_PREFIX, ORIGIN_NOT_ALLOWED } from '../edge/edge-messages.ts';

/** What a check gets: send one request (the runner adds the check's timeout and records it). */
export type Probe = (request: ProbeRequest) => Promise<ProbeResponse>;

export const ARRAY_TO_MAIN_HOST = {
  cause:
    '`/array/*` is not going through the proxy\'s behaviors to the assets host ({region}-assets.i.posthog.com): the main host answers ' +
    'remote config without Cache-Control, so browsers cache it for hours or days and sampling, recording triggers and flags stop updating',
  fix: 'route `<prefix>/array/*` to the assets host: look for an attach conflict or a behavior of yours ahead of the proxy\'s, then redeploy (README, Troubleshooting)',
};

export const WRONG_TOKEN = {
  cause: 'PostHog does not know this project token here',
  fix: 'pass --token with the project API key (phc_...) from the project settings; if it is right, the host is of another region than the project (see same-region)',
};

export const WRONG_URL = {
  cause: 'no PostHog path answers under this URL (`/static/array.js` fails too): the URL is not the proxy, or misses or adds a path prefix',
  fix: 'verify (and set api_host to) the distribution URL with exactly the `pathPrefix` the proxy was built with, e.g. https://example.com/k7x2',
};

/** Whether PostHog answers under the URL at all: tells a wrong URL from a 404 PostHog gave on purpose. */
export async function reachesPostHog(target: VerifyTarget, probe: Probe): Promise<boolean> {
  const response = await probe({ method: 'GET', url: `${target.apiHost}/static/array.js` });
  return response.status === 200 && /javascript/i.test(response.headers['content-type'] ?? '');
}

export function corsFix(target: VerifyTarget): string {
  const site = target.siteOriginGiven ? target.siteOrigin : `your site's origin (this run used ${target.siteOrigin}; pass --site-origin)`;
  return `make sure ${site} is in \`allowedOrigins\` (or the key is omitted) and api_host includes the pathPrefix; ` +
    'responses of `/static/*` and `/array/*` are cached per Origin: after changing `allowedOrigins`, redeploy and invalidate `/<prefix>/static/*` and `/<prefix>/array/*`';
}

function errorText(response: ProbeResponse): string | null {
  try {
    const value = JSON.parse(response.body) as { error?: unknown };
    return typeof value?.error === 'string' ? value.error : null;
  } catch {
    return null;
  }
}

/** The proxy's edge function refused the request itself: the check's own verdict would hide the reason. */
export function edgeRefusal(target: VerifyTarget, path: string, response: ProbeResponse): Verdict | null {
  const error = errorText(response);
  if (response.status === 403 && error === ORIGIN_NOT_ALLOWED) {
    return fail(`${path}: 403 {"error":"origin not allowed"} for Origin ${target.siteOrigin}`,
      `the proxy refuses the origin ${target.siteOrigin}: it is not in \`allowedOrigins\``,
      target.siteOriginGiven ? `add ${target.siteOrigin} to \`allowedOrigins\` (https://www.example.com and https://example.com are different origins) and redeploy` : `pass --site-origin with an origin in \`allowedOrigins\``);
  }
  if (response.status === 404 && error === NOT_UNDER_PREFIX) {
    return fail(`${path}: 404 {"error":"not under the path prefix"}`,
      'the proxy URL misses the `pathPrefix` the proxy was built with',
      'verify (and set api_host to) the proxy URL including the prefix, e.g. https://example.com/k7x2');
  }
  if (response.status === 403 && new URL(target.apiHost).protocol === 'http:' && response.headers['server'] === 'CloudFront') {
    return fail(`${path}: 403 from CloudFront over http://`,
      'the proxy\'s behaviors are HTTPS-only (a redirect would turn a POST into a GET and lose events)',
      'use an https:// api_host');
  }
  return null;
}

/** Header value as a lowercase list of tokens (`Vary`, `Access-Control-Allow-Headers`). */
export function tokens(value: string | undefined): string[] {
  return (value ?? '').split(',').map((t) => t.trim().toLowerCase()).filter((t) => t !== '');
}

export function show(value: string | undefined): string {
  return value === undefined ? 'none' : JSON.stringify(value);
}
