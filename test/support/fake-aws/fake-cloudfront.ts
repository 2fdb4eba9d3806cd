/**
 * A fake of the CloudFront API (REST-XML, version 2020-05-31) as its documentation describes it: the
 * distribution config round trip with ETag / If-Match (PreconditionFailed when another writer got there
 * first, InvalidIfMatchVersion without one), IllegalUpdate on a changed CallerReference, the per-distribution
 * quotas (TooManyCacheBehaviors, TooManyOrigins), NoSuchOrigin for a behavior targeting no origin, Quantity
 * checked against the item count, tags, ListDistributions with paging, and CloudFront Functions
 * (ListFunctions, DescribeFunction, DeleteFunction with FunctionInUse). Method lists come back in
 * CloudFront's own order, not the order they were sent (AWS, "AllowedMethods" in the API reference, lists
 * them unordered; live distributions answer HEAD, DELETE, POST, GET, OPTIONS, PUT, PATCH).
 *
 * Configs are stored as the XML the SDK sent, so whatever the SDK serializes is what it reads back. The
 * records and the XML the fake answers with are in fake-cloudfront-xml.ts.
 */
import type { FakeRequest, FakeResponse, FakeService } from './fake-service.ts';
import { requestIdHeaders } from './fake-service.ts';
import { at, buildXml, child, el, parseXml, textAt, walk, type XmlNode } from './xml.ts';
import { distributionXml, functionSummaryXml, normalize, summaryXml, tagsOf, type FakeDistribution, type FakeFunction } from './fake-cloudfront-xml.ts';

export { CLOUDFRONT_METHOD_ORDER, type FakeDistribution, type FakeFunction } from './fake-cloudfront-xml.ts';

const XMLNS = 'http://cloudfront.amazonaws.com/doc/2020-05-31/';
const BASE = '/2020-05-31';
export const ACCOUNT_ID = '123456789012';
class CloudFrontError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

let sequence = 0;
const nextId = (prefix: string) => `${prefix}${(++sequence).toString(36).toUpperCase().padStart(5, '0')}FAKE`.slice(0, 14);

export class FakeCloudFront implements FakeService {
  readonly envKey = 'CLOUDFRONT';
  readonly distributions = new Map<string, FakeDistribution>();
  readonly functions = new Map<string, FakeFunction>();
  /** CloudFront's default quotas (CloudFront Quotas page); tests lower or raise them per account. */
  quotas = { cacheBehaviors: 75, origins: 100 };
  /** GetDistribution calls answered InProgress after each update before Deployed. */
  pollsUntilDeployed = 1;
  private interference = new Map<string, number>();

  /** The next `times` UpdateDistribution calls on `id` find that someone else changed it since it was read. */
  interfere(id: string, times = 1): void {
    this.interference.set(id, times);
  }

  /** Another writer's change: a new ETag, config untouched. */
  touch(id: string): void {
    const d = this.get(id);
    d.etag = nextId('E');
  }

  /** The stored config as CloudFront would return it, for byte-for-byte comparisons. */
  configXml(id: string): string {
    return buildXml(this.get(id).config, XMLNS);
  }

  addFunction(name: string, comment = ''): FakeFunction {
    const f: FakeFunction = { name, arn: `arn:aws:cloudfront::${ACCOUNT_ID}:function/${name}`, etag: nextId('E'), comment, stage: 'LIVE' };
    this.functions.set(name, f);
    return f;
  }

  handle(request: FakeRequest): FakeResponse & { operation: string } {
    const [operation, run] = this.route(request);
    try {
      return { operation, ...run() };
    } catch (error) {
      if (!(error instanceof CloudFrontError)) throw error;
      const body = buildXml(el('ErrorResponse', el('Error', el('Type', 'Sender'), el('Code', error.code), el('Message', error.message)), el('RequestId', 'fake')), XMLNS);
      return { operation, status: error.status, headers: { 'content-type': 'text/xml', ...requestIdHeaders() }, body };
    }
  }

