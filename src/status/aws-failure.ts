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

const NETWORK_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
const REFUSED_CREDENTIALS = new Set(['ExpiredToken', 'ExpiredTokenException', 'InvalidClientTokenId', 'UnrecognizedClientException', 'SignatureDoesNotMatch', 'InvalidAccessKeyId', 'IncompleteSignature']);
const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError']);

/** `action` names the API call, e.g. `cloudwatch:GetMetricData`, so a denial says which permission to add. */
export function describeAwsFailure(error: unknown, action: string): AwsFailure {
  const e = (error ?? {}) as { name?: string; message?: string; code?: string; cause?: { code?: string } };
  const name = e.name ?? '';
  const message = (e.message ?? String(error)).split('\n')[0];
  const code = e.code ?? e.cause?.code ?? '';
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(message)) {
    return { missing: false, text: 'no AWS credentials found: set AWS_PROFILE (after "aws configure" or "aws sso login"), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY' };
  }
  if (REFUSED_CREDENTIALS.has(name)) {
    return { missing: false, text: `AWS refused the credentials (${name}): renew them ("aws sso login") or choose another AWS_PROFILE` };
  }
  if (DENIED.has(name)) {
    return { missing: false, text: `the credentials may not call ${action}: add it to their IAM policy (${message})` };
  }
  if (NETWORK_CODES.has(code) || NETWORK_CODES.has(name) || name === 'TimeoutError') {
    return { missing: false, text: `the AWS endpoint for ${action.split(':')[0]} could not be reached (${code || name}): check the network, a proxy, or AWS_ENDPOINT_URL` };
  }
  if (name === 'NoSuchDistribution') return { missing: true, text: `no such distribution (${message})` };
  if (name === 'ValidationError' && /does not exist/.test(message)) return { missing: true, text: message };
  return { missing: false, text: `${action} failed: ${name && name !== 'Error' ? `${name}: ` : ''}${message}` };
}
