/**
 * Browser Origin matching against `allowedOrigins`: exact origins and `scheme://*.domain` patterns,
 * compiled at build time into the shape below. Runs at the edge.
 */

export interface OriginRules {
  /** null: any origin is allowed (no `allowedOrigins` configured). */
  exact: string[] | null;
  /** [scheme + '://', '.' + domain + optional ':port'] pairs from wildcard patterns. */
  wildcard: string[][];
}

const LABELS = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

/** With no rules every origin is allowed: the build compiles the check out then, so keep it so. */
export function isOriginAllowed(rules: OriginRules, origin: string): boolean {
  if (rules.exact === null) return true;
  if (typeof origin !== 'string' || origin.length > 2048) return false;
  const o = origin.toLowerCase();
  if (rules.exact.indexOf(o) !== -1) return true;
  for (let i = 0; i < rules.wildcard.length; i++) {
    const scheme = rules.wildcard[i][0];
    const suffix = rules.wildcard[i][1];
    if (o.length <= scheme.length + suffix.length) continue;
    if (o.indexOf(scheme) !== 0 || o.slice(o.length - suffix.length) !== suffix) continue;
    if (LABELS.test(o.slice(scheme.length, o.length - suffix.length))) return true;
  }
  return false;
}
