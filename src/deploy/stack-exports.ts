/**
 * The ids another stack needs to own the proxy's origins and behaviors itself (see `snippet`), published as
 * CloudFormation exports named `<stack>-<OutputKey>`.
 *
 * Fn::ImportValue locks what it imports: "You can't modify or remove an output value that is referenced by
 * another stack" (AWS CloudFormation Template Reference, "Fn::ImportValue"), and imports work only within
 * one Region. So the snippet imports only what is STABLE_OUTPUTS (fixed for the life of the stack), and
 * reads what changes with a deploy (the Lambda@Edge version ARN changes whenever its code does; the
 * viewer-request function's ARN changes with the layout) with Fn::GetStackOutput, a weak reference
 * "resolved at stack create or update time" that needs no export and works across Regions (AWS
 * CloudFormation Template Reference, "Fn::GetStackOutput"). Both are still exported, for tools that read
 * exports (`aws cloudformation list-exports`), but importing a changing one would block the proxy's next deploy.
 */
import type { CfnOutputs } from './cloudformation-resources.ts';
import { OUTPUT_KEYS } from './resource-names.ts';

/** Exported outputs whose value never changes while the stack exists: safe to Fn::ImportValue. */
export const STABLE_OUTPUTS = [OUTPUT_KEYS.cachePolicyId, OUTPUT_KEYS.originRequestPolicyId, OUTPUT_KEYS.mainOriginDomain, OUTPUT_KEYS.assetsOriginDomain] as const;

/** Exported outputs that change with a deploy: read them with Fn::GetStackOutput, never Fn::ImportValue. */
export const CHANGING_OUTPUTS = [OUTPUT_KEYS.viewerRequestFunctionArn, OUTPUT_KEYS.originResponseVersionArn] as const;

export const EXPORTED_OUTPUTS: readonly string[] = [...STABLE_OUTPUTS, ...CHANGING_OUTPUTS];

/** The outputs with an Export on each of EXPORTED_OUTPUTS, named `${AWS::StackName}-<OutputKey>`. */
export function withExports(outputs: CfnOutputs): CfnOutputs {
  const out: CfnOutputs = { ...outputs };
  for (const key of EXPORTED_OUTPUTS) {
    if (out[key] === undefined) continue;
    out[key] = { ...out[key], Export: { Name: { 'Fn::Sub': `\${AWS::StackName}-${key}` } } };
  }
  return out;
}
