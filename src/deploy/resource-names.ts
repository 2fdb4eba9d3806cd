/**
 * Names shared by the serverless service, the CloudFormation resources and the attach command: the stack's
 * name, the account-unique names of the CloudFront Function and policies, logical ids and output keys.
 */

import { createHash } from 'node:crypto';

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
  cachePolicy: string;
  originRequestPolicy: string;
}

/** CloudFront Function and policy names are unique per account, so they carry the stage. */
export function resourceNames(stage: string, service: string = SERVICE_NAME): ResourceNames {
  const stackName = `${service}-${stage}`;
  return {
    stackName,
    cachePolicy: `${stackName}-cache`.slice(0, 128),
    originRequestPolicy: `${stackName}-origin-request`.slice(0, 128),
  };
}

/** CloudFront Function names: at most 64 characters of [A-Za-z0-9_-] (AWS, CreateFunction API reference). */
const FUNCTION_NAME_MAX = 64;
const VR_MARK = '-vr-';
const HASH_LENGTH = 8;
/** The part of a stack name that fits in front of `-vr-<hash>`. */
const STACK_ROOM = FUNCTION_NAME_MAX - VR_MARK.length - HASH_LENGTH;

/**
 * The viewer-request CloudFront Function of one layout: `<stack>-vr-<first 8 hex of sha256(code)>`. A new
 * code (another prefix, origin rule, host) is a new function, so the one the distribution runs is never
 * rewritten in place: in attach mode the behaviors, this function and the Lambda@Edge version switch
 * together in one UpdateDistribution (docs/attach-and-prune.md, "No broken window"). The name is also the
 * ownership mark attach and detach read: a behavior is a stack's when its viewer-request function is.
 */
export function viewerRequestFunctionName(stackName: string, code: string): string {
  const hash = createHash('sha256').update(code).digest('hex').slice(0, HASH_LENGTH);
  return `${stackKey(stackName)}${VR_MARK}${hash}`;
}

/** A stack name as function names carry it (cut to the room a function name leaves). */
export function stackKey(stackName: string): string {
  return stackName.slice(0, STACK_ROOM);
}

/** The function name in a CloudFront Function ARN (`arn:aws:cloudfront::123456789012:function/<name>`). */
export function functionNameOfArn(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/**
 * Which stack (as stackKey() cuts it) a viewer-request function belongs to, from its name: this version's
 * `<stack>-vr-<hash>` or the earlier fixed `<stack>-viewer-request`; null for anyone else's function.
 */
export function stackKeyOfFunction(functionName: string): string | null {
  const current = /^(.+)-vr-[0-9a-f]{8}$/.exec(functionName);
  if (current) return current[1];
  const legacy = /^(.+)-viewer-request$/.exec(functionName);
  return legacy ? stackKey(legacy[1]) : null;
}
