/**
 * `posthog-cloudfront status` end to end: the command builds its own real AWS SDK v3 clients, which reach the
 * in-process fake CloudFormation, CloudFront and CloudWatch through AWS_ENDPOINT_URL_<SERVICE>.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkClients } from '../../src/cli/aws-clients.ts';
import { command as status } from '../../src/cli/commands/status.ts';
import { capturedDeps } from '../support/command-deps.ts';
import { OUTPUT_KEYS } from '../../src/deploy/resource-names.ts';
import { CANARY_DIMENSION, CANARY_NAMESPACE } from '../../src/monitoring/monitoring-names.ts';
import { STATUS_EXIT, type StatusReport } from '../../src/status/evaluate-status.ts';
import { TRAFFIC_METRICS, type TrafficKey } from '../../src/status/status-metrics.ts';
import { deployConfigPath, IDS } from '../deploy/deploy-fixtures.ts';
import { FakeCloudWatch, startFakeAws, type FakeAws } from '../support/fake-aws/index.ts';
import { healthyParts, liveDistribution, STACK } from './status-fixtures.ts';

type Parts = ReturnType<typeof healthyParts>;
type Mode = 'new' | 'attach';

interface Scenario {
  mode: Mode;
  parts?: (p: Parts) => void;
  distribution?: (c: ReturnType<typeof liveDistribution>) => void;
  fakes?: (aws: FakeAws, cloudWatch: FakeCloudWatch, id: string) => void;
  /** Stack outputs to drop or replace. */
  outputs?: (o: Record<string, string>) => void;
  noStack?: boolean;
}

const NOW = new Date(healthyParts().readAt);
const FUNCTION_NAME = 'posthog-proxy-prod-viewer-request';
const setAll = (s: { values: number[] }, v: number) => void (s.values = s.values.map(() => v));

async function run(scenario: Scenario, extraArgs: string[] = []): Promise<{ code: number; out: string; aws: FakeAws }> {
  const cloudWatch = new FakeCloudWatch();
  const aws = await startFakeAws({ services: [cloudWatch] });
  const config = liveDistribution(scenario.mode);
  scenario.distribution?.(config);
  const id = await aws.seedDistribution(config);
  aws.cloudFront.get(id).status = 'Deployed';
  const parts = healthyParts();
  scenario.parts?.(parts);
  for (const [key, s] of Object.entries(parts.traffic.series)) {
    const m = TRAFFIC_METRICS[key as TrafficKey];
    const dims: Record<string, string> = m.of === 'function' ? { FunctionName: FUNCTION_NAME, Region: 'Global' } : { DistributionId: id, Region: 'Global' };
    cloudWatch.putMetric('AWS/CloudFront', m.metricName, dims, s.timestamps.map((t, i) => [new Date(t), s.values[i]]));
  }
  for (const [name, s] of Object.entries(parts.canary.series)) {
    cloudWatch.putMetric(CANARY_NAMESPACE, name, { [CANARY_DIMENSION]: STACK }, s.timestamps.map((t, i) => [new Date(t), s.values[i]]));
  }
  for (const a of parts.alarms) cloudWatch.putAlarm({ name: a.name, state: a.state as 'OK', reason: a.reason, since: new Date(a.since) });
  // Another stage whose name starts like this one: its alarms must not count.
  cloudWatch.putAlarm({ name: `${STACK}-eu-5xx-error-rate`, state: 'ALARM', reason: 'another stack', since: NOW });
  const outputs: Record<string, string> = {
    [OUTPUT_KEYS.viewerRequestFunctionArn]: IDS.viewerRequestFunctionArn,
    [OUTPUT_KEYS.cachePolicyId]: IDS.cachePolicyId,
    [OUTPUT_KEYS.originRequestPolicyId]: IDS.originRequestPolicyId,
    [OUTPUT_KEYS.originResponseVersionArn]: IDS.originResponseVersionArn,
    [OUTPUT_KEYS.distributionId]: id,
  };
  scenario.outputs?.(outputs);
  if (!scenario.noStack) aws.cloudFormation.putStack({ name: STACK, status: 'UPDATE_COMPLETE', outputs });
  scenario.fakes?.(aws, cloudWatch, id);
  const restore = aws.useEnv();
  const { deps, out: printed } = capturedDeps({ aws: sdkClients, now: () => NOW.getTime() });
  try {
    const config = deployConfigPath(scenario.mode === 'attach' ? 'attach-us' : 'new-eu-prefixed');
    // Attach mode: the configuration names E2QWRUHAPOMQZL; the fake made another id, passed as users would.
    const idArgs = scenario.mode === 'attach' ? ['--distribution-id', id] : [];
    const code = await status(['--stage', 'prod', '--config', config, ...idArgs, ...extraArgs], deps);
    return { code, out: printed.join('\n'), aws };
  } finally {
    restore();
    await aws.stop();
  }
}

