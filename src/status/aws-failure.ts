import { awsErrorToProxyError } from '../errors/aws-errors.ts';

/**
 * Turns what an AWS SDK v3 call threw into one sentence that says what to fix: no credentials, credentials
 * refused, a missing permission, no network, or the thing does not exist. Never a stack trace, never a
 * credential.
 */

export interface AwsFailure {
  /** The sentence for the user. */
  text: string;
  /** AWS said the stack or distribution does not exist (a finding, not an unreadable state). */
  missing: boolean;
}

const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError']);

/** `action` names the API call, e.g. `cloudwatch:GetMetricData`, so a denial says which permission to add. */
export function describeAwsFailure(error: unknown, action: string): AwsFailure {
  const e = (error ?? {}) as { name?: string; message?: string };
  const name = e.name ?? '';
  const message = (e.message ?? String(error)).split('\n')[0];
  if (DENIED.has(name)) {
    return { missing: false, text: `the credentials may not call ${action}: add it to their IAM policy (docs/iam-status-policy.json lists what status reads; ${message})` };
  }
  if (name === 'NoSuchDistribution') return { missing: true, text: `no such distribution (${message})` };
  if (name === 'ValidationError' && /does not exist/.test(message)) return { missing: true, text: message };
  // No credentials, refused credentials, no network: the CLI's one wording (src/errors/aws-errors.ts), without
  // the action, so one cause read by every part reads the same and is told once.
  const known = awsErrorToProxyError(error);
  if (known) return { missing: false, text: known.message };
  return { missing: false, text: `${action} failed: ${name && name !== 'Error' ? `${name}: ` : ''}${message}` };
}
