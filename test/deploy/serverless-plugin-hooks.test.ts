/** The checkout's plugin shim forwards exactly the hooks the plugin class has. */
import { describe, expect, it } from 'vitest';
import { HOOKS } from '../../src/deploy/serverless-plugin.mjs';
import PosthogProxyPlugin from '../../src/deploy/serverless-plugin.ts';

describe('src/deploy/serverless-plugin.mjs', () => {
  it('lists the hooks of the plugin class', () => {
    const serverless = { serviceDir: '/x', service: { service: 's', provider: {} }, getProvider: () => ({}) };
    const plugin = new PosthogProxyPlugin(serverless as never, {});
    expect([...HOOKS].sort()).toEqual(Object.keys(plugin.hooks).sort());
  });
});
