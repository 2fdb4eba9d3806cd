/**
 * The plugin's errors as Serverless shows its own: a ProxyError (a bad configuration, a refused attach) or
 * an AWS failure mapped to one becomes `serverless.classes.Error` (ServerlessError), which Serverless prints
 * as "Error: <message>" without a stack (osls lib/utils/tokenize-exception.js treats the name
 * "ServerlessError" as a user error). Anything else is passed on unchanged: a bug keeps its stack.
 */
import { awsErrorToProxyError } from '../errors/aws-errors.ts';
import { ProxyError } from '../errors/proxy-error.ts';

/** `serverless.classes.Error`: new (message, code, { cause }). */
export type ServerlessErrorClass = new (message: string, code?: string, options?: { cause?: unknown }) => Error;

/** `ConfigValidationError` → `POSTHOG_PROXY_CONFIG_VALIDATION_ERROR`, Serverless's code style. */
export function serverlessErrorCode(error: ProxyError): string {
  return 'POSTHOG_PROXY_' + error.name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

export function toServerlessError(error: unknown, ServerlessError: ServerlessErrorClass | undefined): unknown {
  const known = error instanceof ProxyError ? error : awsErrorToProxyError(error);
  if (!known || !ServerlessError) return error;
  return new ServerlessError(`posthog-proxy: ${known.message}`, serverlessErrorCode(known), { cause: error });
}
