/**
 * The three Reflect metadata functions @peculiar/x509's dependency tsyringe calls at load time (it refuses
 * to load without a "reflect-metadata" polyfill, which is not installed). Import it before @peculiar/x509.
 */
const store = new WeakMap<object, Map<unknown, unknown>>();
const table = (target: object) => store.get(target) ?? store.set(target, new Map()).get(target)!;
const reflect = Reflect as unknown as Record<string, unknown>;

reflect.defineMetadata ??= (key: unknown, value: unknown, target: object) => void table(target).set(key, value);
reflect.getOwnMetadata ??= (key: unknown, target: object) => store.get(target)?.get(key);
reflect.getMetadata ??= (key: unknown, target: object): unknown => {
  for (let t: object | null = target; t !== null; t = Object.getPrototypeOf(t)) {
    const value = store.get(t)?.get(key);
    if (value !== undefined) return value;
  }
  return undefined;
};
