import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FunctionBuildError } from '../../src/build/build-errors.ts';
import { ROOT } from '../../src/build/build-functions.ts';
import { cloudFrontFunctionFile } from '../../src/build/cloudfront-entry.ts';
import { loadCloudFrontFunction } from '../../src/runtime/cloudfront-function-runtime.ts';

interface Cases {
  files: { name: string; esm: string; file: string }[];
  refused: { name: string; esm: string; message: string }[];
}
const cases = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/cloudfront-entry/cases.json'), 'utf8')) as Cases;

describe('cloudFrontFunctionFile', () => {
  it.each(cases.files.map((c) => [c.name, c] as const))('%s', (_, c) => {
    expect(cloudFrontFunctionFile(c.esm)).toBe(c.file);
  });

  it('the folded file still behaves as the entry did, in the cloudfront-js-2.0 realm', async () => {
    const fn = loadCloudFrontFunction(cloudFrontFunctionFile(cases.files[0].esm));
    const event = { viewer: { ip: '198.51.100.1' }, request: { method: 'GET', uri: '/e/', querystring: {}, headers: {}, cookies: {} } };
    expect(await fn.run(event)).toMatchObject({ kind: 'request', request: { uri: '/e/' }, originId: 'posthog-proxy-main' });
  });

  it.each(cases.refused.map((c) => [c.name, c] as const))('refuses %s', (_, c) => {
    expect(() => cloudFrontFunctionFile(c.esm)).toThrow(FunctionBuildError);
    expect(() => cloudFrontFunctionFile(c.esm)).toThrow(c.message);
  });
});
