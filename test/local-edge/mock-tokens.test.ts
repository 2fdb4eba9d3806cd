/** The mock PostHog dev runs knows its tokens, so a wrong token can be rehearsed locally. */
import { describe, expect, it } from 'vitest';
import { createMockPostHog, DEV_TOKENS } from '../../src/mock-posthog/mock-posthog.ts';
import { staticFiles } from '../../src/mock-posthog/static-files.ts';

const flags = (token: string) => new Request('http://mock/flags/?v=2', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, distinct_id: 'me' }) });
const config = (token: string) => new Request(`http://mock/array/${token}/config`);

describe('mock PostHog tokens', () => {
  const dev = createMockPostHog(staticFiles(), { knownTokens: DEV_TOKENS });
  const any = createMockPostHog(staticFiles());
  it.each([
    ['dev: the demo token', dev, 'phc_local_demo_token', 200, 200],
    ['dev: phc_test', dev, 'phc_test', 200, 200],
    ['dev: a wrong token, as PostHog answers it', dev, 'phc_wrong', 404, 401],
    ['tests (no list): any token', any, 'phc_wrong', 200, 200],
  ] as const)('%s', async (_, mock, token, configStatus, flagsStatus) => {
    expect((await mock.assets(config(token))).status).toBe(configStatus);
    expect((await mock.main(flags(token))).status).toBe(flagsStatus);
  });
});
