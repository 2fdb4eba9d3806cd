/**
 * Folds the proxy's resources into the template serverless compiled, as a pure function: the plugin only
 * hands the template in and takes the result back. It finds the numbered version serverless made of the
 * Lambda@Edge function (CloudFront needs a version ARN), keeps function and versions on stack removal
 * (CloudFront deletes the edge replicas hours after the last association goes, and deleting the function
 * before that fails the whole removal), and adds the resources and outputs.
 */
import type { ProxyConfig } from '../config/proxy-config.ts';
import { cloudFormationResources, type CfnOutputs, type CfnResources } from './cloudformation-resources.ts';
import { DeployTemplateError } from './deploy-errors.ts';
import { LOGICAL_IDS, type ResourceNames } from './resource-names.ts';

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
    resources[id].DeletionPolicy = 'Retain';
    resources[id].UpdateReplacePolicy = 'Retain';
  }
  const added = cloudFormationResources(config, { names, viewerRequestCode, originResponseVersionArn: { Ref: versions[0] } });
  for (const id of Object.keys(added.Resources)) {
    if (id in resources) throw new DeployTemplateError(`serverless.yml already defines a resource ${id}; remove it, the proxy plugin generates it`);
    resources[id] = added.Resources[id];
  }
  return { ...template, Resources: resources, Outputs: { ...template.Outputs, ...added.Outputs } };
}
