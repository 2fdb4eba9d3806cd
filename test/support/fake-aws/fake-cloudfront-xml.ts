/**
 * The shapes the CloudFront fake (fake-cloudfront.ts) stores and answers: its distribution and function
 * records, the order CloudFront lists methods in, and the XML of a distribution, its summary and a function
 * summary as the CloudFront API reference gives them (REST-XML, version 2020-05-31).
 */
import { at, child, clone, el, textAt, walk, type XmlNode } from './xml.ts';

/** The order CloudFront lists methods in, whatever order they were sent in. */
export const CLOUDFRONT_METHOD_ORDER = ['HEAD', 'DELETE', 'POST', 'GET', 'OPTIONS', 'PUT', 'PATCH'];

export interface FakeDistribution {
  id: string;
  arn: string;
  domainName: string;
  config: XmlNode;
  etag: string;
  status: 'InProgress' | 'Deployed';
  /** GetDistribution calls answered InProgress before it turns Deployed. */
  pollsUntilDeployed: number;
  lastModified: Date;
  tags: Array<{ Key: string; Value: string }>;
}

export interface FakeFunction {
  name: string;
  arn: string;
  etag: string;
  comment: string;
  stage: 'LIVE' | 'DEVELOPMENT';
}

export function tagsOf(tags: XmlNode | undefined): Array<{ Key: string; Value: string }> {
  return (at(tags, 'Items')?.children ?? []).map((t) => ({ Key: textAt(t, 'Key') ?? '', Value: textAt(t, 'Value') ?? '' }));
}

/** What CloudFront does to a config it stores: method lists in its own order. */
export function normalize(config: XmlNode): XmlNode {
  const copy = clone(config);
  for (const [node] of walk(copy)) {
    if (node.name !== 'AllowedMethods' && node.name !== 'CachedMethods') continue;
    const items = child(node, 'Items');
    if (items) items.children.sort((a, b) => CLOUDFRONT_METHOD_ORDER.indexOf(a.text) - CLOUDFRONT_METHOD_ORDER.indexOf(b.text));
  }
  return copy;
}

export function distributionXml(d: FakeDistribution): XmlNode {
  const none = () => [el('Enabled', false), el('Quantity', 0)];
  return el(
    'Distribution',
    el('Id', d.id),
    el('ARN', d.arn),
    el('Status', d.status),
    el('LastModifiedTime', d.lastModified.toISOString()),
    el('InProgressInvalidationBatches', 0),
    el('DomainName', d.domainName),
    el('ActiveTrustedSigners', ...none()),
    el('ActiveTrustedKeyGroups', ...none()),
    clone(d.config),
  );
}

const SUMMARY_FIELDS = ['Aliases', 'Origins', 'OriginGroups', 'DefaultCacheBehavior', 'CacheBehaviors', 'CustomErrorResponses', 'Comment', 'PriceClass', 'Enabled', 'ViewerCertificate', 'Restrictions', 'WebACLId', 'HttpVersion'];

export function summaryXml(d: FakeDistribution): XmlNode {
  const fields = SUMMARY_FIELDS.map((f) => child(d.config, f)).filter((n): n is XmlNode => n !== undefined).map(clone);
  const ipv6 = textAt(d.config, 'IsIPV6Enabled') ?? 'true';
  return el('DistributionSummary', el('Id', d.id), el('ARN', d.arn), el('ETag', d.etag), el('Status', d.status), el('LastModifiedTime', d.lastModified.toISOString()), el('DomainName', d.domainName), ...fields, el('IsIPV6Enabled', ipv6), el('Staging', textAt(d.config, 'Staging') ?? 'false'));
}

export function functionSummaryXml(f: FakeFunction): XmlNode {
  const now = new Date(0).toISOString();
  return el(
    'FunctionSummary',
    el('Name', f.name),
    el('Status', 'DEPLOYED'),
    el('FunctionConfig', el('Comment', f.comment), el('Runtime', 'cloudfront-js-2.0')),
    el('FunctionMetadata', el('FunctionARN', f.arn), el('Stage', f.stage), el('CreatedTime', now), el('LastModifiedTime', now)),
  );
}
