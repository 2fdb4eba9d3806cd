import { describe, expect, it } from 'vitest';
import { ConfigValidationError } from '../../src/config/config-errors.ts';
import { CONFIG_KEYS } from '../../src/config/config-schema.ts';
import { edgeConfigFrom } from '../../src/config/edge-config-from.ts';
import { closestKey, validateConfig } from '../../src/config/validate-config.ts';
import { configVariants, invalidConfigFixtures } from '../support/fixtures.ts';

function problemsOf(raw: unknown): string {
  try {
    validateConfig(raw, 'posthog-proxy.config.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigValidationError);
    return (error as ConfigValidationError).message;
  }
  throw new Error(`validateConfig accepted ${JSON.stringify(raw)}`);
}

describe('validateConfig: invalid configurations (test/fixtures/configs-invalid)', () => {
  const fixtures = invalidConfigFixtures();

  it.each(fixtures.map((f) => [f.name, f] as const))('%s', (_, fixture) => {
    const message = problemsOf(fixture.config);
    expect(message).toContain('posthog-proxy.config.json is not a valid posthog-cloudfront-proxy configuration');
    for (const fragment of fixture.messages) expect(message).toContain(fragment);
  });

  it('lists every problem on its own line', () => {
    const error = (() => {
      try {
        validateConfig({ regoin: 'eu', clientIp: 'drop' });
      } catch (e) {
        return e as ConfigValidationError;
      }
    })()!;
    expect(error.problems).toHaveLength(2);
    expect(error.message.split('\n  - ')).toHaveLength(3);
  });
});

describe('validateConfig: defaults and accepted configurations', () => {
  it('applies every default to an empty object', () => {
    expect(validateConfig({})).toEqual({
      region: 'us',
      apiHost: 'us.i.posthog.com',
      assetsHost: 'us-assets.i.posthog.com',
      uiHost: 'https://us.posthog.com',
      pathPrefix: '',
      allowedOrigins: null,
      endpoints: 'all',
      clientIp: 'forward',
      trustedProxies: [],
      trustedProxyText: [],
      distributionId: null,
      monitoring: null,
      domain: null,
      priceClass: 'all',
    });
  });

  it('never mixes regions: eu uses both eu hosts and the eu app', () => {
    expect(validateConfig({ region: 'eu' })).toMatchObject({ apiHost: 'eu.i.posthog.com', assetsHost: 'eu-assets.i.posthog.com', uiHost: 'https://eu.posthog.com' });
  });

  it('self-hosted: assetsHost defaults to apiHost, hosts are lowercased, region is null', () => {
    expect(validateConfig({ upstream: { apiHost: 'PostHog.Example.net' } })).toMatchObject({
      region: null,
      apiHost: 'posthog.example.net',
      assetsHost: 'posthog.example.net',
      uiHost: 'https://posthog.example.net',
    });
  });

  it('accepts an ad-blocked prefix with allowAdBlockedPrefix: true', () => {
    expect(validateConfig({ pathPrefix: '/analytics', allowAdBlockedPrefix: true }).pathPrefix).toBe('/analytics');
  });

  it('accepts upper-case host names in allowedOrigins, as the published schema does, and lowercases them', () => {
    const config = validateConfig({ allowedOrigins: ['https://Example.com', 'https://*.Example.ORG'] });
    expect(config.allowedOrigins).toEqual(['https://example.com', 'https://*.example.org']);
    expect(edgeConfigFrom(config).origins).toEqual({ exact: ['https://example.com'], wildcard: [['https://', '.example.org']] });
  });

  it('compiles trustedProxies to CIDRs and keeps the text, IPv4-mapped ranges as IPv4', () => {
    const config = validateConfig({ trustedProxies: ['203.0.113.0/24', '::ffff:198.51.100.0/120', '2001:db8::1'] });
    expect(config.trustedProxies).toEqual([
      { g: [0xcb00, 0x7100], bits: 24 },
      { g: [0xc633, 0x6400], bits: 24 },
      { g: [0x2001, 0xdb8, 0, 0, 0, 0, 0, 1], bits: 128 },
    ]);
    expect(config.trustedProxyText).toEqual(['203.0.113.0/24', '::ffff:198.51.100.0/120', '2001:db8::1']);
  });

  it.each(configVariants().map((v) => [v.name, v.raw] as const))('accepts the test variant %s', (_, raw) => {
    expect(() => validateConfig(raw)).not.toThrow();
  });

  it('accepts the repository default configuration file keys ($schema included)', () => {
    expect(validateConfig({ $schema: './posthog-proxy.config.schema.json', region: 'us', endpoints: 'all', clientIp: 'forward' }).region).toBe('us');
  });
});

describe('closestKey', () => {
  it.each([
    ['regoin', 'region'],
    ['Region', 'region'],
    ['pathprefix', 'pathPrefix'],
    ['path_prefix', 'pathPrefix'],
    ['allowedOrigin', 'allowedOrigins'],
    ['trustedProxy', 'trustedProxies'],
    ['endpoint', 'endpoints'],
    ['clientIP', 'clientIp'],
    ['distributionID', 'distributionId'],
    ['colour', null],
    ['x', null],
  ])('%s -> %s', (typo, expected) => {
    expect(closestKey(typo, CONFIG_KEYS)).toBe(expected);
  });
});

describe('validateConfig: monitoring', () => {
  it.each([
    ['absent: no monitoring', {}, null],
    ['an empty object: alarms only, no destination', { monitoring: {} }, { alarmEmail: null, alarmTopicArn: null, canary: null, logs: null }],
    ['canary defaults: every 5 minutes, no capture, the distribution URL', { monitoring: { canary: { token: 'phc_abc' } } },
      { alarmEmail: null, alarmTopicArn: null, canary: { token: 'phc_abc', everyMinutes: 5, capture: false, url: null }, logs: null }],
    ['every key set', {
      distributionId: 'E2QWRUHAPOMQZL', pathPrefix: '/k7x2',
      monitoring: { alarmTopicArn: 'arn:aws:sns:us-east-1:123456789012:ops', canary: { token: 'phc_abc', everyMinutes: 1, capture: true, url: 'https://www.example.com/k7x2/' }, logs: { retentionDays: 14 } },
    }, { alarmEmail: null, alarmTopicArn: 'arn:aws:sns:us-east-1:123456789012:ops', canary: { token: 'phc_abc', everyMinutes: 1, capture: true, url: 'https://www.example.com/k7x2' }, logs: { retentionDays: 14 } }],
  ] as const)('%s', (_name, raw, expected) => {
    expect(validateConfig(raw).monitoring).toEqual(expected);
  });
});
