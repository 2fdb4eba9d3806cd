/**
 * Names the monitoring resources share with the `status` command and the docs: alarm names, the canary's
 * metric namespace, dimension and metric names. Change them here only; status reads them back.
 */
import type { CheckId } from '../verify/check-result.ts';

/** Custom namespace of the canary's embedded-metric-format lines. */
export const CANARY_NAMESPACE = 'PosthogCloudfrontProxy/Canary';

/** The one dimension of every canary metric; its value is the stack name (`posthog-proxy-<stage>`). */
export const CANARY_DIMENSION = 'Stack';

/**
 * One metric per verify check, named by the check id (`remote-config`, `cors-preflight`, ...): 1 when the
 * check passed (or warned), 0 when it failed; none when it was skipped (`capture` without `capture: true`).
 */
export function canaryMetricName(check: CheckId): string {
  return check;
}

/** The minimum of the per-check metrics in one run: 0 when any check failed. The canary alarm watches it. */
export const CANARY_ALL_CHECKS_METRIC = 'all-checks';

/** The event the canary sends with `capture: true`, one per run; filter it out in PostHog by this name. */
export const CANARY_EVENT = '$posthog_cloudfront_canary';

/** Alarm keys; the alarm's name is `<stack>-<key>` (see alarmName). */
export const ALARM_KEYS = {
  /** AWS/CloudFront 5xxErrorRate of the distribution (the whole distribution in attach mode). */
  errorRate5xx: '5xx-error-rate',
  /** AWS/CloudFront FunctionExecutionErrors of the proxy's viewer-request function. */
  functionExecutionErrors: 'function-execution-errors',
  /** AWS/CloudFront FunctionValidationErrors of the proxy's viewer-request function. */
  functionValidationErrors: 'function-validation-errors',
  /** AWS/CloudFront FunctionThrottles of the proxy's viewer-request function. */
  functionThrottles: 'function-throttles',
  /** AWS/CloudFront LambdaExecutionError + LambdaValidationError + LambdaLimitExceededError (additional metrics). */
  lambdaEdgeErrors: 'lambda-edge-errors',
  /** The canary's all-checks metric below 1 in two runs in a row (or no run at all). */
  canaryFailed: 'canary-failed',
} as const;

export type AlarmKey = (typeof ALARM_KEYS)[keyof typeof ALARM_KEYS];

/** CloudWatch alarm names are unique per account and region, so they carry the stack name. */
export function alarmName(stackName: string, key: AlarmKey): string {
  return `${stackName}-${key}`;
}

/** The canary Lambda's function name (and so its log group `/aws/lambda/<name>` in us-east-1). */
export function canaryFunctionName(stackName: string): string {
  return `${stackName}-canary`.slice(0, 64);
}
