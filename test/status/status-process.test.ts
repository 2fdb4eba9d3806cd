/**
 * What a user's CI sees: the installed command as a process, its exit code and its output, against the fake
 * AWS API (the child process reaches it through the AWS_ENDPOINT_URL_<SERVICE> variables).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUT_KEYS } from '../../src/deploy/resource-names.ts';
import { deployConfigPath, IDS } from '../deploy/deploy-fixtures.ts';
import { FakeCloudWatch, startFakeAws } from '../support/fake-aws/index.ts';
import { REPO_ROOT } from '../support/fixtures.ts';
import { liveDistribution, STACK } from './status-fixtures.ts';

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // A developer's own AWS settings must not send the child elsewhere.
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^AWS_(PROFILE|DEFAULT_PROFILE|SESSION_TOKEN|ENDPOINT_URL.*|IGNORE_CONFIGURED_ENDPOINT_URLS)$/.test(k)));
    execFile(process.execPath, [join(REPO_ROOT, 'bin/posthog-cloudfront.mjs'), ...args], { env: { ...inherited, ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('posthog-cloudfront status as a process', () => {
  it('exits 1 with the drift on stdout when the proxy\'s behaviors are gone, and 0 once they are back', async () => {
    // Prepare
    const cloudWatch = new FakeCloudWatch();
    const aws = await startFakeAws({ services: [cloudWatch] });
    try {
      const live = liveDistribution('attach');
      const stripped = structuredClone(live);
      const items = stripped.CacheBehaviors!.Items!.filter((b) => !b.TargetOriginId!.startsWith('posthog-proxy-'));
      stripped.CacheBehaviors = { Quantity: items.length, Items: items };
      const broken = await aws.seedDistribution(stripped);
      const healthy = await aws.seedDistribution(live);
      for (const id of [broken, healthy]) aws.cloudFront.get(id).status = 'Deployed';
      aws.cloudFormation.putStack({ name: STACK, status: 'UPDATE_COMPLETE', outputs: {
        [OUTPUT_KEYS.viewerRequestFunctionArn]: IDS.viewerRequestFunctionArn,
        [OUTPUT_KEYS.cachePolicyId]: IDS.cachePolicyId,
        [OUTPUT_KEYS.originRequestPolicyId]: IDS.originRequestPolicyId,
        [OUTPUT_KEYS.originResponseVersionArn]: IDS.originResponseVersionArn,
      } });
      const args = ['status', '--stage', 'prod', '--config', deployConfigPath('attach-us'), '--distribution-id'];
      // Act
      const [bad, good] = await Promise.all([runCli([...args, broken], aws.env), runCli([...args, healthy], aws.env)]);
      // Assess
      expect(bad.stdout).toMatch(/^FAIL +the proxy on \S+ differs from the stack posthog-proxy-prod/m);
      expect(bad.code).toBe(1);
      expect(good.stdout).toMatch(/proxy +in sync with the stack/);
      expect(good.stdout).toMatch(/^note +no canary results/m);
      expect(good.code).toBe(0);
      expect(bad.stderr + good.stderr).not.toMatch(/ {4}at /);
    } finally {
      await aws.stop();
    }
  }, 60_000);
});
