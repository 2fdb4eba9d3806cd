// The local serverless plugin (serverless.yml "plugins"). Plain JavaScript because serverless loads it
// directly; everything it does lives in serverless-hooks.ts, loaded through tsx.
import { tsImport } from 'tsx/esm/api';

const hooks = () => tsImport('./serverless-hooks.ts', import.meta.url);

export default class PosthogProxyPlugin {
  constructor(serverless, options, utils) {
    this.serverless = serverless;
    this.options = options;
    this.writeLog = (line) => (utils && utils.log ? utils.log.notice(line) : console.log(line));
    this.hooks = {
      // Before serverless merges the IAM role and log groups of the functions: the canary (if configured) must be one of them.
      'before:package:setupProviderConfiguration': () => this.build(),
      'before:package:createDeploymentArtifacts': () => this.build(),
      'package:compileEvents': () => this.compile(),
      'after:deploy:deploy': async () => {
        const h = await hooks();
        await h.afterDeploy(this.settings(h));
      },
      'before:remove:remove': async () => {
        const h = await hooks();
        await h.beforeRemove(this.settings(h));
      },
    };
  }

  settings(h) {
    return h.pluginSettings(this.serverless, this.options, this.writeLog);
  }

  async build() {
    if (this.prepared) return;
    const h = await hooks();
    this.prepared = await h.preparePackage(this.settings(h));
    // Added before serverless compiles functions and events, so it makes the Lambda, role, log group and schedule.
    if (this.prepared.canaryFunction) this.serverless.service.functions[h.CANARY_FUNCTION_KEY] = this.prepared.canaryFunction;
  }

  async compile() {
    const h = await hooks();
    if (!this.prepared) this.prepared = await h.preparePackage(this.settings(h));
    const provider = this.serverless.service.provider;
    provider.compiledCloudFormationTemplate = h.compileTemplate(provider.compiledCloudFormationTemplate, this.prepared);
  }
}
