/**
 * Validation of the `domain` and `priceClass` keys (new-distribution mode only): the host names the
 * distribution answers to, where its certificate comes from, and which edges serve it. Pure, like
 * validate-config.ts, which calls it: every problem is pushed as "key: value, what to write instead".
 */
import type { DomainConfig, PriceClass } from './proxy-config.ts';

/** A DNS host name, lowercase; `*.` may only lead (checked separately). */
const HOST_LABELS = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;

/**
 * ACM certificate ARNs: arn:<partition>:acm:<region>:<account>:certificate/<id>. CloudFront only uses
 * certificates from us-east-1 ("Requirements for using SSL/TLS certificates with CloudFront", CloudFront
 * Developer Guide: "the certificate must be requested or imported in the US East (N. Virginia) Region").
 */
const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):(\d{12}):certificate\/[A-Za-z0-9-]+$/;

/** Route 53 hosted zone ids as CloudFormation takes them: "Z..." without ListHostedZones' "/hostedzone/". */
const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,31}$/;

/**
 * ACM's default quota of names per certificate ("Quotas", ACM User Guide: domain names per ACM
 * certificate, 10, adjustable): only matters when the stack requests the certificate.
 */
export const MAX_CERTIFICATE_NAMES = 10;

export const PRICE_CLASSES = ['all', '200', '100'] as const;

/** The CloudFront `PriceClass` value of each `priceClass` setting. */
export const CLOUDFRONT_PRICE_CLASS: Record<PriceClass, string> = {
  all: 'PriceClass_All',
  '200': 'PriceClass_200',
  '100': 'PriceClass_100',
};

const DOMAIN_KEYS = ['names', 'certificateArn', 'hostedZoneId'] as const;

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** Checks one entry of `domain.names`; returns the lowercased name, or null after pushing the problem. */
function checkName(problems: string[], entry: unknown, index: number): string | null {
  const key = `domain.names[${index}]`;
  if (typeof entry !== 'string') {
    problems.push(`${key}: ${show(entry)} must be a host name string such as "t.example.com"`);
    return null;
  }
  const name = entry.toLowerCase();
  if (/^[a-z]+:\/\//.test(name) || name.includes('/') || name.includes(':')) {
    const bare = name.replace(/^[a-z]+:\/\//, '').split(/[/:]/)[0];
    problems.push(`${key}: ${show(entry)} must be a bare host name without scheme, port or path; write ${show(bare)}`);
    return null;
  }
  if (name.endsWith('.')) {
    problems.push(`${key}: ${show(entry)} ends in a dot, which CloudFront aliases and certificates do not take; write ${show(entry.replace(/\.+$/, ''))}`);
    return null;
  }
  const wildcard = name.startsWith('*.');
  if (!HOST_LABELS.test(wildcard ? name.slice(2) : name)) {
    problems.push(
      `${key}: ${show(entry)} is not a host name; write a name of your own domain with at least one dot, e.g. "t.example.com" ` +
        '(letters, digits and "-" per label; "*." only as the first label of a wildcard)',
    );
    return null;
  }
  if (name === 'cloudfront.net' || name.endsWith('.cloudfront.net')) {
    problems.push(`${key}: ${show(entry)} is a CloudFront name, which every distribution already has; list only names of your own domain, or omit "domain"`);
    return null;
  }
  return name;
}

function checkNames(problems: string[], value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push(`domain.names: ${show(value)} must be a non-empty array of host names such as ["t.example.com"]; the first is the proxy URL`);
    return [];
  }
  const names: string[] = [];
  value.forEach((entry, i) => {
    const name = checkName(problems, entry, i);
    if (name === null) return;
    if (names.includes(name)) {
      problems.push(`domain.names[${i}]: ${show(entry)} is listed twice; keep one`);
      return;
    }
    names.push(name);
  });
  return names;
}

function checkCertificateArn(problems: string[], value: unknown): string | null {
  if (value === undefined) return null;
  const m = typeof value === 'string' ? CERTIFICATE_ARN.exec(value) : null;
  if (m === null) {
    problems.push(
      `domain.certificateArn: ${show(value)} is not an ACM certificate ARN; copy it from the ACM console in us-east-1, ` +
        'e.g. "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-..."',
    );
    return null;
  }
  if (m[1] !== 'us-east-1') {
    problems.push(
      `domain.certificateArn: ${show(value)} is in ${m[1]}, but CloudFront only uses certificates from us-east-1 (N. Virginia); ` +
        'request or import the certificate in us-east-1 and use that ARN',
    );
    return null;
  }
  return value as string;
}

