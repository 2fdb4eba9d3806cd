/**
 * Table 5: what `monitoring` costs a month, whatever the traffic: the alarms, the distribution's additional
 * metrics, and the canary (its Lambda runs, its custom metrics, its log lines, the requests it sends through
 * CloudFront). Pure arithmetic from dated prices; the counts come from the generators themselves
 * (src/monitoring), so adding an alarm or a check changes this table.
 */
import { validateConfig } from '../src/config/validate-config.ts';
import { resourceNames } from '../src/deploy/resource-names.ts';
import { monitoringResources } from '../src/monitoring/monitoring-resources.ts';
import { ALL_CHECKS } from '../src/verify/run-checks.ts';
import { AWS_PRICES } from './aws-prices.ts';
import type { Table } from './report-format.ts';

export const MONITORING_PRICES = {
  recordedOn: '2026-12-05',
  source: 'https://aws.amazon.com/cloudwatch/pricing/ and https://aws.amazon.com/lambda/pricing/ (us-east-1, first tier, free tier ignored)',
  /** Standard-resolution alarm: USD 0.10 per metric it evaluates, a month (a metric-math alarm pays per metric). */
  alarmMetricMonth: 0.1,
  /** Custom metric (the canary's EMF metrics): USD 0.30 a month each. */
  customMetricMonth: 0.3,
  /** CloudFront additional metrics: billed as 8 custom metrics per distribution (CloudFront Developer Guide, "Estimate the cost for the additional CloudFront metrics"). */
  additionalMetricsPerDistribution: 8,
  /** CloudWatch Logs ingestion (standard): USD 0.50 per GB. */
  logIngestPerGb: 0.5,
  /** Lambda (x86, us-east-1): USD 0.20 per million requests and USD 0.0000166667 per GB-second. */
  lambdaRequestPerMillion: 0.2,
  lambdaPerGbSecond: 0.0000166667,
} as const;

export const CANARY_ASSUMPTIONS = {
  memoryGb: 256 / 1024,
  /** The checks wait on the network; a run takes about 2 s against a healthy proxy (deliberately high). */
  billedSecondsPerRun: 2,
  /** verify's requests in one run (sdk-script, remote-config x2, preflight, flags x2, region; capture off). */
  requestsPerRun: 10,
  /** One EMF line plus Lambda's START/END/REPORT lines a run. */
  logBytesPerRun: 2_000,
} as const;

const MINUTES_A_MONTH = 30 * 24 * 60;

export interface MonitoringCost {
  label: string;
  alarms: number;
  additionalMetrics: number;
  canaryMetrics: number;
  canaryRun: number;
  total: number;
}

/** The monthly bill of one monitoring configuration (new mode: the stack turns additional metrics on). */
export function monitoringCost(label: string, raw: unknown, prices = MONITORING_PRICES, canary = CANARY_ASSUMPTIONS): MonitoringCost {
  const config = validateConfig(raw);
  const { Resources } = monitoringResources(config, { stackName: resourceNames('prod').stackName, distributionId: { Ref: 'D' }, viewerRequestFunctionName: 'f' });
  const alarmMetrics = Object.values(Resources)
    .filter((r) => r.Type === 'AWS::CloudWatch::Alarm')
    .reduce((n, r) => n + (Array.isArray(r.Properties.Metrics) ? (r.Properties.Metrics as { Expression?: string }[]).filter((m) => !m.Expression).length : 1), 0);
  const subscribed = Object.values(Resources).some((r) => r.Type === 'AWS::CloudFront::MonitoringSubscription');
  const c = config.monitoring?.canary ?? null;
  const runs = c ? MINUTES_A_MONTH / c.everyMinutes : 0;
  // One metric per check that reports (capture only with capture: true) plus all-checks.
  const metrics = c ? ALL_CHECKS.filter((k) => k.id !== 'capture' || c.capture).length + 1 : 0;
  const canaryRun = c
    ? (runs / 1e6) * prices.lambdaRequestPerMillion
      + runs * canary.memoryGb * canary.billedSecondsPerRun * prices.lambdaPerGbSecond
      + ((runs * canary.logBytesPerRun) / 2 ** 30) * prices.logIngestPerGb
      + ((runs * canary.requestsPerRun) / 1e6) * (AWS_PRICES.cloudFront.httpsRequestPerMillion + AWS_PRICES.cloudFrontFunctions.invocationPerMillion)
    : 0;
  const parts = {
    alarms: alarmMetrics * prices.alarmMetricMonth,
    additionalMetrics: subscribed ? prices.additionalMetricsPerDistribution * prices.customMetricMonth : 0,
    canaryMetrics: metrics * prices.customMetricMonth,
    canaryRun,
  };
  return { label, ...parts, total: parts.alarms + parts.additionalMetrics + parts.canaryMetrics + parts.canaryRun };
}

export const MONITORING_CASES: [string, unknown][] = [
  ['alarms only (`"monitoring": {}`)', { monitoring: {} }],
  ['alarms + canary every 5 min', { monitoring: { canary: { token: 'phc_x', everyMinutes: 5 } } }],
  ['alarms + canary every minute, capture on', { monitoring: { canary: { token: 'phc_x', everyMinutes: 1, capture: true } } }],
];

const usd = (n: number) => `$${n.toFixed(2)}`;

export function monitoringCostTable(): { table: Table; costs: MonitoringCost[] } {
  const costs = MONITORING_CASES.map(([label, raw]) => monitoringCost(label, raw));
  return {
    costs,
    table: {
      title: 'Table 5. Monitoring: USD a month, independent of traffic',
      notes: [
        `Counted from the generated resources (src/monitoring): the alarms' metrics (a metric-math alarm pays for each metric it reads), the distribution's additional metrics (${MONITORING_PRICES.additionalMetricsPerDistribution} custom metrics; new mode only, the Lambda@Edge alarm needs them), one custom metric per canary check plus all-checks, and the canary's runs: Lambda at ${CANARY_ASSUMPTIONS.memoryGb * 1024} MB for ${CANARY_ASSUMPTIONS.billedSecondsPerRun} billed s, ${CANARY_ASSUMPTIONS.logBytesPerRun} log bytes and ${CANARY_ASSUMPTIONS.requestsPerRun} CloudFront requests (with the CloudFront Function) a run. Standard logs (\`logs\`) are not included: their cost grows with traffic (CloudWatch Logs ingestion, USD ${MONITORING_PRICES.logIngestPerGb} per GB, about 1 KB a request). Prices recorded ${MONITORING_PRICES.recordedOn} (${MONITORING_PRICES.source}).`,
      ],
      header: ['configuration', 'alarms', 'additional metrics', 'canary metrics', 'canary runs', 'total / month'],
      rows: costs.map((c) => [c.label, usd(c.alarms), usd(c.additionalMetrics), usd(c.canaryMetrics), usd(c.canaryRun), `**${usd(c.total)}**`]),
      footer: [],
    },
  };
}
