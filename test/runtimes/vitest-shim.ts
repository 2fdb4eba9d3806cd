/**
 * The part of vitest's API the runtime-neutral tests use (describe, it, expect with a few matchers), on top of
 * Deno.test. Deno loads it through deno-import-map.json; Bun maps `vitest` to bun:test itself.
 */
type Deno = { test(name: string, fn: () => Promise<void>): void };
const deno = (globalThis as unknown as { Deno: Deno }).Deno;
const names: string[] = [];

export function describe(name: string, body: () => void): void {
  names.push(name);
  try {
    body();
  } finally {
    names.pop();
  }
}

export function it(name: string, body: () => unknown): void {
  deno.test([...names, name].join(' > '), async () => {
    await body();
  });
}

const show = (value: unknown) => (value === undefined ? 'undefined' : JSON.stringify(value));

/** vitest's toEqual: recursive, and a property holding undefined counts as absent. */
function equal(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = (o: object) => Object.keys(o).filter((k) => (o as Record<string, unknown>)[k] !== undefined);
  const ka = keys(a);
  const kb = keys(b);
  return ka.length === kb.length && ka.every((k) => kb.includes(k) && equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function matchers(actual: unknown, negate: boolean) {
  const check = (pass: boolean, what: string) => {
    if (pass === negate) throw new Error(`expected ${show(actual)} ${negate ? 'not ' : ''}${what}`);
  };
  return {
    toBe: (expected: unknown) => check(Object.is(actual, expected), `to be ${show(expected)}`),
    toEqual: (expected: unknown) => check(equal(actual, expected), `to equal ${show(expected)}`),
    toBeNull: () => check(actual === null, 'to be null'),
    toContain: (item: unknown) => check((actual as string | unknown[]).includes(item as never), `to contain ${show(item)}`),
    toBeLessThanOrEqual: (limit: number) => check((actual as number) <= limit, `to be <= ${limit}`),
    toBeGreaterThanOrEqual: (limit: number) => check((actual as number) >= limit, `to be >= ${limit}`),
  };
}

export function expect(actual: unknown) {
  return Object.assign(matchers(actual, false), { not: matchers(actual, true) });
}
