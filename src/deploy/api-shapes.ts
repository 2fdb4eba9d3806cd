/**
 * The proxy's origins and behaviors in the CloudFront API's own shapes (every list a `{Quantity, Items}`),
 * as GetDistributionConfig returns them and UpdateDistribution takes them. Built from the same
 * distributionLayout() as the CloudFormation resources.
 */
import type { CacheBehavior, Origin } from '@aws-sdk/client-cloudfront';
import { ORIGIN_CONNECTION, VIEWER_PROTOCOL_POLICY, type BehaviorLayout, type OriginLayout } from '../distribution/distribution-layout.ts';

/** What attach associates: read from the stack's outputs (see stack-outputs.ts). */
export interface DeployedIds {
  viewerRequestFunctionArn: string;
  cachePolicyId: string;
  originRequestPolicyId: string;
  /** A numbered version: CloudFront refuses $LATEST and aliases for Lambda@Edge. */
  originResponseVersionArn: string;
}

function list<T>(items: readonly T[]): { Quantity: number; Items?: T[] } {
  return items.length === 0 ? { Quantity: 0 } : { Quantity: items.length, Items: [...items] };
}

export function apiOrigin(origin: OriginLayout): Origin {
  return {
    Id: origin.id,
    DomainName: origin.domainName,
    OriginPath: '',
    CustomHeaders: list(Object.entries(origin.customHeaders).map(([HeaderName, HeaderValue]) => ({ HeaderName, HeaderValue }))),
    CustomOriginConfig: {
      HTTPPort: ORIGIN_CONNECTION.httpPort,
      HTTPSPort: ORIGIN_CONNECTION.httpsPort,
      OriginProtocolPolicy: ORIGIN_CONNECTION.protocolPolicy,
      OriginSslProtocols: { Quantity: ORIGIN_CONNECTION.sslProtocols.length, Items: [...ORIGIN_CONNECTION.sslProtocols] },
      OriginReadTimeout: ORIGIN_CONNECTION.readTimeoutSeconds,
      OriginKeepaliveTimeout: ORIGIN_CONNECTION.keepaliveTimeoutSeconds,
    },
    ConnectionAttempts: ORIGIN_CONNECTION.connectionAttempts,
    ConnectionTimeout: ORIGIN_CONNECTION.connectionTimeoutSeconds,
    OriginShield: { Enabled: false },
    OriginAccessControlId: '',
  };
}

export function apiBehavior(behavior: BehaviorLayout & { pathPattern: string }, ids: DeployedIds): CacheBehavior {
  return {
    PathPattern: behavior.pathPattern,
    TargetOriginId: behavior.originId,
    TrustedSigners: { Enabled: false, Quantity: 0 },
    TrustedKeyGroups: { Enabled: false, Quantity: 0 },
    ViewerProtocolPolicy: VIEWER_PROTOCOL_POLICY,
    AllowedMethods: {
      ...list(behavior.allowedMethods),
      CachedMethods: list(behavior.cachedMethods),
    } as CacheBehavior['AllowedMethods'],
    SmoothStreaming: false,
    Compress: true,
    LambdaFunctionAssociations: list(
      behavior.originResponse ? [{ LambdaFunctionARN: ids.originResponseVersionArn, EventType: 'origin-response' as const, IncludeBody: false }] : [],
    ),
    FunctionAssociations: list([{ FunctionARN: ids.viewerRequestFunctionArn, EventType: 'viewer-request' as const }]),
    FieldLevelEncryptionId: '',
    CachePolicyId: ids.cachePolicyId,
    OriginRequestPolicyId: ids.originRequestPolicyId,
  };
}
