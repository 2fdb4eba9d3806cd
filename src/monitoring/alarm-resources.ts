/**
 * The CloudWatch alarms of the proxy, as a pure function of the configuration. Every alarm is in us-east-1,
 * where CloudFront publishes its metrics (AWS: CloudFront Developer Guide, "Types of metrics for CloudFront":
 * namespace AWS/CloudFront, dimension Region=Global, plus DistributionId or FunctionName).
 *
 * Thresholds page on breakage, not on one bad request: a broken deploy or a PostHog outage fails every
 * request, so each alarm wants several failures, over at least one full period, and treats missing data
 * (no traffic) as fine. The canary is the only alarm that treats missing data as breaching: a canary that
 * stopped reporting is itself a failure.
 */
import type { ProxyConfig } from '../config/proxy-config.ts';
import type { CfnResources, CfnValue } from '../deploy/cloudformation-resources.ts';
import { ALARM_KEYS, alarmName, CANARY_ALL_CHECKS_METRIC, CANARY_DIMENSION, CANARY_NAMESPACE, type AlarmKey } from './monitoring-names.ts';

export const ALARM_LOGICAL_IDS: Record<AlarmKey, string> = {
  [ALARM_KEYS.errorRate5xx]: 'PosthogProxyAlarm5xxErrorRate',
  [ALARM_KEYS.functionExecutionErrors]: 'PosthogProxyAlarmFunctionExecutionErrors',
  [ALARM_KEYS.functionValidationErrors]: 'PosthogProxyAlarmFunctionValidationErrors',
  [ALARM_KEYS.functionThrottles]: 'PosthogProxyAlarmFunctionThrottles',
  [ALARM_KEYS.lambdaEdgeErrors]: 'PosthogProxyAlarmLambdaEdgeErrors',
  [ALARM_KEYS.canaryFailed]: 'PosthogProxyAlarmCanaryFailed',
};

export interface AlarmInputs {
  stackName: string;
  /** `{Ref: distribution}` in new mode, the configured id in attach mode. */
  distributionId: CfnValue;
  viewerRequestFunctionName: string;
  /** Where the alarms notify (ALARM and OK): the stack's topic, the user's, or none. */
  actions: CfnValue[];
}

const GLOBAL = { Name: 'Region', Value: 'Global' };

function alarm(inputs: AlarmInputs, key: AlarmKey, description: string, properties: Record<string, unknown>) {
  return {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmName: alarmName(inputs.stackName, key),
      AlarmDescription: description,
      ActionsEnabled: true,
      AlarmActions: inputs.actions,
      OKActions: inputs.actions,
      ...properties,
    },
  };
}

/** A CloudFront metric as a metric-math input (`Id`, not returned). */
function cfMetric(id: string, name: string, dimension: { Name: string; Value: CfnValue }, stat: string, period: number) {
  return { Id: id, ReturnData: false, MetricStat: { Metric: { Namespace: 'AWS/CloudFront', MetricName: name, Dimensions: [dimension, GLOBAL] }, Period: period, Stat: stat } };
}

/** A viewer-request function metric (AWS: "CloudFront Functions metrics"), summed per period. */
function functionAlarm(inputs: AlarmInputs, key: AlarmKey, metric: string, description: string, evaluationPeriods: number) {
  return alarm(inputs, key, description, {
    Namespace: 'AWS/CloudFront',
    MetricName: metric,
    Dimensions: [{ Name: 'FunctionName', Value: inputs.viewerRequestFunctionName }, GLOBAL],
    Statistic: 'Sum',
    // Five minutes: CloudFront Functions metrics are per minute, but one request's bad luck must not page.
    Period: 300,
    EvaluationPeriods: evaluationPeriods,
    DatapointsToAlarm: evaluationPeriods,
    // A broken deploy fails every request: 10 in five minutes is reached within minutes even on a small
    // site, while one malformed request (the function answers those itself, it never throws) stays below.
    Threshold: 10,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    TreatMissingData: 'notBreaching',
  });
}

