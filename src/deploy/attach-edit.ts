/**
 * The attach and detach edits of an existing distribution, as pure functions of its DistributionConfig.
 *
 * Ownership is per stack (ownership.ts): a behavior is this stack's when it targets a proxy origin and runs
 * this stack's viewer-request function; its origins are the layout's (`posthog-proxy-main.<prefix>`, ...).
 * Another stack's origins and behaviors (another stage or project under another prefix), and everything of
 * the user's, pass through as the very objects CloudFront returned, so they stay byte-identical.
 *
 * Attach puts this stack's behaviors first (most specific first, as distributionLayout() orders them), ahead
 * of the user's, or where they already are when only other proxy stacks precede them, and new origins last.
 * Behaviors and origins this stack had under an earlier prefix, or under the fixed ids of earlier versions,
 * are replaced in the same update. Both edits are idempotent and return the input itself when there is
 * nothing to do. CloudFront's quotas are CloudFront's to enforce (they are per account and raisable);
 * attach-distribution.ts turns its TooManyCacheBehaviors / TooManyOrigins answers into a clear error.
 */
import type { CacheBehavior, DistributionConfig, Origin } from '@aws-sdk/client-cloudfront';
import type { DistributionLayout } from '../distribution/distribution-layout.ts';
import { pathPatternMatches } from '../distribution/distribution-layout.ts';
import { apiBehavior, apiOrigin, type DeployedIds } from './api-shapes.ts';
import { changedFields, covers } from './config-compare.ts';
import { AttachConflictError } from './deploy-errors.ts';
import { behaviorsOf, isProxyOriginId, originIdsUsedOutside, originsOf, ownerOf } from './ownership.ts';
import { functionNameOfArn, stackKey, stackKeyOfFunction } from './resource-names.ts';

export { changedFields, covers } from './config-compare.ts';

export interface DistributionEdit {
  changed: boolean;
  newConfig: DistributionConfig;
  /** One line per origin or behavior added (+), changed (~) or removed (-). */
  diff: string[];
}

/** CloudFront accepts patterns with or without the leading slash. */
const normalized = (pattern: string) => (pattern.startsWith('/') ? pattern : `/${pattern}`);

/** `{Quantity, Items}` as GetDistributionConfig returns it: no Items element when the list is empty. */
function list<T>(items: T[]): { Quantity: number; Items?: T[] } {
  return items.length === 0 ? { Quantity: 0 } : { Quantity: items.length, Items: items };
}

function withLists(current: DistributionConfig, origins: Origin[], behaviors: CacheBehavior[]): DistributionConfig {
  const { Items: _o, ...originsRest } = current.Origins ?? { Quantity: 0 };
  const { Items: _b, ...behaviorsRest } = current.CacheBehaviors ?? { Quantity: 0 };
  return {
    ...current,
    Origins: { ...originsRest, ...list(origins) } as DistributionConfig['Origins'],
    CacheBehaviors: { ...behaviorsRest, ...list(behaviors) },
  };
}

/** Same objects, or (for ours) a live value that already covers what we would send. */
function sameList<T>(actual: T[], desired: T[]): boolean {
  return actual.length === desired.length && desired.every((d, i) => d === actual[i] || covers(actual[i], d));
}

function describeBehavior(b: CacheBehavior): string {
  const lambda = (b.LambdaFunctionAssociations?.Quantity ?? 0) > 0 ? ', origin-response Lambda@Edge' : '';
  return `behavior ${b.PathPattern} -> ${b.TargetOriginId} (viewer-request function${lambda})`;
}

function diffOf(oldOrigins: Origin[], origins: Origin[], oldBehaviors: CacheBehavior[], behaviors: CacheBehavior[]): string[] {
  const lines: string[] = [];
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
  return lines;
}

/** The stack the deployed ids belong to, read from the viewer-request function's name. */
export function stackKeyOfIds(ids: DeployedIds): string {
  const name = functionNameOfArn(ids.viewerRequestFunctionArn);
  const key = stackKeyOfFunction(name);
  if (key === null) {
    throw new AttachConflictError(`the stack's viewer-request function "${name}" is not named <stack>-vr-<hash>; redeploy the stack with this version first`);
  }
  return key;
}

function checkConflicts(current: DistributionConfig, us: string, patterns: string[], prefix: string, ourOriginIds: string[]): void {
  for (const b of behaviorsOf(current)) {
    const owner = ownerOf(b);
    if (owner === us) continue;
    const p = normalized(b.PathPattern ?? '');
    const who = owner ? `stack ${owner} already has the behavior "${b.PathPattern}"` : `the distribution already has a behavior "${b.PathPattern}" routing to origin "${b.TargetOriginId}"`;
    const fix = owner ? `detach that stack ("posthog-cloudfront detach --stack ${owner}") or choose another pathPrefix; nothing was changed` : 'remove it or choose another pathPrefix; nothing was changed';
    if (patterns.includes(p)) throw new AttachConflictError(`${who}; ${fix}`);
    if (p === prefix || p.startsWith(`${prefix}/`) || p.startsWith(`${prefix}*`)) {
      throw new AttachConflictError(`the prefix ${prefix} is already used: ${who}; ${fix}`);
    }
    // Another proxy whose prefix contains ours would share our paths.
    if (owner && pathPatternMatches(p, `${prefix}/`)) throw new AttachConflictError(`the prefix ${prefix} lies under another proxy's: ${who}; ${fix}`);
  }
  const used = originIdsUsedOutside(current, (b) => ownerOf(b) === us);
  for (const id of ourOriginIds) {
    const user = used.get(id);
    if (user) throw new AttachConflictError(`origin "${id}" is used by ${user}; the proxy with this pathPrefix belongs to someone else, choose another pathPrefix or detach that one first; nothing was changed`);
  }
}

