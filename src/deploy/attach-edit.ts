/**
 * The attach and detach edits of an existing distribution, as pure functions of its DistributionConfig.
 *
 * Ownership marker: the proxy's origins have the ids in ORIGIN_IDS (`posthog-proxy-main`,
 * `posthog-proxy-assets`), and a cache behavior is the proxy's exactly when it targets one of them.
 * Nothing else is ever read as ours, so every other origin, behavior, association, alias, certificate,
 * logging setting and the CallerReference pass through untouched.
 *
 * Attach puts our behaviors first (most specific first, as distributionLayout() orders them), ahead of the
 * existing ones, and our origins last; detach removes exactly those. Both are idempotent and return the
 * input itself when there is nothing to do.
 */
import { isDeepStrictEqual } from 'node:util';
import type { CacheBehavior, DistributionConfig, Origin } from '@aws-sdk/client-cloudfront';
import type { DistributionLayout } from '../distribution/distribution-layout.ts';
import { ORIGIN_IDS } from '../routes/route-table.ts';
import { apiBehavior, apiOrigin, type DeployedIds } from './api-shapes.ts';
import { AttachConflictError, AttachLimitError } from './deploy-errors.ts';

/** CloudFront's default quotas per distribution (adjustable through AWS Support). */
export const MAX_CACHE_BEHAVIORS = 25;
export const MAX_ORIGINS = 25;

export interface DistributionEdit {
  changed: boolean;
  newConfig: DistributionConfig;
  /** One line per origin or behavior added (+), changed (~) or removed (-). */
  diff: string[];
}

const OUR_ORIGIN_IDS: readonly string[] = [ORIGIN_IDS.main, ORIGIN_IDS.assets];
const isOurs = (originId: string | undefined) => originId !== undefined && OUR_ORIGIN_IDS.includes(originId);
/** CloudFront accepts patterns with or without the leading slash. */
const normalized = (pattern: string) => (pattern.startsWith('/') ? pattern : `/${pattern}`);

function originsOf(config: DistributionConfig): Origin[] {
  return config.Origins?.Items ?? [];
}

function behaviorsOf(config: DistributionConfig): CacheBehavior[] {
  return config.CacheBehaviors?.Items ?? [];
}

/** `{Quantity, Items}` as GetDistributionConfig returns it: no Items element when the list is empty. */
function list<T>(items: T[]): { Quantity: number; Items?: T[] } {
  return items.length === 0 ? { Quantity: 0 } : { Quantity: items.length, Items: items };
}

/** True when every field `desired` sets has that value in `actual` (CloudFront adds defaults of its own). Also read by status (drift). */
export function covers(actual: unknown, desired: unknown): boolean {
  if (Array.isArray(desired)) {
    return Array.isArray(actual) && actual.length === desired.length && desired.every((d, i) => covers(actual[i], d));
  }
  if (desired !== null && typeof desired === 'object') {
    if (actual === null || typeof actual !== 'object') return false;
    return Object.entries(desired).every(([k, v]) => covers((actual as Record<string, unknown>)[k], v));
  }
  return isDeepStrictEqual(actual, desired);
}

export function changedFields(actual: object, desired: object): string[] {
  return Object.keys(desired).filter((k) => !covers((actual as Record<string, unknown>)[k], (desired as Record<string, unknown>)[k]));
}

/** References to our origins from things we do not own would dangle once our origins go. */
function assertNoForeignReferences(config: DistributionConfig): void {
  const target = config.DefaultCacheBehavior?.TargetOriginId;
  if (isOurs(target)) {
    throw new AttachConflictError(`the default behavior routes to origin "${target}", which this tool owns and manages; point the default behavior at your own origin first`);
  }
  for (const group of config.OriginGroups?.Items ?? []) {
    const member = (group.Members?.Items ?? []).find((m) => isOurs(m.OriginId));
    if (member) throw new AttachConflictError(`origin group "${group.Id}" contains origin "${member.OriginId}", which this tool owns and manages; remove it from the group first`);
  }
}

function describeBehavior(b: CacheBehavior): string {
  const lambda = (b.LambdaFunctionAssociations?.Quantity ?? 0) > 0 ? ', origin-response Lambda@Edge' : '';
  return `behavior ${b.PathPattern} -> ${b.TargetOriginId} (viewer-request function${lambda})`;
}

function diffOf(before: DistributionConfig, origins: Origin[], behaviors: CacheBehavior[]): string[] {
  const lines: string[] = [];
  const oldOrigins = originsOf(before).filter((o) => isOurs(o.Id));
  const oldBehaviors = behaviorsOf(before).filter((b) => isOurs(b.TargetOriginId));
  for (const o of origins) {
    const old = oldOrigins.find((x) => x.Id === o.Id);
    if (!old) lines.push(`+ origin ${o.Id} -> ${o.DomainName}`);
    else if (!covers(old, o)) lines.push(`~ origin ${o.Id} -> ${o.DomainName} (${changedFields(old, o).join(', ')})`);
  }
  for (const o of oldOrigins) if (!origins.some((x) => x.Id === o.Id)) lines.push(`- origin ${o.Id} -> ${o.DomainName}`);
  behaviors.forEach((b, i) => {
    const old = oldBehaviors.find((x) => x.PathPattern === b.PathPattern);
    if (!old) lines.push(`+ ${describeBehavior(b)} at position ${i + 1}`);
    else if (!covers(old, b)) lines.push(`~ ${describeBehavior(b)} (${changedFields(old, b).join(', ')})`);
  });
  for (const b of oldBehaviors) if (!behaviors.some((x) => x.PathPattern === b.PathPattern)) lines.push(`- ${describeBehavior(b)}`);
  if (lines.length === 0 && origins.length > 0) lines.push(`~ move the proxy's ${behaviors.length} behaviors ahead of the distribution's own`);
  return lines;
}