  private route(r: FakeRequest): [string, () => FakeResponse] {
    const p = r.path.startsWith(BASE) ? r.path.slice(BASE.length) : r.path;
    const parts = p.split('/').filter(Boolean).map(decodeURIComponent);
    const m = `${r.method} ${parts[0] ?? ''}${parts.length > 1 ? '/:id' : ''}${parts.length > 2 ? `/${parts[2]}` : ''}`;
    switch (m) {
      case 'POST distribution':
        return r.query.has('WithTags') ? ['CreateDistributionWithTags', () => this.create(r, true)] : ['CreateDistribution', () => this.create(r, false)];
      case 'GET distribution':
        return ['ListDistributions', () => this.list(r)];
      case 'GET distribution/:id':
        return ['GetDistribution', () => this.getDistribution(parts[1])];
      case 'GET distribution/:id/config':
        return ['GetDistributionConfig', () => this.getConfig(parts[1])];
      case 'PUT distribution/:id/config':
        return ['UpdateDistribution', () => this.update(parts[1], r)];
      case 'GET tagging':
        return ['ListTagsForResource', () => this.listTags(r)];
      case 'POST tagging':
        return ['TagResource', () => this.tag(r)];
      case 'GET function':
        return ['ListFunctions', () => this.listFunctions(r)];
      case 'GET function/:id/describe':
        return ['DescribeFunction', () => this.describeFunction(parts[1])];
      case 'DELETE function/:id':
        return ['DeleteFunction', () => this.deleteFunction(parts[1], r)];
      default:
        return ['Unknown', () => { throw new CloudFrontError(400, 'InvalidAction', `the fake CloudFront does not implement ${r.method} ${r.path}`); }];
    }
  }

  get(id: string): FakeDistribution {
    const d = this.distributions.get(id);
    if (!d) throw new CloudFrontError(404, 'NoSuchDistribution', 'The specified distribution does not exist.');
    return d;
  }

  private create(r: FakeRequest, withTags: boolean): FakeResponse {
    const root = parseBody(r.body);
    const config = withTags ? child(root, 'DistributionConfig') : root;
    if (!config || config.name !== 'DistributionConfig') throw new CloudFrontError(400, 'MalformedInput', 'expected a DistributionConfig');
    this.validate(config);
    const id = nextId('E');
    const d: FakeDistribution = {
      id,
      arn: `arn:aws:cloudfront::${ACCOUNT_ID}:distribution/${id}`,
      domainName: `d${id.toLowerCase()}.cloudfront.net`,
      config: normalize(config),
      etag: nextId('E'),
      status: 'InProgress',
      pollsUntilDeployed: this.pollsUntilDeployed,
      lastModified: new Date(),
      tags: withTags ? tagsOf(child(root, 'Tags')) : [],
    };
    this.distributions.set(id, d);
    return { status: 201, headers: { 'content-type': 'text/xml', etag: d.etag, location: `https://cloudfront.amazonaws.com${BASE}/distribution/${id}` }, body: buildXml(distributionXml(d), XMLNS) };
  }

  private getConfig(id: string): FakeResponse {
    const d = this.get(id);
    return { status: 200, headers: { 'content-type': 'text/xml', etag: d.etag }, body: buildXml(d.config, XMLNS) };
  }

  private getDistribution(id: string): FakeResponse {
    const d = this.get(id);
    if (d.status === 'InProgress' && d.pollsUntilDeployed-- <= 0) d.status = 'Deployed';
    return { status: 200, headers: { 'content-type': 'text/xml', etag: d.etag }, body: buildXml(distributionXml(d), XMLNS) };
  }