/** Adds (or brings up to date) this stack's origins and behaviors on an existing distribution's config. */
export function attachEdit(current: DistributionConfig, layout: DistributionLayout, ids: DeployedIds): DistributionEdit {
  const ours = layout.behaviors.filter((b): b is typeof b & { pathPattern: string } => b.pathPattern !== null);
  if (ours.length !== layout.behaviors.length) {
    throw new AttachConflictError('attach never replaces a distribution\'s default behavior; set a pathPrefix in the configuration');
  }
  const us = stackKeyOfIds(ids);
  const isOurs = (b: CacheBehavior) => ownerOf(b) === us;
  const patterns = ours.map((b) => b.pathPattern);
  const prefix = patterns[patterns.length - 1].replace(/\/\*$/, '');
  const ourOriginIds = layout.origins.map((o) => o.id);
  checkConflicts(current, us, patterns, prefix, ourOriginIds);

  const behaviors = behaviorsOf(current);
  const oldBehaviors = behaviors.filter(isOurs);
  const usedElsewhere = originIdsUsedOutside(current, isOurs);
  const oldTargets = new Set(oldBehaviors.map((b) => b.TargetOriginId));
  const isOurOrigin = (o: Origin) => ourOriginIds.includes(o.Id!) || (isProxyOriginId(o.Id) && oldTargets.has(o.Id) && !usedElsewhere.has(o.Id!));
  const oldOrigins = originsOf(current).filter(isOurOrigin);

  const desiredOrigins = layout.origins.map(apiOrigin);
  const origins: Origin[] = [];
  for (const o of originsOf(current)) {
    if (!isOurOrigin(o)) origins.push(o);
    else {
      const desired = desiredOrigins.find((d) => d.Id === o.Id);
      if (desired) origins.push(covers(o, desired) ? o : desired);
    }
  }
  for (const d of desiredOrigins) if (!origins.some((o) => o.Id === d.Id)) origins.push(d);

  const desiredBehaviors = ours.map((b) => apiBehavior(b, ids));
  const rest = behaviors.filter((b) => !isOurs(b));
  const first = behaviors.findIndex(isOurs);
  // Stay where we are when only other proxies (disjoint prefixes, checked above) come before us.
  const at = first > 0 && behaviors.slice(0, first).every((b) => ownerOf(b) !== null) ? first : 0;
  const newBehaviors = [...rest.slice(0, at), ...desiredBehaviors.map((d, i) => (covers(behaviors[at + i], d) && isOurs(behaviors[at + i]) ? behaviors[at + i] : d)), ...rest.slice(at)];

  if (sameList(originsOf(current), origins) && sameList(behaviors, newBehaviors)) return { changed: false, newConfig: current, diff: [] };
  const diff = diffOf(oldOrigins, desiredOrigins, oldBehaviors, desiredBehaviors);
  if (diff.length === 0) diff.push(`~ move this stack's ${desiredBehaviors.length} behaviors ahead of the distribution's own`);
  return { changed: true, newConfig: withLists(current, origins, newBehaviors), diff };
}

/**
 * Removes exactly what this stack attached: its behaviors, and the proxy origins they target that nothing
 * else uses. Needs no configuration: the stack's name is the whole key.
 */
export function detachEdit(current: DistributionConfig, stackName: string): DistributionEdit {
  const us = stackKey(stackName);
  const isOurs = (b: CacheBehavior) => ownerOf(b) === us;
  const ourBehaviors = behaviorsOf(current).filter(isOurs);
  if (ourBehaviors.length === 0) return { changed: false, newConfig: current, diff: [] };
  const used = originIdsUsedOutside(current, isOurs);
  const targets = new Set(ourBehaviors.map((b) => b.TargetOriginId));
  const ourOrigins = originsOf(current).filter((o) => isProxyOriginId(o.Id) && targets.has(o.Id) && !used.has(o.Id!));
  const newConfig = withLists(
    current,
    originsOf(current).filter((o) => !ourOrigins.includes(o)),
    behaviorsOf(current).filter((b) => !isOurs(b)),
  );
  return {
    changed: true,
    newConfig,
    diff: [...ourOrigins.map((o) => `- origin ${o.Id} -> ${o.DomainName}`), ...ourBehaviors.map((b) => `- ${describeBehavior(b)}`)],
  };
}
