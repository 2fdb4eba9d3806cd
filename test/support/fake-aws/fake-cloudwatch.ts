/**
 * A fake of the CloudWatch API for what `status` reads: GetMetricData and DescribeAlarms.
 *
 * Protocol: the installed @aws-sdk/client-cloudwatch speaks AWS JSON 1.0 (POST /, `x-amz-target:
 * GraniteServiceVersion20100801.<Operation>`, timestamps as epoch seconds) with `awsQueryCompatible`, so
 * errors carry the JSON `__type` plus the `x-amzn-query-error: <Code>;<Sender|Receiver>` header the SDK
 * takes the error's name from (as CloudWatch answers since its move off the query protocol).
 *
 * What it checks, after the CloudWatch API reference (GetMetricData, DescribeAlarms): query ids start with a
 * lowercase letter and are unique, at most 500 queries, Period a multiple of 60, StartTime before EndTime,
 * dimensions match exactly (a metric with more or fewer dimensions is another metric), datapoints bucketed by
 * Period from StartTime and aggregated by the requested statistic, ScanBy order, paging with NextToken, and
 * DescribeAlarms' AlarmNamePrefix with MaxRecords (default 50) and NextToken.
 */
import type { FakeRequest, FakeResponse, FakeService } from './fake-service.ts';
import { requestIdHeaders } from './fake-service.ts';

const TARGET_PREFIX = 'GraniteServiceVersion20100801.';

export interface FakeMetricPoint {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  timestamp: Date;
  value: number;
}

export interface FakeAlarm {
  name: string;
  state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  reason: string;
  since: Date;
}

interface Dimension {
  Name: string;
  Value: string;
}

interface Query {
  Id: string;
  MetricStat?: { Metric: { Namespace: string; MetricName: string; Dimensions?: Dimension[] }; Period: number; Stat: string };
  ReturnData?: boolean;
}

class CloudWatchError extends Error {
  constructor(readonly status: number, readonly code: string, readonly queryCode: string, message: string) {
    super(message);
  }
}

const invalid = (message: string) => new CloudWatchError(400, 'InvalidParameterValueException', 'InvalidParameterValue', message);

function aggregate(values: number[], stat: string): number {
  switch (stat) {
    case 'Sum':
      return values.reduce((a, b) => a + b, 0);
    case 'Average':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'Minimum':
      return Math.min(...values);
    case 'Maximum':
      return Math.max(...values);
    case 'SampleCount':
      return values.length;
    default:
      throw invalid(`The statistic ${stat} is not supported by the fake (Sum, Average, Minimum, Maximum, SampleCount)`);
  }
}

export class FakeCloudWatch implements FakeService {
  readonly envKey = 'CLOUDWATCH';
  readonly points: FakeMetricPoint[] = [];
  readonly alarms = new Map<string, FakeAlarm>();
  /** Operations answered AccessDenied, as for credentials whose policy lacks them. */
  readonly denied = new Set<string>();
  /** Datapoints per GetMetricData page (CloudWatch allows 100,800); tests lower it to exercise NextToken. */
  maxDatapointsPerPage = 100_800;

  putMetric(namespace: string, metricName: string, dimensions: Record<string, string>, points: Array<[Date, number]>): void {
    for (const [timestamp, value] of points) this.points.push({ namespace, metricName, dimensions, timestamp, value });
  }

  putAlarm(alarm: FakeAlarm): void {
    this.alarms.set(alarm.name, alarm);
  }

  handle(request: FakeRequest): FakeResponse & { operation: string } {
    const target = request.headers['x-amz-target'] ?? '';
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : 'Unknown';
    try {
      if (request.method !== 'POST' || request.path !== '/') throw invalid(`expected POST / (AWS JSON 1.0), got ${request.method} ${request.path}`);
      if (!(request.headers['content-type'] ?? '').startsWith('application/x-amz-json-1.0')) throw invalid(`expected content-type application/x-amz-json-1.0, got ${request.headers['content-type']}`);
      if (!/^AWS4-HMAC-SHA256 Credential=\S+\/\d{8}\/us-east-1\/monitoring\/aws4_request/.test(request.headers.authorization ?? '')) {
        throw new CloudWatchError(403, 'IncompleteSignature', 'IncompleteSignature', 'requests must be signed with SigV4 for monitoring in us-east-1');
      }
      if (this.denied.has(operation)) {
        throw new CloudWatchError(403, 'AccessDeniedException', 'AccessDenied', `User: arn:aws:iam::123456789012:user/ci is not authorized to perform: cloudwatch:${operation} because no identity-based policy allows the cloudwatch:${operation} action`);
      }
      const input = JSON.parse(request.body || '{}') as Record<string, unknown>;
      const body = operation === 'GetMetricData' ? this.getMetricData(input) : operation === 'DescribeAlarms' ? this.describeAlarms(input) : null;
      if (body === null) throw new CloudWatchError(400, 'UnknownOperationException', 'UnknownOperation', `the fake CloudWatch does not implement ${operation}`);
      return { operation, status: 200, headers: { 'content-type': 'application/x-amz-json-1.0', ...requestIdHeaders() }, body: JSON.stringify(body) };
    } catch (error) {
      if (!(error instanceof CloudWatchError)) throw error;
      return {
        operation,
        status: error.status,
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-query-error': `${error.queryCode};Sender`, ...requestIdHeaders() },
        body: JSON.stringify({ __type: `com.amazonaws.cloudwatch#${error.code}`, message: error.message }),
      };
    }
  }

