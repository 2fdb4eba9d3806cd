/** Loads the status fixtures into StatusSnapshots; every call returns fresh copies, so a row cannot leak into another. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CacheBehavior, DistributionConfig } from '@aws-sdk/client-cloudfront';
import { apiBehavior, apiOrigin } from '../../src/deploy/api-shapes.ts';
import { attachEdit } from '../../src/deploy/attach-edit.ts';
import { distributionLayout } from '../../src/distribution/distribution-layout.ts';
import type { ProxyConfig } from '../../src/config/proxy-config.ts';
import type { StatusSnapshot } from '../../src/status/status-snapshot.ts';
import { deployConfig, distributions, IDS } from '../deploy/deploy-fixtures.ts';
import { CLOUDFRONT_METHOD_ORDER } from '../support/fake-aws/fake-cloudfront-xml.ts';
import { FIXTURES } from '../support/fixtures.ts';

const read = (name: string) => JSON.parse(readFileSync(join(FIXTURES, 'status', `${name}.json`), 'utf8'));

export const STACK = 'posthog-proxy-prod';
export const ATTACHED_ID = 'E2QWRUHAPOMQZL';
export const OWNED_ID = 'E1OWNEDBYSTACK';

/** The configurations the two fixture distributions were made from. */
export const statusConfig = (mode: 'new' | 'attach'): ProxyConfig => deployConfig(mode === 'attach' ? 'attach-us' : 'new-eu-prefixed');

function inCloudFrontOrder(b: CacheBehavior): CacheBehavior {
  const m = b.AllowedMethods!;
  const order = (items: string[] | undefined) => CLOUDFRONT_METHOD_ORDER.filter((x) => (items ?? []).includes(x));
  return { ...b, AllowedMethods: { ...m, Items: order(m.Items) as never, CachedMethods: { ...m.CachedMethods!, Items: order(m.CachedMethods!.Items) as never } } };
}

/**
 * The live DistributionConfig of a healthy proxy in each mode: a site's distribution (deploy fixture) with the
 * proxy attached, or the stack's own distribution (owned-base.json) with the proxy's origins and behaviors;
 * either way with method lists in CloudFront's order, as live distributions answer.
 */
export function liveDistribution(mode: 'new' | 'attach'): DistributionConfig {
  const layout = distributionLayout(statusConfig(mode));
  if (mode === 'attach') {
    const site = distributions().find(([name]) => name === 'site-with-behaviors')![1];
    const attached = attachEdit(site, layout, IDS).newConfig;
    const items = attached.CacheBehaviors!.Items!.map((b) => (layout.origins.some((o) => o.id === b.TargetOriginId) ? inCloudFrontOrder(b) : b));
    return { ...attached, CacheBehaviors: { ...attached.CacheBehaviors!, Items: items } };
  }
  const { $comment: _, ...base } = read('owned-base');
  const withPattern = layout.behaviors.filter((b): b is typeof b & { pathPattern: string } => b.pathPattern !== null);
  const fallback = layout.behaviors.find((b) => b.pathPattern === null)!;
  const { PathPattern: _p, ...defaults } = inCloudFrontOrder(apiBehavior({ ...fallback, pathPattern: '' }, IDS));
  return {
    ...base,
    Origins: { Quantity: layout.origins.length, Items: layout.origins.map(apiOrigin) },
    DefaultCacheBehavior: { ...defaults, GrpcConfig: { Enabled: false } } as DistributionConfig['DefaultCacheBehavior'],
    CacheBehaviors: { Quantity: withPattern.length, Items: withPattern.map((b) => ({ ...inCloudFrontOrder(apiBehavior(b, IDS)), GrpcConfig: { Enabled: false } })) },
  };
}

export function healthyParts() {
  return read('healthy-parts') as {
    readAt: string;
    distributionDomainName: string;
    traffic: { periodSeconds: number; series: Record<string, { timestamps: string[]; values: number[] }> };
    canary: { series: Record<string, { timestamps: string[]; values: number[] }> };
    alarms: { name: string; state: string; reason: string; since: string }[];
  };
}

export function healthySnapshot(mode: 'new' | 'attach'): StatusSnapshot {
  const parts = healthyParts();
  const id = mode === 'attach' ? ATTACHED_ID : OWNED_ID;
  return {
    stackName: STACK,
    mode,
    readAt: parts.readAt,
    stack: { ok: true, value: { status: 'UPDATE_COMPLETE', ids: { ...IDS }, idsError: null, distributionId: id } },
    distribution: { ok: true, value: { id, status: 'Deployed', domainName: parts.distributionDomainName, config: liveDistribution(mode) } },
    traffic: { ok: true, value: parts.traffic },
    canary: { ok: true, value: parts.canary },
    alarms: { ok: true, value: parts.alarms },
  };
}
