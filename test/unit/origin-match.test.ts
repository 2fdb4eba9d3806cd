import { describe, expect, it } from 'vitest';
import { edgeConfigFrom } from '../../src/config/edge-config-from.ts';
import { validateConfig } from '../../src/config/validate-config.ts';
import { isOriginAllowed, type OriginRules } from '../../src/edge/origin-match.ts';

const rules = (allowedOrigins?: string[]): OriginRules => edgeConfigFrom(validateConfig(allowedOrigins ? { allowedOrigins } : {})).origins;

describe('isOriginAllowed', () => {
  const configured = rules(['https://example.com', 'https://*.example.org', 'http://localhost:3000', 'https://*.app.example.net:8443']);

  it.each([
    ['https://example.com', true],
    ['HTTPS://Example.COM', true],
    ['https://a.example.org', true],
    ['https://a-b.c9.example.org', true],
    ['http://localhost:3000', true],
    ['https://eu.app.example.net:8443', true],
    // look-alikes
    ['https://example.com.evil.io', false],
    ['https://evilexample.com', false],
    ['https://evilexample.org', false],
    ['https://example.org', false],
    ['https://.example.org', false],
    ['https://a..example.org', false],
    ['https://-a.example.org', false],
    ['https://a_b.example.org', false],
    ['https://a.example.org:443', false],
    ['https://a.example.org.', false],
    ['https://a/b.example.org', false],
    ['https://eu.app.example.net', false],
    ['https://app.example.net:8443', false],
    // scheme, port, path, oddities
    ['http://example.com', false],
    ['https://example.com:8443', false],
    ['https://example.com/', false],
    ['http://localhost:3001', false],
    ['http://localhost', false],
    ['null', false],
    ['*', false],
    ['', false],
    [`https://${'a.'.repeat(1100)}example.org`, false],
  ])('%s: %s', (origin, allowed) => {
    expect(isOriginAllowed(configured, origin)).toBe(allowed);
  });

  it('allows every origin when allowedOrigins is not set (the build then compiles the check out)', () => {
    for (const origin of ['https://anything.example', 'null', '*', '']) expect(isOriginAllowed(rules(), origin)).toBe(true);
  });

  it('refuses what is not a string when rules are set', () => {
    expect(isOriginAllowed(configured, undefined as unknown as string)).toBe(false);
  });
});
