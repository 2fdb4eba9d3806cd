/**
 * The canary as it ships (the esbuild bundle in its zip, run by Node as Lambda would, with the environment the
 * template sets) against the local edge: every metric 1 on a correct proxy, the right check's metric 0 on each
 * deliberately broken variant of the verify tests, and an EMF line CloudWatch can read.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../src/node-http/start-local-stack.ts';
import { buildCanary, CANARY_FILE } from '../../src/monitoring/build-canary.ts';
import { CANARY_ENV } from '../../src/monitoring/canary-run.ts';
import { CANARY_ALL_CHECKS_METRIC, CANARY_DIMENSION, CANARY_EVENT, CANARY_NAMESPACE } from '../../src/monitoring/monitoring-names.ts';
import { ALL_CHECKS } from '../../src/verify/run-checks.ts';
import { startVariant, variantUrl, verifyVariants } from '../verify/verify-variants.ts';
import { parseEmf } from './emf.ts';

const TOKEN = 'phc_verify_test';
const SITE = 'https://app.example.org';
const STACK = 'posthog-proxy-test';

let dir: string;
let bundle: string;
const stacks: LocalStack[] = [];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'canary-'));
  bundle = join(dir, CANARY_FILE);
  writeFileSync(bundle, await buildCanary());
});
afterAll(async () => {
  await Promise.all(stacks.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

/** Invokes the bundle's handler in a fresh Node process, as the Lambda runtime would; returns its stdout lines. */
async function invoke(url: string, capture: boolean): Promise<{ lines: string[]; result: unknown }> {
  const script = `import(${JSON.stringify(bundle)}).then(async (m) => { const r = await m.handler({}); console.log(JSON.stringify({ result: r })); })`;
  const env = { PATH: process.env.PATH, [CANARY_ENV.url]: url, [CANARY_ENV.token]: TOKEN, [CANARY_ENV.siteOrigin]: SITE, [CANARY_ENV.capture]: String(capture), [CANARY_ENV.stackName]: STACK };
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { env });
  const lines = stdout.trim().split('\n');
  return { lines: lines.slice(0, -1), result: JSON.parse(lines[lines.length - 1]).result };
}

describe('the canary bundle against the local edge', () => {
  it.each(verifyVariants())('%s: one metric per check, 0 exactly for the checks the variant breaks', async (_name, variant) => {
    // Prepare
    const stack = await startVariant(variant);
    stacks.push(stack);

    // Act
    const { lines } = await invoke(variantUrl(variant, stack), false);

    // Assess: one EMF line, readable as CloudWatch reads it.
    expect(lines).toHaveLength(1);
    const [metrics] = parseEmf(lines[0]);
    expect(metrics.namespace).toBe(CANARY_NAMESPACE);
    expect(metrics.dimensions).toEqual({ [CANARY_DIMENSION]: STACK });
    const expected: Record<string, number> = {};
    for (const check of ALL_CHECKS) {
      // capture: false skips capture; the local edge's http:// URL has no certificate, so that check skips too
      // (its https:// cases are in test/verify/certificate-check.test.ts). A skipped check has no data point.
      const skipped = check.id === 'capture' || check.id === 'certificate';
      const status = skipped ? 'skip' : (variant.expect[check.id]?.status ?? 'pass');
      if (status !== 'skip') expected[check.id] = status === 'fail' ? 0 : 1;
    }
    expected[CANARY_ALL_CHECKS_METRIC] = Math.min(...Object.values(expected));
    expect(metrics.values).toEqual(expected);
  });

  it.each([
    ['capture: true sends one event named for filtering and reports it', true, [CANARY_EVENT]],
    ['capture: false sends nothing', false, []],
  ] as const)('%s', async (_name, capture, events) => {
    // Prepare
    const stack = await startVariant({ description: '', config: { region: 'us' }, expect: {} });
    stacks.push(stack);

    // Act
    const { lines, result } = await invoke(stack.apiHost, capture);

    // Assess
    const [metrics] = parseEmf(lines[0]);
    expect(metrics.values.capture).toBe(capture ? 1 : undefined);
    expect(metrics.values[CANARY_ALL_CHECKS_METRIC]).toBe(1);
    expect(stack.mock!.posthog.received().events.map((e) => e.event)).toEqual(events);
    expect(result).toMatchObject({ ok: true });
  });

  it('a proxy that does not answer: every network check 0, and the run still ends normally', async () => {
    const { lines, result } = await invoke('http://127.0.0.1:9', false);
    const [metrics] = parseEmf(lines[0]);
    expect(metrics.values).toMatchObject({ 'sdk-script': 0, 'remote-config': 0, 'cors-preflight': 0, [CANARY_ALL_CHECKS_METRIC]: 0 });
    expect(result).toMatchObject({ ok: false });
  });
});
