/**
 * What the serverless plugin does at each step, kept out of the plugin class so it is testable: register
 * the Lambda@Edge function, build the functions and zip the origin-response bundle (so the package ships the
 * bytes the tests ran), fold the resources into the compiled template, attach after deploy and detach before
 * remove (attach mode only). The AWS SDK is loaded only by the two steps that call AWS.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFunctions, ORIGIN_RESPONSE_ENTRY, ROOT } from '../build/build-functions.ts';
import type { ProxyConfig } from '../config/proxy-config.ts';
import { DeployTemplateError } from './deploy-errors.ts';
import { readPluginConfig } from './plugin-config.ts';
import { LOGICAL_IDS, ORIGIN_RESPONSE_FUNCTION_KEY, OUTPUT_KEYS, resourceNames, type ResourceNames } from './resource-names.ts';
import { withProxyResources, type CompiledTemplate } from './serverless-template.ts';
import { moveProxyIntoSiteDistribution } from './site-distribution.ts';
import { silenceNodeVersionWarning } from '../cli/aws-clients.ts';
import { verifyCommandLine } from './verify-hint.ts';
import { zipOneFile } from './zip-one-file.ts';
import { bundledHandler, esbuildMode, type ServerlessEsbuild } from './serverless-esbuild-mode.ts';
import { CANARY_ZIP, writeCanaryPackage } from '../monitoring/build-canary.ts';
import { canaryFunction, CANARY_FUNCTION_KEY } from '../monitoring/canary-function.ts';
import { withCanaryLogRetention } from '../monitoring/monitoring-resources.ts';


export { toServerlessError } from './serverless-errors.ts';

export interface PluginSettings {
  serviceDir: string;
  service: string;
  stage: string;
  region: string;
  /** `custom.posthogProxy` as serverless resolved it: `config: FILE`, the configuration inline, or nothing. */
  custom: unknown;
  /** `custom.posthogProxy.forceIac`: attach even to a distribution owned by infrastructure code (iac-markers.ts). */
  forceIac?: boolean;
  /** serverless-esbuild's part (esbuildMode): with 'bundles' it bundles and zips the Lambda@Edge, not this plugin. */
  serverlessEsbuild?: ServerlessEsbuild;
  profile?: string;
  log: (line: string) => void;
}

/** What the hooks read from the serverless instance (serverless ships no types for it). */
export interface ServerlessLike {
  serviceDir: string;
  service: { service: string; custom?: { posthogProxy?: unknown; esbuild?: unknown }; functions?: Record<string, unknown>; plugins?: unknown };
  getProvider(name: 'aws'): { getStage(): string; getRegion(): string; getProfile(): string | undefined };
}

const forceIac = (custom: unknown) => {
  const value = custom !== null && typeof custom === 'object' ? (custom as { forceIac?: unknown }).forceIac : undefined;
  return value === true || value === 'true';
};

/** The plugin's settings from serverless.yml (`custom.posthogProxy`) and the command line. */
export function pluginSettings(serverless: ServerlessLike, options: Record<string, unknown>, log: (line: string) => void): PluginSettings {
  const provider = serverless.getProvider('aws');
  const profile = (options['aws-profile'] as string | undefined) || provider.getProfile() || undefined;
  return {
    serviceDir: serverless.serviceDir,
    service: serverless.service.service,
    stage: provider.getStage(),
    region: provider.getRegion(),
    custom: serverless.service.custom?.posthogProxy,
    ...(forceIac(serverless.service.custom?.posthogProxy) ? { forceIac: true } : {}),
    serverlessEsbuild: esbuildMode(serverless.service, serverless.serviceDir),
    ...(profile ? { profile } : {}),
    log,
  };
}

/** Where the plugin writes the Lambda@Edge package, relative to the service directory (serverless cleans .serverless/ first). */
export const ORIGIN_RESPONSE_ARTIFACT = '.serverless/originResponse.zip';
/** The file inside the zip: the handler's path with the .mjs Lambda loads as an ES module. */
export const ORIGIN_RESPONSE_ZIP_ENTRY = ORIGIN_RESPONSE_ENTRY.replace(/\.ts$/, '.mjs');

/**
 * The Lambda@Edge function the plugin adds to `functions:` (the user's serverless.yml declares nothing).
 * Function-level settings override whatever the service's provider says, since Lambda@Edge allows only these:
 * x86_64, no layers, a numbered version (CloudFront needs one), logs in each edge region rather than a
 * us-east-1 log group (AWS, "Restrictions on edge functions").
 */
