/**
 * The CloudFormation resources of the proxy, as a pure function of the configuration and the built
 * viewer-request code: the CloudFront Function, the cache and origin request policies, the Lambda@Edge
 * role and, for a new distribution, the distribution itself, plus the outputs attach and users need.
 * Origins, behaviors, methods and policies all come from distributionLayout(), which the local edge and
 * the attach step read too.
 */
import type { ProxyConfig } from '../config/proxy-config.ts';
import {
  distributionLayout,
  ORIGIN_CONNECTION,
  VIEWER_PROTOCOL_POLICY,
  type BehaviorLayout,
  type DistributionLayout,
  type OriginLayout,
} from '../distribution/distribution-layout.ts';
import { distributionDomainProperties, domainResources, proxyOriginFor } from './domain-resources.ts';
import { posthogInitSnippet } from './init-snippet.ts';
import { LOGICAL_IDS, OUTPUT_KEYS, viewerRequestFunctionName, type ResourceNames } from './resource-names.ts';
import { withExports } from './stack-exports.ts';
import { monitoringResources } from '../monitoring/monitoring-resources.ts';

/** A CloudFormation value: a literal or an intrinsic function such as `{ Ref: … }`. */
export type CfnValue = unknown;
export type CfnResources = Record<string, { Type: string; Properties: Record<string, unknown>; [key: string]: unknown }>;
export type CfnOutputs = Record<string, { Value: CfnValue; Description?: string; Export?: { Name: CfnValue } }>;

export interface ResourceInputs {
  names: ResourceNames;
  /** dist/viewer-request.js exactly as built: what CloudFront runs is what the tests ran. */
  viewerRequestCode: string;
  /** The numbered Lambda@Edge version ARN, usually `{ Ref: <the AWS::Lambda::Version logical id> }`. */
  originResponseVersionArn: CfnValue;
}

const ref = (logicalId: string) => ({ Ref: logicalId });
const functionArn = { 'Fn::GetAtt': [LOGICAL_IDS.viewerRequestFunction, 'FunctionARN'] };

export function cfnOrigin(origin: OriginLayout): Record<string, unknown> {
  return {
    Id: origin.id,
    DomainName: origin.domainName,
    ConnectionAttempts: ORIGIN_CONNECTION.connectionAttempts,
    ConnectionTimeout: ORIGIN_CONNECTION.connectionTimeoutSeconds,
    CustomOriginConfig: {
      OriginProtocolPolicy: ORIGIN_CONNECTION.protocolPolicy,
      OriginSSLProtocols: [...ORIGIN_CONNECTION.sslProtocols],
      HTTPPort: ORIGIN_CONNECTION.httpPort,
      HTTPSPort: ORIGIN_CONNECTION.httpsPort,
      OriginReadTimeout: ORIGIN_CONNECTION.readTimeoutSeconds,
      OriginKeepaliveTimeout: ORIGIN_CONNECTION.keepaliveTimeoutSeconds,
    },
    OriginCustomHeaders: Object.entries(origin.customHeaders).map(([HeaderName, HeaderValue]) => ({ HeaderName, HeaderValue })),
  };
}

function cfnBehavior(behavior: BehaviorLayout, versionArn: CfnValue): Record<string, unknown> {
  return {
    ...(behavior.pathPattern === null ? {} : { PathPattern: behavior.pathPattern }),
    TargetOriginId: behavior.originId,
    ViewerProtocolPolicy: VIEWER_PROTOCOL_POLICY,
    AllowedMethods: [...behavior.allowedMethods],
    CachedMethods: [...behavior.cachedMethods],
    Compress: true,
    CachePolicyId: ref(LOGICAL_IDS.cachePolicy),
    OriginRequestPolicyId: ref(LOGICAL_IDS.originRequestPolicy),
    FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: functionArn }],
    LambdaFunctionAssociations: behavior.originResponse
      ? [{ EventType: 'origin-response', LambdaFunctionARN: versionArn, IncludeBody: false }]
      : [],
  };
}

function cachePolicy(layout: DistributionLayout, name: string) {
  const p = layout.cachePolicy;
  return {
    Type: 'AWS::CloudFront::CachePolicy',
    Properties: {
      CachePolicyConfig: {
        Name: name,
        Comment: 'PostHog proxy: Origin and Authorization in the key, every query string, no cookies',
        MinTTL: p.minTtl,
        DefaultTTL: p.defaultTtl,
        MaxTTL: p.maxTtl,
        ParametersInCacheKeyAndForwardedToOrigin: {
          EnableAcceptEncodingGzip: p.gzip,
          EnableAcceptEncodingBrotli: p.brotli,
          HeadersConfig: { HeaderBehavior: 'whitelist', Headers: [...p.headers] },
          QueryStringsConfig: { QueryStringBehavior: p.queryStrings },
          CookiesConfig: { CookieBehavior: p.cookies },
        },
      },
    },
  };
}

function originRequestPolicy(layout: DistributionLayout, name: string) {
  const p = layout.originRequestPolicy;
  return {
    Type: 'AWS::CloudFront::OriginRequestPolicy',
    Properties: {
      OriginRequestPolicyConfig: {
        Name: name,
        Comment: 'PostHog proxy: the viewer headers PostHog reads, never Cookie or Host',
        HeadersConfig: { HeaderBehavior: 'whitelist', Headers: [...p.headers] },
        QueryStringsConfig: { QueryStringBehavior: p.queryStrings },
        CookiesConfig: { CookieBehavior: p.cookies },
      },
    },
  };
}

