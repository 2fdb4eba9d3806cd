/**
 * The snippet as CloudFormation (JSON, which a YAML template accepts as is): the items to add to the user's
 * AWS::CloudFront::Distribution `DistributionConfig.Origins` and, ahead of its own, `CacheBehaviors`.
 * Field for field the same origins and behaviors as the proxy's own template (cloudformation-resources.ts).
 */
import type { OutputRef, SnippetModel } from './snippet-model.ts';
import { PROXY_STACK_REGION } from './snippet-model.ts';

export interface CloudFormationSnippet {
  Origins: Record<string, unknown>[];
  CacheBehaviors: Record<string, unknown>[];
}

/** `Fn::ImportValue` of the export, or `Fn::GetStackOutput` of the output in us-east-1. */
export function cfnReference(ref: OutputRef): Record<string, unknown> {
  return ref.kind === 'import'
    ? { 'Fn::ImportValue': ref.exportName }
    : { 'Fn::GetStackOutput': { StackName: ref.stackName, OutputName: ref.outputKey, Region: PROXY_STACK_REGION } };
}

export function cloudFormationSnippet(model: SnippetModel): CloudFormationSnippet {
  const c = model.connection;
  return {
    Origins: model.origins.map((o) => ({
      Id: o.id,
      DomainName: cfnReference(o.domainName),
      ConnectionAttempts: c.connectionAttempts,
      ConnectionTimeout: c.connectionTimeoutSeconds,
      CustomOriginConfig: {
        OriginProtocolPolicy: c.protocolPolicy,
        OriginSSLProtocols: [...c.sslProtocols],
        HTTPPort: c.httpPort,
        HTTPSPort: c.httpsPort,
        OriginReadTimeout: c.readTimeoutSeconds,
        OriginKeepaliveTimeout: c.keepaliveTimeoutSeconds,
      },
      OriginCustomHeaders: Object.entries(o.customHeaders).map(([HeaderName, HeaderValue]) => ({ HeaderName, HeaderValue })),
    })),
    CacheBehaviors: model.behaviors.map((b) => ({
      PathPattern: b.pathPattern,
      TargetOriginId: b.originId,
      ViewerProtocolPolicy: model.viewerProtocolPolicy,
      AllowedMethods: [...b.allowedMethods],
      CachedMethods: [...b.cachedMethods],
      Compress: true,
      CachePolicyId: cfnReference(model.cachePolicyId),
      OriginRequestPolicyId: cfnReference(model.originRequestPolicyId),
      FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: cfnReference(model.viewerRequestFunctionArn) }],
      LambdaFunctionAssociations: b.originResponse ? [{ EventType: 'origin-response', LambdaFunctionARN: cfnReference(b.originResponse), IncludeBody: false }] : [],
    })),
  };
}

export function renderCloudFormation(model: SnippetModel): string {
  return `${JSON.stringify(cloudFormationSnippet(model), null, 2)}\n`;
}
