import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildViewerRequest } from '../../src/build/build-functions.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { cloudFormationResources } from '../../src/deploy/cloudformation-resources.ts';
import { LOGICAL_IDS, OUTPUT_KEYS, resourceNames, SERVICE_NAME, viewerRequestFunctionName } from '../../src/deploy/resource-names.ts';
import { distributionLayout } from '../../src/distribution/distribution-layout.ts';
import { REPO_ROOT } from '../support/fixtures.ts';
import { schemaProblems } from './cfn-schema.ts';
import { attachConfigNames, deployConfigPath, sharedConfigNames, sharedConfigPath } from './deploy-fixtures.ts';

const VERSION = { Ref: 'OriginResponseLambdaVersionAbc' };
const configs = [
  ...sharedConfigNames().map((n) => [n, sharedConfigPath(n)] as const),
  ...['new-eu-prefixed', ...attachConfigNames()].map((n) => [n, deployConfigPath(n)] as const),
];
const generate = (file: string) => cloudFormationResources(loadConfig(file), { names: resourceNames('prod'), viewerRequestCode: 'function handler(e){return e.request}', originResponseVersionArn: VERSION });

describe('cloudFormationResources', () => {
  it.each(configs)('%s: every CloudFront and IAM resource matches its official CloudFormation schema', (_, file) => {
    // Act
    const { Resources } = generate(file);
    // Assess
    expect(Object.entries(Resources).flatMap(([id, r]) => schemaProblems(id, r))).toEqual([]);
  });

  it('the schema check catches a wrong property name, a missing required property and a wrong type', () => {
    // Prepare
    const { Resources } = generate(sharedConfigPath('default'));
    const policy = structuredClone(Resources[LOGICAL_IDS.cachePolicy]);
    const config = policy.Properties.CachePolicyConfig as Record<string, unknown>;
    config.MinTtl = config.MinTTL;
    delete config.MinTTL;
    config.DefaultTTL = '0';
    // Act
    const problems = schemaProblems('p', policy);
    // Assess
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining('MinTtl: not a property'), expect.stringContaining('MinTTL: required'), expect.stringContaining('DefaultTTL: expected')]));
  });

  it.each(configs)('%s: the distribution (new mode) follows the layout: origins, behaviors in order, associations', (_, file) => {
    // Prepare
    const config = loadConfig(file);
    const layout = distributionLayout(config);
    // Act
    const { Resources, Outputs } = generate(file);
    // Assess
    const dist = Resources[LOGICAL_IDS.distribution];
    if (layout.mode === 'attach') {
      expect(dist).toBeUndefined();
      expect(Outputs[OUTPUT_KEYS.distributionId].Value).toBe(config.distributionId);
      return;
    }
    const dc = dist.Properties.DistributionConfig as Record<string, any>;
    expect(dc.Origins.map((o: any) => [o.Id, o.DomainName, o.CustomOriginConfig.OriginProtocolPolicy])).toEqual(layout.origins.map((o) => [o.id, o.domainName, 'https-only']));
    const behaviors = [...dc.CacheBehaviors, dc.DefaultCacheBehavior];
    expect(behaviors.map((b: any) => b.PathPattern ?? null)).toEqual(layout.behaviors.map((b) => b.pathPattern));
    for (const [i, b] of layout.behaviors.entries()) {
      expect(behaviors[i].TargetOriginId).toBe(b.originId);
      expect(behaviors[i].FunctionAssociations).toEqual([{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [LOGICAL_IDS.viewerRequestFunction, 'FunctionARN'] } }]);
      expect(behaviors[i].LambdaFunctionAssociations).toEqual(b.originResponse ? [{ EventType: 'origin-response', LambdaFunctionARN: VERSION, IncludeBody: false }] : []);
      expect(behaviors[i].AllowedMethods).toHaveLength(7);
      expect(behaviors[i].CachedMethods).toEqual(['GET', 'HEAD', 'OPTIONS']);
    }
    const snippet = JSON.stringify(Outputs[OUTPUT_KEYS.posthogInit].Value);
    expect(snippet).toContain(`api_host: 'https://\${${LOGICAL_IDS.distribution}.DomainName}${config.pathPrefix}'`);
    expect(snippet).toContain(`ui_host: '${config.uiHost}'`);
  });

  it.each(configs)('%s: policies: Origin and Authorization in the key, no cookies, ingestion never cached; origins get X-Forwarded-Proto', (_, file) => {
    // Act
    const { Resources } = generate(file);
    // Assess
    const cache = (Resources[LOGICAL_IDS.cachePolicy].Properties.CachePolicyConfig as any);
    expect(cache.ParametersInCacheKeyAndForwardedToOrigin.HeadersConfig.Headers).toEqual(['Origin', 'Authorization']);
    expect(cache.ParametersInCacheKeyAndForwardedToOrigin.CookiesConfig.CookieBehavior).toBe('none');
    expect([cache.DefaultTTL, cache.MaxTTL > 0]).toEqual([0, true]);
    const orp = (Resources[LOGICAL_IDS.originRequestPolicy].Properties.OriginRequestPolicyConfig as any);
    expect(orp.HeadersConfig.Headers).not.toEqual(expect.arrayContaining(['Host']));
    expect(orp.HeadersConfig.Headers).not.toEqual(expect.arrayContaining(['Cookie']));
    // The viewer-request function's X-Forwarded-For (masked, or the trusted client) only reaches PostHog if listed.
    expect(orp.HeadersConfig.Headers).toEqual(expect.arrayContaining(['X-Forwarded-For']));
    const dist = Resources[LOGICAL_IDS.distribution];
    if (dist) {
      for (const o of (dist.Properties.DistributionConfig as any).Origins) expect(o.OriginCustomHeaders).toEqual([{ HeaderName: 'X-Forwarded-Proto', HeaderValue: 'https' }]);
    }
  });

  it('the CloudFront Function resource carries the built code verbatim and auto-publishes on cloudfront-js-2.0', async () => {
    // Prepare
    const config = loadConfig(sharedConfigPath('full'));
    const code = await buildViewerRequest(config);
    // Act
    const { Resources } = cloudFormationResources(config, { names: resourceNames('prod'), viewerRequestCode: code, originResponseVersionArn: VERSION });
    // Assess
    expect(Resources[LOGICAL_IDS.viewerRequestFunction].Properties).toMatchObject({
      Name: viewerRequestFunctionName('posthog-proxy-prod', code),
      AutoPublish: true,
      FunctionCode: code,
      FunctionConfig: { Runtime: 'cloudfront-js-2.0' },
    });
  });

  it('the Lambda@Edge role is trusted by lambda and edgelambda', () => {
    // Act
    const role = generate(sharedConfigPath('default')).Resources[LOGICAL_IDS.edgeRole];
    // Assess
    expect((role.Properties as any).AssumeRolePolicyDocument.Statement[0].Principal.Service).toEqual(['lambda.amazonaws.com', 'edgelambda.amazonaws.com']);
  });

  it('serverless.yml names the service SERVICE_NAME (stack names and attach lookups depend on it)', () => {
    // Act
    const yml = readFileSync(`${REPO_ROOT}/serverless.yml`, 'utf8');
    // Assess
    expect(/^service: (.+)$/m.exec(yml)?.[1]).toBe(SERVICE_NAME);
  });
});
