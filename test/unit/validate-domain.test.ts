/**
 * The accepted side of `domain` and `priceClass` (every refused case is a fixture in
 * test/fixtures/configs-invalid/domain-*.json and price-class-*.json), and the published schema agreeing
 * with the validator on host names.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/config-schema.ts';
import { validateConfig } from '../../src/config/validate-config.ts';

const ZONE = 'Z0123456789ABCDEFGHIJ';
const ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666';

describe('validateConfig: domain and priceClass accepted', () => {
  it.each([
    ['a Route 53 zone only', { names: ['t.example.com'], hostedZoneId: ZONE }, { names: ['t.example.com'], certificateArn: null, hostedZoneId: ZONE }],
    ['a certificate only (DNS elsewhere)', { names: ['t.example.com', 'e.example.org'], certificateArn: ARN }, { names: ['t.example.com', 'e.example.org'], certificateArn: ARN, hostedZoneId: null }],
    ['both, with a wildcard the certificate covers', { names: ['t.example.com', '*.t.example.com'], certificateArn: ARN, hostedZoneId: ZONE }, { names: ['t.example.com', '*.t.example.com'], certificateArn: ARN, hostedZoneId: ZONE }],
    ['names lowercased', { names: ['T.Example.COM'], hostedZoneId: ZONE }, { names: ['t.example.com'], certificateArn: null, hostedZoneId: ZONE }],
    ['ten names with a stack-made certificate', { names: Array.from({ length: 10 }, (_, i) => `t${i}.example.com`), hostedZoneId: ZONE }, { certificateArn: null }],
  ])('%s', (_, domain, expected) => {
    // Act
    const config = validateConfig({ domain });
    // Assess
    expect(config.domain).toMatchObject(expected);
  });

  it.each([['all'], ['200'], ['100']] as const)('priceClass %s', (priceClass) => {
    expect(validateConfig({ priceClass }).priceClass).toBe(priceClass);
  });

  it('an ARN of another partition in us-east-1 is not refused for its partition', () => {
    expect(validateConfig({ domain: { names: ['t.example.com'], certificateArn: ARN.replace('arn:aws:', 'arn:aws-us-gov:') } }).domain?.certificateArn).toContain('aws-us-gov');
  });
});

describe('the published schema and the validator agree on domain.names', () => {
  const pattern = new RegExp(configSchema.properties.domain.properties.names.items.pattern);
  const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
  const host = fc.tuple(fc.boolean(), fc.array(label, { minLength: 2, maxLength: 4 })).map(([wild, labels]) => (wild ? '*.' : '') + labels.join('.'));

  it('every name the validator accepts (with a certificate) matches the schema pattern, and is kept lowercase', () => {
    fc.assert(
      fc.property(label, host, (first, second) => {
        const names = [`${first}.example.com`, second.toUpperCase()];
        const config = validateConfig({ domain: { names, certificateArn: ARN } });
        expect(config.domain!.names).toEqual(names.map((n) => n.toLowerCase()).filter((n, i, all) => all.indexOf(n) === i));
        for (const n of config.domain!.names) expect(n).toMatch(pattern);
      }),
      { numRuns: 300 },
    );
  });

  it('the schema pattern refuses what the validator refuses for its form: a scheme, a trailing dot, no dot', () => {
    for (const bad of ['https://t.example.com', 't.example.com.', 'localhost', 't.*.example.com']) expect(bad).not.toMatch(pattern);
  });
});
