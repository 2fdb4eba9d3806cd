// The benchmark fixtures run against the built files, so a fixture the functions reject (and the numbers
// it would produce) fails here first. vitest's globalSetup builds dist/ before any test runs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/build/build-functions.ts';
import { loadCloudFrontFunction } from '../../src/runtime/cloudfront-function-runtime.ts';
import { invokeOriginResponse, loadLambdaHandler } from '../../src/runtime/lambda-edge-runtime.ts';
import { originResponseFixtures, viewerRequestBatch } from '../../bench/fixtures.ts';
import { countRuntimeImports } from '../../bench/table-lambda-edge.ts';

describe('benchmark fixtures against the built functions', () => {
  const viewer = loadCloudFrontFunction(readFileSync(join(ROOT, 'dist/viewer-request.js'), 'utf8'));
  const unique = [...new Map(viewerRequestBatch().map((f) => [f.name, f])).values()];

  it.each(unique.map((f) => [f.name, f] as const))('viewer-request %s is forwarded or answered as PostHog needs', async (name, f) => {
    const outcome = await viewer.run(JSON.parse(f.json));
    if (name.startsWith('options')) expect(outcome.response?.statusCode).toBe(204);
    else expect(outcome.originId).toBe(/^\/(static|array)\//.test(JSON.parse(f.json).request.uri) ? 'posthog-proxy-assets' : 'posthog-proxy-main');
  });

  it.each(originResponseFixtures().map((f) => [f.name, f] as const))('origin-response %s is a valid CloudFront response', async (_name, f) => {
    const handler = await loadLambdaHandler(join(ROOT, 'dist/origin-response.mjs'));
    const result = await invokeOriginResponse(handler, JSON.parse(f.json));
    expect(result.headers?.vary?.[0].value).toMatch(/Origin/);
  });

  it('the origin-response bundle imports nothing', () => {
    expect(countRuntimeImports(readFileSync(join(ROOT, 'dist/origin-response.mjs'), 'utf8'))).toBe(0);
    expect(countRuntimeImports('import x from "y";require("z")')).toBe(2);
  });
});
