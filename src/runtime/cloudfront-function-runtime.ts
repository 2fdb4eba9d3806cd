/**
 * Runs a built CloudFront Function file the way cloudfront-js-2.0 does, as far as it can be reproduced:
 * a fresh JavaScript realm with no Node globals, the `cloudfront` module injected for the leading import,
 * the documented size limit, and CloudFront's rules on what a viewer-request function may touch. Used by the
 * tests of the built file and by the local edge. Works under Node, Bun and Deno (node:vm).
 */
import { ProxyError } from '../errors/proxy-error.ts';
import vm from 'node:vm';
import { checkCloudFrontFunction, CLOUDFRONT_IMPORT } from '../build/check-cloudfront-function.ts';
import type { CfRequest, CfResponse, CfViewerRequestEvent } from '../edge/cloudfront-function-types.ts';

/** Headers a function can neither see nor add; touching them fails the request with 502. */
export const DISALLOWED_HEADERS = [
  'connection', 'expect', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection',
  'trailer', 'upgrade', 'x-cache', 'x-forwarded-proto', 'x-real-ip',
];
export const DISALLOWED_HEADER_PREFIXES = ['x-accel-', 'x-amz-cf-', 'x-edge-'];
/** Headers a viewer-request function may read but not change. */
export const READ_ONLY_HEADERS = ['content-length', 'host', 'transfer-encoding', 'via'];

/** Thrown when the function itself throws (CloudFront answers 503). */
export class FunctionExecutionError extends ProxyError {}
/** Thrown when the function's result breaks CloudFront's rules (CloudFront answers 502). */
export class FunctionValidationError extends ProxyError {}

export interface ViewerRequestOutcome {
  kind: 'request' | 'response';
  request?: CfRequest;
  response?: CfResponse;
  /** The origin chosen with cf.selectRequestOriginById, or null when the behavior's origin stays. */
  originId: string | null;
}

export function isDisallowedHeader(name: string): boolean {
  return DISALLOWED_HEADERS.includes(name) || DISALLOWED_HEADER_PREFIXES.some((p) => name.startsWith(p));
}

/** Strips what CloudFront never shows a function, as it would before calling it. */
export function visibleHeaders(headers: CfViewerRequestEvent['request']['headers']): CfViewerRequestEvent['request']['headers'] {
  const out: CfViewerRequestEvent['request']['headers'] = {};
  for (const name of Object.keys(headers)) if (!isDisallowedHeader(name)) out[name] = headers[name];
  return out;
}

function checkRequest(before: Record<string, { value: string }>, after: CfRequest): void {
  if (!after || typeof after.uri !== 'string' || after.uri.charAt(0) !== '/') throw new FunctionValidationError('returned request has no valid uri');
  if (after.uri.length > 8192) throw new FunctionValidationError('returned uri is longer than 8,192 characters');
  const headers = after.headers ?? {};
  for (const name of Object.keys(headers)) {
    if (name !== name.toLowerCase()) throw new FunctionValidationError(`header name ${name} is not lowercase`);
    if (isDisallowedHeader(name)) throw new FunctionValidationError(`the function added the disallowed header ${name}`);
    if (typeof headers[name]?.value !== 'string') throw new FunctionValidationError(`header ${name} has no string value`);
  }
  for (const name of READ_ONLY_HEADERS) {
    if ((before[name]?.value ?? null) !== (headers[name]?.value ?? null)) throw new FunctionValidationError(`the function changed the read-only header ${name}`);
  }
}

function checkResponse(response: CfResponse): void {
  if (!Number.isInteger(response.statusCode) || response.statusCode < 100 || response.statusCode > 599) {
    throw new FunctionValidationError(`returned response has an invalid statusCode ${String(response.statusCode)}`);
  }
  for (const name of Object.keys(response.headers ?? {})) {
    if (isDisallowedHeader(name) || READ_ONLY_HEADERS.includes(name)) throw new FunctionValidationError(`the response sets the disallowed header ${name}`);
  }
}

export interface LoadedCloudFrontFunction {
  run(event: CfViewerRequestEvent): Promise<ViewerRequestOutcome>;
  bytes: number;
}

/**
 * Evaluates a function file's body (its `cloudfront` import removed) in a realm the way cloudfront-js-2.0
 * evaluates the file, an ES module: strict, `cf` bound like the import, and its top-level declarations in
 * a scope of their own. Run as a plain script instead, they would become properties of the vm context's
 * global object, whose interceptors make every top-level lookup a call into C++: far slower than any
 * module, and unfair to code with more top-level bindings. Returns the file's `handler`.
 */
export function evaluateFunctionFile(body: string, context: vm.Context, cf: object, filename: string): (event: unknown) => unknown {
  const factory = vm.runInContext(`(function (cf) {"use strict";\n${body}\n;return handler;})`, context, { filename }) as (cf: object) => unknown;
  const handler = factory(cf);
  if (typeof handler !== 'function') throw new FunctionValidationError('the file defines no handler function');
  return handler as (event: unknown) => unknown;
}

/** Loads function code (checked as the build checks it) into its own realm. */
export function loadCloudFrontFunction(code: string): LoadedCloudFrontFunction {
  checkCloudFrontFunction(code);
  const body = code.startsWith(CLOUDFRONT_IMPORT) ? code.slice(CLOUDFRONT_IMPORT.length) : code;
  let selected: string | null = null;
  const cf = Object.freeze({
    selectRequestOriginById(id: string) {
      if (typeof id !== 'string' || id === '') throw new Error('selectRequestOriginById needs an origin id');
      selected = id;
    },
    updateRequestOrigin() {
      throw new Error('this project selects origins by id; updateRequestOrigin is not emulated');
    },
  });
  const context = vm.createContext({});
  const handler = evaluateFunctionFile(body, context, cf, 'viewer-request.js');
  // The realm's own JSON.parse: events handed over as text become objects of that realm, never shared ones.
  const parseInRealm = vm.runInContext('JSON.parse', context) as (text: string) => unknown;
  return {
    bytes: new TextEncoder().encode(code).length,
    async run(event) {
      selected = null;
      // A fresh copy inside the function's realm: the function may mutate it, the caller's stays intact.
      const inner = parseInRealm(JSON.stringify(event));
      const before = JSON.parse(JSON.stringify(event?.request?.headers ?? {}));
      let result: unknown;
      try {
        result = await handler(inner);
      } catch (cause) {
        throw new FunctionExecutionError(`the function threw: ${(cause as Error)?.message ?? String(cause)}`, { cause });
      }
      const plain = JSON.parse(JSON.stringify(result ?? null));
      if (plain && typeof plain === 'object' && 'statusCode' in plain) {
        checkResponse(plain as CfResponse);
        return { kind: 'response', response: plain as CfResponse, originId: null };
      }
      checkRequest(before, plain as CfRequest);
      return { kind: 'request', request: plain as CfRequest, originId: selected };
    },
  };
}