  private update(id: string, r: FakeRequest): FakeResponse {
    const d = this.get(id);
    const ifMatch = r.headers['if-match'];
    if (!ifMatch) throw new CloudFrontError(400, 'InvalidIfMatchVersion', 'The If-Match version is missing or not valid for the resource.');
    const pending = this.interference.get(id) ?? 0;
    if (pending > 0) {
      this.interference.set(id, pending - 1);
      this.touch(id);
    }
    if (ifMatch !== d.etag) throw new CloudFrontError(412, 'PreconditionFailed', 'The precondition given in one or more of the request-header fields evaluated to false.');
    const config = parseBody(r.body);
    if (config.name !== 'DistributionConfig') throw new CloudFrontError(400, 'MalformedInput', 'expected a DistributionConfig');
    if (textAt(config, 'CallerReference') !== textAt(d.config, 'CallerReference')) {
      throw new CloudFrontError(400, 'IllegalUpdate', 'Origin and CallerReference cannot be updated.');
    }
    this.validate(config);
    d.config = normalize(config);
    d.etag = nextId('E');
    d.status = 'InProgress';
    d.pollsUntilDeployed = this.pollsUntilDeployed;
    d.lastModified = new Date();
    return { status: 200, headers: { 'content-type': 'text/xml', etag: d.etag }, body: buildXml(distributionXml(d), XMLNS) };
  }

  /** What CloudFront checks before it accepts a config (only what the proxy's edits could get wrong). */
  private validate(config: XmlNode): void {
    for (const [node] of walk(config)) {
      const quantity = child(node, 'Quantity');
      if (!quantity) continue;
      const count = child(node, 'Items')?.children.length ?? 0;
      if (Number(quantity.text) !== count) {
        throw new CloudFrontError(400, 'InvalidArgument', `${node.name}: Quantity ${quantity.text} does not match the ${count} items`);
      }
    }
    const origins = at(config, 'Origins', 'Items')?.children ?? [];
    const behaviors = at(config, 'CacheBehaviors', 'Items')?.children ?? [];
    if (origins.length > this.quotas.origins) throw new CloudFrontError(400, 'TooManyOrigins', 'You cannot create more origins for the distribution.');
    if (behaviors.length > this.quotas.cacheBehaviors) {
      throw new CloudFrontError(400, 'TooManyCacheBehaviors', 'You cannot create more cache behaviors for the distribution.');
    }
    const ids = [...origins, ...(at(config, 'OriginGroups', 'Items')?.children ?? [])].map((o) => textAt(o, 'Id'));
    if (new Set(ids).size !== ids.length) throw new CloudFrontError(400, 'InvalidArgument', 'The parameter Origin Id must be unique.');
    const patterns = behaviors.map((b) => textAt(b, 'PathPattern'));
    if (new Set(patterns).size !== patterns.length) throw new CloudFrontError(400, 'InvalidArgument', 'The parameter PathPattern must be unique.');
    for (const b of [child(config, 'DefaultCacheBehavior'), ...behaviors]) {
      if (b && !ids.includes(textAt(b, 'TargetOriginId'))) {
        throw new CloudFrontError(404, 'NoSuchOrigin', `One or more of your origins or origin groups do not exist: ${textAt(b, 'TargetOriginId')}.`);
      }
      for (const a of at(b, 'LambdaFunctionAssociations', 'Items')?.children ?? []) {
        if (!/:\d+$/.test(textAt(a, 'LambdaFunctionARN') ?? '')) {
          throw new CloudFrontError(400, 'InvalidLambdaFunctionAssociation', `The function ARN must reference a specific function version. (The ARN must end with the version number.) ARN: ${textAt(a, 'LambdaFunctionARN')}`);
        }
      }
    }
  }

  private list(r: FakeRequest): FakeResponse {
    const all = [...this.distributions.values()];
    const start = Number(r.query.get('Marker') || 0);
    const max = Number(r.query.get('MaxItems') || 100);
    const page = all.slice(start, start + max);
    const truncated = start + max < all.length;
    const body = el(
      'DistributionList',
      el('Marker', r.query.get('Marker') ?? ''),
      ...(truncated ? [el('NextMarker', String(start + max))] : []),
      el('MaxItems', max),
      el('IsTruncated', truncated),
      el('Quantity', page.length),
      ...(page.length ? [el('Items', ...page.map(summaryXml))] : []),
    );
    return { status: 200, headers: { 'content-type': 'text/xml' }, body: buildXml(body, XMLNS) };
  }