export function originResponseFunction(settings: Pick<PluginSettings, 'service' | 'stage' | 'serverlessEsbuild' | 'serviceDir'>, packageDir: string = ROOT): Record<string, unknown> {
  const bundled = settings.serverlessEsbuild === 'bundles';
  const handler = bundled ? bundledHandler(settings.serviceDir, packageDir) : ORIGIN_RESPONSE_ENTRY.replace(/\.ts$/, '.handler');
  return {
    name: `${settings.service}-${settings.stage}-${ORIGIN_RESPONSE_FUNCTION_KEY}`,
    handler,
    role: LOGICAL_IDS.edgeRole,
    runtime: 'nodejs22.x',
    architecture: 'x86_64',
    memorySize: 128,
    timeout: 5,
    layers: [],
    versionFunction: true,
    disableLogs: true,
    events: [],
    // With serverless-esbuild the package is its zip of the bundle (.serverless/originResponse.zip with
    // package.individually); the pattern keeps the bundle in the zip when it sits under node_modules/, which
    // serverless-esbuild otherwise leaves out.
    package: bundled ? { patterns: [handler.replace(/\.handler$/, '.mjs')] } : { artifact: ORIGIN_RESPONSE_ARTIFACT },
    // Packaged already: serverless-esbuild, if listed with options of its own, must leave it alone.
    ...(bundled ? {} : { skipEsbuild: true }),
  };
}

/** Adds the function, refusing a user's function of the same name rather than overwriting it. */
export function registerOriginResponse(serverless: ServerlessLike, settings: Pick<PluginSettings, 'service' | 'stage' | 'serverlessEsbuild' | 'serviceDir'>): void {
  const functions = (serverless.service.functions ??= {});
  if (ORIGIN_RESPONSE_FUNCTION_KEY in functions) {
    throw new DeployTemplateError(`serverless.yml defines a function "${ORIGIN_RESPONSE_FUNCTION_KEY}"; remove it (or rename yours): the posthog-cloudfront-proxy plugin adds and packages that function itself`);
  }
  functions[ORIGIN_RESPONSE_FUNCTION_KEY] = originResponseFunction(settings);
}

/** Where preparePackage writes the canary's zip (monitoring.canary), relative to the service directory. */
export const CANARY_ARTIFACT = `dist/${CANARY_ZIP}`;

/**
 * Adds the canary function when the configuration has `monitoring.canary` (at `initialize`, like the
 * Lambda@Edge: serverless must see it before it makes the functions' role, log groups and schedules).
 */
export function registerCanary(serverless: ServerlessLike, settings: PluginSettings): void {
  const { config } = readPluginConfig(settings.custom, settings.serviceDir);
  const definition = canaryFunction(config, resourceNames(settings.stage, settings.service), CANARY_ARTIFACT);
  if (definition === null) return;
  const functions = (serverless.service.functions ??= {});
  if (CANARY_FUNCTION_KEY in functions) {
    throw new DeployTemplateError(`serverless.yml defines a function "${CANARY_FUNCTION_KEY}"; remove it (or rename yours): with monitoring.canary the posthog-cloudfront-proxy plugin adds that function itself`);
  }
  functions[CANARY_FUNCTION_KEY] = definition;
}

export interface Prepared {
  config: ProxyConfig;
  names: ResourceNames;
  viewerRequestCode: string;
  /** `custom.posthogProxy.distribution`: the user's distribution that receives the proxy, or null. */
  siteDistribution: string | null;
}

export function loadDeployConfig(settings: PluginSettings): ProxyConfig {
  return readPluginConfig(settings.custom, settings.serviceDir).config;
}

/**
 * Builds dist/ in the service directory (the build runs its checks: syntax, size, no imports) and zips
 * dist/origin-response.mjs, byte for byte, as the Lambda@Edge package; with serverless-esbuild, that plugin
 * bundles and zips it from the same options (esbuildPluginOptions) and checkBundledPackage compares the bytes.
 */
export async function preparePackage(settings: PluginSettings): Promise<Prepared> {
  if (settings.region !== 'us-east-1') {
    throw new DeployTemplateError(`the service deploys to ${settings.region}, but Lambda@Edge functions and CloudFront Functions are created in us-east-1 only; set provider.region: us-east-1 (or --region us-east-1)`);
  }
  const { config, distribution } = readPluginConfig(settings.custom, settings.serviceDir);
  const built = await buildFunctions(config, join(settings.serviceDir, 'dist'));
  if (settings.serverlessEsbuild !== 'bundles') {
    const artifact = join(settings.serviceDir, ORIGIN_RESPONSE_ARTIFACT);
    mkdirSync(join(artifact, '..'), { recursive: true });
    writeFileSync(artifact, zipOneFile(ORIGIN_RESPONSE_ZIP_ENTRY, readFileSync(built.originResponse.file)));
  }
  const mode = distribution ? `added to ${distribution}` : config.distributionId ? `attach to ${config.distributionId}` : 'new distribution';
  settings.log(`posthog-proxy: built ${built.viewerRequest.bytes}-byte viewer-request function and ${built.originResponse.bytes}-byte origin-response bundle (${mode})`);
  const names = resourceNames(settings.stage, settings.service);
  if (config.monitoring?.canary) {
    const pkg = await writeCanaryPackage(join(settings.serviceDir, 'dist'));
    settings.log(`posthog-proxy: built the ${pkg.bytes}-byte canary package (every ${config.monitoring.canary.everyMinutes} min)`);
  }
  return { config, names, viewerRequestCode: readFileSync(built.viewerRequest.file, 'utf8'), siteDistribution: distribution };
}

