/**
 * `snippet --format cdk`: the printed module is type-checked against the installed aws-cdk-lib with the
 * TypeScript compiler API, then synthesized in a real CDK app next to a site distribution, and the
 * synthesized behaviors are compared with the CloudFormation snippet's (same patterns, order, origins,
 * policies, functions). Slow: aws-cdk-lib's typings and its first import take seconds.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual, promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { renderCdk } from '../../src/deploy/snippet/snippet-cdk.ts';
import { cloudFormationSnippet } from '../../src/deploy/snippet/snippet-cloudformation.ts';
import { snippetModel, type SnippetOptions } from '../../src/deploy/snippet/snippet-model.ts';
import { REPO_ROOT } from '../support/fixtures.ts';
import { deployConfigPath, sharedConfigPath } from './deploy-fixtures.ts';

const run = promisify(execFile);
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A site's CDK app: an HTTP origin as default behavior, the snippet's behaviors, then one of the site's own. */
const APP = `import { App, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import { addPosthogProxy } from './posthog-proxy.ts';

const app = new App();
const stack = new Stack(app, 'Site', { env: { account: '123456789012', region: process.env.SITE_REGION ?? 'us-east-1' } });
const site = new origins.HttpOrigin('site.example.com');
const distribution = new cloudfront.Distribution(stack, 'SiteDistribution', { defaultBehavior: { origin: site } });
addPosthogProxy(distribution);
distribution.addBehavior('/images/*', site);
process.stdout.write(JSON.stringify(app.synth().getStackByName('Site').template));
`;

function project(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'snippet-cdk-'));
  dirs.push(dir);
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, 'posthog-proxy.ts'), source);
  writeFileSync(join(dir, 'app.ts'), APP);
  return dir;
}

const cases: Array<[string, string, SnippetOptions]> = [
  ['prefixed, stack in us-east-1', sharedConfigPath('prefixed'), { stage: 'prod' }],
  ['attach-self-hosted, stack in eu-west-1', deployConfigPath('attach-self-hosted'), { stage: 'prod', consumerRegion: 'eu-west-1' }],
];

describe('snippet --format cdk', () => {
  it.each(cases)('%s: type-checks against aws-cdk-lib, synthesizes, and matches the CloudFormation snippet', async (_, file, options) => {
    // Prepare
    const model = snippetModel(loadConfig(file), options);
    const dir = project(renderCdk(model));
    // Act: compile
    const program = ts.createProgram([join(dir, 'app.ts')], {
      strict: true, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler, allowImportingTsExtensions: true, types: ['node'], typeRoots: [join(REPO_ROOT, 'node_modules/@types')],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    // Assess
    expect(diagnostics).toEqual([]);
    // Act: synthesize
    const { stdout } = await run(join(REPO_ROOT, 'node_modules/.bin/tsx'), ['app.ts'], { cwd: dir, env: { ...process.env, SITE_REGION: options.consumerRegion ?? 'us-east-1' }, timeout: 120_000 });
    const template = JSON.parse(stdout);
    // Assess
    const dist = Object.values(template.Resources as Record<string, any>).find((r) => r.Type === 'AWS::CloudFront::Distribution')!;
    const dc = dist.Properties.DistributionConfig;
    const expected = cloudFormationSnippet(model);
    const patterns = dc.CacheBehaviors.map((b: any) => b.PathPattern);
    expect(patterns).toEqual([...expected.CacheBehaviors.map((b) => b.PathPattern), '/images/*']);
    const domainOf = (id: string) => dc.Origins.find((o: any) => o.Id === id).DomainName;
    const expectedDomain = (id: string) => expected.Origins.find((o) => o.Id === id)!.DomainName;
    for (const [i, want] of expected.CacheBehaviors.entries()) {
      const got = dc.CacheBehaviors[i];
      expect(domainOf(got.TargetOriginId)).toEqual(expectedDomain(want.TargetOriginId as string));
      expect([got.ViewerProtocolPolicy, got.Compress, got.CachePolicyId, got.OriginRequestPolicyId]).toEqual([want.ViewerProtocolPolicy, true, want.CachePolicyId, want.OriginRequestPolicyId]);
      expect([...got.AllowedMethods].sort()).toEqual([...(want.AllowedMethods as string[])].sort());
      expect([...got.CachedMethods].sort()).toEqual([...(want.CachedMethods as string[])].sort());
      expect(got.FunctionAssociations).toEqual(want.FunctionAssociations);
      expect(got.LambdaFunctionAssociations ?? []).toEqual(want.LambdaFunctionAssociations);
    }
    for (const o of expected.Origins) {
      const got = dc.Origins.find((x: any) => isDeepStrictEqual(x.DomainName, o.DomainName));
      expect(got.CustomOriginConfig).toMatchObject(o.CustomOriginConfig as object);
      expect(got.OriginCustomHeaders).toEqual(o.OriginCustomHeaders);
      expect([got.ConnectionAttempts, got.ConnectionTimeout]).toEqual([o.ConnectionAttempts, o.ConnectionTimeout]);
    }
  }, 180_000);
});
