import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigValidationError } from '../../src/config/config-errors.ts';
import { configSchema } from '../../src/config/config-schema.ts';
import { POSTHOG_ROUTE_SEGMENTS, prefixCollision, SITE_PATH_SEGMENTS } from '../../src/config/prefix-collisions.ts';
import { validateConfig } from '../../src/config/validate-config.ts';

const taken = [...POSTHOG_ROUTE_SEGMENTS, ...SITE_PATH_SEGMENTS];
const segment = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);

describe('pathPrefix collisions', () => {
  it.each([
    ['/static', 'posthog'], ['/array', 'posthog'], ['/e', 'posthog'], ['/S', 'posthog'], ['/decide/x', 'posthog'],
    ['/assets', 'site'], ['/_next', 'site'], ['/public/k7x2', 'site'], ['/wp-content', 'site'],
    ['/k7x2', null], ['/k7x2/static', null], ['/ee', null], ['/staticx', null], ['/apis', null],
  ])('%s collides with %s', (prefix, owner) => {
    expect(prefixCollision(prefix)?.owner ?? null).toBe(owner);
  });

  it('validateConfig refuses every taken first segment, in any case, whatever follows', () => {
    fc.assert(fc.property(fc.constantFrom(...taken), fc.boolean(), fc.array(segment, { maxLength: 2 }), (first, upper, rest) => {
      const prefix = ['', upper ? first.toUpperCase() : first, ...rest].join('/');
      expect(() => validateConfig({ pathPrefix: prefix })).toThrow(ConfigValidationError);
      expect(() => validateConfig({ pathPrefix: prefix })).toThrow(/pick a meaningless first segment/);
    }));
  });

  it('validateConfig accepts a free first segment (no collision, no ad-blocked word)', () => {
    const free = segment.filter((s) => !taken.includes(s.toLowerCase() as never) && !/analytic|track|telemetry|posthog|ingest|collect|pixel|beacon|metric|stats/i.test(s));
    fc.assert(fc.property(free, fc.array(segment, { maxLength: 2 }), (first, rest) => {
      const prefix = ['', first, ...rest].join('/');
      expect(validateConfig({ pathPrefix: prefix, allowAdBlockedPrefix: true }).pathPrefix).toBe(prefix);
    }));
  });

  it('the published schema\'s "not" pattern refuses exactly what the validator refuses (editors flag it too)', () => {
    const pattern = new RegExp(configSchema.properties.pathPrefix.not.pattern, 'u');
    const prefix = fc.oneof(fc.constantFrom(...taken).map((t) => `/${t}`), segment.map((s) => `/${s}`)).chain((first) =>
      fc.tuple(fc.constant(first), fc.boolean(), fc.array(segment, { maxLength: 2 })).map(([f, upper, rest]) => [upper ? f.toUpperCase() : f, ...rest].join('/')));
    fc.assert(fc.property(prefix, (p) => {
      expect(pattern.test(p)).toBe(prefixCollision(p) !== null);
    }));
  });
});
