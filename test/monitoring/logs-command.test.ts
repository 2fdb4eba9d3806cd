/**
 * `posthog-cloudfront logs`: the command builds its own real AWS SDK v3 clients (one CloudWatch Logs client
 * per Region) that reach the in-process fake CloudFormation and CloudWatch Logs through AWS_ENDPOINT_URL_*.
 */
import { describe, expect, it } from 'vitest';
import { sdkClients } from '../../src/cli/aws-clients.ts';
import { command as logs } from '../../src/cli/commands/logs.ts';
import { OUTPUT_KEYS } from '../../src/deploy/resource-names.ts';
import { edgeLogGroupName } from '../../src/monitoring/edge-log-retention.ts';
import { capturedDeps } from '../support/command-deps.ts';
import { FakeCloudWatchLogs, startFakeAws } from '../support/fake-aws/index.ts';

const FN = 'posthog-proxy-prod-OriginResponseLambdaFunction-AbC123';
const GROUP = edgeLogGroupName(FN);

interface Setup {
  groups: [region: string, name: string, retention?: number][];
  refused?: string[];
  pageSize?: number;
  outputs?: Record<string, string> | null;
}

async function run(setup: Setup, args: string[]) {
  const logsFake = new FakeCloudWatchLogs();
  for (const [region, name, retention] of setup.groups) logsFake.putGroup(region, name, retention);
  for (const r of setup.refused ?? []) logsFake.refused.add(r);
  if (setup.pageSize) logsFake.pageSize = setup.pageSize;
  const aws = await startFakeAws({ services: [logsFake] });
  if (setup.outputs !== null) aws.cloudFormation.putStack({ name: 'posthog-proxy-prod', status: 'UPDATE_COMPLETE', outputs: setup.outputs ?? { [OUTPUT_KEYS.originResponseFunctionName]: FN } });
  const restore = aws.useEnv();
  const { deps, out } = capturedDeps({ aws: sdkClients });
  try {
    const code = await logs(args, deps).catch((e: Error) => e);
    return { code, out: out.join('\n'), fake: logsFake, ops: aws.operations('CLOUDWATCH_LOGS') };
  } finally {
    restore();
    await aws.stop();
  }
}

describe('posthog-cloudfront logs (real SDK clients, fake AWS)', () => {
  it('sets the retention where the groups exist, in every Region, and leaves other groups alone', async () => {
    const { code, out, fake } = await run({
      groups: [['us-east-1', GROUP], ['eu-west-1', GROUP, 7], ['ap-northeast-1', GROUP, 30], ['eu-west-1', `${GROUP}-other`], ['eu-west-1', '/aws/lambda/unrelated']],
    }, ['--stage', 'prod', '--retention-days', '30']);
    expect(code).toBe(0);
    expect([fake.retention('us-east-1', GROUP), fake.retention('eu-west-1', GROUP), fake.retention('ap-northeast-1', GROUP)]).toEqual([30, 30, 30]);
    expect([fake.retention('eu-west-1', `${GROUP}-other`), fake.retention('eu-west-1', '/aws/lambda/unrelated')]).toEqual([undefined, undefined]);
    expect(out).toMatch(/us-east-1 +\/aws\/lambda\/us-east-1\.posthog-proxy-prod-\S+: never expires -> 30 days/);
    expect(out).toMatch(/eu-west-1 +\S+: 7 days -> 30 days/);
    expect(out).toMatch(/ap-northeast-1 +\S+: 30 days \(kept\)/);
  });

  it('--dry-run changes nothing and says what it would do', async () => {
    const { code, out, fake, ops } = await run({ groups: [['eu-west-1', GROUP]] }, ['--stage', 'prod', '--retention-days', '14', '--dry-run']);
    expect(code).toBe(0);
    expect(fake.retention('eu-west-1', GROUP)).toBeUndefined();
    expect(ops).not.toContain('PutRetentionPolicy');
    expect(out).toContain('never expires (would be 14 days)');
  });

  it('follows DescribeLogGroups pages', async () => {
    const others = Array.from({ length: 5 }, (_, i) => ['eu-west-1', `${GROUP}-${i}`] as [string, string]);
    const { fake, ops } = await run({ groups: [...others, ['eu-west-1', GROUP]], pageSize: 2 }, ['--function-name', FN, '--regions', 'eu-west-1', '--retention-days', '7']);
    expect(fake.retention('eu-west-1', GROUP)).toBe(7);
    expect(ops.filter((o) => o === 'DescribeLogGroups')).toHaveLength(3);
  });

  it('a Region that refuses is reported, the others still done, exit 1', async () => {
    const { code, out, fake } = await run({ groups: [['eu-west-1', GROUP]], refused: ['ap-northeast-3'] }, ['--stage', 'prod', '--retention-days', '30', '--json']);
    expect(code).toBe(1);
    expect(fake.retention('eu-west-1', GROUP)).toBe(30);
    const report = JSON.parse(out);
    expect(report).toMatchObject({ schema: 'posthog-cloudfront-logs/1', functionName: FN, retentionDays: 30, regionsSearched: 17 });
    expect(report.failures).toEqual([{ region: 'ap-northeast-3', error: expect.stringContaining('UnrecognizedClientException') }]);
  });

  it.each([
    ['no stack', { outputs: null }, ['--stage', 'prod', '--retention-days', '30'], 'StackOutputsError', 'cannot read stack posthog-proxy-prod in us-east-1'],
    ['a stack without the function output', { outputs: {} }, ['--stage', 'prod', '--retention-days', '30'], 'StackOutputsError', 'has no output OriginResponseFunctionName'],
    ['a retention CloudWatch does not offer', {}, ['--retention-days', '10'], 'UsageError', '--retention-days "10" is not a retention CloudWatch Logs accepts'],
    ['no retention', {}, ['--stage', 'prod'], 'UsageError', 'e.g. --retention-days 30'],
    ['a bad Region list', {}, ['--retention-days', '30', '--regions', 'eu west'], 'UsageError', 'must list Region codes'],
  ] as const)('%s: a named error that says what to do', async (_name, setup, args, name, message) => {
    const { code } = await run({ groups: [], ...setup } as Setup, [...args]);
    expect(code).toMatchObject({ name, message: expect.stringContaining(message) });
  });
});
