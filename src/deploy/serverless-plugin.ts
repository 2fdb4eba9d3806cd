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
  checkBundledPackage,
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

  private settings(): PluginSettings {
    return pluginSettings(this.serverless, this.options, this.writeLog);
  }

  private async build(): Promise<void> {
    this.prepared = await preparePackage(this.settings());
  }

  private async compile(): Promise<void> {
    const settings = this.settings();
    this.prepared ??= await preparePackage(settings);
    if (settings.serverlessEsbuild === 'bundles') {
      const fn = this.serverless.service.functions?.[ORIGIN_RESPONSE_FUNCTION_KEY] as { handler: string; package?: { artifact?: unknown } };
      checkBundledPackage(settings, fn.package?.artifact, fn.handler);
    }
    const provider = this.serverless.service.provider;
    provider.compiledCloudFormationTemplate = compileTemplate(provider.compiledCloudFormationTemplate, this.prepared);
  }

  private async intoSiteDistribution(): Promise<void> {
    this.prepared ??= await preparePackage(this.settings());
    const provider = this.serverless.service.provider;
    provider.compiledCloudFormationTemplate = moveIntoSiteDistribution(provider.compiledCloudFormationTemplate, this.prepared);
  }
}
