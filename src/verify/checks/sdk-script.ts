/**
 * The SDK script: the snippet loads `<api_host>/static/array.js` with crossorigin="anonymous", so the
 * browser sends Origin and needs Access-Control-Allow-Origin (`*` or the site's origin) on a JavaScript
 * answer, or it refuses to run the script.
 */
import { fail, pass } from '../check-result.ts';
import type { Check } from '../check.ts';
import { corsFix, edgeRefusal, show } from '../diagnose.ts';

const JAVASCRIPT = /^(text|application)\/(javascript|ecmascript|x-javascript)\b/i;
const PATH = '/static/array.js';

export const sdkScript: Check = {
  id: 'sdk-script',
  title: 'SDK script /static/array.js',
  async run(target, probe) {
    const response = await probe({ method: 'GET', url: target.apiHost + PATH, headers: { origin: target.siteOrigin, 'sec-fetch-mode': 'cors' } });
    const refusal = edgeRefusal(target, PATH, response);
    if (refusal) return refusal;
    const type = response.headers['content-type'];
    const allow = response.headers['access-control-allow-origin'];
    if (response.status !== 200) {
      return fail(`${PATH}: ${response.status}`, '`/static/*` does not reach PostHog\'s assets host through the proxy',
        'check that api_host is the proxy URL including the pathPrefix and that the deploy (or attach) finished; see README, Deploy');
    }
    if (type === undefined || !JAVASCRIPT.test(type)) {
      return fail(`${PATH}: 200 with Content-Type ${show(type)}`, 'something other than PostHog answered (an error or fallback page of the site or distribution)',
        'make sure `<prefix>/static/*` is routed to the assets host ahead of any catch-all behavior of yours');
    }
    if (allow !== '*' && allow !== target.siteOrigin) {
      return fail(`${PATH}: 200 ${type}, Access-Control-Allow-Origin ${show(allow)} for Origin ${target.siteOrigin}`,
        'the browser loads array.js with crossorigin="anonymous" and refuses it without CORS for the site (CORS error in the browser console)', corsFix(target));
    }
    return pass(`${PATH}: 200 ${type}, Access-Control-Allow-Origin ${allow}`);
  },
};
