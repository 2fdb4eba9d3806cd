/**
 * The judgement of `status`: a pure function from what was read (StatusSnapshot) and the configuration's
 * layout to a report with findings and an exit code. No I/O here; read-status.ts reads, render-status.ts
 * prints.
 */
import type { DistributionLayout } from '../distribution/distribution-layout.ts';
import type { MonitoringConfig } from '../monitoring/monitoring-config.ts';
import { ALARM_KEYS, alarmName, CANARY_ALL_CHECKS_METRIC, canaryFunctionName } from '../monitoring/monitoring-names.ts';
import { distributionDrift } from './distribution-drift.ts';
import { latest, sum, weightedRate } from './status-metrics.ts';
import type { AlarmState, Part, StatusSnapshot } from './status-snapshot.ts';

/** ok: fine; note: worth knowing; warn: worth a look, not failing; fail: something is wrong; unknown: could not be read. */
export type Severity = 'ok' | 'note' | 'warn' | 'fail' | 'unknown';

export interface Finding {
  /** Stable: scripts may match on it (`drift`, `error-rate-5xx`, `alarm`, `canary`, `read-traffic`, …). */
  id: string;
  severity: Severity;
  message: string;
  fix: string | null;
}

/** Exit codes, documented in docs/operate.md ("status"). */
export const STATUS_EXIT = {
  /** Nothing wrong (notes and warnings may be printed). */
  ok: 0,
  /** At least one finding is a failure. */
  problem: 1,
  /** Bad arguments (as every command). */
  usage: 2,
  /** Nothing wrong was found, but part of the state could not be read (credentials, permissions, network). */
  unknown: 3,
} as const;

/**
 * Thresholds over the last hour. A proxy for PostHog answers 5xx only when PostHog or the proxy is broken,
 * so 1 % sustained over an hour deserves a look and 5 % (the figure AWS uses in its own alarm example,
 * "Monitor CloudFront metrics with Amazon CloudWatch") is breakage. Below MIN_REQUESTS a rate is noise
 * (one failed request of three is 33 %), so it is shown but never judged. 4xx is mostly the callers'
 * doing (bad tokens, bots, in attach mode the site's own 404s), so it only warns when it dominates.
 */
export const THRESHOLDS = { errorRate5xxWarn: 1, errorRate5xxFail: 5, errorRate4xxWarn: 20, minRequests: 20 } as const;

export interface TrafficSummary {
  requests: number | null;
  errorRate4xx: number | null;
  errorRate5xx: number | null;
  functionInvocations: number | null;
  functionExecutionErrors: number | null;
  functionValidationErrors: number | null;
  functionThrottles: number | null;
  /** Null: not measured (the distribution's additional metrics are off). */
  lambdaErrors: number | null;
}

export interface CanarySummary {
  lastRun: string | null;
  checks: { id: string; passed: boolean; at: string }[];
}

export interface StatusReport {
  schema: 'posthog-cloudfront-status/1';
  stack: string;
  mode: 'new' | 'attach';
  readAt: string;
  /** True when nothing failed (exitCode 0 or 3). */
  ok: boolean;
  exitCode: number;
  distribution: { id: string; status: string; enabled: boolean; domainName: string; aliases: string[]; drift: string[] | null } | null;
  traffic: TrafficSummary | null;
  canary: CanarySummary | null;
  alarms: AlarmState[] | null;
  findings: Finding[];
}

const finding = (id: string, severity: Severity, message: string, fix: string | null = null): Finding => ({ id, severity, message, fix });

/** Why missing things are missing: the only parts AWS can call missing are the stack and the distribution. */
const MISSING_FIX: Record<string, string> = {
  stack: 'deploy it ("npx serverless deploy --stage <stage>"), or name the deployed one with --stage or --stack (it lives in us-east-1)',
  distribution: 'pass the id of an existing distribution with --distribution-id, or fix distributionId in the configuration',
};

function unread(id: string, part: Part<unknown>, what: string): Finding[] {
  if (part.ok) return [];
  if (part.missing) return [finding(id, 'fail', `${what}: ${part.error}`, MISSING_FIX[id] ?? null)];
  return [finding(`read-${id}`, 'unknown', `${what}: ${part.error}`)];
}

function repairCommand(s: StatusSnapshot, distributionId: string): string {
  return s.mode === 'attach'
    ? `run "posthog-cloudfront attach --stack ${s.stackName} --distribution-id ${distributionId}" (it shows the same diff with --dry-run)`
    : `redeploy the stack ("npx serverless deploy"); CloudFormation owns this distribution and puts back what it deployed, so make lasting changes in the configuration`;
}

