/**
 * The CloudWatch metrics `status` reads for the last hour, and how a series becomes one number.
 *
 * AWS, "Types of metrics for CloudFront" (CloudFront Developer Guide, programming-cloudwatch-metrics):
 * namespace `AWS/CloudFront`, read in us-east-1, dimension `Region=Global` plus `DistributionId` for a
 * distribution's metrics or `FunctionName` for a CloudFront Function's; each metric has one valid statistic
 * (Sum for counts, Average for the `*ErrorRate` percentages). The Lambda@Edge error metrics exist only when
 * the distribution's additional metrics are on (a MonitoringSubscription); without them the series is empty,
 * which status reports as "not measured", never as zero.
 */
import { CANARY_ALL_CHECKS_METRIC, CANARY_DIMENSION, CANARY_NAMESPACE, canaryMetricName } from '../monitoring/monitoring-names.ts';
import type { CheckId } from '../verify/check-result.ts';
import type { Series } from './status-snapshot.ts';

export const CLOUDFRONT_NAMESPACE = 'AWS/CloudFront';
/** How far back status looks. */
export const WINDOW_SECONDS = 3600;
/** Five-minute datapoints: twelve per hour, enough to weight the error rates by each period's requests. */
export const TRAFFIC_PERIOD_SECONDS = 300;
/** The canary runs every few minutes; one-minute datapoints keep each run apart. */
export const CANARY_PERIOD_SECONDS = 60;

export interface MetricSpec {
  /** The GetMetricData query id (lowercase first letter, letters, digits, underscores). */
  queryId: string;
  namespace: string;
  metricName: string;
  stat: 'Sum' | 'Average' | 'Minimum';
  dimensions: { Name: string; Value: string }[];
}

/** Traffic metric names, in the order status shows them. */
export const TRAFFIC_METRICS = {
  requests: { metricName: 'Requests', stat: 'Sum', of: 'distribution' },
  errorRate4xx: { metricName: '4xxErrorRate', stat: 'Average', of: 'distribution' },
  errorRate5xx: { metricName: '5xxErrorRate', stat: 'Average', of: 'distribution' },
  functionInvocations: { metricName: 'FunctionInvocations', stat: 'Sum', of: 'function' },
  functionExecutionErrors: { metricName: 'FunctionExecutionErrors', stat: 'Sum', of: 'function' },
  functionValidationErrors: { metricName: 'FunctionValidationErrors', stat: 'Sum', of: 'function' },
  functionThrottles: { metricName: 'FunctionThrottles', stat: 'Sum', of: 'function' },
  lambdaExecutionErrors: { metricName: 'LambdaExecutionError', stat: 'Sum', of: 'distribution' },
  lambdaValidationErrors: { metricName: 'LambdaValidationError', stat: 'Sum', of: 'distribution' },
  lambdaLimitExceeded: { metricName: 'LambdaLimitExceededError', stat: 'Sum', of: 'distribution' },
} as const;

export type TrafficKey = keyof typeof TRAFFIC_METRICS;

/** functionName null (the stack's outputs do not name the function): the function's metrics are not read. */
export function trafficQueries(distributionId: string, functionName: string | null): MetricSpec[] {
  const keys = (Object.keys(TRAFFIC_METRICS) as TrafficKey[]).filter((k) => functionName !== null || TRAFFIC_METRICS[k].of === 'distribution');
  return keys.map((key) => {
    const m = TRAFFIC_METRICS[key];
    const subject = m.of === 'distribution' ? { Name: 'DistributionId', Value: distributionId } : { Name: 'FunctionName', Value: functionName! };
    return { queryId: key, namespace: CLOUDFRONT_NAMESPACE, metricName: m.metricName, stat: m.stat, dimensions: [subject, { Name: 'Region', Value: 'Global' }] };
  });
}

/** One query per canary check plus `all-checks`; query ids are c0, c1, … and the series keys the metric names. */
export function canaryQueries(stackName: string, checks: readonly CheckId[]): MetricSpec[] {
  const names = [CANARY_ALL_CHECKS_METRIC, ...checks.map(canaryMetricName)];
  return names.map((metricName, i) => ({
    queryId: `c${i}`,
    namespace: CANARY_NAMESPACE,
    metricName,
    stat: 'Minimum',
    dimensions: [{ Name: CANARY_DIMENSION, Value: stackName }],
  }));
}

/** The CloudFront Function's name from its ARN (`arn:aws:cloudfront::<account>:function/<name>`). */
export function functionNameFromArn(arn: string): string | null {
  const match = /:function\/([A-Za-z0-9_-]{1,64})$/.exec(arn);
  return match ? match[1] : null;
}

export const sum = (s: Series | undefined): number | null => (s && s.values.length > 0 ? s.values.reduce((a, b) => a + b, 0) : null);

/**
 * An error rate over the window, weighted by each period's requests (a plain mean of five-minute rates would
 * let a quiet period count as much as a busy one). Null without data.
 */
export function weightedRate(rate: Series | undefined, requests: Series | undefined): number | null {
  if (!rate || rate.values.length === 0) return null;
  const byTime = new Map((requests?.timestamps ?? []).map((t, i) => [t, requests!.values[i]]));
  let weight = 0;
  let total = 0;
  rate.values.forEach((v, i) => {
    const w = byTime.get(rate.timestamps[i]) ?? 0;
    weight += w;
    total += v * w;
  });
  if (weight === 0) return rate.values.reduce((a, b) => a + b, 0) / rate.values.length;
  return total / weight;
}

/** The newest datapoint (GetMetricData returns newest first with ScanBy TimestampDescending). */
export function latest(s: Series | undefined): { value: number; at: string } | null {
  if (!s || s.values.length === 0) return null;
  let newest = 0;
  for (let i = 1; i < s.timestamps.length; i++) if (s.timestamps[i] > s.timestamps[newest]) newest = i;
  return { value: s.values[newest], at: s.timestamps[newest] };
}
