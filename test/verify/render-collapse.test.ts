/** verify's table explains a cause shared by several failures once, with the fix that fits the failure. */
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/verify/check-result.ts';
import { renderTable } from '../../src/verify/render-table.ts';
import { networkFix, type VerifyReport } from '../../src/verify/run-checks.ts';

const row = (id: CheckResult['id'], status: CheckResult['status'], cause: string | null, fix: string | null): CheckResult => ({ id, title: id, status, seen: `${id} seen`, cause, fix, probes: [] });
const report = (checks: CheckResult[]): VerifyReport => ({
  schema: 'posthog-cloudfront-verify/1',
  target: { apiHost: 'http://127.0.0.1:9999', token: 'phc_test', siteOrigin: 'https://example.com', capture: false },
  ok: false,
  counts: { pass: 0, fail: checks.length, warn: 0, skip: 0 },
  checks,
});

describe('renderTable', () => {
  it('one block for failures sharing a cause and fix; a lone failure keeps its own', () => {
    const text = renderTable(report([
      row('sdk-script', 'fail', 'the proxy did not answer', 'start it'),
      row('remote-config', 'fail', 'the proxy did not answer', 'start it'),
      row('flags-query', 'fail', 'the proxy did not answer', 'start it'),
      row('same-region', 'fail', 'mixed regions', 'use one region'),
    ]));
    expect(text.match(/the proxy did not answer/g)).toHaveLength(1);
    expect(text).toContain('3 checks (sdk-script, remote-config, flags-query), one cause:');
    expect(text).toMatch(/same-region .*\n +cause: mixed regions\n +fix: +use one region/);
  });
});

describe('networkFix', () => {
  it.each([
    ['connect ECONNREFUSED 127.0.0.1:9999', 'nothing listens'],
    ['getaddrinfo ENOTFOUND nonexistent.invalid', 'does not resolve'],
    ['GET https://x/static/array.js: no answer within 300 ms', 'raise --timeout-ms'],
    ['unable to verify the first certificate', 'certificate must cover the host'],
  ])('%s', (reason, advice) => {
    expect(networkFix(reason)).toContain(advice);
    if (!/no answer within/.test(reason)) expect(networkFix(reason)).not.toContain('--timeout-ms');
  });
});
