/**
 * The compiled template after the plugin: a deploy after `serverless remove`, and a retry after a failed first
 * deploy, must work at once. Input: what osls compiles for serverless.yml (test/fixtures/deploy/compiled).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { withProxyResources, type CompiledTemplate } from '../../src/deploy/serverless-template.ts';
import { EXPORTED_OUTPUTS } from '../../src/deploy/stack-exports.ts';
import { FUNCTION_STACK_TAG, LOGICAL_IDS, OUTPUT_KEYS, resourceNames } from '../../src/deploy/resource-names.ts';
import { FIXTURES } from '../support/fixtures.ts';
import { schemaProblems } from './cfn-schema.ts';
import { deployConfigPath, sharedConfigPath } from './deploy-fixtures.ts';

const compiled = (): CompiledTemplate => JSON.parse(readFileSync(join(FIXTURES, 'deploy/compiled/osls-prod.json'), 'utf8'));
const modes = [['new distribution', sharedConfigPath('prefixed')], ['attach', deployConfigPath('attach-us')]] as const;
const generate = (file: string, template = compiled()) => withProxyResources(template, loadConfig(file), resourceNames('prod'), 'function handler(e){return e.request}');
const versionIdOf = (t: CompiledTemplate) => Object.keys(t.Resources).find((id) => t.Resources[id].Type === 'AWS::Lambda::Version')!;

describe('withProxyResources: the Lambda@Edge function survives remove and redeploy', () => {
  it.each(modes)('%s: no fixed FunctionName, so a retained function never blocks the next create', (_, file) => {
    // Prepare
    expect(compiled().Resources[LOGICAL_IDS.originResponseFunction].Properties.FunctionName).toBe('posthog-proxy-prod-originResponse');
    // Act
    const fn = generate(file).Resources[LOGICAL_IDS.originResponseFunction];
    // Assess
    expect(fn.Properties.FunctionName).toBeUndefined();
  });

  it.each(modes)('%s: function and version are RetainExceptOnCreate (deleted when their create rolls back) and Retain on replacement', (_, file) => {
    // Act
    const template = generate(file);
    // Assess
    for (const id of [LOGICAL_IDS.originResponseFunction, versionIdOf(template)]) {
      expect([id, template.Resources[id].DeletionPolicy, template.Resources[id].UpdateReplacePolicy]).toEqual([id, 'RetainExceptOnCreate', 'Retain']);
    }
  });

  it.each(modes)('%s: the function carries the stack tag prune looks for, keeping the tags serverless set', (_, file) => {
    // Act
    const fn = generate(file).Resources[LOGICAL_IDS.originResponseFunction];
    // Assess
    expect(fn.Properties.Tags).toEqual([{ Key: 'team', Value: 'web' }, { Key: FUNCTION_STACK_TAG, Value: 'posthog-proxy-prod' }]);
    expect(FUNCTION_STACK_TAG).not.toMatch(/^aws:/); // the aws: prefix is reserved for AWS's own tags
  });

  it.each(modes)('%s: every resource still matches its CloudFormation schema; the function name is an output', (_, file) => {
    // Act
    const template = generate(file);
    // Assess
    const checked = Object.entries(template.Resources).filter(([, r]) => /^AWS::(Lambda|CloudFront|IAM)::/.test(r.Type));
    expect(checked.flatMap(([id, r]) => schemaProblems(id, r))).toEqual([]);
    expect(template.Outputs![OUTPUT_KEYS.originResponseFunctionName].Value).toEqual({ Ref: LOGICAL_IDS.originResponseFunction });
  });

  it('does not change the template it was given', () => {
    // Prepare
    const input = compiled();
    const before = JSON.stringify(input);
    // Act
    generate(sharedConfigPath('prefixed'), input);
    // Assess
    expect(JSON.stringify(input)).toBe(before);
  });
});

describe('stack exports', () => {
  // serverless exports its own outputs as sls-<service>-<stage>-<Output>; those are left alone.
  it.each(modes)('%s: the ids another stack needs are exported as <stack>-<Output>', (_, file) => {
    // Act
    const { Outputs } = generate(file);
    // Assess
    const exported = Object.entries(Outputs!).filter(([key, o]) => o.Export && !key.startsWith('ServerlessDeployment') && !key.endsWith('QualifiedArn')).map(([key, o]) => [key, o.Export!.Name]).sort();
    expect(exported).toEqual(EXPORTED_OUTPUTS.map((key) => [key, { 'Fn::Sub': `\${AWS::StackName}-${key}` }]).sort());
    expect(EXPORTED_OUTPUTS).toEqual(expect.arrayContaining([
      OUTPUT_KEYS.viewerRequestFunctionArn, OUTPUT_KEYS.originResponseVersionArn, OUTPUT_KEYS.cachePolicyId,
      OUTPUT_KEYS.originRequestPolicyId, OUTPUT_KEYS.mainOriginDomain, OUTPUT_KEYS.assetsOriginDomain,
    ]));
  });

  it.each(modes)('%s: the origin domain exports are the configuration\'s PostHog hosts', (_, file) => {
    // Prepare
    const config = loadConfig(file);
    // Act
    const { Outputs } = generate(file);
    // Assess
    expect([Outputs![OUTPUT_KEYS.mainOriginDomain].Value, Outputs![OUTPUT_KEYS.assetsOriginDomain].Value]).toEqual([config.apiHost, config.assetsHost]);
  });
});
