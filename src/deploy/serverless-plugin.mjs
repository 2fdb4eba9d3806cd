// The local serverless plugin (serverless.yml "plugins"). Plain JavaScript because serverless loads it
// directly; everything it does lives in serverless-hooks.ts, loaded through tsx.
import { tsImport } from 'tsx/esm/api';

const hooks = () => tsImport('./serverless-hooks.ts', import.meta.url);

export default class PosthogProxyPlugin {
  constructor(serverless, options, utils) {
    this.serverless = serverless;
    this.options = options;
    this.writeLog = (line) => (utils && utils.log ? utils.log.notice(line) : console.log(line));
    // Every hook reports the project's errors as Serverless reports its own: the message, no stack.
    const guard = (step) => async () => {
      try {
        await step();
      } catch (error) {
        const h = await hooks();
        throw h.toServerlessError(error, serverless.classes && serverless.classes.Error);
      }
    };
    this.hooks = {
      'before:package:createDeploymentArtifacts': guard(() => this.build()),
      'package:compileEvents': guard(() => this.compile()),
      'after:deploy:deploy': guard(async () => {
        const h = await hooks();
        await h.afterDeploy(this.settings(h));
      }),
      'before:remove:remove': guard(async () => {
        const h = await hooks();
        await h.beforeRemove(this.settings(h));
      }),
    };
  }

  settings(h) {
    return h.pluginSettings(this.serverless, this.options, this.writeLog);
  }

  async build() {
    const h = await hooks();
    this.prepared = await h.preparePackage(this.settings(h));
  }

  async compile() {
    const h = await hooks();
    if (!this.prepared) this.prepared = await h.preparePackage(this.settings(h));
    const provider = this.serverless.service.provider;
    provider.compiledCloudFormationTemplate = h.compileTemplate(provider.compiledCloudFormationTemplate, this.prepared);
  }
}
