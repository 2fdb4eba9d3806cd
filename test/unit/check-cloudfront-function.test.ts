import { describe, expect, it } from 'vitest';
import { FunctionBuildError } from '../../src/build/build-errors.ts';
import { checkCloudFrontFunction, CLOUDFRONT_IMPORT } from '../../src/build/check-cloudfront-function.ts';
import { LIMITS } from '../../src/build/function-limits.ts';

const VALID = `${CLOUDFRONT_IMPORT}var a=1;function handler(event){cf.selectRequestOriginById("x");return event.request}`;

describe('checkCloudFrontFunction', () => {
  it.each([
    ['with the cloudfront import', VALID],
    ['without any import', 'function handler(event){return event.request}'],
    ['handler after a statement', 'var x=1;function handler(event){return event.request}'],
    ['handler on its own line', 'var x=1\nfunction handler(event){return event.request}'],
    ['words that only contain the keywords', 'var exported=1,required=2,important=3;function handler(e){return e}'],
  ])('accepts code %s', (_, code) => {
    expect(() => checkCloudFrontFunction(code)).not.toThrow();
  });

  it.each([
    ['export statement', `${VALID}export{handler};`, 'Illegal export statement'],
    ['export function', 'export function handler(event){return event.request}', 'an `export` statement'],
    ['export default', 'function handler(e){return e}export default handler;', 'an `export` statement'],
    ['require', 'var fs=require("fs");function handler(e){return e}', 'a Node-only construct'],
    ['module.exports', 'function handler(e){return e}module.exports={handler};', 'a Node-only construct'],
    ['process', 'function handler(e){return process.env.X}', 'a Node-only construct'],
    ['globalThis', 'function handler(e){return globalThis}', 'a Node-only construct'],
    ['missing handler', 'function main(event){return event.request}', 'no top-level `function handler(event)`'],
    ['handler as a method only', 'var o={handler(event){return event}};', 'no top-level `function handler(event)`'],
    ['a second import', `${CLOUDFRONT_IMPORT}import x from "crypto";function handler(e){return e}`, 'an import other than'],
    ['the cloudfront import not first', `var a=1;${CLOUDFRONT_IMPORT}function handler(e){return e}`, 'an import other than'],
    ['dynamic import', 'function handler(e){return import("x")}', 'an import other than'],
    ['eval', 'function handler(e){return eval("1")}', 'eval, Function or a timer'],
    ['new Function', 'function handler(e){return new Function("return 1")()}', 'eval, Function or a timer'],
    ['setTimeout', 'function handler(e){setTimeout(function(){},1);return e}', 'eval, Function or a timer'],
    ['over 10 KB', `function handler(e){return e}/*${'x'.repeat(LIMITS.cloudFrontFunctionBytes)}*/`, 'exceeds the 10 KB CloudFront Functions limit'],
  ])('rejects %s', (_, code, fragment) => {
    expect(() => checkCloudFrontFunction(code)).toThrow(FunctionBuildError);
    expect(() => checkCloudFrontFunction(code)).toThrow(fragment);
  });

  it('counts bytes, not characters, against the 10 KB limit', () => {
    const code = `function handler(e){return "${'é'.repeat(LIMITS.cloudFrontFunctionBytes / 2)}"}`;
    expect(code.length).toBeLessThan(LIMITS.cloudFrontFunctionBytes + 40);
    expect(() => checkCloudFrontFunction(code)).toThrow('exceeds the 10 KB');
  });
});
