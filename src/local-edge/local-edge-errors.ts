/**
 * Named errors of the local edge. Each says what to change; the CLI prints the message, not a stack.
 */

import { ProxyError } from '../errors/proxy-error.ts';

/** Thrown for a `--connect-to` value that is not `HOST=ADDR:PORT`. */
export class ConnectToError extends ProxyError {}

/** Thrown when a request needs an origin host the upstream map does not know (CloudFront would fail DNS: 502). */
export class UnknownOriginError extends ProxyError {}

/** Thrown when a server cannot listen (port taken, permission). */
export class ListenError extends ProxyError {}

/**
 * The origin stayed silent longer than the origin response timeout (before its first byte, or between two
 * packets of its answer): CloudFront answers 504 and does not resend a POST.
 */
export class OriginTimeoutError extends ProxyError {}
