/**
 * The SDK shell of `status`: reads the stack's outputs, the distribution, the last hour's metrics, the
 * canary's results and the stack's alarms into a StatusSnapshot. Everything lives in us-east-1 (CloudFront
 * metrics are only there: AWS, "Types of metrics for CloudFront"). Each part is read on its own and a
 * failure becomes that part's sentence (aws-failure.ts), so one missing permission hides nothing else.
 */
import { DescribeStacksCommand, type CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { GetDistributionCommand, type CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { DescribeAlarmsCommand, GetMetricDataCommand, type CloudWatchClient, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { deployedIdsFrom } from '../deploy/stack-outputs.ts';
import { OUTPUT_KEYS } from '../deploy/resource-names.ts';
import { ALARM_KEYS } from '../monitoring/monitoring-names.ts';
import type { CheckId } from '../verify/check-result.ts';
import { describeAwsFailure } from './aws-failure.ts';
import {
  CANARY_PERIOD_SECONDS,
  canaryQueries,
  functionNameFromArn,
  TRAFFIC_PERIOD_SECONDS,
  trafficQueries,
  WINDOW_SECONDS,
  type MetricSpec,
} from './status-metrics.ts';
import type { AlarmState, Part, Series, StackPart, StatusSnapshot } from './status-snapshot.ts';

export interface StatusClients {
  cloudFormation: CloudFormationClient;
  cloudFront: CloudFrontClient;
  cloudWatch: CloudWatchClient;
}

export interface StatusTarget {
  stackName: string;
  mode: 'new' | 'attach';
  /** From --distribution-id or the configuration; else the stack's DistributionId output. */
  distributionId: string | null;
  /** The verify checks the canary reports on. */
  checks: readonly CheckId[];
  now?: Date;
}

async function part<T>(action: string, read: () => Promise<T>): Promise<Part<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    const failure = describeAwsFailure(error, action);
    return { ok: false, error: failure.text, missing: failure.missing };
  }
}

async function readStack(client: CloudFormationClient, stackName: string): Promise<StackPart> {
  const { Stacks } = await client.send(new DescribeStacksCommand({ StackName: stackName }));
  const stack = Stacks?.[0];
  const outputs = Object.fromEntries((stack?.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue]));
  let ids: StackPart['ids'] = null;
  let idsError: string | null = null;
  try {
    ids = deployedIdsFrom(outputs, stackName);
  } catch (error) {
    idsError = (error as Error).message;
  }
  return { status: stack?.StackStatus ?? 'UNKNOWN', ids, idsError, distributionId: outputs[OUTPUT_KEYS.distributionId] ?? null };
}

/** GetMetricData over the window, every page, as series keyed by `key(query)`. */
async function readMetrics(client: CloudWatchClient, specs: MetricSpec[], periodSeconds: number, now: Date, key: (s: MetricSpec) => string): Promise<Record<string, Series>> {
  const end = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const start = new Date(end.getTime() - WINDOW_SECONDS * 1000);
  const queries: MetricDataQuery[] = specs.map((s) => ({
    Id: s.queryId,
    MetricStat: { Metric: { Namespace: s.namespace, MetricName: s.metricName, Dimensions: s.dimensions }, Period: periodSeconds, Stat: s.stat },
    ReturnData: true,
  }));
  const series: Record<string, Series> = Object.fromEntries(specs.map((s) => [key(s), { timestamps: [], values: [] }]));
  const byId = new Map(specs.map((s) => [s.queryId, key(s)]));
  let token: string | undefined;
  do {
    const page = await client.send(new GetMetricDataCommand({ MetricDataQueries: queries, StartTime: start, EndTime: end, ScanBy: 'TimestampDescending', NextToken: token }));
    for (const result of page.MetricDataResults ?? []) {
      const target = series[byId.get(result.Id ?? '') ?? ''];
      if (!target) continue;
      target.timestamps.push(...(result.Timestamps ?? []).map((t) => t.toISOString()));
      target.values.push(...(result.Values ?? []));
    }
    token = page.NextToken;
  } while (token);
  return series;
}

async function readAlarms(client: CloudWatchClient, stackName: string): Promise<AlarmState[]> {
  const prefix = `${stackName}-`;
  // The prefix of stage "prod" also matches stage "prod-eu": keep only this stack's alarm names.
  const ours = new Set<string>(Object.values(ALARM_KEYS).map((k) => `${prefix}${k}`));
  const alarms: AlarmState[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new DescribeAlarmsCommand({ AlarmNamePrefix: prefix, NextToken: token }));
    for (const a of page.MetricAlarms ?? []) {
      if (!a.AlarmName || !ours.has(a.AlarmName)) continue;
      alarms.push({ name: a.AlarmName, state: a.StateValue ?? 'INSUFFICIENT_DATA', reason: a.StateReason ?? '', since: a.StateUpdatedTimestamp?.toISOString() ?? null });
    }
    token = page.NextToken;
  } while (token);
  return alarms;
}

export async function readStatus(clients: StatusClients, target: StatusTarget): Promise<StatusSnapshot> {
  const now = target.now ?? new Date();
  const stack = await part('cloudformation:DescribeStacks', () => readStack(clients.cloudFormation, target.stackName));
  const distributionId = target.distributionId ?? (stack.ok ? stack.value.distributionId : null);
  // Without an id the distribution and its metrics cannot be read; when the stack was unreadable that is the
  // same cause (no credentials, no network), which the report then tells once.
  const noId = stack.ok
    ? { ok: false as const, error: `stack ${target.stackName} has no ${OUTPUT_KEYS.distributionId} output; pass --distribution-id` }
    : { ok: false as const, error: stack.error };
  const arn = stack.ok ? stack.value.ids?.viewerRequestFunctionArn : undefined;
  // The function's name changes with its code (resource-names.ts), so only the stack's output names it.
  const functionName = arn ? functionNameFromArn(arn) : null;
  const [distribution, traffic, canary, alarms] = await Promise.all([
    distributionId === null
      ? noId
      : part('cloudfront:GetDistribution', async () => {
          const { Distribution } = await clients.cloudFront.send(new GetDistributionCommand({ Id: distributionId }));
          return { id: distributionId, status: Distribution?.Status ?? 'unknown', domainName: Distribution?.DomainName ?? '', config: Distribution?.DistributionConfig ?? {} as never };
        }),
    distributionId === null
      ? noId
      : part('cloudwatch:GetMetricData', async () => ({
          periodSeconds: TRAFFIC_PERIOD_SECONDS,
          series: await readMetrics(clients.cloudWatch, trafficQueries(distributionId, functionName), TRAFFIC_PERIOD_SECONDS, now, (s) => s.queryId),
        })),
    part('cloudwatch:GetMetricData', async () => ({
      series: await readMetrics(clients.cloudWatch, canaryQueries(target.stackName, target.checks), CANARY_PERIOD_SECONDS, now, (s) => s.metricName),
    })),
    part('cloudwatch:DescribeAlarms', () => readAlarms(clients.cloudWatch, target.stackName)),
  ]);
  return { stackName: target.stackName, mode: target.mode, readAt: now.toISOString(), stack, distribution, traffic, canary, alarms };
}