function checkHostedZoneId(problems: string[], value: unknown): string | null {
  if (value === undefined) return null;
  if (typeof value === 'string' && /^\/hostedzone\//.test(value) && HOSTED_ZONE_ID.test(value.slice('/hostedzone/'.length))) {
    problems.push(`domain.hostedZoneId: ${show(value)} has the API's "/hostedzone/" prefix; write only the id, ${show(value.slice('/hostedzone/'.length))}`);
    return null;
  }
  if (typeof value !== 'string' || !HOSTED_ZONE_ID.test(value)) {
    problems.push(`domain.hostedZoneId: ${show(value)} is not a Route 53 hosted zone id; copy it from the Route 53 console, e.g. "Z0123456789ABCDEFGHIJ"`);
    return null;
  }
  return value;
}

/**
 * Validates `domain`; `attach` is true when `distributionId` is set (then `domain` is refused: the site's
 * distribution keeps its own names and certificate).
 */
export function checkDomain(problems: string[], value: unknown, attach: boolean): DomainConfig | null {
  if (value === undefined) return null;
  if (attach) {
    problems.push(
      'domain: refused together with distributionId; the proxy then lives under your site\'s distribution, which keeps its own names and ' +
        'certificate (api_host is your site\'s domain plus the pathPrefix); remove "domain", or remove "distributionId" for a new distribution',
    );
    return null;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problems.push(`domain: ${show(value)} must be an object such as {"names": ["t.example.com"], "hostedZoneId": "Z0123456789ABCDEFGHIJ"}`);
    return null;
  }
  const input = value as Record<string, unknown>;
  const before = problems.length;
  for (const key of Object.keys(input)) {
    if (!(DOMAIN_KEYS as readonly string[]).includes(key)) problems.push(`domain.${key} is not a key of domain; use ${DOMAIN_KEYS.join(', ')}`);
  }
  const names = checkNames(problems, input.names);
  const certificateArn = checkCertificateArn(problems, input.certificateArn);
  const hostedZoneId = checkHostedZoneId(problems, input.hostedZoneId);
  if (input.certificateArn === undefined && input.hostedZoneId === undefined) {
    problems.push(
      'domain: needs a certificate: set "hostedZoneId" (a Route 53 zone: the stack makes the certificate and the DNS records) or ' +
        '"certificateArn" (a validated ACM certificate in us-east-1, for DNS hosted elsewhere), or both',
    );
  }
  if (input.certificateArn === undefined) {
    const wildcard = names.find((n) => n.startsWith('*.'));
    if (wildcard !== undefined) {
      problems.push(`domain.names: ${show(wildcard)} is a wildcard, which needs a certificate of your own; request one that covers it and set "certificateArn"`);
    }
    if (names.length > MAX_CERTIFICATE_NAMES) {
      problems.push(`domain.names: ${names.length} names, but an ACM certificate holds at most ${MAX_CERTIFICATE_NAMES} by default; list fewer, or request a certificate yourself and set "certificateArn"`);
    }
  }
  if (names.length > 0 && names[0].startsWith('*.')) {
    problems.push(`domain.names[0]: ${show(names[0])} is a wildcard, but the first name is the proxy URL; put a concrete name first, e.g. ${show('t' + names[0].slice(1))}`);
  }
  if (problems.length > before) return null;
  return { names, certificateArn, hostedZoneId };
}

/** Validates `priceClass`; refused with `distributionId`, whose distribution has its own. */
export function checkPriceClass(problems: string[], value: unknown, attach: boolean): PriceClass {
  if (value === undefined) return 'all';
  if (attach) {
    problems.push(`priceClass: refused together with distributionId; the price class is a setting of your site's distribution, not of the proxy; remove "priceClass"`);
    return 'all';
  }
  if (!(PRICE_CLASSES as readonly unknown[]).includes(value)) {
    problems.push(`priceClass: ${show(value)} is not allowed; use one of ${PRICE_CLASSES.map(show).join(', ')} (strings)`);
    return 'all';
  }
  return value as PriceClass;
}
