/**
 * Who owns what on a shared distribution. The proxy's origins have ids `posthog-proxy-main[.<prefix>]` and
 * `posthog-proxy-assets[.<prefix>]` (originIdsFor); a behavior targeting one of them belongs to the stack
 * whose viewer-request CloudFront Function it runs (`<stack>-vr-<hash>`, or the earlier `<stack>-viewer-request`).
 * So several stacks (stages, projects) can share one distribution under different prefixes, and each attach
 * or detach touches only its own stack's origins and behaviors. Everything else is the user's ("foreign").
 */
import type { CacheBehavior, DistributionConfig, Origin } from '@aws-sdk/client-cloudfront';
import { functionNameOfArn, stackKeyOfFunction } from './resource-names.ts';

const PROXY_ORIGIN_ID = /^posthog-proxy-(main|assets)(\.[A-Za-z0-9_.-]+)?$/;

export const isProxyOriginId = (id: string | undefined): boolean => id !== undefined && PROXY_ORIGIN_ID.test(id);

export function originsOf(config: DistributionConfig): Origin[] {
  return config.Origins?.Items ?? [];
}

export function behaviorsOf(config: DistributionConfig): CacheBehavior[] {
  return config.CacheBehaviors?.Items ?? [];
}

/** The name of the behavior's viewer-request CloudFront Function, if any. */
export function viewerRequestFunctionOf(b: CacheBehavior): string | null {
  const association = (b.FunctionAssociations?.Items ?? []).find((a) => a.EventType === 'viewer-request');
  return association?.FunctionARN ? functionNameOfArn(association.FunctionARN) : null;
}

/**
 * The stack (as stackKey() cuts its name) a behavior belongs to; null for the user's own behaviors. A behavior
 * on a proxy origin without a recognisable function is owned by "an unknown stack", never by us.
 */
export function ownerOf(b: CacheBehavior): string | null {
  if (!isProxyOriginId(b.TargetOriginId)) return null;
  const fn = viewerRequestFunctionOf(b);
  return (fn && stackKeyOfFunction(fn)) ?? `an unknown stack (viewer-request function ${fn ?? 'none'})`;
}

/** Origin ids referenced by anything other than the given behaviors: other behaviors, the default, origin groups. */
export function originIdsUsedOutside(config: DistributionConfig, except: (b: CacheBehavior) => boolean): Map<string, string> {
  const used = new Map<string, string>();
  const target = config.DefaultCacheBehavior?.TargetOriginId;
  if (target) used.set(target, 'the default behavior');
  for (const group of config.OriginGroups?.Items ?? []) {
    for (const m of group.Members?.Items ?? []) if (m.OriginId) used.set(m.OriginId, `origin group "${group.Id}"`);
  }
  for (const b of behaviorsOf(config)) {
    if (except(b) || !b.TargetOriginId || used.has(b.TargetOriginId)) continue;
    const owner = ownerOf(b);
    used.set(b.TargetOriginId, owner ? `stack ${owner} (behavior "${b.PathPattern}")` : `your behavior "${b.PathPattern}"`);
  }
  return used;
}