/** [name, scenario, exit code, text the screen must show] */
const CASES: Array<[string, Scenario, number, RegExp[]]> = [
  ['healthy, attached', { mode: 'attach' }, STATUS_EXIT.ok, [/distribution +\S+ +Deployed/, /names +d\w+\.cloudfront\.net, www\.example\.com, example\.com/, /proxy +in sync with the stack/, /13,630 requests, 4xx 0\.\d\d %, 5xx 0\.02 %/, /last run 2026-12-05T20:59:00\.000Z: 6 passed, 0 failed/, /alarms +6: 0 in ALARM/, /^healthy \(exit 0\)$/m]],
  ['healthy, own distribution', { mode: 'new' }, STATUS_EXIT.ok, [/proxy +in sync with the stack/, /^healthy \(exit 0\)$/m]],
  ['change still propagating', { mode: 'attach', fakes: (aws, _, id) => Object.assign(aws.cloudFront.get(id), { status: 'InProgress', pollsUntilDeployed: 99 }) }, STATUS_EXIT.ok, [/InProgress/, /^WARN +distribution \S+ is InProgress/m, /healthy, 1 warning \(exit 0\)/]],
  ['a site deploy dropped the proxy\'s behaviors', { mode: 'attach', distribution: (c) => {
    const items = c.CacheBehaviors!.Items!.filter((b) => !b.TargetOriginId!.startsWith('posthog-proxy-'));
    c.CacheBehaviors = { Quantity: items.length, Items: items };
  } }, STATUS_EXIT.problem, [/proxy +\d+ differences from the stack:/, /\+ behavior \/k7x2\/static\/\*/, /^FAIL +the proxy on \S+ differs/m, /fix: run "posthog-cloudfront attach --stack posthog-proxy-prod --distribution-id/]],
  ['5xx at 8 %', { mode: 'new', parts: (p) => setAll(p.traffic.series.errorRate5xx, 8) }, STATUS_EXIT.problem, [/^FAIL +8\.0 % of the last hour's 13,630 requests got a 5xx/m]],
  ['alarm in ALARM', { mode: 'attach', parts: (p) => Object.assign(p.alarms[1], { state: 'ALARM', reason: 'Threshold Crossed: 1 datapoint [3.0] was greater than the threshold (0.0).' }) }, STATUS_EXIT.problem, [/alarms +6: 1 in ALARM/, /^FAIL +alarm posthog-proxy-prod-function-execution-errors is in ALARM since/m, /fix: the viewer-request function throws/]],
  ['canary failing', { mode: 'new', parts: (p) => {
    p.canary.series['cors-preflight'].values[0] = 0;
    p.canary.series['all-checks'].values[0] = 0;
  } }, STATUS_EXIT.problem, [/5 passed, 1 failed/, /^FAIL +the canary's last run \(2026-12-05T20:59:00\.000Z\) failed: cors-preflight/m]],
  ['CloudWatch refused: the rest still shown, exit 3', { mode: 'attach', fakes: (_, cw) => void (cw.denied.add('GetMetricData'), cw.denied.add('DescribeAlarms')) }, STATUS_EXIT.unknown, [/proxy +in sync/, /^UNKNOWN +metrics of the last hour: the credentials may not call cloudwatch:GetMetricData/m, /cloudwatch:DescribeAlarms/, /part of the state could not be read \(exit 3\)/]],
  ['stack not deployed', { mode: 'new', noStack: true }, STATUS_EXIT.problem, [/^(?![\s\S]*UNKNOWN)/, /^FAIL +stack posthog-proxy-prod: Stack with id posthog-proxy-prod does not exist/m, /fix: deploy it/]],
  ['stack outputs incomplete', { mode: 'attach', outputs: (o) => void delete o[OUTPUT_KEYS.cachePolicyId] }, STATUS_EXIT.unknown, [/not compared/, /UNKNOWN +cannot compare the distribution with the stack: stack posthog-proxy-prod has no output CachePolicyId/]],
  ['stack outputs without the function\'s ARN: its metrics not read, the rest judged', { mode: 'new', outputs: (o) => void delete o[OUTPUT_KEYS.viewerRequestFunctionArn] }, STATUS_EXIT.unknown, [/function +not read/, /13,630 requests/]],
  ['CloudWatch pages of 5 datapoints: the same hour', { mode: 'attach', fakes: (_, cw) => void (cw.maxDatapointsPerPage = 5) }, STATUS_EXIT.ok, [/13,630 requests/, /6 passed, 0 failed/]],
];

describe('posthog-cloudfront status (real SDK clients, fake AWS)', () => {
  it.each(CASES)('%s', async (_, scenario, code, shown) => {
    // Act
    const result = await run(scenario);
    // Assess
    for (const re of shown) expect(result.out).toMatch(re);
    expect(result.code).toBe(code);
    expect(result.out).not.toMatch(/ {4}at |AKIDFAKEAWS|fake-secret/);
  });

  it('--json prints the report (schema posthog-cloudfront-status/1) and exits like the screen', async () => {
    // Act
    const result = await run({ mode: 'attach', parts: (p) => setAll(p.traffic.series.errorRate5xx, 8) }, ['--json']);
    // Assess
    const report = JSON.parse(result.out) as StatusReport;
    expect(Object.keys(report)).toEqual(['schema', 'stack', 'mode', 'readAt', 'ok', 'exitCode', 'distribution', 'traffic', 'canary', 'alarms', 'findings']);
    expect(report).toMatchObject({ schema: 'posthog-cloudfront-status/1', stack: STACK, mode: 'attach', ok: false, exitCode: 1, readAt: NOW.toISOString() });
    expect(report.distribution).toMatchObject({ status: 'Deployed', enabled: true, drift: [] });
    expect(report.traffic!.errorRate5xx).toBeCloseTo(8, 6);
    expect(report.alarms!.map((a) => a.name)).not.toContain(`${STACK}-eu-5xx-error-rate`);
    expect(report.findings[0]).toMatchObject({ id: 'error-rate-5xx', severity: 'fail' });
    expect(result.code).toBe(1);
  });

  it('reads only: sends no write to any service', async () => {
    // Act
    const { aws } = await run({ mode: 'attach' });
    // Assess
    expect(new Set(aws.operations())).toEqual(new Set(['CreateDistributionWithTags', 'DescribeStacks', 'GetDistribution', 'GetMetricData', 'DescribeAlarms']));
    expect(aws.operations().filter((o) => o === 'CreateDistributionWithTags')).toHaveLength(1);
  });
});

describe('posthog-cloudfront status without AWS', () => {
  let saved: Record<string, string | undefined>;
  const VARS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_EC2_METADATA_DISABLED', 'AWS_MAX_ATTEMPTS', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_CLOUDFORMATION', 'AWS_ENDPOINT_URL_CLOUDFRONT', 'AWS_ENDPOINT_URL_CLOUDWATCH', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_WEB_IDENTITY_TOKEN_FILE'];
  beforeAll(() => {
    saved = Object.fromEntries(VARS.map((k) => [k, process.env[k]]));
  });
  afterAll(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  const ENVS: Array<[string, Record<string, string>, RegExp]> = [
    ['no credentials', { AWS_EC2_METADATA_DISABLED: 'true' }, /^UNKNOWN +stack posthog-proxy-prod: no AWS credentials were found; give AWS credentials/m],
    ['no network (nothing listens on the endpoints)', {
      AWS_ACCESS_KEY_ID: 'AKIDNOWHERE000000000', AWS_SECRET_ACCESS_KEY: 'x', AWS_MAX_ATTEMPTS: '1',
      AWS_ENDPOINT_URL_CLOUDFORMATION: 'http://127.0.0.1:9', AWS_ENDPOINT_URL_CLOUDFRONT: 'http://127.0.0.1:9', AWS_ENDPOINT_URL_CLOUDWATCH: 'http://127.0.0.1:9',
    }, /^UNKNOWN +stack posthog-proxy-prod: the AWS endpoint 127\.0\.0\.1:9 could not be reached \(ECONNREFUSED\)/m],
  ];

  it.each(ENVS)('%s: one sentence per cause, exit 3', async (_, env, message) => {
    // Prepare
    for (const k of VARS) delete process.env[k];
    Object.assign(process.env, { AWS_CONFIG_FILE: '/nonexistent/config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials' }, env);
    const { deps, out: printed } = capturedDeps({ aws: sdkClients, now: () => NOW.getTime() });
    // Act
    const code = await status(['--stage', 'prod', '--config', deployConfigPath('new-eu-prefixed')], deps);
    // Assess
    const out = printed.join('\n');
    expect(out).toMatch(message);
    expect(out.match(/^UNKNOWN/gm)?.length ?? 0).toBeLessThanOrEqual(2);
    expect(out).not.toMatch(/ {4}at /);
    expect(code).toBe(STATUS_EXIT.unknown);
  });
});

describe('posthog-cloudfront status, bad input', () => {
  it.each([
    ['unknown flag', ['--stag', 'prod'], /unknown option --stag; did you mean --stage\?/],
    ['missing configuration file', ['--config', '/nonexistent/posthog-proxy.config.json'], /cannot read the configuration file/],
  ])('%s: a UsageError (exit 2 at the CLI), before any AWS call', async (_, argv, message) => {
    // Act
    const attempt = status(argv, capturedDeps({ now: () => NOW.getTime() }).deps);
    // Assess
    await expect(attempt).rejects.toMatchObject({ name: 'UsageError', message: expect.stringMatching(message) });
  });
});
