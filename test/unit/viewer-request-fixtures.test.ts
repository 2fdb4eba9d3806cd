// The viewer-request fixture table against the TypeScript sources, with every feature compiled in and the
// variant's configuration passed at run time (the built files are tested in test/built and test/runtimes).
import { describe, expect, it } from 'vitest';
import { edgeConfigFrom } from '../../src/config/edge-config-from.ts';
import { validateConfig } from '../../src/config/validate-config.ts';
import type { CfViewerRequestEvent } from '../../src/edge/cloudfront-function-types.ts';
import type { EdgeConfig } from '../../src/edge/edge-config.ts';
import { handleViewerRequest } from '../../src/edge/viewer-request.ts';
import type { ViewerRequestOutcome } from '../../src/runtime/cloudfront-function-runtime.ts';
import { expectViewerOutcome } from '../support/expect-outcome.ts';
import { clone, configVariant, viewerRequestFixtures } from '../support/fixtures.ts';

function runSource(event: CfViewerRequestEvent, config: EdgeConfig): ViewerRequestOutcome {
  let originId: string | null = null;
  const result = handleViewerRequest(clone(event), config, { selectRequestOriginById: (id) => void (originId = id) });
  return 'statusCode' in result ? { kind: 'response', response: result, originId } : { kind: 'request', request: result, originId };
}

const fixtures = viewerRequestFixtures();

describe('viewer-request fixtures against the sources', () => {
  it('cover every configuration variant they name and enough scenarios', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(40);
    for (const f of fixtures) expect(() => configVariant(f.config)).not.toThrow();
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('%s', (_, fixture) => {
    // Prepare
    const config = edgeConfigFrom(validateConfig(configVariant(fixture.config), fixture.config));
    // Act
    const outcome = runSource(fixture.event, config);
    // Assess
    expectViewerOutcome(fixture, outcome);
  });

  it('leaves the caller\'s event object as the table has it when the handler mutates its copy', () => {
    const fixture = fixtures.find((f) => f.name === 'capture-post-drops-cookies')!;
    const before = JSON.stringify(fixture.event);
    runSource(fixture.event, edgeConfigFrom(validateConfig(configVariant(fixture.config))));
    expect(JSON.stringify(fixture.event)).toBe(before);
  });
});
