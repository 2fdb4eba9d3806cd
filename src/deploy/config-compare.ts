/**
 * Comparing what CloudFront returns with what the proxy would send. CloudFront adds defaults of its own
 * (fields we never set) and may return list fields such as AllowedMethods and CachedMethods in its own order
 * (PLATFORM.md section 6; the API reference does not promise an order), so a field we set covers the live
 * value when every field we set has that value, and lists of plain values are compared as sets. Lists of
 * objects (behaviors, origins, associations) keep their order: CloudFront evaluates behaviors in order.
 */
import { isDeepStrictEqual } from 'node:util';

const isScalarList = (list: unknown[]) => list.every((x) => x === null || typeof x !== 'object');

/** True when every field `desired` sets has that value in `actual`. */
export function covers(actual: unknown, desired: unknown): boolean {
  if (Array.isArray(desired)) {
    if (!Array.isArray(actual) || actual.length !== desired.length) return false;
    if (isScalarList(desired) && isScalarList(actual)) {
      const key = (x: unknown) => JSON.stringify(x);
      return isDeepStrictEqual(actual.map(key).sort(), desired.map(key).sort());
    }
    return desired.every((d, i) => covers(actual[i], d));
  }
  if (desired !== null && typeof desired === 'object') {
    if (actual === null || typeof actual !== 'object') return false;
    return Object.entries(desired).every(([k, v]) => covers((actual as Record<string, unknown>)[k], v));
  }
  return isDeepStrictEqual(actual, desired);
}

/** The top-level fields of `desired` that `actual` does not cover. */
export function changedFields(actual: object, desired: object): string[] {
  return Object.keys(desired).filter((k) => !covers((actual as Record<string, unknown>)[k], (desired as Record<string, unknown>)[k]));
}
