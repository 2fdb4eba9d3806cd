/**
 * The human output of `verify`: one row per check (id, result, what was seen), and under each failure or
 * warning its cause and fix. Plain text, no colours, so it pastes into issues and CI logs as is.
 */
import type { CheckStatus } from './check-result.ts';
import type { VerifyReport } from './run-checks.ts';

const LABEL: Record<CheckStatus, string> = { pass: 'pass  ', fail: 'FAIL  ', warn: 'warn  ', skip: 'skip  ' };

export function renderTable(report: VerifyReport): string {
  const { target, checks, counts } = report;
  const idWidth = Math.max(5, ...checks.map((c) => c.id.length));
  const indent = ' '.repeat(idWidth + 2 + 6 + 2);
  const lines = [
    `posthog-cloudfront verify ${target.apiHost}`,
    `  token ${target.token}, site origin ${target.siteOrigin}${target.capture ? ', --capture' : ''}`,
    '',
    `${'check'.padEnd(idWidth)}  result  seen`,
  ];
  // Failures that share one cause and fix (nothing listening, say) are explained once, after the rows.
  const key = (c: (typeof checks)[number]) => `${c.status}\n${c.cause}\n${c.fix}`;
  const shared = new Map<string, string[]>();
  for (const c of checks) if (c.cause !== null) shared.set(key(c), [...(shared.get(key(c)) ?? []), c.id]);
  for (const c of checks) {
    lines.push(`${c.id.padEnd(idWidth)}  ${LABEL[c.status]}  ${c.seen}`);
    if ((shared.get(key(c))?.length ?? 0) > 1) continue;
    if (c.cause !== null) lines.push(`${indent}cause: ${c.cause}`);
    if (c.fix !== null) lines.push(`${indent}fix:   ${c.fix}`);
  }
  for (const ids of shared.values()) {
    if (ids.length < 2) continue;
    const first = checks.find((c) => c.id === ids[0])!;
    lines.push('', `${ids.length} checks (${ids.join(', ')}), one cause:`, `  cause: ${first.cause}`, `  fix:   ${first.fix}`);
  }
  lines.push('', `${counts.pass} passed, ${counts.fail} failed, ${counts.warn} ${counts.warn === 1 ? 'warning' : 'warnings'}, ${counts.skip} skipped: ${report.ok ? 'OK' : 'the proxy needs fixing'}`);
  return lines.join('\n');
}
