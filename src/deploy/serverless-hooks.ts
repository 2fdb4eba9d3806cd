/**
 * What the serverless plugin does at each step, kept out of the plugin file so it is TypeScript and
 * testable: build the functions (so the package ships the bytes the tests ran), fold the resources into
 * the compiled template, attach after deploy and detach before remove (attach mode only).
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { buildFunctions, originResponseOptions } from '../build/build-functions.ts';
import { loadConfig } from '../config/load-config.ts';
import type { ProxyConfig } from '../config/proxy-config.ts';
import { applyDistributionEdit } from './attach-distribution.ts';
import { detachEdit } from './attach-edit.ts';
import { attachToDistribution } from './attach-flow.ts';
import { resourceNames, type ResourceNames } from './resource-names.ts';
import { withProxyResources, type CompiledTemplate } from './serverless-template.ts';

export { toServerlessError } from './serverless-errors.ts';

export interface PluginSettings {
  serviceDir: string;
  service: string;
  stage: string;
  /** `custom.posthogProxy.config`: the configuration file, relative to the service directory. */
  configFile: string;
  /** `custom.posthogProxy.distributionId` (e.g. from `params.<stage>`); empty means "use the file's". */
  distributionId: string | null;
  /** `custom.posthogProxy.forceIac`: attach even to a distribution owned by infrastructure code (iac-markers.ts). */
  forceIac?: boolean;
  profile?: string;
  log: (line: string) => void;
}

/** What the hooks read from the serverless instance (serverless ships no types for it). */
export interface ServerlessLike {
  serviceDir: string;
  service: { service: string; custom?: { posthogProxy?: { config?: string; distributionId?: string; forceIac?: boolean | string } } };
  getProvider(name: 'aws'): { getStage(): string; getProfile(): string | undefined };
}

/** The plugin's settings from serverless.yml (`custom.posthogProxy`) and the command line. */
export function pluginSettings(serverless: ServerlessLike, options: Record<string, unknown>, log: (line: string) => void): PluginSettings {
  const custom = serverless.service.custom?.posthogProxy ?? {};
  const provider = serverless.getProvider('aws');
  const profile = (options['aws-profile'] as string | undefined) || provider.getProfile() || undefined;
  return {
    serviceDir: serverless.serviceDir,
    service: serverless.service.service,
    stage: provider.getStage(),
    configFile: custom.config || 'posthog-proxy.config.json',
    distributionId: custom.distributionId || null,
    ...(custom.forceIac === true || custom.forceIac === 'true' ? { forceIac: true } : {}),
    ...(profile ? { profile } : {}),
    log,
  };
}

/**
 * serverless-esbuild's options (serverless.yml `custom.esbuild.config`): the origin-response options for the
 * selected configuration, an `.mjs` output, and no externals, so it installs nothing and bundles exactly what
 * buildOriginResponse does. serverless-esbuild supplies the entry point from the function's handler.
 */
export function esbuildPluginOptions(settings: PluginSettings): Record<string, unknown> {
  return { ...originResponseOptions(loadDeployConfig(settings)), outputFileExtension: '.mjs', external: [], exclude: [] };
}

export interface Prepared {
  config: ProxyConfig;
  names: ResourceNames;
  viewerRequestCode: string;
}

export function loadDeployConfig(settings: PluginSettings): ProxyConfig {
  const file = isAbsolute(settings.configFile) ? settings.configFile : join(settings.serviceDir, settings.configFile);
  return loadConfig(file, settings.distributionId ? { distributionId: settings.distributionId } : {});
}

/**
 * Builds dist/ in the service directory: the viewer-request code goes into the template; the origin-response
 * build runs its checks (no imports, size budget) on the bytes serverless-esbuild packages from the same options.
 */
export async function preparePackage(settings: PluginSettings): Promise<Prepared> {
  const config = loadDeployConfig(settings);
  const built = await buildFunctions(config, join(settings.serviceDir, 'dist'));
  settings.log(`posthog-proxy: built ${built.viewerRequest.bytes}-byte viewer-request function and ${built.originResponse.bytes}-byte origin-response bundle (${config.distributionId ? `attach to ${config.distributionId}` : 'new distribution'})`);
  return { config, names: resourceNames(settings.stage, settings.service), viewerRequestCode: readFileSync(built.viewerRequest.file, 'utf8') };
}

export function compileTemplate(template: CompiledTemplate, prepared: Prepared): CompiledTemplate {
  return withProxyResources(template, prepared.config, prepared.names, prepared.viewerRequestCode);
}

function clients(settings: PluginSettings) {
  const common = { region: 'us-east-1', ...(settings.profile ? { profile: settings.profile } : {}) };
  return { cloudFront: new CloudFrontClient(common), cloudFormation: new CloudFormationClient(common) };
}

export async function afterDeploy(settings: PluginSettings): Promise<void> {
  const config = loadDeployConfig(settings);
  if (config.distributionId === null) return;
  const { cloudFront, cloudFormation } = clients(settings);
  await attachToDistribution({
    cloudFront,
    cloudFormation,
    config,
    distributionId: config.distributionId,
    stackName: resourceNames(settings.stage, settings.service).stackName,
    stage: settings.stage,
    forceIac: settings.forceIac ?? false,
    log: settings.log,
  });
}

/** Detach first: CloudFormation cannot delete a function or policy a distribution still uses. */
export async function beforeRemove(settings: PluginSettings): Promise<void> {
  const config = loadDeployConfig(settings);
  if (config.distributionId === null) return;
  const { cloudFront } = clients(settings);
  await applyDistributionEdit({ client: cloudFront, distributionId: config.distributionId, edit: (c) => detachEdit(c, resourceNames(settings.stage, settings.service).stackName), log: settings.log });
}
