// The viewer-request fixture table against the built function of each variant, portable: the same file runs
// under Node (vitest), Bun (`bun test test/runtimes/`) and Deno (import map to vitest-shim.ts).
import { describe, expect, it } from 'vitest';
import { loadCloudFrontFunction, type LoadedCloudFrontFunction } from '../../src/runtime/cloudfront-function-runtime.ts';
import { expectViewerOutcome } from '../support/expect-outcome.ts';
import { clone, readBuilt, viewerRequestFixtures } from '../support/fixtures.ts';
import { RUNTIME } from './runtime-name.ts';

const fixtures = viewerRequestFixtures();
const loaded = new Map<string, LoadedCloudFrontFunction>();
const functionFor = (variant: string) => {
  if (!loaded.has(variant)) loaded.set(variant, loadCloudFrontFunction(readBuilt(variant, 'viewer-request.js')));
  return loaded.get(variant)!;
};

describe(`built viewer-request.js under ${RUNTIME}`, () => {
  it('has its fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(40);
  });
  for (const fixture of fixtures) {
    it(`${fixture.config}: ${fixture.name}`, async () => {
      const outcome = await functionFor(fixture.config).run(clone(fixture.event));
      expectViewerOutcome(fixture, outcome);
    });
  }
});
