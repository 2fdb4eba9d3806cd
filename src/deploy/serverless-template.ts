/**
 * Folds the proxy's resources into the template serverless compiled, as a pure function: the plugin only
 * hands the template in and takes the result back. It finds the numbered version serverless made of the
 * Lambda@Edge function (CloudFront needs a version ARN), keeps function and versions on stack removal
 * (CloudFront deletes the edge replicas hours after the last association goes, and deleting the function
 * before that fails the whole removal), and adds the resources and outputs.
 *
 * The retained function must not block the next deploy of the same stage, so:
 * - it has no fixed FunctionName: CloudFormation generates a unique physical name ("If you don't specify a
 *   name, AWS CloudFormation generates a unique physical ID", AWS::Lambda::Function FunctionName), so a
 *   function kept by `serverless remove` never collides with the one the next deploy creates;
 * - DeletionPolicy RetainExceptOnCreate: retained on removal and on updates that drop it, but deleted when the
 *   stack operation that created it rolls back, so a failed first deploy leaves nothing behind to retry into
 *   (AWS CloudFormation Template Reference, "DeletionPolicy attribute"); UpdateReplacePolicy Retain keeps the
 *   old function when an update replaces it (its replicas may still serve);
 * - a FUNCTION_STACK_TAG tag names the stack, so `prune` can find what a removed stack left behind.
 */
import type { ProxyConfig } from '../config/proxy-config.ts';
import { cloudFormationResources, type CfnOutputs, type CfnResources } from './cloudformation-resources.ts';
import { DeployTemplateError } from './deploy-errors.ts';
import { FUNCTION_STACK_TAG, LOGICAL_IDS, OUTPUT_KEYS, type ResourceNames } from './resource-names.ts';

export interface CompiledTemplate {
  Resources: CfnResources;
  Outputs?: CfnOutputs;
  [key: string]: unknown;
}

export function withProxyResources(template: CompiledTemplate, config: ProxyConfig, names: ResourceNames, viewerRequestCode: string): CompiledTemplate {
  const resources = structuredClone(template.Resources);
  const fn = resources[LOGICAL_IDS.originResponseFunction];
  if (!fn || fn.Type !== 'AWS::Lambda::Function') {
    throw new DeployTemplateError(`the template has no ${LOGICAL_IDS.originResponseFunction}; serverless.yml must define the function "originResponse"`);
  }
  // A service's provider.environment reaches every function, and Lambda@Edge rejects environment variables
  // (AWS, "Restrictions on edge functions"); the configuration is baked into the bundle instead.
  delete fn.Properties.Environment;
  const versions = Object.keys(resources).filter((id) => {
    const r = resources[id];
    return r.Type === 'AWS::Lambda::Version' && (r.Properties.FunctionName as { Ref?: string } | undefined)?.Ref === LOGICAL_IDS.originResponseFunction;
  });
  if (versions.length !== 1) {
    throw new DeployTemplateError(`expected one AWS::Lambda::Version of ${LOGICAL_IDS.originResponseFunction}, found ${versions.length}; keep "versionFunctions: true" in serverless.yml`);
  }
  for (const id of [LOGICAL_IDS.originResponseFunction, versions[0]]) {
    resources[id].DeletionPolicy = 'RetainExceptOnCreate';
    resources[id].UpdateReplacePolicy = 'Retain';
  }
  delete fn.Properties.FunctionName;
  const tags = ((fn.Properties.Tags as Array<{ Key: string; Value: unknown }> | undefined) ?? []).filter((t) => t.Key !== FUNCTION_STACK_TAG);
  fn.Properties.Tags = [...tags, { Key: FUNCTION_STACK_TAG, Value: names.stackName }];
  const added = cloudFormationResources(config, { names, viewerRequestCode, originResponseVersionArn: { Ref: versions[0] } });
  for (const id of Object.keys(added.Resources)) {
    if (id in resources) throw new DeployTemplateError(`serverless.yml already defines a resource ${id}; remove it, the proxy plugin generates it`);
    resources[id] = added.Resources[id];
  }
  const functionName = { [OUTPUT_KEYS.originResponseFunctionName]: { Value: { Ref: LOGICAL_IDS.originResponseFunction }, Description: 'The Lambda@Edge function (a generated name; logs go to /aws/lambda/us-east-1.<name> in each edge region)' } };
  return { ...template, Resources: resources, Outputs: { ...template.Outputs, ...added.Outputs, ...functionName } };
}
