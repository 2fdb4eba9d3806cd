/**
 * The human output of `status`: one screen, plain text (no colours), so it pastes into issues and CI logs.
 * The state first, then the findings that need attention with their fix, then the verdict and exit code.
 */
import type { Finding, Severity, StatusReport } from './evaluate-status.ts';

const LABEL: Record<Severity, string> = { ok: 'ok     ', note: 'note   ', warn: 'WARN   ', fail: 'FAIL   ', unknown: 'UNKNOWN' };

const count = (n: number | null) => (n === null ? 'n/a' : Math.round(n).toLocaleString('en-US'));
const percent = (n: number | null) => (n === null ? 'n/a' : `${n.toFixed(2)} %`);
const row = (label: string, text: string) => `${label.padEnd(13)} ${text}`;

function stateLines(r: StatusReport): string[] {
  const lines: string[] = [];
  const d = r.distribution;
  if (d) {
    lines.push(row('distribution', `${d.id}  ${d.status}${d.enabled ? '' : ', DISABLED'}`));
    lines.push(row('  names', [d.domainName, ...d.aliases].join(', ')));
    lines.push(row('  proxy', d.drift === null ? 'not compared (stack outputs unreadable)' : d.drift.length === 0 ? 'in sync with the stack' : `${d.drift.length} difference${d.drift.length === 1 ? '' : 's'} from the stack:`));
    for (const line of d.drift ?? []) lines.push(`                ${line}`);
  } else {
    lines.push(row('distribution', 'not read'));
  }
  const t = r.traffic;
  if (t) {
    lines.push(row('last hour', `${count(t.requests)} requests, 4xx ${percent(t.errorRate4xx)}, 5xx ${percent(t.errorRate5xx)}`));
    if (t.functionInvocations === null) lines.push(row('  function', 'not read (the stack\'s outputs do not name the viewer-request function)'));
    else lines.push(row('  function', `${count(t.functionInvocations)} runs, ${count(t.functionExecutionErrors)} execution errors, ${count(t.functionValidationErrors)} validation errors, ${count(t.functionThrottles)} throttles`));
    lines.push(row('  Lambda@Edge', t.lambdaErrors === null ? 'errors not measured (the distribution\'s additional metrics are off)' : `${count(t.lambdaErrors)} errors`));
  } else {
    lines.push(row('last hour', 'not read'));
  }
  const c = r.canary;
  if (c) {
    const failed = c.checks.filter((x) => !x.passed && x.at === c.lastRun).length;
    lines.push(row('canary', c.lastRun === null ? 'no results in the last hour' : `last run ${c.lastRun}: ${c.checks.length - failed} passed, ${failed} failed`));
  } else {
    lines.push(row('canary', 'not read'));
  }
  const a = r.alarms;
  if (a) {
    const firing = a.filter((x) => x.state === 'ALARM').length;
    const waiting = a.filter((x) => x.state === 'INSUFFICIENT_DATA').length;
    lines.push(row('alarms', a.length === 0 ? 'none' : `${a.length}: ${firing} in ALARM, ${waiting} with insufficient data, ${a.length - firing - waiting} OK`));
  } else {
    lines.push(row('alarms', 'not read'));
  }
  return lines;
}

function findingLines(f: Finding): string[] {
  const lines = [`${LABEL[f.severity]}  ${f.message}`];
  if (f.fix) lines.push(`         fix: ${f.fix}`);
  return lines;
}

export function renderStatus(r: StatusReport): string {
  const attention = r.findings.filter((f) => f.severity !== 'ok');
  const fails = r.findings.filter((f) => f.severity === 'fail').length;
  const warns = r.findings.filter((f) => f.severity === 'warn').length;
  const unknown = r.findings.filter((f) => f.severity === 'unknown').length;
  const verdict =
    fails > 0
      ? `${fails} problem${fails === 1 ? '' : 's'}`
      : unknown > 0
        ? 'no problem seen, but part of the state could not be read'
        : 'healthy';
  return [
    `posthog-cloudfront status: stack ${r.stack} (${r.mode === 'attach' ? 'attached to an existing distribution' : 'its own distribution'}), read ${r.readAt}`,
    '',
    ...stateLines(r),
    ...(attention.length > 0 ? ['', ...attention.flatMap(findingLines)] : []),
    '',
    `${verdict}${warns > 0 ? `, ${warns} warning${warns === 1 ? '' : 's'}` : ''} (exit ${r.exitCode})`,
  ].join('\n');
}
