/**
 * `plugins: [posthog-cloudfront-proxy]` in users' own services (test/fixtures/user-services/), with the package
 * as a user installs it (packed, installed --omit=dev): `serverless package` offline, without credentials;
 * every resource checked against the CloudFormation resource schemas; the user's own function and site
 * untouched; the Lambda@Edge package byte for byte the build, zipped by the plugin or, in a service that lists
 * serverless-esbuild with the package's config file, by serverless-esbuild.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOriginResponse, buildViewerRequest } from '../../src/build/build-functions.ts';
import { validateConfig } from '../../src/config/validate-config.ts';
import { LOGICAL_IDS, OUTPUT_KEYS } from '../../src/deploy/resource-names.ts';
import { zipOneFile } from '../../src/deploy/zip-one-file.ts';
import { FIXTURES, REPO_ROOT } from '../support/fixtures.ts';
import { onlyZipEntry } from '../support/only-zip-entry.ts';
import { packAndInstall, run, type PackedInstall } from '../support/packed-package.ts';
import { schemaProblems } from './cfn-schema.ts';

const SERVICES = join(FIXTURES, 'user-services');
let pkg: PackedInstall;
const dirs: string[] = [];
beforeAll(async () => {
  pkg = await packAndInstall();
}, 400_000);
afterAll(() => {
  pkg?.cleanup();
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

/** A copy of the fixture service whose node_modules is the consumer's: the installed package and its dependencies. */
async function slsPackage(service: string) {
  const dir = mkdtempSync(join(tmpdir(), `posthog-proxy-user-${service}-`));
  dirs.push(dir);
  cpSync(join(SERVICES, service), dir, { recursive: true });
  symlinkSync(join(pkg.dir, 'node_modules'), join(dir, 'node_modules'));
  const env = { PATH: process.env.PATH!, HOME: dir, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off', AWS_SDK_LOAD_CONFIG: '0' };
  await run(join(REPO_ROOT, 'node_modules/.bin/serverless'), ['package', '--stage', 'ci'], { cwd: dir, env, timeout: 120_000 });
  return { dir, template: JSON.parse(readFileSync(join(dir, '.serverless/cloudformation-template-update-stack.json'), 'utf8')) };
}

type Resources = Record<string, { Type: string; Properties: Record<string, unknown>; [k: string]: unknown }>;

describe('plugins: [posthog-cloudfront-proxy] in a user service (serverless package, offline)', () => {
  it.each([
    ['inline-new', { region: 'eu', pathPrefix: '/k7x2', allowedOrigins: ['https://shop.example.com'] }],
    ['site-distribution', { region: 'us', pathPrefix: '/k7x2' }],
    ['config-file', JSON.parse(readFileSync(join(SERVICES, 'config-file/analytics/proxy.config.json'), 'utf8'))],
  ])('%s: resources match the schemas; the Lambda@Edge and the function code are the build', async (service, raw) => {
    // Act
    const { dir, template } = await slsPackage(service);
    // Assess
    const r = template.Resources as Resources;
    const problems = Object.entries(r).flatMap(([id, res]) => schemaProblems(id, res));
    expect(problems).toEqual([]);
    const config = validateConfig(raw);
    expect(r[LOGICAL_IDS.viewerRequestFunction].Properties.FunctionCode).toBe(await buildViewerRequest(config));
    const fn = r[LOGICAL_IDS.originResponseFunction].Properties;
    expect(fn).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['x86_64'], MemorySize: 128, Handler: 'functions/origin-response.handler' });
    expect(fn.Environment).toBeUndefined();
    const entry = onlyZipEntry(readFileSync(join(dir, '.serverless/originResponse.zip')));
    expect(entry.name).toBe('functions/origin-response.mjs');
    expect(entry.data.toString('utf8')).toBe(await buildOriginResponse(config));
  }, 180_000);

  it('serverless-esbuild: it bundles the Lambda@Edge from the installed package, byte for byte the build', async () => {
    // Prepare: serverless-esbuild is the user's own devDependency, next to the installed package.
    const linked = join(pkg.dir, 'node_modules/serverless-esbuild');
    if (!existsSync(linked)) symlinkSync(join(REPO_ROOT, 'node_modules/serverless-esbuild'), linked);
    // Act
    const { dir, template } = await slsPackage('serverless-esbuild');
    // Assess
    const r = template.Resources as Resources;
    expect(Object.entries(r).flatMap(([id, res]) => schemaProblems(id, res))).toEqual([]);
    const handler = 'node_modules/posthog-cloudfront-proxy/functions/origin-response';
    expect(r[LOGICAL_IDS.originResponseFunction].Properties).toMatchObject({ Runtime: 'nodejs22.x', Handler: `${handler}.handler` });
    const zip = readFileSync(join(dir, '.serverless/originResponse.zip'));
    const entry = onlyZipEntry(zip);
    expect(entry.name).toBe(`${handler}.mjs`);
    const built = await buildOriginResponse(validateConfig({ region: 'us', pathPrefix: '/k7x2' }));
    expect(entry.data.toString('utf8')).toBe(built);
    expect(zip.equals(zipOneFile(entry.name, built))).toBe(false);
  }, 180_000);

  it("inline-new: the user's own function keeps its settings; the proxy gets a new distribution", async () => {
    const { template } = await slsPackage('inline-new');
    const r = template.Resources as Resources;
    expect(r.OrdersLambdaFunction.Properties).toMatchObject({ Runtime: 'nodejs20.x', Architectures: ['arm64'], MemorySize: 512, Environment: { Variables: { TABLE_NAME: 'orders' } } });
    const dc = r[LOGICAL_IDS.distribution].Properties.DistributionConfig as { Origins: Array<{ DomainName: string }> };
    expect(dc.Origins.map((o) => o.DomainName).sort()).toEqual(['eu-assets.i.posthog.com', 'eu.i.posthog.com']);
  }, 180_000);

  it("site-distribution: the proxy's origins and behaviors join SiteDistribution; everything of the site is unchanged", async () => {
    // Prepare
    const site = JSON.parse(readFileSync(join(SERVICES, 'site-distribution/site-distribution-config.json'), 'utf8'));
    // Act
    const { template } = await slsPackage('site-distribution');
    // Assess
    const r = template.Resources as Resources;
    expect(r[LOGICAL_IDS.distribution]).toBeUndefined();
    const dc = r.SiteDistribution.Properties.DistributionConfig as Record<string, unknown> & { Origins: Array<Record<string, unknown>>; CacheBehaviors: Array<Record<string, unknown>> };
    const { Origins, CacheBehaviors, ...rest } = dc;
    const { Origins: siteOrigins, CacheBehaviors: siteBehaviors, ...siteRest } = site;
    expect(rest).toEqual(siteRest);
    expect(Origins.slice(0, siteOrigins.length)).toEqual(siteOrigins);
    expect(Origins.slice(siteOrigins.length).map((o) => o.DomainName)).toEqual(['us.i.posthog.com', 'us-assets.i.posthog.com']);
    expect(CacheBehaviors.slice(-siteBehaviors.length)).toEqual(siteBehaviors);
    expect(CacheBehaviors.slice(0, -siteBehaviors.length).map((b) => b.PathPattern)).toEqual(['/k7x2/static/*', '/k7x2/array/*', '/k7x2/*']);
    const [version] = Object.keys(r).filter((id) => r[id].Type === 'AWS::Lambda::Version' && JSON.stringify(r[id].Properties.FunctionName) === JSON.stringify({ Ref: LOGICAL_IDS.originResponseFunction }));
    expect(CacheBehaviors[0].LambdaFunctionAssociations).toEqual([{ EventType: 'origin-response', LambdaFunctionARN: { Ref: version }, IncludeBody: false }]);
    expect(template.Outputs[OUTPUT_KEYS.distributionId].Value).toEqual({ Ref: 'SiteDistribution' });
  }, 180_000);
});