export function compileTemplate(template: CompiledTemplate, prepared: Prepared): CompiledTemplate {
  const compiled = withProxyResources(template, prepared.config, prepared.names, prepared.viewerRequestCode);
  return { ...compiled, Resources: withCanaryLogRetention(compiled.Resources, prepared.config) };
}

/**
 * Site mode: the generated distribution's origins and behaviors move into the user's own distribution. Only
 * once the framework has merged the service's `resources:` into the compiled template (its
 * aws:package:finalize:mergeCustomProviderResources step, after every compile step), since that is where the
 * user's distribution first appears. Without site mode, the template as it is.
 */
export function moveIntoSiteDistribution(template: CompiledTemplate, prepared: Prepared): CompiledTemplate {
  if (prepared.siteDistribution === null) return template;
  return moveProxyIntoSiteDistribution(template, { generated: LOGICAL_IDS.distribution, site: prepared.siteDistribution }, OUTPUT_KEYS, prepared.config.pathPrefix);
}

/** The SDK clients, imported here and only here: packaging and the CLI's other commands never load them. */
async function clients(settings: PluginSettings) {
  const [{ CloudFrontClient }, { CloudFormationClient }] = await Promise.all([import('@aws-sdk/client-cloudfront'), import('@aws-sdk/client-cloudformation')]);
  silenceNodeVersionWarning();
  const common = { region: 'us-east-1', ...(settings.profile ? { profile: settings.profile } : {}) };
  return { cloudFront: new CloudFrontClient(common), cloudFormation: new CloudFormationClient(common) };
}

export async function afterDeploy(settings: PluginSettings): Promise<void> {
  const config = loadDeployConfig(settings);
  const { cloudFront, cloudFormation } = await clients(settings);
  const stackName = resourceNames(settings.stage, settings.service).stackName;
  if (config.distributionId !== null) await attachAfterDeploy(settings, config, cloudFront, cloudFormation);
  // The next step the README gives: check the proxy from the outside. The URL is the stack's ProxyUrl output.
  try {
    const { DescribeStacksCommand } = await import('@aws-sdk/client-cloudformation');
    const { Stacks } = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
    const url = Stacks?.[0]?.Outputs?.find((o) => o.OutputKey === OUTPUT_KEYS.proxyUrl)?.OutputValue;
    if (url) settings.log(`posthog-proxy: deployed; check it with\n  ${verifyCommandLine(url, config)}`);
  } catch {
    // Only a hint: the deploy itself succeeded.
  }
}

/**
 * Attach mode, before CloudFormation deploys anything: a distribution owned by infrastructure code is refused
 * now, rather than after a stack that can never be attached is up (attach checks again after the deploy).
 * A distribution id that does not exist, or no credentials, fail here too, before the long deploy.
 */
export async function beforeDeploy(settings: PluginSettings): Promise<void> {
  const config = loadDeployConfig(settings);
  if (config.distributionId === null) return;
  const { cloudFront } = await clients(settings);
  const { checkIacOwnership } = await import('./attach-flow.ts');
  await checkIacOwnership({ cloudFront, distributionId: config.distributionId, stage: settings.stage, forceIac: settings.forceIac ?? false, log: () => {} });
}

async function attachAfterDeploy(
  settings: PluginSettings,
  config: ProxyConfig,
  cloudFront: Awaited<ReturnType<typeof clients>>['cloudFront'],
  cloudFormation: Awaited<ReturnType<typeof clients>>['cloudFormation'],
): Promise<void> {
  if (config.distributionId === null) return;
  const { attachToDistribution } = await import('./attach-flow.ts');
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
  const { cloudFront } = await clients(settings);
  const [{ applyDistributionEdit }, { detachEdit }] = await Promise.all([import('./attach-distribution.ts'), import('./attach-edit.ts')]);
  await applyDistributionEdit({ client: cloudFront, distributionId: config.distributionId, edit: (c) => detachEdit(c, resourceNames(settings.stage, settings.service).stackName), log: settings.log });
}
