/**
 * Names shared by the serverless service, the CloudFormation resources and the attach command: the stack's
 * name, the account-unique names of the CloudFront Function and policies, logical ids and output keys.
 */

/** `service:` in serverless.yml; a test keeps the two equal. */
export const SERVICE_NAME = 'posthog-proxy';

/** The serverless function key of the Lambda@Edge, so its logical id is `OriginResponseLambdaFunction`. */
export const ORIGIN_RESPONSE_FUNCTION_KEY = 'originResponse';

export const LOGICAL_IDS = {
  viewerRequestFunction: 'PosthogProxyViewerRequestFunction',
  cachePolicy: 'PosthogProxyCachePolicy',
  originRequestPolicy: 'PosthogProxyOriginRequestPolicy',
  edgeRole: 'PosthogProxyEdgeRole',
  distribution: 'PosthogProxyDistribution',
  originResponseFunction: 'OriginResponseLambdaFunction',
} as const;

/** Stack outputs; attach reads the first four to find what to associate. */
export const OUTPUT_KEYS = {
  viewerRequestFunctionArn: 'ViewerRequestFunctionArn',
  cachePolicyId: 'CachePolicyId',
  originRequestPolicyId: 'OriginRequestPolicyId',
  originResponseVersionArn: 'OriginResponseVersionArn',
  distributionId: 'DistributionId',
  distributionDomainName: 'DistributionDomainName',
  proxyUrl: 'ProxyUrl',
  posthogInit: 'PosthogInitSnippet',
  mainOriginDomain: 'MainOriginDomain',
  assetsOriginDomain: 'AssetsOriginDomain',
  originResponseFunctionName: 'OriginResponseFunctionName',
} as const;

/**
 * Tag on the Lambda@Edge function (value: the stack name). The function has no fixed name and outlives its
 * stack (see serverless-template.ts), so `prune` finds this proxy's retained functions by this tag.
 */
export const FUNCTION_STACK_TAG = 'posthog-cloudfront-proxy:stack';

/** The CloudFormation export name of an output: `<stack>-<OutputKey>` (see stack-exports.ts). */
export function exportName(stackName: string, outputKey: string): string {
  return `${stackName}-${outputKey}`;
}

export interface ResourceNames {
  stackName: string;
  viewerRequestFunction: string;
  cachePolicy: string;
  originRequestPolicy: string;
}

/** CloudFront Function and policy names are unique per account, so they carry the stage. */
export function resourceNames(stage: string, service: string = SERVICE_NAME): ResourceNames {
  const stackName = `${service}-${stage}`;
  return {
    stackName,
    viewerRequestFunction: `${stackName}-viewer-request`.slice(0, 64),
    cachePolicy: `${stackName}-cache`.slice(0, 128),
    originRequestPolicy: `${stackName}-origin-request`.slice(0, 128),
  };
}