/** Lambda@Edge runs as this role in every region, so edgelambda must be able to assume it too. */
const EDGE_ROLE = {
  Type: 'AWS::IAM::Role',
  Properties: {
    AssumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com', 'edgelambda.amazonaws.com'] }, Action: 'sts:AssumeRole' }],
    },
    ManagedPolicyArns: [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }],
  },
};

function distribution(config: ProxyConfig, layout: DistributionLayout, versionArn: CfnValue) {
  const [defaults, ...rest] = [...layout.behaviors].reverse();
  return {
    Type: 'AWS::CloudFront::Distribution',
    Properties: {
      DistributionConfig: {
        Enabled: true,
        Comment: `PostHog proxy (${config.apiHost})`,
        HttpVersion: 'http2and3',
        IPV6Enabled: true,
        Origins: layout.origins.map(cfnOrigin),
        DefaultCacheBehavior: cfnBehavior(defaults, versionArn),
        CacheBehaviors: rest.reverse().map((b) => cfnBehavior(b, versionArn)),
        ...distributionDomainProperties(config),
      },
    },
  };
}

/** Every resource and output the proxy adds to the stack, for the configuration's mode. */
export function cloudFormationResources(config: ProxyConfig, inputs: ResourceInputs): { Resources: CfnResources; Outputs: CfnOutputs } {
  const layout = distributionLayout(config);
  const Resources: CfnResources = {
    [LOGICAL_IDS.viewerRequestFunction]: {
      Type: 'AWS::CloudFront::Function',
      // One function per code (viewerRequestFunctionName): a function's name cannot be updated (CloudFront API
      // Reference, UpdateFunction), so a new code is a new function, never the live one rewritten. In attach
      // mode the old one stays (UpdateReplacePolicy, CloudFormation User Guide) and keeps serving the old
      // behaviors until attach switches behaviors, function and Lambda@Edge version in one UpdateDistribution,
      // then deletes it. A new distribution switches inside the stack update.
      ...(layout.mode === 'attach' ? { UpdateReplacePolicy: 'Retain' } : {}),
      Properties: {
        Name: viewerRequestFunctionName(inputs.names.stackName, inputs.viewerRequestCode),
        AutoPublish: true,
        FunctionCode: inputs.viewerRequestCode,
        FunctionConfig: { Comment: 'PostHog proxy viewer-request', Runtime: 'cloudfront-js-2.0' },
      },
    },
    [LOGICAL_IDS.cachePolicy]: cachePolicy(layout, inputs.names.cachePolicy),
    [LOGICAL_IDS.originRequestPolicy]: originRequestPolicy(layout, inputs.names.originRequestPolicy),
    [LOGICAL_IDS.edgeRole]: EDGE_ROLE,
  };
  const Outputs: CfnOutputs = {
    [OUTPUT_KEYS.viewerRequestFunctionArn]: { Value: functionArn },
    [OUTPUT_KEYS.cachePolicyId]: { Value: ref(LOGICAL_IDS.cachePolicy) },
    [OUTPUT_KEYS.originRequestPolicyId]: { Value: ref(LOGICAL_IDS.originRequestPolicy) },
    [OUTPUT_KEYS.originResponseVersionArn]: { Value: inputs.originResponseVersionArn },
    [OUTPUT_KEYS.mainOriginDomain]: { Value: layout.origins.find((o) => o.upstream === 'main')!.domainName },
    [OUTPUT_KEYS.assetsOriginDomain]: { Value: layout.origins.find((o) => o.upstream === 'assets')!.domainName },
  };
  if (layout.mode === 'new') {
    Resources[LOGICAL_IDS.distribution] = distribution(config, layout, inputs.originResponseVersionArn);
    const domain = { 'Fn::GetAtt': [LOGICAL_IDS.distribution, 'DomainName'] };
    Outputs[OUTPUT_KEYS.distributionId] = { Value: ref(LOGICAL_IDS.distribution) };
    Outputs[OUTPUT_KEYS.distributionDomainName] = { Value: domain };
    Object.assign(Resources, domainResources(config));
    const proxy = proxyOriginFor(config);
    const sub = (text: string) => (proxy.needsSub ? { 'Fn::Sub': text } : text);
    Outputs[OUTPUT_KEYS.proxyUrl] = { Value: sub(`${proxy.origin}${config.pathPrefix}`) };
    Outputs[OUTPUT_KEYS.posthogInit] = {
      Description: 'Paste into your site; replace the placeholder with your project API key',
      Value: sub(posthogInitSnippet(config, proxy.origin)),
    };
  } else {
    Outputs[OUTPUT_KEYS.distributionId] = { Value: config.distributionId, Description: 'The existing distribution the proxy is attached to' };
  }
  const monitoring = monitoringResources(config, {
    stackName: inputs.names.stackName,
    distributionId: layout.mode === 'new' ? ref(LOGICAL_IDS.distribution) : config.distributionId,
    viewerRequestFunctionName: viewerRequestFunctionName(inputs.names.stackName, inputs.viewerRequestCode),
  });
  Object.assign(Resources, monitoring.Resources);
  Object.assign(Outputs, monitoring.Outputs);
  return { Resources, Outputs: withExports(Outputs) };
}
