/** Types of serverless-plugin.mjs, the checkout's shim around the plugin class. */
export declare const HOOKS: readonly string[];
export default class PosthogProxyPluginFromSource {
  constructor(serverless: unknown, options: Record<string, unknown>, utils?: unknown);
  readonly hooks: Record<string, () => Promise<unknown>>;
}
