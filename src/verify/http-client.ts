/**
 * The one thing the checks need from the network: send a request, get status, headers and body text. The
 * checks only see this interface, so they run the same against a deployed distribution, the local edge or a
 * test double, and a network failure is one named error the runner turns into a failed check.
 */

import { ProxyError } from '../errors/proxy-error.ts';

export interface ProbeRequest {
  method: 'GET' | 'POST' | 'OPTIONS';
  /** Absolute URL. */
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface ProbeResponse {
  status: number;
  /** Lowercase header names; repeated headers joined with ", " (as fetch does). */
  headers: Record<string, string>;
  body: string;
}

export type HttpClient = (request: ProbeRequest, signal: AbortSignal) => Promise<ProbeResponse>;

/** The request never got an answer: DNS, refused connection, TLS, or the check's timeout. */
export class ProbeError extends ProxyError {}

/** Why fetch failed, in one line: undici hides the useful part (ECONNREFUSED, ENOTFOUND) in `cause`. */
export function describeFetchError(error: unknown): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'no answer before the timeout';
  const cause = e?.cause?.code ?? e?.cause?.message;
  return cause ? `${e?.message ?? 'fetch failed'} (${cause})` : (e?.message ?? String(error));
}

/** Node's global fetch. Redirects are not followed: the proxy must never redirect (a POST would become a GET). */
export const fetchClient: HttpClient = async (request, signal) => {
  let response: Response;
  let body: string;
  try {
    response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body, redirect: 'manual', signal });
    body = await response.text();
  } catch (error) {
    throw new ProbeError(`${request.method} ${request.url}: ${describeFetchError(error)}`, { cause: error });
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  return { status: response.status, headers, body };
};
