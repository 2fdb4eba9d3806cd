/**
 * Ad blockers' filter lists match obvious words in URL paths (the same list the configuration refuses as a
 * pathPrefix), so a proxy under `/analytics` or `/ingest` is blocked along with the analytics. No request
 * needed: the URL itself is the finding. A warning, not a failure: the proxy works for everyone else.
 */
import { AD_BLOCKED_SEGMENTS } from '../../config/config-schema.ts';
import { pass, warn } from '../check-result.ts';
import type { Check } from '../check.ts';

export function adBlockedWord(apiHost: string): string | null {
  const segments = new URL(apiHost).pathname.toLowerCase().split('/').filter((s) => s !== '');
  return AD_BLOCKED_SEGMENTS.find((w) => segments.some((s) => s.includes(w))) ?? null;
}

export const adBlockerPath: Check = {
  id: 'ad-blocker-path',
  title: 'Path name ad blockers match',
  async run(target) {
    const path = new URL(target.apiHost).pathname;
    const word = adBlockedWord(target.apiHost);
    if (word === null) return pass(path === '/' ? 'proxy at the root of its host' : `path ${path} has no word filter lists match`);
    return warn(`path ${path} contains "${word}"`, 'ad blockers match such words in URLs and block the proxy, and your analytics with it',
      'pick a meaningless `pathPrefix` such as /k7x2, rebuild, redeploy and change api_host');
  },
};
