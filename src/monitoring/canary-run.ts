/**
 * The canary: verify's checks (the same code, src/verify/) against the proxy URL, and one CloudWatch
 * embedded-metric-format line per run with one metric per check, so CloudWatch makes the metrics from the
 * log line with no SDK call and no permission beyond writing logs.
 * AWS: "Specification: Embedded metric format" (CloudWatch User Guide) for the line's shape.
 * No runtime dependencies: the global fetch the HttpClient wraps, and node:tls for the certificate check (Lambda runs Node).
 */
import type { CheckResult } from '../verify/check-result.ts';
import type { HttpClient } from '../verify/http-client.ts';
import { runChecks, type VerifyReport } from '../verify/run-checks.ts';
import { parseTarget } from '../verify/verify-target.ts';
import { CANARY_ALL_CHECKS_METRIC, CANARY_DIMENSION, CANARY_EVENT, CANARY_NAMESPACE, canaryMetricName } from './monitoring-names.ts';

/** Environment variables of the canary Lambda (set by the template, see canary-function.ts). */
export const CANARY_ENV = {
  url: 'PROXY_URL',
  token: 'POSTHOG_TOKEN',
  siteOrigin: 'SITE_ORIGIN',
  capture: 'CAPTURE',
  stackName: 'STACK_NAME',
} as const;

export interface CanarySettings {
  url: string;
  token: string;
  siteOrigin: string;
  capture: boolean;
  stackName: string;
}

/** The canary Lambda's environment lacks a variable or holds a bad value: the template was edited by hand. */
export class CanarySettingsError extends Error {
  override name = 'CanarySettingsError';
}

export function canarySettingsFromEnv(env: Record<string, string | undefined>): CanarySettings {
  const read = (key: string) => {
    const value = env[key];
    if (value === undefined || value === '') throw new CanarySettingsError(`the canary's environment variable ${key} is missing; redeploy the stack (npx serverless deploy) instead of editing the function`);
    return value;
  };
  return {
    url: read(CANARY_ENV.url),
    token: read(CANARY_ENV.token),
    siteOrigin: read(CANARY_ENV.siteOrigin),
    capture: env[CANARY_ENV.capture] === 'true',
    stackName: read(CANARY_ENV.stackName),
  };
}

/** 1: the check passed or only warned; 0: it failed; undefined: skipped (no data point). */
export function checkValue(check: CheckResult): 0 | 1 | undefined {
  if (check.status === 'skip') return undefined;
  return check.status === 'fail' ? 0 : 1;
}

/** One EMF line: the per-check metrics and their minimum, under the Stack dimension. */
export function emfLine(stackName: string, report: VerifyReport, timestamp: number): string {
  const values: Record<string, number> = {};
  for (const check of report.checks) {
    const value = checkValue(check);
    if (value !== undefined) values[canaryMetricName(check.id)] = value;
  }
  values[CANARY_ALL_CHECKS_METRIC] = Math.min(1, ...Object.values(values));
  const failed = report.checks.filter((c) => c.status === 'fail').map((c) => ({ id: c.id, seen: c.seen, cause: c.cause, fix: c.fix }));
  return JSON.stringify({
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [{
        Namespace: CANARY_NAMESPACE,
        Dimensions: [[CANARY_DIMENSION]],
        Metrics: Object.keys(values).map((Name) => ({ Name, Unit: 'None' })),
      }],
    },
    [CANARY_DIMENSION]: stackName,
    ...values,
    // Not metrics (not listed above): searchable context in CloudWatch Logs Insights.
    proxyUrl: report.target.apiHost,
    failed,
  });
}

export interface CanaryOutcome {
  report: VerifyReport;
  line: string;
}

/** Runs every check once; a failing check never throws (its 0 is the signal), so the Lambda is not retried. */
export async function runCanary(settings: CanarySettings, http: HttpClient, now: () => number = Date.now): Promise<CanaryOutcome> {
  const target = parseTarget({ url: settings.url, token: settings.token, siteOrigin: settings.siteOrigin, capture: settings.capture, eventName: CANARY_EVENT });
  const report = await runChecks(target, http);
  return { report, line: emfLine(settings.stackName, report, now()) };
}
