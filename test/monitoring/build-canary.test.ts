import { describe, expect, it } from 'vitest';
import { moduleSpecifiers } from '../../src/monitoring/build-canary.ts';

describe('moduleSpecifiers (the canary bundle\'s dependency gate)', () => {
  it.each([
    ['static imports', 'import{isIP}from"node:net";import x from \'aws-sdk\';', ['node:net', 'aws-sdk']],
    ['side-effect and dynamic imports, require', 'import"./a.js";const m=await import("b");require( "c" )', ['./a.js', 'b', 'c']],
    ['prose that says import is not an import', 'fail("renew and re-import an imported certificate from the console")', []],
  ] as const)('%s', (_name, code, expected) => {
    expect(moduleSpecifiers(code)).toEqual(expected);
  });
});
