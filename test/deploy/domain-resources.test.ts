/**
 * `domain` and `priceClass` in the template: both ways (a Route 53 zone, an existing certificate, and both)
 * validate against the official CloudFormation resource schemas, and carry the names, the certificate, the
 * alias records and the outputs the README promises.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { cloudFormationResources } from '../../src/deploy/cloudformation-resources.ts';
import { CERTIFICATE_LOGICAL_ID, CLOUDFRONT_HOSTED_ZONE_ID, recordLogicalId } from '../../src/deploy/domain-resources.ts';
import { LOGICAL_IDS, OUTPUT_KEYS, resourceNames } from '../../src/deploy/resource-names.ts';
import { schemaProblems } from './cfn-schema.ts';
import { deployConfigPath } from './deploy-fixtures.ts';

const VERSION = { Ref: 'OriginResponseLambdaVersionAbc' };
const generate = (name: string) => {
  const config = loadConfig(deployConfigPath(name));
  return { config, ...cloudFormationResources(config, { names: resourceNames('prod'), viewerRequestCode: 'function handler(e){return e.request}', originResponseVersionArn: VERSION }) };
};
const distConfig = (r: ReturnType<typeof generate>) => r.Resources[LOGICAL_IDS.distribution].Properties.DistributionConfig as Record<string, any>;
const byType = (r: ReturnType<typeof generate>, type: string) => Object.entries(r.Resources).filter(([, v]) => v.Type === type);

describe('domain resources', () => {
  it.each([['new-domain-zone'], ['new-domain-certificate'], ['new-domain-both'], ['new-eu-prefixed']])('%s: every resource matches its CloudFormation schema', (name) => {
    // Act
    const { Resources } = generate(name);
    // Assess
    expect(Object.entries(Resources).flatMap(([id, r]) => schemaProblems(id, r))).toEqual([]);
  });

  it('the schema check sees a misspelt certificate or record property', () => {
    // Prepare
    const r = generate('new-domain-zone');
    const cert = structuredClone(r.Resources[CERTIFICATE_LOGICAL_ID]);
    (cert.Properties as any).DomainValidationOptions[0].HostedZoneID = 'Z1';
    const [[id, record]] = byType(r, 'AWS::Route53::RecordSet');
    const broken = structuredClone(record);
    delete (broken.Properties as any).AliasTarget.DNSName;
    // Act + Assess
    expect(schemaProblems(CERTIFICATE_LOGICAL_ID, cert)).toEqual([expect.stringContaining('HostedZoneID: not a property')]);
    expect(schemaProblems(id, broken)).toEqual([expect.stringContaining('DNSName: required')]);
  });

  it('with a zone only: the stack requests a DNS-validated certificate in that zone for every name, and the distribution uses it', () => {
    // Act
    const r = generate('new-domain-zone');
    // Assess
    expect(r.Resources[CERTIFICATE_LOGICAL_ID].Properties).toEqual({
      DomainName: 't.example.com',
      SubjectAlternativeNames: ['e.example.com'],
      ValidationMethod: 'DNS',
      DomainValidationOptions: [
        { DomainName: 't.example.com', HostedZoneId: 'Z0123456789ABCDEFGHIJ' },
        { DomainName: 'e.example.com', HostedZoneId: 'Z0123456789ABCDEFGHIJ' },
      ],
    });
    expect(distConfig(r)).toMatchObject({
      Aliases: ['t.example.com', 'e.example.com'],
      ViewerCertificate: { AcmCertificateArn: { Ref: CERTIFICATE_LOGICAL_ID }, SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' },
      PriceClass: 'PriceClass_100',
    });
  });

  it.each([['new-domain-zone'], ['new-domain-both']])('%s: A and AAAA alias records to the distribution for every name', (name) => {
    // Act
    const r = generate(name);
    // Assess
    const records = byType(r, 'AWS::Route53::RecordSet').map(([id, v]) => [id, v.Properties] as const);
    const expected = r.config.domain!.names.flatMap((n) => (['A', 'AAAA'] as const).map((type) => [recordLogicalId(n, type), {
      HostedZoneId: r.config.domain!.hostedZoneId,
      Name: n,
      Type: type,
      AliasTarget: { DNSName: { 'Fn::GetAtt': [LOGICAL_IDS.distribution, 'DomainName'] }, HostedZoneId: CLOUDFRONT_HOSTED_ZONE_ID, EvaluateTargetHealth: false },
    }] as const));
    expect(records).toEqual(expected);
    expect(CLOUDFRONT_HOSTED_ZONE_ID).toBe('Z2FDTNDATAQYW2');
  });

  it.each([['new-domain-certificate'], ['new-domain-both']])('%s: an existing certificate is used as given, and no certificate is requested', (name) => {
    // Act
    const r = generate(name);
    // Assess
    expect(byType(r, 'AWS::CertificateManager::Certificate')).toEqual([]);
    expect(distConfig(r).ViewerCertificate.AcmCertificateArn).toBe(r.config.domain!.certificateArn);
    expect(distConfig(r).Aliases).toEqual(r.config.domain!.names);
  });

  it('with a certificate only (DNS elsewhere): no records, the user adds the CNAME', () => {
    expect(byType(generate('new-domain-certificate'), 'AWS::Route53::RecordSet')).toEqual([]);
  });

  it.each([
    ['new-domain-zone', 'https://t.example.com', "posthog.init('<your project API key>', { api_host: 'https://t.example.com', ui_host: 'https://eu.posthog.com' })"],
    ['new-domain-certificate', 'https://t.example.org/k7x2', "posthog.init('<your project API key>', { api_host: 'https://t.example.org/k7x2', ui_host: 'https://us.posthog.com' })"],
  ])('%s: ProxyUrl and PosthogInitSnippet use the first name plus the prefix', (name, url, snippet) => {
    // Act
    const { Outputs } = generate(name);
    // Assess
    expect(Outputs[OUTPUT_KEYS.proxyUrl].Value).toBe(url);
    expect(Outputs[OUTPUT_KEYS.posthogInit].Value).toBe(snippet);
    expect(Outputs[OUTPUT_KEYS.distributionDomainName].Value).toEqual({ 'Fn::GetAtt': [LOGICAL_IDS.distribution, 'DomainName'] });
  });

  it('without a domain: no names, the default certificate, every edge, and the cloudfront.net URL', () => {
    // Act
    const r = generate('new-eu-prefixed');
    // Assess
    expect(distConfig(r).Aliases).toBeUndefined();
    expect(distConfig(r).ViewerCertificate).toBeUndefined();
    expect(distConfig(r).PriceClass).toBe('PriceClass_All');
    expect(r.Outputs[OUTPUT_KEYS.proxyUrl].Value).toEqual({ 'Fn::Sub': `https://\${${LOGICAL_IDS.distribution}.DomainName}/k7x2` });
  });

  it('record logical ids are valid, distinct for names that differ only in punctuation, and stable', () => {
    // Act
    const ids = ['t-x.example.com', 'tx.example.com', '*.example.com', 'wildcard.example.com'].map((n) => recordLogicalId(n, 'A'));
    // Assess
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9]{1,255}$/);
    expect(new Set(ids).size).toBe(4);
    expect(recordLogicalId('t.example.com', 'AAAA')).toBe(recordLogicalId('t.example.com', 'AAAA'));
  });
});
