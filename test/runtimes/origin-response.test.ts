// The origin-response fixture table against the built Lambda@Edge module of each variant, loaded as Lambda
// loads it; portable across Node (vitest), Bun and Deno.
import { describe, expect, it } from 'vitest';
import { invokeOriginResponse, loadLambdaHandler, type OriginResponseHandler } from '../../src/runtime/lambda-edge-runtime.ts';
import { expectOriginOutcome } from '../support/expect-outcome.ts';
import { builtFile, clone, originResponseFixtures } from '../support/fixtures.ts';
import { RUNTIME } from './runtime-name.ts';

const fixtures = originResponseFixtures();
const loaded = new Map<string, Promise<OriginResponseHandler>>();
const handlerFor = (variant: string) => {
  if (!loaded.has(variant)) loaded.set(variant, loadLambdaHandler(builtFile(variant, 'origin-response.mjs')));
  return loaded.get(variant)!;
};

describe(`built origin-response.mjs under ${RUNTIME}`, () => {
  it('has its fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(15);
  });
  for (const fixture of fixtures) {
    it(`${fixture.config}: ${fixture.name}`, async () => {
      const result = await invokeOriginResponse(await handlerFor(fixture.config), clone(fixture.event));
      expectOriginOutcome(fixture, result);
    });
  }
});
