/**
 * The Serverless Framework plugin (osls, Serverless v3/v4 plugin API): `plugins: [posthog-cloudfront-proxy]`
 * in a user's serverless.yml, or this repository's own serverless.yml. It registers the Lambda@Edge
 * function, builds and zips it before packaging (or checks serverless-esbuild's zip of it), folds the proxy's
 * resources into the compiled template, and attaches or detaches around deploy and remove in attach mode.
 * Every step lives in serverless-hooks.ts.
 */
import {
  afterDeploy,
  beforeDeploy,
  beforeRemove,
  compileTemplate,
  moveIntoSiteDistribution,
  pluginSettings,
  preparePackage,
  registerCanary,
  registerOriginResponse,
  type PluginSettings,
  type Prepared,
  type ServerlessLike,
} from './serverless-hooks.ts';
import { checkBundledPackage } from './serverless-esbuild-mode.ts';
import { toServerlessError, type ServerlessErrorClass } from './serverless-errors.ts';
import type { CompiledTemplate } from './serverless-template.ts';
import { ORIGIN_RESPONSE_FUNCTION_KEY } from './resource-names.ts';

interface ServerlessInstance extends ServerlessLike {
  classes?: { Error?: ServerlessErrorClass };
  service: ServerlessLike['service'] & { provider: { compiledCloudFormationTemplate: CompiledTemplate } };
}
interface PluginUtils {
  log?: { notice(line: string): void };
}

export default class PosthogProxyPlugin {
  readonly hooks: Record<string, () => unknown>;
  private prepared: Prepared | undefined;
  private resolvedSettings: PluginSettings | undefined;
  private readonly writeLog: (line: string) => void;

  constructor(
    private readonly serverless: ServerlessInstance,
    private readonly options: Record<string, unknown>,
    utils?: PluginUtils,
  ) {
    this.writeLog = (line) => (utils?.log ? utils.log.notice(line) : console.log(line));
    // Every hook reports the project's errors as Serverless reports its own: the message, no stack.
    const ServerlessError = serverless.classes?.Error;
    const guard = (step: () => unknown) => async () => {
      try {
        return await step();
      } catch (error) {
        throw toServerlessError(error, ServerlessError);
      }
    };
    this.hooks = {
      // After every variable is resolved and before any command's own lifecycle.
      initialize: guard(() => {
        registerOriginResponse(this.serverless, this.settings());
        registerCanary(this.serverless, this.settings());
      }),
      'before:package:createDeploymentArtifacts': guard(() => this.build()),
      'package:compileEvents': guard(() => this.compile()),
      // The service's own `resources:` (a site distribution) join the template only in this step.
      'after:aws:package:finalize:mergeCustomProviderResources': guard(() => this.intoSiteDistribution()),
      'before:deploy:deploy': guard(() => beforeDeploy(this.settings())),
      'after:deploy:deploy': guard(() => afterDeploy(this.settings())),
      'before:remove:remove': guard(() => beforeRemove(this.settings())),
    };
  }

  /**
   * Read once, at the first hook: every hook runs at or after `initialize`, when serverless has resolved every
   * variable, and pluginSettings looks at the disk (which serverless-esbuild config the service names).
   */
  private settings(): PluginSettings {
    return (this.resolvedSettings ??= pluginSettings(this.serverless, this.options, this.writeLog));
  }

  /** Built once per command: by createDeploymentArtifacts, or by the first later step of a `--package` run. */
  private async preparedPackage(): Promise<Prepared> {
    return (this.prepared ??= await preparePackage(this.settings()));
  }

  private async build(): Promise<void> {
    this.prepared = await preparePackage(this.settings());
  }

  private async compile(): Promise<void> {
    const settings = this.settings();
    const prepared = await this.preparedPackage();
    if (settings.serverlessEsbuild === 'bundles') {
      const fn = this.serverless.service.functions?.[ORIGIN_RESPONSE_FUNCTION_KEY] as { handler: string; package?: { artifact?: unknown } };
      checkBundledPackage(settings, fn.package?.artifact, fn.handler);
    }
    const provider = this.serverless.service.provider;
    provider.compiledCloudFormationTemplate = compileTemplate(provider.compiledCloudFormationTemplate, prepared);
  }

  private async intoSiteDistribution(): Promise<void> {
    const prepared = await this.preparedPackage();
    const provider = this.serverless.service.provider;
    provider.compiledCloudFormationTemplate = moveIntoSiteDistribution(provider.compiledCloudFormationTemplate, prepared);
  }
}
