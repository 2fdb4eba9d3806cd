// The origin-response fixture table against the TypeScript sources (the built bundle: test/built, test/runtimes).
import { describe, expect, it } from 'vitest';
import { edgeConfigFrom } from '../../src/config/edge-config-from.ts';
import { validateConfig } from '../../src/config/validate-config.ts';
import { cacheControlFor, handleOriginResponse } from '../../src/edge/origin-response.ts';
import { expectOriginOutcome } from '../support/expect-outcome.ts';
import { clone, configVariant, originResponseFixtures } from '../support/fixtures.ts';

const fixtures = originResponseFixtures();

describe('origin-response fixtures against the sources', () => {
  it('cover enough scenarios', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(15);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('%s', (_, fixture) => {
    // Prepare
    const config = edgeConfigFrom(validateConfig(configVariant(fixture.config), fixture.config));
    // Act
    const result = handleOriginResponse(clone(fixture.event), config);
    // Assess
    expectOriginOutcome(fixture, result);
  });
});

describe('cacheControlFor', () => {
  it.each([
    ['/array/phc_x/config.js', 200, null, 'public, max-age=300'],
    ['/array/phc_x/config', 200, null, 'public, max-age=300'],
    ['/array/phc_x/config.js', 200, 'max-age=60', null],
    ['/array/phc_x/config.js', 200, 'max-age=86400', null],
    ['/array/phc_x/config.json', 200, null, null],
    ['/array/phc_x/config.js/x', 200, null, null],
    [`/array/${'a'.repeat(200)}/config.js`, 200, null, 'public, max-age=300'],
    [`/array/${'a'.repeat(201)}/config.js`, 200, null, null],
    ['/array/phc_x/config.js', 404, null, null],
    ['/array/phc_x/config.js', 199, null, null],
    ['/array/phc_x/config.js', 299, null, 'public, max-age=300'],
    ['/static/1.449.2/array.js', 200, null, 'public, max-age=31536000, immutable'],
    ['/static/v1.449.2/array.js', 200, 'public, max-age=300', 'public, max-age=31536000, immutable'],
    ['/static/1.449.2/array.js', 200, 'private, max-age=60', null],
    ['/static/1.449.2/array.js', 200, 'No-Cache', null],
    ['/static/1.449/array.js', 200, null, 'public, max-age=300'],
    ['/static/array.js', 200, null, 'public, max-age=300'],
    ['/static/array.js', 200, 'public, max-age=86400', null],
    ['/staticfoo/array.js', 200, null, null],
    ['/e/', 200, null, null],
  ] as const)('%s %i with %j: %j', (path, status, current, expected) => {
    expect(cacheControlFor(path, status, current)).toBe(expected);
  });
});
