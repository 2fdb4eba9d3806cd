/**
 * One check's outcome, as the table shows it and as `--json` prints it. The shape is documented in the
 * README ("Verify") and asserted by test/verify: add fields, never rename or remove them.
 */

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';

/** Stable identifiers: scripts may match on them. */
export type CheckId = 'sdk-script' | 'remote-config' | 'cors-preflight' | 'flags-query' | 'same-region' | 'ad-blocker-path' | 'certificate' | 'capture';

/** A request the check made and what came back (status null: no answer, see error). */
export interface ProbeRecord {
  method: string;
  url: string;
  status: number | null;
  error: string | null;
}

export interface CheckResult {
  id: CheckId;
  title: string;
  status: CheckStatus;
  /** What was observed, in one line. */
  seen: string;
  /** For fail and warn: why, and what to change (the README's Troubleshooting words). Null otherwise. */
  cause: string | null;
  fix: string | null;
  probes: ProbeRecord[];
}

/** What a check function decides; the runner adds id, title and the probes it recorded. */
export interface Verdict {
  status: CheckStatus;
  seen: string;
  cause?: string;
  fix?: string;
}

export const pass = (seen: string): Verdict => ({ status: 'pass', seen });
export const skip = (seen: string): Verdict => ({ status: 'skip', seen });
export const fail = (seen: string, cause: string, fix: string): Verdict => ({ status: 'fail', seen, cause, fix });
export const warn = (seen: string, cause: string, fix: string): Verdict => ({ status: 'warn', seen, cause, fix });
