/**
 * What `posthog-cloudfront snippet` prints, as plain data before any format: the proxy's origins and
 * behaviors for the user's own distribution, with every id a reference to the proxy stack's outputs.
 * One model, three renderers (CloudFormation, Terraform, CDK), so the formats cannot drift apart.
 *
 * References (see stack-exports.ts for the why): outputs in STABLE_OUTPUTS are imported with Fn::ImportValue
 * when the consuming stack is in the proxy's Region (us-east-1); the rest, and everything for a stack in
 * another Region, are read with Fn::GetStackOutput, which needs no export, does not lock the value, and works
 * across Regions (AWS CloudFormation Template Reference, "Fn::GetStackOutput").
 */
import type { ProxyConfig } from '../../config/proxy-config.ts';
import { distributionLayout, ORIGIN_CONNECTION, VIEWER_PROTOCOL_POLICY } from '../../distribution/distribution-layout.ts';
import { SnippetError } from './snippet-errors.ts';
import { exportName, OUTPUT_KEYS, resourceNames } from '../resource-names.ts';
import { STABLE_OUTPUTS } from '../stack-exports.ts';

/** Where the proxy stack lives: Lambda@Edge and CloudFront Functions are created in us-east-1 only. */
export const PROXY_STACK_REGION = 'us-east-1';

/** A value of the proxy stack, read by the consuming stack. */
export interface OutputRef {
  kind: 'import' | 'stack-output';
  stackName: string;
  outputKey: string;
  /** For `import`: `<stack>-<OutputKey>`. */
  exportName: string;
}

export interface SnippetOrigin {
  id: string;
  domainName: OutputRef;
  customHeaders: Readonly<Record<string, string>>;
}

export interface SnippetBehavior {
  pathPattern: string;
  originId: string;
  allowedMethods: readonly string[];
  cachedMethods: readonly string[];
  /** Present on the asset behaviors only (see distribution-layout.ts). */
  originResponse: OutputRef | null;
}

export interface SnippetModel {
  stackName: string;
  /** Region of the stack the snippet is pasted into. */
  consumerRegion: string;
  pathPrefix: string;
  connection: typeof ORIGIN_CONNECTION;
  viewerProtocolPolicy: typeof VIEWER_PROTOCOL_POLICY;
  cachePolicyId: OutputRef;
  originRequestPolicyId: OutputRef;
  viewerRequestFunctionArn: OutputRef;
  origins: SnippetOrigin[];
  /** Most specific first: they go ahead of the distribution's own behaviors. */
  behaviors: SnippetBehavior[];
}

export interface SnippetOptions {
  stage: string;
  /** Overrides the stack name derived from the stage. */
  stackName?: string;
  /** Region of the stack that receives the snippet; default us-east-1. */
  consumerRegion?: string;
}

export function snippetModel(config: ProxyConfig, options: SnippetOptions): SnippetModel {
  if (config.pathPrefix === '') {
    throw new SnippetError('the snippet puts the proxy on your own distribution, beside your site, so it needs a "pathPrefix" (e.g. "/k7x2") in the configuration');
  }
  const stackName = options.stackName ?? resourceNames(options.stage).stackName;
  const consumerRegion = options.consumerRegion ?? PROXY_STACK_REGION;
  const ref = (outputKey: string): OutputRef => ({
    kind: consumerRegion === PROXY_STACK_REGION && (STABLE_OUTPUTS as readonly string[]).includes(outputKey) ? 'import' : 'stack-output',
    stackName,
    outputKey,
    exportName: exportName(stackName, outputKey),
  });
  // The user's distribution keeps its own default behavior: the proxy's behaviors are the attach layout's.
  const layout = distributionLayout({ ...config, distributionId: config.distributionId ?? 'E000SNIPPET' });
  const domainKey = { main: OUTPUT_KEYS.mainOriginDomain, assets: OUTPUT_KEYS.assetsOriginDomain } as const;
  return {
    stackName,
    consumerRegion,
    pathPrefix: config.pathPrefix,
    connection: ORIGIN_CONNECTION,
    viewerProtocolPolicy: VIEWER_PROTOCOL_POLICY,
    cachePolicyId: ref(OUTPUT_KEYS.cachePolicyId),
    originRequestPolicyId: ref(OUTPUT_KEYS.originRequestPolicyId),
    viewerRequestFunctionArn: ref(OUTPUT_KEYS.viewerRequestFunctionArn),
    origins: layout.origins.map((o) => ({ id: o.id, domainName: ref(domainKey[o.upstream]), customHeaders: o.customHeaders })),
    behaviors: layout.behaviors.filter((b) => b.pathPattern !== null).map((b) => ({
      pathPattern: b.pathPattern!,
      originId: b.originId,
      allowedMethods: b.allowedMethods,
      cachedMethods: b.cachedMethods,
      originResponse: b.originResponse ? ref(OUTPUT_KEYS.originResponseVersionArn) : null,
    })),
  };
}
