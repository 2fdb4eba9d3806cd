/**
 * `verify` against the local edge and the mock PostHog: every check passes on the proxy as deployed (with
 * and without a path prefix), and each deliberately broken variant fails the right check with the right
 * words. The variants are fixture files under test/fixtures/verify/variants/.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../src/node-http/start-local-stack.ts';
import { ALL_CHECKS, runChecks } from '../../src/verify/run-checks.ts';
import { fetchClient } from '../../src/verify/http-client.ts';
import { VERIFY_EVENT } from '../../src/verify/checks/capture-event.ts';
import { parseTarget } from '../../src/verify/verify-target.ts';
import { startVariant, variantUrl, verifyVariants, type ExpectedCheck } from './verify-variants.ts';

export const TOKEN = 'phc_verify_test';
export const SITE = 'https://app.example.org';

const stacks: LocalStack[] = [];
afterAll(async () => {
  await Promise.all(stacks.map((s) => s.close()));
});

describe('verify against the local edge', () => {
  it.each(verifyVariants())('%s', async (_name, variant) => {
    // Prepare
    const stack = await startVariant(variant);
    stacks.push(stack);
    const target = parseTarget({ url: variantUrl(variant, stack), token: TOKEN, siteOrigin: SITE, capture: true });

    // Act
    const report = await runChecks(target, fetchClient);

    // Assess: every check as the fixture says, the unlisted ones pass without cause or fix (certificate is
    // skipped: the local edge speaks http://; test/verify/certificate-check.test.ts covers it over TLS).
    expect(report.checks.map((c) => c.id)).toEqual(ALL_CHECKS.map((c) => c.id));
    for (const check of report.checks) {
      const expected: ExpectedCheck = variant.expect[check.id] ?? { status: check.id === 'certificate' ? 'skip' : 'pass' };
      const where = `${check.id}: ${JSON.stringify(check)}`;
      expect(check.status, where).toBe(expected.status);
      if (expected.seen) expect(check.seen, where).toContain(expected.seen);
      if (expected.cause) expect(check.cause, where).toContain(expected.cause);
      if (expected.fix) expect(check.fix, where).toContain(expected.fix);
      if (expected.status === 'pass') expect([check.cause, check.fix], where).toEqual([null, null]);
      expect(check.probes.every((p) => p.error === null), where).toBe(true);
    }
    expect(report.ok).toBe(!Object.values(variant.expect).some((e) => e.status === 'fail'));
  });
});

describe('--capture', () => {
  it.each([
    ['with --capture: one clearly named event reaches PostHog', true, [VERIFY_EVENT], 'pass'],
    ['without --capture: nothing is sent, the check is skipped', false, [], 'skip'],
  ] as const)('%s', async (_name, capture, events, status) => {
    // Prepare
    const stack = await startVariant({ description: '', config: { region: 'us' }, expect: {} });
    stacks.push(stack);
    const target = parseTarget({ url: stack.apiHost, token: TOKEN, siteOrigin: SITE, capture });

    // Act
    const report = await runChecks(target, fetchClient);

    // Assess
    expect(report.checks.find((c) => c.id === 'capture')?.status).toBe(status);
    const received = stack.mock!.posthog.received().events;
    expect(received.map((e) => e.event)).toEqual(events);
    if (capture) expect(received[0]).toMatchObject({ distinctId: 'posthog-cloudfront-verify', properties: { $process_person_profile: false } });
  });
});
