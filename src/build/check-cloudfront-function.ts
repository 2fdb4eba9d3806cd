/**
 * Checks that code is what cloudfront-js-2.0 accepts as a function file: a top-level `function handler`,
 * the `cloudfront` import first when present, no module syntax or Node leftovers, and only the syntax the
 * runtime documents (cloudfront-js-syntax.ts). A function CloudFront
 * cannot load answers 503 to every viewer, so this runs on every build and in the tests of the built file.
 */
import { FunctionBuildError } from './build-errors.ts';
import { cloudFrontSyntaxProblems } from './cloudfront-js-syntax.ts';
import { LIMITS } from './function-limits.ts';

export const CLOUDFRONT_IMPORT = 'import cf from "cloudfront";';
/** An import statement or a dynamic import: the keyword then a space, `{`, `*` or `(`, so `important` is no import. */
export const MODULE_IMPORT = /\bimport(\s+[\w{*]|\s*[{*(])/;

export function checkCloudFrontFunction(code: string): void {
  const problems: string[] = [];
  const bytes = new TextEncoder().encode(code).length;
  if (bytes > LIMITS.cloudFrontFunctionBytes) problems.push(`${bytes} bytes exceeds the 10 KB CloudFront Functions limit`);
  if (!/(^|[;}\n])function handler\(/.test(code)) problems.push('no top-level `function handler(event)`');
  const body = code.startsWith(CLOUDFRONT_IMPORT) ? code.slice(CLOUDFRONT_IMPORT.length) : code;
  if (MODULE_IMPORT.test(body)) problems.push(`an import other than a leading ${CLOUDFRONT_IMPORT}`);
  // As MODULE_IMPORT: the keyword, then a space, `{` or `*`, so an identifier such as `exported` is fine.
  if (/\bexport(\s+[\w{*]|\s*[{*])/.test(body)) problems.push('an `export` statement (CloudFront fails with "Illegal export statement")');
  if (/\brequire\s*\(|\bmodule\.exports\b|\bprocess\.|__dirname|\bglobalThis\b/.test(body)) problems.push('a Node-only construct (require, module.exports, process, __dirname, globalThis)');
  if (/\beval\s*\(|\bnew Function\b|\bsetTimeout\b|\bsetInterval\b/.test(body)) problems.push('eval, Function or a timer, which cloudfront-js-2.0 does not provide');
  problems.push(...cloudFrontSyntaxProblems(code));
  if (problems.length > 0) throw new FunctionBuildError(`the viewer-request function is not valid cloudfront-js-2.0 code: ${problems.join('; ')}`);
}
