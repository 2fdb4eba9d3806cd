/**
 * The one base class of the errors this project names. Every error the user can fix (a bad configuration,
 * a bad flag, a missing credential, a distribution in the way) derives from it, so the CLI's edge and the
 * Serverless plugin's hooks tell "say this sentence to the user" from "a bug" with one `instanceof`.
 *
 * Rules for subclasses:
 * - the message is a sentence that says what to fix; never start it with the class name (the CLI prints
 *   the message as is, so `ConfigValidationError: ...` would reach the user);
 * - pass `{ cause }` when wrapping another error, so `--debug`/POSTHOG_CLOUDFRONT_DEBUG can show the chain;
 * - set `exitCode` only to say "bad usage" (2); everything else is 1.
 */
export class ProxyError extends Error {
  /** The process exit code the CLI returns for this error: 2 for bad usage, 1 otherwise. */
  readonly exitCode: number;

  constructor(message: string, options?: { cause?: unknown; exitCode?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.exitCode = options?.exitCode ?? 1;
  }
}

/** Bad command-line arguments or flags: the CLI prints the message and exits with 2. */
export class UsageError extends ProxyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { cause: options?.cause, exitCode: 2 });
  }
}

/**
 * The text the user sees for an error: the message of a ProxyError, and of each ProxyError in its `cause`
 * chain that adds something. With `debug`, the stack of every error in the chain as well.
 */
export function describeError(error: unknown, debug = false): string {
  if (!(error instanceof Error)) return String(error);
  if (debug) {
    const parts: string[] = [];
    for (let e: unknown = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
      parts.push(depth === 0 ? (e.stack ?? e.message) : `caused by: ${e.stack ?? e.message}`);
    }
    return parts.join('\n');
  }
  return error.message;
}