function distributionFindings(s: StatusSnapshot, layout: DistributionLayout): { findings: Finding[]; summary: StatusReport['distribution'] } {
  if (!s.distribution.ok) return { findings: unread('distribution', s.distribution, 'distribution'), summary: null };
  const d = s.distribution.value;
  const findings: Finding[] = [];
  const enabled = d.config.Enabled !== false;
  if (d.status !== 'Deployed') {
    findings.push(finding('distribution-state', 'warn', `distribution ${d.id} is ${d.status}: a change is still reaching the edge locations`, 'wait a few minutes and run status again'));
  }
  if (!enabled) findings.push(finding('distribution-enabled', 'fail', `distribution ${d.id} is disabled: it answers no requests`, 'enable it in the CloudFront console, or redeploy'));
  let drift: string[] | null = null;
  if (s.stack.ok && s.stack.value.ids) {
    const result = distributionDrift(d.config, layout, s.stack.value.ids);
    drift = result.lines;
    if (result.absent && s.mode === 'attach') {
      findings.push(finding('drift', 'fail', `the proxy is not attached to ${d.id}: none of its origins or behaviors are there (a site deploy or a detach removed them)`, repairCommand(s, d.id)));
    } else if (!result.inSync) {
      const n = result.lines.length;
      findings.push(finding('drift', 'fail', `the proxy on ${d.id} differs from the stack ${s.stackName} in ${n} place${n === 1 ? '' : 's'} (listed under "proxy"; distribution.drift in --json)`, repairCommand(s, d.id)));
    } else {
      findings.push(finding('drift', 'ok', `the proxy's ${layout.behaviors.length} behaviors and ${layout.origins.length} origins on ${d.id} match the stack`));
    }
  } else if (s.stack.ok) {
    findings.push(finding('drift', 'unknown', `cannot compare the distribution with the stack: ${s.stack.value.idsError}`));
  }
  const summary = { id: d.id, status: d.status, enabled, domainName: d.domainName, aliases: d.config.Aliases?.Items ?? [], drift };
  return { findings, summary };
}

function trafficFindings(s: StatusSnapshot): { findings: Finding[]; summary: TrafficSummary | null } {
  if (!s.traffic.ok) return { findings: unread('traffic', s.traffic, 'metrics of the last hour'), summary: null };
  const series = s.traffic.value.series;
  const lambda = [sum(series.lambdaExecutionErrors), sum(series.lambdaValidationErrors), sum(series.lambdaLimitExceeded)];
  const summary: TrafficSummary = {
    requests: sum(series.requests) ?? 0,
    errorRate4xx: weightedRate(series.errorRate4xx, series.requests),
    errorRate5xx: weightedRate(series.errorRate5xx, series.requests),
    // Function metrics are sparse: no datapoint means nothing happened; no series means not read (null).
    functionInvocations: series.functionInvocations ? (sum(series.functionInvocations) ?? 0) : null,
    functionExecutionErrors: series.functionExecutionErrors ? (sum(series.functionExecutionErrors) ?? 0) : null,
    functionValidationErrors: series.functionValidationErrors ? (sum(series.functionValidationErrors) ?? 0) : null,
    functionThrottles: series.functionThrottles ? (sum(series.functionThrottles) ?? 0) : null,
    lambdaErrors: lambda.every((v) => v === null) ? null : lambda.reduce<number>((a, b) => a + (b ?? 0), 0),
  };
  const findings: Finding[] = [];
  const share = s.mode === 'attach' ? ' (the whole distribution, your site included: CloudFront reports rates per distribution only)' : '';
  const judged = (summary.requests ?? 0) >= THRESHOLDS.minRequests;
  const rate5 = summary.errorRate5xx;
  if (rate5 !== null && judged && rate5 >= THRESHOLDS.errorRate5xxWarn) {
    const severity = rate5 >= THRESHOLDS.errorRate5xxFail ? 'fail' : 'warn';
    findings.push(finding('error-rate-5xx', severity, `${rate5.toFixed(1)} % of the last hour's ${summary.requests!.toLocaleString('en-US')} requests got a 5xx${share}`, 'run "posthog-cloudfront verify" against the proxy to see which path fails, and check status.posthog.com'));
  }
  const rate4 = summary.errorRate4xx;
  if (rate4 !== null && judged && rate4 >= THRESHOLDS.errorRate4xxWarn) {
    findings.push(finding('error-rate-4xx', 'warn', `${rate4.toFixed(1)} % of the last hour's requests got a 4xx${share}`, 'a wrong project token, a refused Origin (allowedOrigins) or blocked paths (endpoints: "public") give 4xx; verify shows which'));
  }
  const fnErrors = (summary.functionExecutionErrors ?? 0) + (summary.functionValidationErrors ?? 0);
  if (fnErrors > 0) {
    findings.push(finding('function-errors', 'fail', `the viewer-request function failed ${fnErrors} times in the last hour (${summary.functionExecutionErrors} execution, ${summary.functionValidationErrors} validation errors); each such request got a 503`, 'redeploy the last good build; reproduce locally with npm start and the failing request'));
  }
  if ((summary.functionThrottles ?? 0) > 0) {
    findings.push(finding('function-throttles', 'warn', `the viewer-request function was throttled ${summary.functionThrottles} times in the last hour`, 'a throttled request fails; the function exceeded its compute budget: report it with the configuration used'));
  }
  if (summary.lambdaErrors !== null && summary.lambdaErrors > 0) {
    const fn = s.stack.ok ? /:function:([^:]+):\d+$/.exec(s.stack.value.ids?.originResponseVersionArn ?? '')?.[1] : undefined;
    const whose = s.mode === 'attach' ? ' (CloudFront counts per distribution: your own Lambda@Edge functions are included)' : '';
    findings.push(finding('lambda-errors', 'fail', `Lambda@Edge failed ${summary.lambdaErrors} times in the last hour${whose}; each such response was a 502`, `read the logs of /aws/lambda/us-east-1.${fn ?? '<function name>'} in the regions near your visitors`));
  }
  return { findings, summary };
}

