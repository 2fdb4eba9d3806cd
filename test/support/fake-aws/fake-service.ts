/** What a fake AWS service is to the fake API server: an env key and a request handler. */

export interface FakeRequest {
  method: string;
  /** The path without the query string, percent-decoded segments left as sent. */
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** One recorded call, for tests that assert what was (or was not) sent. */
export interface FakeCall {
  service: string;
  operation: string;
  request: FakeRequest;
  status: number;
}

export interface FakeService {
  /**
   * The suffix of the SDK's per-service endpoint variable: AWS_ENDPOINT_URL_<envKey>. It is the client's
   * serviceId in upper case with spaces as underscores: CLOUDFRONT, CLOUDFORMATION, LAMBDA, CLOUDWATCH,
   * CLOUDWATCH_LOGS.
   */
  readonly envKey: string;
  /** Answers one request; `operation` names it in the call log (e.g. "UpdateDistribution"). */
  handle(request: FakeRequest): Promise<FakeResponse & { operation: string }> | (FakeResponse & { operation: string });
}

/** The request id header every AWS protocol sends back. */
export const requestIdHeaders = () => ({ 'x-amzn-requestid': `fake-${Math.random().toString(16).slice(2, 10)}` });
