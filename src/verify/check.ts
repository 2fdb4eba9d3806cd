import type { CheckId, Verdict } from './check-result.ts';
import type { Probe } from './diagnose.ts';
import type { VerifyTarget } from './verify-target.ts';

/**
 * One check: a function of the target and a probe, nothing else (no globals, no clock), so it can be run
 * against anything that answers HTTP. A ProbeError it lets through becomes a failed check in the runner.
 */
export interface Check {
  id: CheckId;
  title: string;
  /** `context.signal` is the check's timeout, for checks that reach the network without `probe` (certificate). */
  run(target: VerifyTarget, probe: Probe, context?: { signal: AbortSignal }): Promise<Verdict>;
}
