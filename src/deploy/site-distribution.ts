/**
 * `custom.posthogProxy.distribution: SiteDistribution`: adds the proxy's origins and behaviors to a
 * distribution the user's own serverless.yml defines in `resources:`, at package time. The user's stack
 * then owns them, so no later deploy of that stack removes them (CloudFormation owns the whole
 * DistributionConfig of a distribution it manages: AWS, "AWS::CloudFront::Distribution DistributionConfig").
 *
 * A pure function of the compiled template, like attachEdit for distributions outside the stack, with the
 * same ownership marker (the origin ids originIdsFor gives the prefix, `posthog-proxy-main.k7x2`), the same order (the
 * proxy's behaviors first, most specific first; its origins last) and the same kind of conflicts. Everything else
 * of the user's distribution passes through untouched.
 */
import type { CfnResources } from './cloudformation-resources.ts';
import { AttachConflictError, DeployTemplateError } from './deploy-errors.ts';

type Json = Record<string, unknown>;

export interface ProxyDistributionParts {
  /** CloudFormation `Origin` objects of the proxy. */
  origins: Json[];
  /** CloudFormation `CacheBehavior` objects of the proxy, most specific first. */
  behaviors: Json[];
}

const isRecord = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
/** CloudFront accepts patterns with or without the leading slash. */
const normalized = (pattern: string) => (pattern.startsWith('/') ? pattern : `/${pattern}`);

function literalList(config: Json, key: string, logicalId: string): Json[] {
  const value = config[key];
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    throw new DeployTemplateError(`${logicalId}.Properties.DistributionConfig.${key} is ${JSON.stringify(value)}, not a list; write it as a plain list in resources: so the proxy can add its own entries`);
  }
  return value as Json[];
}

/** Resources with the proxy's origins and behaviors added to the user's distribution `logicalId`. */
export function withProxyInSiteDistribution(resources: CfnResources, logicalId: string, parts: ProxyDistributionParts, pathPrefix: string): CfnResources {
  const site = resources[logicalId];
  if (!site) {
    const distributions = Object.keys(resources).filter((id) => resources[id].Type === 'AWS::CloudFront::Distribution');
    throw new DeployTemplateError(
      `custom.posthogProxy.distribution names "${logicalId}", which is not a resource of this service` +
        (distributions.length ? `; its distributions are: ${distributions.join(', ')}` : '; define the AWS::CloudFront::Distribution under resources.Resources, or drop distribution: for a new one'),
    );
  }
  if (site.Type !== 'AWS::CloudFront::Distribution') {
    throw new DeployTemplateError(`custom.posthogProxy.distribution names "${logicalId}", a ${site.Type}; name an AWS::CloudFront::Distribution`);
  }
  const config = site.Properties?.DistributionConfig;
  if (!isRecord(config)) throw new DeployTemplateError(`${logicalId}.Properties.DistributionConfig is not a plain mapping; write it out in resources: so the proxy can add its origins and behaviors`);
  const ourOriginIds = parts.origins.map((o) => String(o.Id));
  const origins = literalList(config, 'Origins', logicalId);
  const behaviors = literalList(config, 'CacheBehaviors', logicalId);

  const taken = origins.map((o) => o.Id).find((id) => typeof id === 'string' && ourOriginIds.includes(id));
  if (taken) throw new AttachConflictError(`${logicalId} already has an origin "${taken}", an id the proxy owns; rename your origin`);
  const target = isRecord(config.DefaultCacheBehavior) ? config.DefaultCacheBehavior.TargetOriginId : undefined;
  if (typeof target === 'string' && ourOriginIds.includes(target)) {
    throw new AttachConflictError(`${logicalId}'s default behavior routes to "${target}", an origin id the proxy owns; point it at your own origin`);
  }
  const ours = new Set(parts.behaviors.map((b) => normalized(String(b.PathPattern))));
  for (const b of behaviors) {
    if (typeof b.PathPattern !== 'string') continue;
    const pattern = normalized(b.PathPattern);
    if (ours.has(pattern) || pattern === pathPrefix || pattern.startsWith(`${pathPrefix}/`)) {
      throw new AttachConflictError(`${logicalId} has a behavior "${b.PathPattern}" under the proxy's prefix ${pathPrefix}; choose another pathPrefix or remove that behavior`);
    }
    if (typeof b.TargetOriginId === 'string' && ourOriginIds.includes(b.TargetOriginId)) {
      throw new AttachConflictError(`${logicalId}'s behavior "${b.PathPattern}" routes to "${b.TargetOriginId}", an origin id the proxy owns; point it at your own origin`);
    }
  }
  // Quotas (behaviors, origins per distribution) are CloudFront's to enforce: per account and raisable.
  const DistributionConfig = { ...config, Origins: [...origins, ...parts.origins], CacheBehaviors: [...parts.behaviors, ...behaviors] };
  return { ...resources, [logicalId]: { ...site, Properties: { ...site.Properties, DistributionConfig } } };
}

/**
 * The template withProxyResources made for a new distribution, turned into the site mode: the generated
 * distribution's origins and behaviors (all but its default behavior, which stays the site's) go into the
 * user's distribution, the generated one goes, and the outputs name the user's distribution.
 */
export function moveProxyIntoSiteDistribution<T extends { Resources: CfnResources; Outputs?: Record<string, unknown> }>(
  template: T,
  ids: { generated: string; site: string },
  outputKeys: { distributionId: string; distributionDomainName: string; proxyUrl: string; posthogInit: string },
  pathPrefix: string,
): T {
  const { [ids.generated]: generated, ...rest } = template.Resources;
  const config = generated?.Properties?.DistributionConfig as Json | undefined;
  if (!config) throw new DeployTemplateError(`the proxy's generated distribution ${ids.generated} is missing; this is a bug of the plugin`);
  const parts = { origins: config.Origins as Json[], behaviors: (config.CacheBehaviors as Json[] | undefined) ?? [] };
  const Resources = withProxyInSiteDistribution(rest, ids.site, parts, pathPrefix);
  const { [outputKeys.posthogInit]: _init, ...outputs } = template.Outputs ?? {};
  return {
    ...template,
    Resources,
    Outputs: {
      ...outputs,
      [outputKeys.distributionId]: { Value: { Ref: ids.site }, Description: 'Your distribution, which now carries the proxy' },
      [outputKeys.distributionDomainName]: { Value: { 'Fn::GetAtt': [ids.site, 'DomainName'] } },
      [outputKeys.proxyUrl]: { Value: { 'Fn::Sub': `https://\${${ids.site}.DomainName}${pathPrefix}` } },
    },
  };
}
