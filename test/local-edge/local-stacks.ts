/**
 * Starts local stacks (built functions, mock PostHog, local edge) for configuration variants of
 * test/fixtures/configs/, on ephemeral 127.0.0.1 ports, one per variant per test file, closed by `closeAll`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateConfig } from '../../src/config/validate-config.ts';
import type { ProxyConfig } from '../../src/config/proxy-config.ts';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../src/node-http/start-local-stack.ts';
import { FIXTURES } from '../support/fixtures.ts';

export const LOCAL_EDGE_FIXTURES = join(FIXTURES, 'local-edge');

export function configVariant(name: string): ProxyConfig {
  const file = join(FIXTURES, 'configs', `${name}.json`);
  return validateConfig(JSON.parse(readFileSync(file, 'utf8')), file);
}

/** Every `*.json` in a folder of test/fixtures/local-edge, as [name, content] rows for it.each. */
export function fixtureRows<T>(folder: string): [string, T][] {
  const dir = join(LOCAL_EDGE_FIXTURES, folder);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [f.slice(0, -5), JSON.parse(readFileSync(join(dir, f), 'utf8')) as T]);
}

export function fixture<T>(file: string): T {
  return JSON.parse(readFileSync(join(LOCAL_EDGE_FIXTURES, file), 'utf8')) as T;
}

export function createStacks() {
  const started = new Map<string, Promise<LocalStack>>();
  return {
    /** The stack for a config variant (started once per `key`: variants with other options need their own). */
    get(name: string, options: Omit<LocalStackOptions, 'config'> = {}, key = name): Promise<LocalStack> {
      let stack = started.get(key);
      if (!stack) {
        stack = startLocalStack({ config: configVariant(name), demoPort: null, ...options });
        started.set(key, stack);
      }
      return stack;
    },
    async closeAll(): Promise<void> {
      const all = await Promise.allSettled(started.values());
      await Promise.all(all.map((s) => (s.status === 'fulfilled' ? s.value.close() : undefined)));
      started.clear();
    },
  };
}
