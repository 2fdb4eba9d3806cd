/**
 * AWS failures as sentences that say what to do. The SDK's own errors (no credentials, rejected
 * credentials, no network, access denied) are turned into these at the CLI's edge and in the places that
 * wrap AWS calls, so no raw SDK error or stack reaches the user.
 *
 * Names checked against the SDK: CredentialsProviderError ("Could not load credentials from any
 * providers", @smithy/property-provider), TokenProviderError (SSO); Node's network codes on the error the
 * SDK rethrows (ENOTFOUND, ECONNREFUSED, ...); service error codes from the CloudFront, CloudFormation and
 * STS API references (AccessDenied, InvalidClientTokenId, SignatureDoesNotMatch, ExpiredToken).
 */
import { ProxyError } from './proxy-error.ts';

/** Raised when the SDK found no usable credentials, or AWS refused the ones it found. */
export class AwsCredentialsError extends ProxyError {}

/** Raised when an AWS endpoint could not be reached (DNS, refused connection, timeout, no network). */
export class AwsNetworkError extends ProxyError {}

/** Raised when AWS accepted the credentials but the identity may not do the action. */
export class AwsAccessDeniedError extends ProxyError {}

const HOW_TO_GIVE_CREDENTIALS =
  'give AWS credentials in one of these ways: pass --profile NAME (a profile of ~/.aws/config), set AWS_PROFILE=NAME, ' +
  'run "aws configure" (or "aws sso login --profile NAME" for SSO), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY';

const NETWORK_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'UND_ERR_CONNECT_TIMEOUT']);
const REJECTED_CREDENTIAL_CODES = new Set(['InvalidClientTokenId', 'SignatureDoesNotMatch', 'UnrecognizedClientException', 'InvalidAccessKeyId', 'AuthFailure', 'IncompleteSignature']);
const EXPIRED_CODES = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired']);
const DENIED_CODES = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation']);

interface SdkLikeError {
  name?: string;
  message?: string;
  code?: string;
  hostname?: string;
  address?: string;
  port?: number;
  cause?: unknown;
  $metadata?: { httpStatusCode?: number };
}

/** The Node network code of an error or of one of its causes (undici and the SDK nest them). */
function networkCode(error: SdkLikeError, depth = 0): { code: string; where: string | undefined } | null {
  if (error.code && NETWORK_CODES.has(error.code)) {
    const where = error.hostname ?? (error.address ? `${error.address}${error.port ? `:${error.port}` : ''}` : undefined);
    return { code: error.code, where };
  }
  if (error.name === 'TimeoutError' && error.$metadata === undefined) return { code: 'timeout', where: undefined };
  if (depth < 4 && error.cause && typeof error.cause === 'object') return networkCode(error.cause as SdkLikeError, depth + 1);
  return null;
}

/**
 * The ProxyError an AWS SDK failure means for the user, or null when it is none of the known kinds (the
 * caller then keeps its own message). `action` names what was being done, e.g. "read distribution E123".
 */
export function awsErrorToProxyError(error: unknown, action?: string): ProxyError | null {
  if (error instanceof ProxyError) return error;
  if (error === null || typeof error !== 'object') return null;
  const e = error as SdkLikeError;
  const doing = action ? ` (while trying to ${action})` : '';
  const name = e.name ?? '';
  if (name === 'CredentialsProviderError' || name === 'TokenProviderError' || /could not load credentials/i.test(e.message ?? '')) {
    const detail = /could not load credentials from any providers/i.test(e.message ?? '') ? 'no AWS credentials were found' : `the AWS credentials could not be loaded: ${e.message}`;
    return new AwsCredentialsError(`${detail}${doing}; ${HOW_TO_GIVE_CREDENTIALS}`, { cause: error });
  }
  if (EXPIRED_CODES.has(name)) {
    return new AwsCredentialsError(`the AWS credentials have expired${doing}; refresh them ("aws sso login" for SSO profiles, or new keys), then run the command again`, { cause: error });
  }
  if (REJECTED_CREDENTIAL_CODES.has(name)) {
    return new AwsCredentialsError(`AWS rejected the credentials (${name})${doing}: the key is wrong, deleted or for another partition; ${HOW_TO_GIVE_CREDENTIALS}`, { cause: error });
  }
  if (DENIED_CODES.has(name)) {
    return new AwsAccessDeniedError(
      `AWS denied the request${doing}: ${e.message ?? name}; the identity needs the permissions in docs/iam-deploy-policy.json`,
      { cause: error },
    );
  }
  const network = networkCode(e);
  if (network) {
    const where = network.where ? ` ${network.where}` : '';
    return new AwsNetworkError(
      `the AWS endpoint${where} could not be reached (${network.code})${doing}; check the network connection, a proxy (HTTPS_PROXY) or AWS_ENDPOINT_URL_* variables, then run the command again`,
      { cause: error },
    );
  }
  return null;
}
