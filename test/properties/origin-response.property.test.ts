// Properties of the BUILT origin-response Lambda@Edge of every variant, loaded and invoked as Lambda would.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invokeOriginResponse, loadLambdaHandler, type OriginResponseHandler } from '../../src/runtime/lambda-edge-runtime.ts';
import { MANAGED_RESPONSE_HEADERS } from '../support/expect-outcome.ts';
import { builtFile, configVariants } from '../support/fixtures.ts';
import { NUM_RUNS, originResponseEvent } from './arbitraries.ts';

const VARIANTS = configVariants().map((v) => v.name);
const handlers = new Map<string, OriginResponseHandler>();
for (const name of VARIANTS) handlers.set(name, await loadLambdaHandler(builtFile(name, 'origin-response.mjs')));

describe(`built origin-response properties (${NUM_RUNS} runs, variants ${VARIANTS.join(', ')})`, () => {
  it('never throws, keeps status and unmanaged headers, and never answers * with credentials', async () => {
    await fc.assert(
      fc.asyncProperty(originResponseEvent(VARIANTS), async ({ variant, event }) => {
        // invokeOriginResponse throws (CloudFront: 502) when the handler throws or returns what CloudFront rejects.
        const result = await invokeOriginResponse(handlers.get(variant)!, event);
        const response = event.Records[0].cf.response;
        expect(result.status).toBe(response.status);
        for (const name of Object.keys(response.headers)) {
          if (!MANAGED_RESPONSE_HEADERS.includes(name)) expect(result.headers![name]).toEqual(response.headers[name]);
        }
        const allowOrigin = result.headers?.['access-control-allow-origin']?.map((h) => h.value) ?? [];
        const credentials = result.headers?.['access-control-allow-credentials']?.[0]?.value ?? null;
        expect(allowOrigin.length <= 1).toBe(true);
        if (credentials === 'true') expect(allowOrigin).not.toContain('*');
        // What it caches per Origin must say so.
        if (allowOrigin.length === 1) expect(result.headers!.vary![0].value.toLowerCase()).toMatch(/(^|,)\s*(origin|\*)\s*(,|$)/);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('never lengthens the Cache-Control an origin sent for remote config', async () => {
    await fc.assert(
      fc.asyncProperty(originResponseEvent(VARIANTS), fc.nat(100_000), async ({ variant, event }, maxAge) => {
        const cf = event.Records[0].cf;
        cf.request.uri = '/array/phc_k7/config.js';
        cf.response.status = '200';
        cf.response.headers['cache-control'] = [{ key: 'Cache-Control', value: `public, max-age=${maxAge}` }];
        const result = await invokeOriginResponse(handlers.get(variant)!, event);
        expect(result.headers!['cache-control']).toEqual([{ key: 'Cache-Control', value: `public, max-age=${maxAge}` }]);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