  private getMetricData(input: Record<string, unknown>) {
    const queries = (input.MetricDataQueries ?? []) as Query[];
    const start = Number(input.StartTime) * 1000;
    const end = Number(input.EndTime) * 1000;
    if (queries.length === 0 || queries.length > 500) throw invalid('MetricDataQueries must hold between 1 and 500 queries');
    if (!(start < end)) throw invalid('The parameter StartTime must be less than the parameter EndTime.');
    const ids = new Set<string>();
    for (const q of queries) {
      if (!/^[a-z][a-zA-Z0-9_]*$/.test(q.Id)) throw invalid(`Invalid metric data query id ${q.Id}: it must start with a lowercase letter and hold only letters, digits and underscores`);
      if (ids.has(q.Id)) throw invalid(`The value ${q.Id} for field Id is not unique`);
      ids.add(q.Id);
      if (!q.MetricStat) throw invalid(`query ${q.Id}: the fake answers MetricStat queries only`);
      if (q.MetricStat.Period < 60 || q.MetricStat.Period % 60 !== 0) throw invalid(`query ${q.Id}: Period must be a multiple of 60`);
    }
    const descending = (input.ScanBy ?? 'TimestampDescending') === 'TimestampDescending';
    const all = queries.filter((q) => q.ReturnData !== false).flatMap((q) => this.series(q, start, end, descending).map((p) => ({ id: q.Id, ...p })));
    const offset = input.NextToken === undefined ? 0 : Number(input.NextToken);
    if (!Number.isInteger(offset) || offset < 0 || offset > all.length) throw new CloudWatchError(400, 'InvalidNextToken', 'InvalidNextToken', 'The service found NextToken to be invalid.');
    const page = all.slice(offset, offset + this.maxDatapointsPerPage);
    const more = offset + page.length < all.length;
    return {
      MetricDataResults: queries
        .filter((q) => q.ReturnData !== false)
        .map((q) => {
          const mine = page.filter((p) => p.id === q.Id);
          return { Id: q.Id, Label: q.MetricStat!.Metric.MetricName, Timestamps: mine.map((p) => p.at / 1000), Values: mine.map((p) => p.value), StatusCode: more ? 'PartialData' : 'Complete' };
        }),
      ...(more ? { NextToken: String(offset + page.length) } : {}),
      Messages: [],
    };
  }

  private series(q: Query, start: number, end: number, descending: boolean): Array<{ at: number; value: number }> {
    const { Metric, Period, Stat } = q.MetricStat!;
    const wanted = Object.fromEntries((Metric.Dimensions ?? []).map((d) => [d.Name, d.Value]));
    const sameDimensions = (d: Record<string, string>) =>
      Object.keys(d).length === Object.keys(wanted).length && Object.entries(d).every(([k, v]) => wanted[k] === v);
    const buckets = new Map<number, number[]>();
    for (const p of this.points) {
      const t = p.timestamp.getTime();
      if (p.namespace !== Metric.Namespace || p.metricName !== Metric.MetricName || !sameDimensions(p.dimensions) || t < start || t >= end) continue;
      const bucket = start + Math.floor((t - start) / (Period * 1000)) * Period * 1000;
      buckets.set(bucket, [...(buckets.get(bucket) ?? []), p.value]);
    }
    const out = [...buckets.entries()].map(([at, values]) => ({ at, value: aggregate(values, Stat) }));
    return out.sort((a, b) => (descending ? b.at - a.at : a.at - b.at));
  }

  private describeAlarms(input: Record<string, unknown>) {
    const prefix = typeof input.AlarmNamePrefix === 'string' ? input.AlarmNamePrefix : '';
    const max = input.MaxRecords === undefined ? 50 : Number(input.MaxRecords);
    if (!(max >= 1 && max <= 100)) throw invalid('MaxRecords must be between 1 and 100');
    const matching = [...this.alarms.values()].filter((a) => a.name.startsWith(prefix)).sort((a, b) => a.name.localeCompare(b.name));
    const offset = input.NextToken === undefined ? 0 : Number(input.NextToken);
    const page = matching.slice(offset, offset + max);
    return {
      MetricAlarms: page.map((a) => ({
        AlarmName: a.name,
        AlarmArn: `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${a.name}`,
        StateValue: a.state,
        StateReason: a.reason,
        StateUpdatedTimestamp: a.since.getTime() / 1000,
      })),
      CompositeAlarms: [],
      ...(offset + page.length < matching.length ? { NextToken: String(offset + page.length) } : {}),
    };
  }
}