export function alarmResources(config: ProxyConfig, inputs: AlarmInputs): CfnResources {
  const attach = config.distributionId !== null;
  const dist = { Name: 'DistributionId', Value: inputs.distributionId };
  const resources: CfnResources = {
    [ALARM_LOGICAL_IDS[ALARM_KEYS.errorRate5xx]]: alarm(inputs, ALARM_KEYS.errorRate5xx,
      (attach
        ? 'CloudFront 5xx error rate of the WHOLE distribution (CloudFront publishes no per-behavior rate, so your site\'s 5xx count too) above 5 % '
        : 'CloudFront 5xx error rate of the proxy\'s distribution above 5 % ') +
        'in 2 of 3 five-minute periods with at least 50 requests. PostHog down or unreachable, or the proxy\'s functions failing: see docs/operate.md.',
      {
        Metrics: [
          cfMetric('rate', '5xxErrorRate', dist, 'Average', 300),
          cfMetric('requests', 'Requests', dist, 'Sum', 300),
          // Below 50 requests in five minutes one or two failures are 5 %: count the rate only with traffic.
          { Id: 'busyRate', Expression: 'IF(requests >= 50, rate, 0)', Label: '5xx error rate (periods with >= 50 requests)', ReturnData: true },
        ],
        EvaluationPeriods: 3,
        // 2 of 3: a lasting failure pages within 10-15 minutes; a single bad five minutes does not.
        DatapointsToAlarm: 2,
        Threshold: 5,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
      }),
    [ALARM_LOGICAL_IDS[ALARM_KEYS.functionExecutionErrors]]: functionAlarm(inputs, ALARM_KEYS.functionExecutionErrors, 'FunctionExecutionErrors',
      'The proxy\'s viewer-request function threw (each such request got a 503) at least 10 times in five minutes. Roll back the last deploy; see docs/operate.md.', 1),
    [ALARM_LOGICAL_IDS[ALARM_KEYS.functionValidationErrors]]: functionAlarm(inputs, ALARM_KEYS.functionValidationErrors, 'FunctionValidationErrors',
      'The proxy\'s viewer-request function returned something CloudFront rejects (a 502 each) at least 10 times in five minutes. Roll back the last deploy; see docs/operate.md.', 1),
    // Throttles come from the compute budget; a short burst can throttle a few requests, so two periods in a row.
    [ALARM_LOGICAL_IDS[ALARM_KEYS.functionThrottles]]: functionAlarm(inputs, ALARM_KEYS.functionThrottles, 'FunctionThrottles',
      'The proxy\'s viewer-request function went over its compute budget (a 503 each) at least 10 times in each of two five-minute periods. See docs/operate.md.', 2),
    [ALARM_LOGICAL_IDS[ALARM_KEYS.lambdaEdgeErrors]]: alarm(inputs, ALARM_KEYS.lambdaEdgeErrors,
      'Lambda@Edge errors CloudFront reports for the distribution (execution, validation, limit exceeded: a 502 or 503 each) at least 10 in five minutes. ' +
        (attach
          ? 'Attach mode: these metrics exist only when the distribution\'s additional metrics are on, and they count every Lambda@Edge function of the distribution, yours too. '
          : 'Needs the distribution\'s additional metrics (the stack turns them on). ') + 'See docs/operate.md.',
      {
        Metrics: [
          cfMetric('execution', 'LambdaExecutionError', dist, 'Sum', 300),
          cfMetric('validation', 'LambdaValidationError', dist, 'Sum', 300),
          cfMetric('limit', 'LambdaLimitExceededError', dist, 'Sum', 300),
          { Id: 'errors', Expression: 'FILL(execution, 0) + FILL(validation, 0) + FILL(limit, 0)', Label: 'Lambda@Edge errors', ReturnData: true },
        ],
        EvaluationPeriods: 1,
        DatapointsToAlarm: 1,
        Threshold: 10,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      }),
  };
  const canary = config.monitoring?.canary;
  if (canary) {
    resources[ALARM_LOGICAL_IDS[ALARM_KEYS.canaryFailed]] = alarm(inputs, ALARM_KEYS.canaryFailed,
      `A canary check failed in two runs in a row (runs every ${canary.everyMinutes} min), or the canary stopped reporting. ` +
        'Its log group (/aws/lambda/<stack>-canary) says which check and why, with the fix; see docs/operate.md.',
      {
        Namespace: CANARY_NAMESPACE,
        MetricName: CANARY_ALL_CHECKS_METRIC,
        Dimensions: [{ Name: CANARY_DIMENSION, Value: inputs.stackName }],
        Statistic: 'Minimum',
        // One period per run: two failing runs in a row = two breaching periods in a row.
        Period: canary.everyMinutes * 60,
        EvaluationPeriods: 2,
        DatapointsToAlarm: 2,
        Threshold: 1,
        ComparisonOperator: 'LessThanThreshold',
        TreatMissingData: 'breaching',
      });
  }
  return resources;
}
