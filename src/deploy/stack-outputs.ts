/**
 * Where attach finds the ids of what the stack deployed: the stack's outputs (see OUTPUT_KEYS). One source
 * for both the post-deploy hook and the `attach` command, and no guessing by name.
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import type { DeployedIds } from './api-shapes.ts';
import { awsErrorToProxyError } from '../errors/aws-errors.ts';
import { StackOutputsError } from './deploy-errors.ts';
import { OUTPUT_KEYS } from './resource-names.ts';

const LAMBDA_VERSION_ARN = /^arn:aws[a-z-]*:lambda:us-east-1:\d{12}:function:[A-Za-z0-9_-]+:\d+$/;

/** Checks a stack's outputs and picks the ids attach needs. */
export function deployedIdsFrom(outputs: Record<string, string | undefined>, stackName: string): DeployedIds {
  const keys = [OUTPUT_KEYS.viewerRequestFunctionArn, OUTPUT_KEYS.cachePolicyId, OUTPUT_KEYS.originRequestPolicyId, OUTPUT_KEYS.originResponseVersionArn];
  const missing = keys.filter((k) => !outputs[k]);
  if (missing.length > 0) {
    throw new StackOutputsError(`stack ${stackName} has no output ${missing.join(', ')}; deploy it first with "npx serverless deploy --stage <stage>"`);
  }
  const version = outputs[OUTPUT_KEYS.originResponseVersionArn]!;
  if (!LAMBDA_VERSION_ARN.test(version)) {
    throw new StackOutputsError(`stack ${stackName} output ${OUTPUT_KEYS.originResponseVersionArn} is "${version}", not a numbered Lambda version in us-east-1, which CloudFront requires`);
  }
  return {
    viewerRequestFunctionArn: outputs[OUTPUT_KEYS.viewerRequestFunctionArn]!,
    cachePolicyId: outputs[OUTPUT_KEYS.cachePolicyId]!,
    originRequestPolicyId: outputs[OUTPUT_KEYS.originRequestPolicyId]!,
    originResponseVersionArn: version,
  };
}

/** Reads the deployed stack's outputs (the stack lives in us-east-1, like everything Lambda@Edge). */
export async function readDeployedIds(client: CloudFormationClient, stackName: string): Promise<DeployedIds> {
  let outputs: Record<string, string | undefined>;
  try {
    const { Stacks } = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    outputs = Object.fromEntries((Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue]));
  } catch (cause) {
    // No credentials or no network is not a missing stack: say how to fix that instead (aws-errors.ts).
    const aws = awsErrorToProxyError(cause, `read stack ${stackName} in us-east-1`);
    if (aws) throw aws;
    if (/does not exist/i.test((cause as Error).message ?? '')) {
      throw new StackOutputsError(`stack ${stackName} does not exist in us-east-1; deploy it first with "npx serverless deploy --stage <stage>", or pass the right --stage / --stack`, { cause });
    }
    throw new StackOutputsError(`cannot read stack ${stackName} in us-east-1: ${(cause as Error).message}`, { cause });
  }
  return deployedIdsFrom(outputs, stackName);
}
