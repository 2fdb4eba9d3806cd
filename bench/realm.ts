/**
 * Loads CloudFront Function code into its own node:vm realm the way src/runtime/cloudfront-function-runtime.ts
 * does (evaluateFunctionFile: a strict module scope, `cf` bound like the import), but hands back the bare handler:
 * the runtime's checks and JSON copies would cost more than the functions being measured.
 */
import vm from 'node:vm';
import { CLOUDFRONT_IMPORT } from '../src/build/check-cloudfront-function.ts';
import { evaluateFunctionFile } from '../src/runtime/cloudfront-function-runtime.ts';

export interface RealmFunction {
  handler: (event: unknown) => unknown;
  /** Parses JSON inside the realm, so events look to the function exactly as its own objects would. */
  parse: (json: string) => unknown;
}

export function loadInRealm(code: string, filename: string): RealmFunction {
  const body = code.startsWith(CLOUDFRONT_IMPORT) ? code.slice(CLOUDFRONT_IMPORT.length) : code.replace(/^\s*import cf from "cloudfront";/m, '');
  // A no-op origin selection: the real one only records an id, and both candidates and baselines call it.
  const context = vm.createContext({});
  return {
    // Evaluated as the runtime evaluates it: as a module, not as globals of the vm context.
    handler: evaluateFunctionFile(body, context, Object.freeze({ selectRequestOriginById(_id: string) {} }), filename),
    parse: vm.runInContext('JSON.parse', context) as (json: string) => unknown,
  };
}
