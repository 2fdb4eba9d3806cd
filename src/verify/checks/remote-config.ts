/**
 * Remote config: `/array/<token>/config.js` (and `/config`, which the SDK sometimes asks for) must carry
 * `Cache-Control: max-age=300` as PostHog's assets host sends it. PostHog's own proxy check is exactly this
 * curl. Without it the request went to the main host, which strips Cache-Control.
 */
import { fail, pass, type Verdict } from '../check-result.ts';
import type { Check } from '../check.ts';
import { ARRAY_TO_MAIN_HOST, edgeRefusal, reachesPostHog, show, WRONG_TOKEN, WRONG_URL } from '../diagnose.ts';

const MAX_AGE_300 = /(^|[,\s])max-age=300($|[,\s])/i;

export const remoteConfig: Check = {
  id: 'remote-config',
  title: 'Remote config Cache-Control max-age=300',
  async run(target, probe) {
    const seen: string[] = [];
    let verdict: Verdict | null = null;
    for (const file of ['config.js', 'config']) {
      const path = `/array/${target.token}/${file}`;
      const response = await probe({ method: 'GET', url: target.apiHost + path, headers: { origin: target.siteOrigin } });
      const refusal = edgeRefusal(target, path, response);
      if (refusal) return refusal;
      const cacheControl = response.headers['cache-control'];
      seen.push(`${path}: ${response.status}, Cache-Control ${show(cacheControl)}`);
      if (verdict !== null) continue;
      if (response.status === 404) {
        verdict = (await reachesPostHog(target, probe))
          ? fail('', WRONG_TOKEN.cause + ' (the assets host answered 404 for its remote config)', WRONG_TOKEN.fix)
          : fail('', WRONG_URL.cause, WRONG_URL.fix);
      }
      else if (response.status !== 200) verdict = fail('', `PostHog or the proxy answered ${response.status} for remote config`, 'retry; if it persists, check the distribution\'s behaviors for `<prefix>/array/*`');
      else if (cacheControl === undefined || !MAX_AGE_300.test(cacheControl)) verdict = fail('', ARRAY_TO_MAIN_HOST.cause, ARRAY_TO_MAIN_HOST.fix);
    }
    return verdict === null ? pass(seen.join('; ')) : { ...verdict, seen: seen.join('; ') };
  },
};