function canaryFindings(s: StatusSnapshot, monitoring: MonitoringConfig | null): { findings: Finding[]; summary: CanarySummary | null } {
  if (!s.canary.ok) return { findings: unread('canary', s.canary, 'canary results'), summary: null };
  const checks = Object.entries(s.canary.value.series)
    .filter(([name]) => name !== CANARY_ALL_CHECKS_METRIC)
    .map(([id, series]) => ({ id, last: latest(series) }))
    .filter((c): c is { id: string; last: { value: number; at: string } } => c.last !== null)
    .map((c) => ({ id: c.id, passed: c.last.value >= 1, at: c.last.at }));
  const all = latest(s.canary.value.series[CANARY_ALL_CHECKS_METRIC]);
  const lastRun = [all?.at, ...checks.map((c) => c.at)].filter((t): t is string => !!t).sort().at(-1) ?? null;
  const summary: CanarySummary = { lastRun, checks };
  const canaryAlarm = alarmName(s.stackName, ALARM_KEYS.canaryFailed);
  const configured = monitoring?.canary != null || (s.alarms.ok && s.alarms.value.some((a) => a.name === canaryAlarm));
  if (lastRun === null) {
    return {
      summary,
      findings: [configured
        ? finding('canary', 'fail', 'the canary has not reported in the last hour', `read its log group /aws/lambda/${canaryFunctionName(s.stackName)} in us-east-1`)
        : finding('canary', 'note', 'no canary results (set monitoring.canary in the configuration to run verify\'s checks every few minutes)')],
    };
  }
  // A run is late after two missed schedules (and two minutes of CloudWatch delay); the canary alarm would
  // catch it too, once its evaluation periods pass.
  const every = monitoring?.canary?.everyMinutes;
  if (every !== undefined && Date.parse(s.readAt) - Date.parse(lastRun) > (2 * every + 2) * 60_000) {
    return { summary, findings: [finding('canary', 'fail', `the canary last reported at ${lastRun}, though it runs every ${every} minutes`, `read its log group /aws/lambda/${canaryFunctionName(s.stackName)} in us-east-1 (is its schedule enabled?)`)] };
  }
  const failing = checks.filter((c) => !c.passed && c.at === lastRun).map((c) => c.id);
  if (failing.length > 0 || (all !== null && all.at === lastRun && all.value < 1)) {
    const which = failing.length > 0 ? `: ${failing.join(', ')}` : '';
    return { summary, findings: [finding('canary', 'fail', `the canary's last run (${lastRun}) failed${which}`, 'run "posthog-cloudfront verify <proxy-url> --token <phc_...>" for the cause and fix of each check')] };
  }
  return { summary, findings: [finding('canary', 'ok', `the canary's last run (${lastRun}) passed ${checks.length} checks`)] };
}

