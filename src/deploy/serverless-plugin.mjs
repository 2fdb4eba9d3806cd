// The plugin as this checkout's serverless.yml loads it (`./src/deploy/serverless-plugin.mjs`): the TypeScript
// class in serverless-plugin.ts, run through tsx (a devDependency), so edits need no build. An installed
// package loads lib/serverless-plugin.mjs instead: the same class compiled by scripts/build-lib.mjs.
// serverless constructs plugins synchronously (and may require() this file, which forbids top-level await),
// so each hook loads the class on first use; HOOKS must list the class's hooks (a unit test compares them).
import { tsImport } from 'tsx/esm/api';

export const HOOKS = ['initialize', 'before:package:createDeploymentArtifacts', 'package:compileEvents', 'after:aws:package:finalize:mergeCustomProviderResources', 'before:deploy:deploy', 'after:deploy:deploy', 'before:remove:remove'];

export default class PosthogProxyPluginFromSource {
  constructor(serverless, options, utils) {
    let plugin;
    const load = async () => {
      if (!plugin) {
        const { default: Plugin } = await tsImport('./serverless-plugin.ts', import.meta.url);
        plugin = new Plugin(serverless, options, utils);
      }
      return plugin;
    };
    this.hooks = Object.fromEntries(HOOKS.map((name) => [name, async () => (await load()).hooks[name]()]));
  }
}
