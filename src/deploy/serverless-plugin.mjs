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
      'before:package:createDeploymentArtifacts': () => this.build(),
      'package:compileEvents': () => this.compile(),
      'after:deploy:deploy': async () => (await hooks()).afterDeploy(this.settings()),
      'before:remove:remove': async () => (await hooks()).beforeRemove(this.settings()),
    };
  }

  settings() {
    const custom = (this.serverless.service.custom && this.serverless.service.custom.posthogProxy) || {};
    const provider = this.serverless.getProvider('aws');
    return {
      serviceDir: this.serverless.serviceDir,
      service: this.serverless.service.service,
      stage: provider.getStage(),
      configFile: custom.config || 'posthog-proxy.config.json',
      distributionId: custom.distributionId || null,
      profile: this.options['aws-profile'] || provider.getProfile() || undefined,
      log: this.writeLog,
    };
  }

  async build() {
    this.prepared = await (await hooks()).preparePackage(this.settings());
  }

  async compile() {
    const h = await hooks();
    if (!this.prepared) this.prepared = await h.preparePackage(this.settings());
    const provider = this.serverless.service.provider;
    provider.compiledCloudFormationTemplate = h.compileTemplate(provider.compiledCloudFormationTemplate, this.prepared);
  }
}
