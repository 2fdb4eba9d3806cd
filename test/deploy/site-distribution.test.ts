/**
 * The site mode's conflicts (distribution: SiteDistribution): the proxy's own origin ids are the ones it adds,
 * per prefix (`posthog-proxy-main.k7x2`), so another stage's origins on the same distribution are no conflict
 * and a user origin under the proxy's id for this prefix is one.
 */
import { describe, expect, it } from 'vitest';
import { originIdsFor } from '../../src/routes/route-table.ts';
import { withProxyInSiteDistribution } from '../../src/deploy/site-distribution.ts';
import { AttachConflictError } from '../../src/deploy/deploy-errors.ts';

const ids = originIdsFor('/k7x2');
const parts = {
  origins: [{ Id: ids.main, DomainName: 'us.i.posthog.com' }, { Id: ids.assets, DomainName: 'us-assets.i.posthog.com' }],
  behaviors: [{ PathPattern: '/k7x2/static/*', TargetOriginId: ids.assets }, { PathPattern: '/k7x2/*', TargetOriginId: ids.main }],
};
const site = (Origins: unknown[], CacheBehaviors: unknown[] = [], target = 'site') => ({
  Site: { Type: 'AWS::CloudFront::Distribution', Properties: { DistributionConfig: { Origins, CacheBehaviors, DefaultCacheBehavior: { TargetOriginId: target } } } },
});
const own = { Id: 'site', DomainName: 'bucket.s3.amazonaws.com' };

describe('withProxyInSiteDistribution: ownership by the prefix\'s origin ids', () => {
  it.each([
    ['another stage\'s origins and behaviors (other prefix)', site([own, { Id: originIdsFor('/aaaa').main, DomainName: 'eu.i.posthog.com' }], [{ PathPattern: '/aaaa/*', TargetOriginId: originIdsFor('/aaaa').main }]), undefined],
    ['an origin under the fixed id of an unprefixed proxy, while this one has a prefix', site([own, { Id: originIdsFor('').main, DomainName: 'x' }]), undefined],
    ['a user origin with this prefix\'s main id', site([own, { Id: ids.main, DomainName: 'x' }]), `already has an origin "${ids.main}"`],
    ['the default behavior routed to this prefix\'s assets id', site([own], [], ids.assets), `routes to "${ids.assets}"`],
    ['a behavior routed to this prefix\'s main id', site([own], [{ PathPattern: '/api/*', TargetOriginId: ids.main }]), `behavior "/api/*" routes to "${ids.main}"`],
    ['a behavior under the prefix', site([own], [{ PathPattern: 'k7x2/e/*', TargetOriginId: 'site' }]), 'under the proxy\'s prefix /k7x2'],
  ])('%s', (_name, resources, conflict) => {
    const act = () => withProxyInSiteDistribution(resources, 'Site', parts, '/k7x2');
    if (conflict === undefined) {
      const config = act().Site.Properties!.DistributionConfig as { Origins: Array<{ Id: string }>; CacheBehaviors: Array<{ PathPattern: string }> };
      expect(config.Origins.slice(-2).map((o) => o.Id)).toEqual([ids.main, ids.assets]);
      expect(config.CacheBehaviors.slice(0, 2).map((b) => b.PathPattern)).toEqual(['/k7x2/static/*', '/k7x2/*']);
    } else {
      expect(act).toThrow(AttachConflictError);
      expect(act).toThrow(conflict);
    }
  });
});
