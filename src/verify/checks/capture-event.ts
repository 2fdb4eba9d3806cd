/**
 * With --capture only: send one event through the proxy as posthog-js does and expect PostHog to accept it.
 * It lands in the user's project, so it is clearly named, has its own distinct id and creates no person
 * profile. Without --capture it is skipped, never sent.
 */
import { fail, pass, skip } from '../check-result.ts';
import type { Check } from '../check.ts';
import { edgeRefusal } from '../diagnose.ts';
import { parseJsonObject, VERIFY_DISTINCT_ID } from './flags-request.ts';

export const VERIFY_EVENT = '$posthog_cloudfront_verify';
const PATH = '/i/v0/e/';

export const captureEvent: Check = {
  id: 'capture',
  title: `Event ${VERIFY_EVENT} accepted (--capture)`,
  async run(target, probe) {
    const event = target.eventName ?? VERIFY_EVENT;
    if (!target.capture) return skip(`not sent: pass --capture to send one ${VERIFY_EVENT} event to the project`);
    const response = await probe({
      method: 'POST',
      url: target.apiHost + PATH,
      headers: { origin: target.siteOrigin, 'content-type': 'application/json' },
      body: JSON.stringify({
        api_key: target.token,
        event,
        distinct_id: VERIFY_DISTINCT_ID,
        properties: { $process_person_profile: false, $lib: 'posthog-cloudfront-verify', proxy_url: target.apiHost },
      }),
    });
    const refusal = edgeRefusal(target, PATH, response);
    if (refusal) return refusal;
    const body = parseJsonObject(response.body);
    const seen = `POST ${PATH}: ${response.status} ${response.body.slice(0, 80)}`;
    if (response.status === 200 && body !== null) return pass(`${seen} (event ${event}, distinct id ${VERIFY_DISTINCT_ID})`);
    return fail(seen, 'PostHog did not accept the event through the proxy',
      response.status === 403 || response.status === 413
        ? 'a WAF or body-size rule on the distribution blocks capture requests: exempt the proxy\'s paths (README, Troubleshooting)'
        : 'check that `<prefix>/*` reaches the main host ({region}.i.posthog.com) and that Content-Type and the body are passed unchanged');
  },
};