  private resourceTags(r: FakeRequest): FakeDistribution {
    const arn = r.query.get('Resource') ?? '';
    const d = [...this.distributions.values()].find((x) => x.arn === arn);
    if (!d) throw new CloudFrontError(404, 'NoSuchResource', `The specified resource does not exist: ${arn}`);
    return d;
  }

  private listTags(r: FakeRequest): FakeResponse {
    const { tags } = this.resourceTags(r);
    const items = tags.map((t) => el('Tag', el('Key', t.Key), el('Value', t.Value)));
    return { status: 200, headers: { 'content-type': 'text/xml' }, body: buildXml(el('Tags', ...(items.length ? [el('Items', ...items)] : [])), XMLNS) };
  }

  private tag(r: FakeRequest): FakeResponse {
    const d = this.resourceTags(r);
    for (const t of tagsOf(parseBody(r.body))) d.tags = [...d.tags.filter((x) => x.Key !== t.Key), t];
    return { status: 204 };
  }

  private functionOr404(name: string): FakeFunction {
    const f = this.functions.get(name);
    if (!f) throw new CloudFrontError(404, 'NoSuchFunctionExists', `The function ${name} does not exist.`);
    return f;
  }

  private listFunctions(r: FakeRequest): FakeResponse {
    const stage = r.query.get('Stage');
    const items = [...this.functions.values()].filter((f) => !stage || f.stage === stage).map(functionSummaryXml);
    const body = el('FunctionList', el('MaxItems', 100), el('Quantity', items.length), ...(items.length ? [el('Items', ...items)] : []));
    return { status: 200, headers: { 'content-type': 'text/xml' }, body: buildXml(body, XMLNS) };
  }

  private describeFunction(name: string): FakeResponse {
    const f = this.functionOr404(name);
    return { status: 200, headers: { 'content-type': 'text/xml', etag: f.etag }, body: buildXml(functionSummaryXml(f), XMLNS) };
  }

  private deleteFunction(name: string, r: FakeRequest): FakeResponse {
    const f = this.functionOr404(name);
    if (!r.headers['if-match']) throw new CloudFrontError(400, 'InvalidIfMatchVersion', 'The If-Match version is missing or not valid for the resource.');
    if (r.headers['if-match'] !== f.etag) throw new CloudFrontError(412, 'PreconditionFailed', 'The precondition given in one or more of the request-header fields evaluated to false.');
    const users = [...this.distributions.values()].filter((d) => this.functionArns(d).includes(f.arn));
    if (users.length > 0) throw new CloudFrontError(409, 'FunctionInUse', `Cannot delete function, it's in use by distribution(s) ${users.map((d) => d.id).join(', ')}.`);
    this.functions.delete(name);
    return { status: 204 };
  }

  /** Every CloudFront Function ARN a distribution's behaviors associate. */
  functionArns(d: FakeDistribution): string[] {
    const behaviors = [child(d.config, 'DefaultCacheBehavior'), ...(at(d.config, 'CacheBehaviors', 'Items')?.children ?? [])];
    return behaviors.flatMap((b) => (at(b, 'FunctionAssociations', 'Items')?.children ?? []).map((a) => textAt(a, 'FunctionARN') ?? ''));
  }

  /** Every Lambda@Edge version ARN a distribution's behaviors associate (what Lambda's replica check reads). */
  lambdaArns(d: FakeDistribution): string[] {
    const behaviors = [child(d.config, 'DefaultCacheBehavior'), ...(at(d.config, 'CacheBehaviors', 'Items')?.children ?? [])];
    return behaviors.flatMap((b) => (at(b, 'LambdaFunctionAssociations', 'Items')?.children ?? []).map((a) => textAt(a, 'LambdaFunctionARN') ?? ''));
  }
}

function parseBody(body: string): XmlNode {
  try {
    return parseXml(body);
  } catch (error) {
    throw new CloudFrontError(400, 'MalformedXML', (error as Error).message);
  }
}
