/**
 * `/flags/?v=2&config=true` must reach PostHog with its query string: `v=2` makes PostHog answer the v2
 * shape (a `flags` object) and `config=true` adds the remote config fields (`supportedCompression`,
 * `config`, ...). A proxy that drops the query string gets the v1 answer without them, and remote settings
 * silently stop working.
 */
import { fail, pass } from '../check-result.ts';
import type { Check } from '../check.ts';
import { edgeRefusal, reachesPostHog, WRONG_TOKEN, WRONG_URL } from '../diagnose.ts';
import { flagsRequest, parseJsonObject } from './flags-request.ts';

const QUERY = '?v=2&config=true';
const CONFIG_FIELDS = ['supportedCompression', 'config', 'sessionRecording'];

export const flagsQuery: Check = {
  id: 'flags-query',
  title: 'Flags with query string /flags/?v=2&config=true',
  async run(target, probe) {
    const path = `/flags/${QUERY}`;
    const response = await probe(flagsRequest(target, QUERY));
    const refusal = edgeRefusal(target, path, response);
    if (refusal) return refusal;
    const body = parseJsonObject(response.body);
    if (response.status === 401 || response.status === 403) {
      return fail(`${path}: ${response.status}`, WRONG_TOKEN.cause + ' (the main host rejected it)', WRONG_TOKEN.fix);
    }
    if (response.status === 404 && !(await reachesPostHog(target, probe))) return fail(`${path}: 404`, WRONG_URL.cause, WRONG_URL.fix);
    if (response.status !== 200 || body === null) {
      return fail(`${path}: ${response.status}${body === null ? ', not JSON' : ''}`, 'the flags endpoint did not answer like PostHog',
        'check that api_host is the proxy URL including the pathPrefix and that `<prefix>/*` goes to the main host ({region}.i.posthog.com)');
    }
    const hasV2 = typeof body.flags === 'object' && body.flags !== null;
    const configFields = CONFIG_FIELDS.filter((f) => f in body);
    const seen = `${path}: 200, ${hasV2 ? '"flags" (v2 shape)' : 'no "flags" object (v1 shape)'}, ` +
      (configFields.length > 0 ? `remote config fields ${configFields.join(', ')}` : 'no remote config fields');
    if (!hasV2 || configFields.length === 0) {
      return fail(seen, `the query string did not reach PostHog (${!hasV2 ? 'v=2' : 'config=true'} was lost), so remote settings silently stop working`,
        'the cache policy and origin request policy of every proxy behavior must forward all query strings, byte for byte; ' +
          'a function or proxy of yours in front must not rewrite the URL');
    }
    return pass(seen);
  },
};