/** What to do when one of the stack's alarms fires, by alarm key (docs/operate.md says more). */
const ALARM_ADVICE: Record<string, string> = {
  [ALARM_KEYS.errorRate5xx]: 'run "posthog-cloudfront verify" to see which path fails, and check status.posthog.com',
  [ALARM_KEYS.functionExecutionErrors]: 'the viewer-request function throws and viewers get 503: redeploy the last good build',
  [ALARM_KEYS.functionValidationErrors]: 'the viewer-request function returns an invalid request: redeploy the last good build',
  [ALARM_KEYS.functionThrottles]: 'the viewer-request function exceeds its compute budget: report it with your configuration',
  [ALARM_KEYS.lambdaEdgeErrors]: 'the origin-response Lambda@Edge fails and viewers get 502: read its logs in the regions near your visitors',
  [ALARM_KEYS.canaryFailed]: 'run "posthog-cloudfront verify" for the cause and fix of each failing check',
};

function alarmFindings(s: StatusSnapshot, monitoring: MonitoringConfig | null): Finding[] {
  if (!s.alarms.ok) return unread('alarms', s.alarms, 'alarms');
  const firing = s.alarms.value.filter((a) => a.state === 'ALARM');
  if (s.alarms.value.length === 0) {
    return [monitoring
      ? finding('alarm', 'warn', `the configuration sets monitoring, but there are no alarms named ${s.stackName}-*`, 'deploy the stack with this configuration ("npx serverless deploy --stage <stage>")')
      : finding('alarm', 'note', `no alarms named ${s.stackName}-* (set monitoring in the configuration to get them)`)];
  }
  if (firing.length === 0) return [finding('alarm', 'ok', `none of the ${s.alarms.value.length} alarms is in ALARM`)];
  return firing.map((a) => {
    const key = a.name.startsWith(`${s.stackName}-`) ? a.name.slice(s.stackName.length + 1) : a.name;
    return finding('alarm', 'fail', `alarm ${a.name} is in ALARM${a.since ? ` since ${a.since}` : ''}: ${a.reason}`, ALARM_ADVICE[key] ?? null);
  });
}

/** CloudFormation stack states (AWS, "Stack status codes"): a running deploy, a failed one, or a failed create. */
function stackFinding(stackName: string, status: string): Finding[] {
  if (status.endsWith('_IN_PROGRESS')) {
    return [finding('stack', 'warn', `stack ${stackName} is ${status}: a deploy or rollback is running, so what status reads may change`, 'run status again when the deploy has finished')];
  }
  if (status === 'ROLLBACK_COMPLETE' || status.endsWith('_FAILED')) {
    return [finding('stack', 'fail', `stack ${stackName} is ${status}: its deploy failed`, 'read the stack events in the CloudFormation console, fix the cause and deploy again')];
  }
  if (status === 'UPDATE_ROLLBACK_COMPLETE') {
    return [finding('stack', 'warn', `stack ${stackName} is ${status}: the last deploy failed and was rolled back; the previous version is live`, 'read the stack events in the CloudFormation console, fix the cause and deploy again')];
  }
  return [];
}

const SEVERITY_ORDER: Severity[] = ['fail', 'unknown', 'warn', 'note', 'ok'];

/** `monitoring`: the configuration's (what the stack should have); null when it sets none. */
export function evaluateStatus(s: StatusSnapshot, layout: DistributionLayout, monitoring: MonitoringConfig | null = null): StatusReport {
  const stackFindings = s.stack.ok ? stackFinding(s.stackName, s.stack.value.status) : unread('stack', s.stack, `stack ${s.stackName}`);
  const distribution = distributionFindings(s, layout);
  const traffic = trafficFindings(s);
  const canary = canaryFindings(s, monitoring);
  const findings = [...stackFindings, ...distribution.findings, ...traffic.findings, ...canary.findings, ...alarmFindings(s, monitoring)];
  // One unreadable cause (no credentials, no network) is told once, not once per part.
  const seen = new Set<string>();
  const unique = findings.filter((f) => {
    if (f.severity !== 'unknown' && f.severity !== 'fail') return true;
    const cause = f.message.slice(f.message.indexOf(': ') + 2);
    if (f.severity === 'unknown' && seen.has(cause)) return false;
    seen.add(cause);
    return true;
  });
  unique.sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  const failed = unique.some((f) => f.severity === 'fail');
  const unknown = unique.some((f) => f.severity === 'unknown');
  return {
    schema: 'posthog-cloudfront-status/1',
    stack: s.stackName,
    mode: s.mode,
    readAt: s.readAt,
    ok: !failed,
    exitCode: failed ? STATUS_EXIT.problem : unknown ? STATUS_EXIT.unknown : STATUS_EXIT.ok,
    distribution: distribution.summary,
    traffic: traffic.summary,
    canary: canary.summary,
    alarms: s.alarms.ok ? s.alarms.value : null,
    findings: unique,
  };
}
