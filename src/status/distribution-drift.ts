/**
 * Drift: does the live distribution still carry the proxy exactly as the stack and the configuration make
 * it? A pure function of the live DistributionConfig, the layout (distributionLayout()) and the ids from the
 * stack's outputs.
 *
 * Attach mode asks attachEdit() what `attach` would change: anything is drift, and `attach` is the repair.
 * New mode (the stack owns the distribution) compares origins, behaviors and the default behavior with the
 * same API shapes attach builds; the repair is a redeploy, which CloudFormation applies in full.
 *
 * CloudFront may return a behavior's method lists in its own order (PLATFORM.md section 6), so they are put
 * in the layout's order first: a reordering is not drift.
 */
import type { CacheBehavior, DistributionConfig, Origin } from '@aws-sdk/client-cloudfront';
import { apiBehavior, apiOrigin, type DeployedIds } from '../deploy/api-shapes.ts';
import { attachEdit, changedFields, covers } from '../deploy/attach-edit.ts';
import { AttachConflictError, AttachLimitError } from '../deploy/deploy-errors.ts';
import { ALL_METHODS, type DistributionLayout } from '../distribution/distribution-layout.ts';

export interface Drift {
  /** The proxy's origins and behaviors are all there and match the stack. */
  inSync: boolean;
  /** True when none of the proxy's origins or behaviors is on the distribution (detached, or never attached). */
  absent: boolean;
  /** One line per difference: `+` missing (the repair adds it), `~` changed, `-` not the stack's, `!` a conflict. */
  lines: string[];
}

const methodRank = (m: string) => {
  const i = (ALL_METHODS as readonly string[]).indexOf(m);
  return i === -1 ? ALL_METHODS.length : i;
};

function sortedMethods(b: CacheBehavior): CacheBehavior {
  const allowed = b.AllowedMethods;
  if (!allowed?.Items) return b;
  const sort = (items: string[]) => [...items].sort((x, y) => methodRank(x) - methodRank(y));
  const cached = allowed.CachedMethods?.Items ? { ...allowed.CachedMethods, Items: sort(allowed.CachedMethods.Items) } : allowed.CachedMethods;
  return { ...b, AllowedMethods: { ...allowed, Items: sort(allowed.Items), CachedMethods: cached } as CacheBehavior['AllowedMethods'] };
}

/** The config with every behavior's method lists in the layout's order. */
export function canonicalConfig(config: DistributionConfig): DistributionConfig {
  const items = config.CacheBehaviors?.Items;
  return {
    ...config,
    ...(items ? { CacheBehaviors: { ...config.CacheBehaviors!, Items: items.map(sortedMethods) } } : {}),
    ...(config.DefaultCacheBehavior ? { DefaultCacheBehavior: sortedMethods(config.DefaultCacheBehavior as CacheBehavior) as DistributionConfig['DefaultCacheBehavior'] } : {}),
  };
}

/** Ours are the layout's origin ids (the same marker attach and detach use). */
function isAbsent(config: DistributionConfig, layout: DistributionLayout): boolean {
  const ours = layout.origins.map((o) => o.id);
  const origins = config.Origins?.Items ?? [];
  const behaviors = config.CacheBehaviors?.Items ?? [];
  return !origins.some((o) => ours.includes(o.Id ?? '')) && !behaviors.some((b) => ours.includes(b.TargetOriginId ?? ''));
}

function attachDrift(config: DistributionConfig, layout: DistributionLayout, ids: DeployedIds): string[] {
  try {
    const edit = attachEdit(config, layout, ids);
    return edit.changed ? edit.diff : [];
  } catch (error) {
    if (error instanceof AttachConflictError || error instanceof AttachLimitError) return [`! ${error.message}`];
    throw error;
  }
}

function compare(kind: string, name: string, actual: object | undefined, desired: object): string[] {
  if (actual === undefined) return [`+ ${kind} ${name} is missing`];
  return covers(actual, desired) ? [] : [`~ ${kind} ${name} differs (${changedFields(actual, desired).join(', ')})`];
}

function ownedDrift(config: DistributionConfig, layout: DistributionLayout, ids: DeployedIds): string[] {
  const lines: string[] = [];
  const origins: Origin[] = config.Origins?.Items ?? [];
  for (const o of layout.origins.map(apiOrigin)) lines.push(...compare('origin', o.Id!, origins.find((x) => x.Id === o.Id), o));
  for (const o of origins) if (!layout.origins.some((x) => x.id === o.Id)) lines.push(`- origin ${o.Id} -> ${o.DomainName} is not the stack's`);

  const behaviors = config.CacheBehaviors?.Items ?? [];
  const withPattern = layout.behaviors.filter((b): b is typeof b & { pathPattern: string } => b.pathPattern !== null);
  withPattern.forEach((b, i) => {
    const desired = apiBehavior(b, ids);
    const actual = behaviors.find((x) => x.PathPattern === b.pathPattern);
    lines.push(...compare('behavior', b.pathPattern, actual, desired));
    if (actual !== undefined && behaviors.indexOf(actual) !== i) lines.push(`~ behavior ${b.pathPattern} is at position ${behaviors.indexOf(actual) + 1}, the stack puts it at ${i + 1}`);
  });
  for (const b of behaviors) {
    if (!withPattern.some((x) => x.pathPattern === b.PathPattern)) lines.push(`- behavior ${b.PathPattern} -> ${b.TargetOriginId} is not the stack's`);
  }
  const fallback = layout.behaviors.find((b) => b.pathPattern === null);
  if (fallback) {
    const { PathPattern: _p, ...desired } = apiBehavior({ ...fallback, pathPattern: '' }, ids);
    lines.push(...compare('default behavior', `-> ${fallback.originId}`, config.DefaultCacheBehavior, desired));
  }
  return lines;
}

/** Compares the live distribution with what the stack deployed (ids) and the configuration lays out. */
export function distributionDrift(live: DistributionConfig, layout: DistributionLayout, ids: DeployedIds): Drift {
  const config = canonicalConfig(live);
  const lines = layout.mode === 'attach' ? attachDrift(config, layout, ids) : ownedDrift(config, layout, ids);
  return { inSync: lines.length === 0, absent: isAbsent(config, layout), lines };
}
