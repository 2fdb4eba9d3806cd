/**
 * The template pieces of `domain` and `priceClass` for a new distribution, as pure functions of the
 * configuration: the distribution's names, certificate and price class, the ACM certificate the stack
 * requests (with a Route 53 zone), the alias records, and the proxy's public origin for the outputs.
 */
import type { DomainConfig, ProxyConfig } from '../config/proxy-config.ts';
import { CLOUDFRONT_PRICE_CLASS } from '../config/validate-domain.ts';
import type { CfnResources, CfnValue } from './cloudformation-resources.ts';
import { LOGICAL_IDS } from './resource-names.ts';

/**
 * The hosted zone id of every CloudFront distribution, for Route 53 alias records ("AliasTarget",
 * Route 53 API Reference: "Specify Z2FDTNDATAQYW2. This is always the hosted zone ID when you create an
 * alias record that routes traffic to a CloudFront distribution").
 */
export const CLOUDFRONT_HOSTED_ZONE_ID = 'Z2FDTNDATAQYW2';

export const CERTIFICATE_LOGICAL_ID = 'PosthogProxyCertificate';

/**
 * The viewer certificate settings ("ViewerCertificate", CloudFront API Reference): SNI only (a dedicated
 * IP per edge is charged monthly) and the TLSv1.2_2021 security policy, the one CloudFront recommends.
 */
export const VIEWER_TLS = { sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.2_2021' } as const;

/** The ACM certificate the distribution uses: the configured ARN, or a Ref to the one the stack requests. */
export function certificateArnOf(domain: DomainConfig): CfnValue {
  return domain.certificateArn ?? { Ref: CERTIFICATE_LOGICAL_ID };
}

/** Properties merged into the DistributionConfig: PriceClass always, Aliases and ViewerCertificate with a domain. */
export function distributionDomainProperties(config: ProxyConfig): Record<string, unknown> {
  const priceClass = { PriceClass: CLOUDFRONT_PRICE_CLASS[config.priceClass] };
  if (config.domain === null) return priceClass;
  return {
    ...priceClass,
    Aliases: [...config.domain.names],
    ViewerCertificate: {
      AcmCertificateArn: certificateArnOf(config.domain),
      SslSupportMethod: VIEWER_TLS.sslSupportMethod,
      MinimumProtocolVersion: VIEWER_TLS.minimumProtocolVersion,
    },
  };
}

/** A readable, collision-free logical id per name: letters and digits of the name plus a short hash. */
export function recordLogicalId(name: string, type: 'A' | 'AAAA'): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193) >>> 0;
  const readable = name
    .replace(/^\*\./, 'wildcard.')
    .split(/[.-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')
    .slice(0, 120);
  return `PosthogProxyAlias${readable}${hash.toString(16).padStart(8, '0')}${type}`;
}

/**
 * The certificate (when the stack requests it) and the alias records (with a zone). The certificate waits
 * for its DNS validation, which ACM writes into the zone itself because DomainValidationOptions names it
 * ("AWS::CertificateManager::Certificate DomainValidationOption", CloudFormation Template Reference:
 * "HostedZoneId ... causes ACM to add your CNAME to the domain record").
 */
export function domainResources(config: ProxyConfig): CfnResources {
  const domain = config.domain;
  if (domain === null) return {};
  const resources: CfnResources = {};
  if (domain.certificateArn === null && domain.hostedZoneId !== null) {
    const [first, ...rest] = domain.names;
    resources[CERTIFICATE_LOGICAL_ID] = {
      Type: 'AWS::CertificateManager::Certificate',
      Properties: {
        DomainName: first,
        ...(rest.length > 0 ? { SubjectAlternativeNames: rest } : {}),
        ValidationMethod: 'DNS',
        DomainValidationOptions: domain.names.map((name) => ({ DomainName: name, HostedZoneId: domain.hostedZoneId })),
      },
    };
  }
  if (domain.hostedZoneId !== null) {
    const target = {
      DNSName: { 'Fn::GetAtt': [LOGICAL_IDS.distribution, 'DomainName'] },
      HostedZoneId: CLOUDFRONT_HOSTED_ZONE_ID,
      EvaluateTargetHealth: false,
    };
    // AAAA too: the distribution has IPv6Enabled, and an alias needs a record per address family.
    for (const name of domain.names) {
      for (const type of ['A', 'AAAA'] as const) {
        resources[recordLogicalId(name, type)] = {
          Type: 'AWS::Route53::RecordSet',
          Properties: { HostedZoneId: domain.hostedZoneId, Name: name, Type: type, AliasTarget: target },
        };
      }
    }
  }
  return resources;
}

/**
 * The proxy's public origin for ProxyUrl and PosthogInitSnippet: `https://<first name>` with a domain,
 * else the distribution's own name as an `Fn::Sub` reference (the caller wraps it in Fn::Sub).
 */
export function proxyOriginFor(config: ProxyConfig): { origin: string; needsSub: boolean } {
  if (config.domain !== null) return { origin: `https://${config.domain.names[0]}`, needsSub: false };
  return { origin: `https://\${${LOGICAL_IDS.distribution}.DomainName}`, needsSub: true };
}