/** Adds (or brings up to date) the proxy's origins and behaviors on an existing distribution's config. */
export function attachEdit(current: DistributionConfig, layout: DistributionLayout, ids: DeployedIds): DistributionEdit {
  const ours = layout.behaviors.filter((b): b is typeof b & { pathPattern: string } => b.pathPattern !== null);
  if (ours.length !== layout.behaviors.length) {
    throw new AttachConflictError('attach never replaces a distribution\'s default behavior; set a pathPrefix in the configuration');
  }
  assertNoForeignReferences(current);
  const patterns = ours.map((b) => b.pathPattern);
  const prefix = patterns[patterns.length - 1].replace(/\/\*$/, '');
  const foreignBehaviors = behaviorsOf(current).filter((b) => !isOurs(b.TargetOriginId));
  const foreignOrigins = originsOf(current).filter((o) => !isOurs(o.Id));
  for (const b of foreignBehaviors) {
    const p = normalized(b.PathPattern ?? '');
    if (patterns.includes(p)) {
      throw new AttachConflictError(`the distribution already has a behavior "${b.PathPattern}" routing to origin "${b.TargetOriginId}"; remove it or choose another pathPrefix`);
    }
    if (p === prefix || p.startsWith(`${prefix}/`) || p.startsWith(`${prefix}*`)) {
      throw new AttachConflictError(`the prefix ${prefix} is already used by the behavior "${b.PathPattern}" (origin "${b.TargetOriginId}"); choose another pathPrefix`);
    }
  }
  if (foreignBehaviors.length + ours.length > MAX_CACHE_BEHAVIORS) {
    throw new AttachLimitError(
      `the distribution has ${foreignBehaviors.length} cache behaviors of its own and the proxy needs ${ours.length}, over CloudFront's default quota of ${MAX_CACHE_BEHAVIORS}; ` +
        'remove unused behaviors or ask AWS Support for a higher "cache behaviors per distribution" quota',
    );
  }
  if (foreignOrigins.length + layout.origins.length > MAX_ORIGINS) {
    throw new AttachLimitError(`the distribution has ${foreignOrigins.length} origins and the proxy needs ${layout.origins.length}, over CloudFront's default quota of ${MAX_ORIGINS}`);
  }

  const origins = layout.origins.map(apiOrigin);
  const behaviors = ours.map((b) => apiBehavior(b, ids));
  const existingOrigins = originsOf(current).filter((o) => isOurs(o.Id));
  const inPlace =
    existingOrigins.length === origins.length &&
    origins.every((o) => covers(existingOrigins.find((x) => x.Id === o.Id), o)) &&
    behaviors.every((b, i) => covers(behaviorsOf(current)[i], b)) &&
    behaviorsOf(current).slice(behaviors.length).every((b) => !isOurs(b.TargetOriginId));
  if (inPlace) return { changed: false, newConfig: current, diff: [] };

  const newConfig: DistributionConfig = {
    ...current,
    Origins: { ...current.Origins, ...list([...foreignOrigins, ...origins]) } as DistributionConfig['Origins'],
    CacheBehaviors: { ...current.CacheBehaviors, ...list([...behaviors, ...foreignBehaviors]) },
  };
  return { changed: true, newConfig, diff: diffOf(current, origins, behaviors) };
}

/** Removes exactly what attach added: the origins with our ids and the behaviors that target them. */
export function detachEdit(current: DistributionConfig): DistributionEdit {
  const ourOrigins = originsOf(current).filter((o) => isOurs(o.Id));
  const ourBehaviors = behaviorsOf(current).filter((b) => isOurs(b.TargetOriginId));
  if (ourOrigins.length === 0 && ourBehaviors.length === 0) return { changed: false, newConfig: current, diff: [] };
  assertNoForeignReferences(current);
  const { Items: _o, ...originsRest } = current.Origins ?? { Quantity: 0 };
  const { Items: _b, ...behaviorsRest } = current.CacheBehaviors ?? { Quantity: 0 };
  const newConfig: DistributionConfig = {
    ...current,
    Origins: { ...originsRest, ...list(originsOf(current).filter((o) => !isOurs(o.Id))) } as DistributionConfig['Origins'],
    CacheBehaviors: { ...behaviorsRest, ...list(behaviorsOf(current).filter((b) => !isOurs(b.TargetOriginId))) },
  };
  return {
    changed: true,
    newConfig,
    diff: [...ourOrigins.map((o) => `- origin ${o.Id} -> ${o.DomainName}`), ...ourBehaviors.map((b) => `- ${describeBehavior(b)}`)],
  };
}
