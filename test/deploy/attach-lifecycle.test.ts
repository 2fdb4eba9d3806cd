/**
 * attach and detach as users run them (the CLI's main(), the real SDK clients it builds) against the fake
 * AWS API (test/support/fake-aws/), reached through AWS_ENDPOINT_URL_<SERVICE>: several stacks on one
 * distribution, idempotency against CloudFront's own method order, quotas, IaC-owned distributions, the
 * one-update switch of a new layout, and the README's command lines as written.
 */
import type { CacheBehavior, DistributionConfig, Origin } from '@aws-sdk/client-cloudfront';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sdkClients } from '../../src/cli/aws-clients.ts';
import { main } from '../../src/cli/main.ts';
import { DistributionManagedByIacError } from '../../src/deploy/deploy-errors.ts';
import { beforeDeploy } from '../../src/deploy/serverless-hooks.ts';
import { capturedDeps } from '../support/command-deps.ts';
import { ACCOUNT_ID, type FakeAws } from '../support/fake-aws/index.ts';
import { useFakeAws } from '../support/fake-aws/use-fake-aws.ts';
import { deployConfigPath, distributions } from './deploy-fixtures.ts';

let aws: FakeAws;
useFakeAws((started) => {
  aws = started;
  aws.cloudFront.pollsUntilDeployed = 0;
});
const cwd = process.cwd();
beforeAll(() => {
  // The README's detach line runs where no configuration file is.
  process.chdir(mkdtempSync(join(tmpdir(), 'detach-')));
});
afterAll(() => {
  process.chdir(cwd);
});
afterEach(() => {
  aws.cloudFront.quotas.cacheBehaviors = 75;
});

const fnArn = (name: string) => `arn:aws:cloudfront::${ACCOUNT_ID}:function/${name}`;

/** A deployed proxy stack as the fake CloudFormation and CloudFront know it. */
function deployStack(stage: string, functionName = `posthog-proxy-${stage}-vr-0000000a`, version = 1) {
  aws.cloudFront.addFunction(functionName);
  aws.cloudFormation.putStack({
    name: `posthog-proxy-${stage}`,
    status: 'UPDATE_COMPLETE',
    outputs: {
      ViewerRequestFunctionArn: fnArn(functionName),
      CachePolicyId: `cache-${stage}`,
      OriginRequestPolicyId: `orp-${stage}`,
      OriginResponseVersionArn: `arn:aws:lambda:us-east-1:${ACCOUNT_ID}:function:posthog-proxy-${stage}-OriginResponse-Abc:${version}`,
    },
  });
}

async function run(...argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const { deps } = capturedDeps({ aws: sdkClients, env: process.env });
  const code = await main(argv, { ...deps, out: (l) => void lines.push(l), err: (l) => void lines.push(l) });
  return { code, out: lines.join('\n') };
}

const site = () => distributions().find(([n]) => n === 'site-with-behaviors')![1];
const stackOf = (b: CacheBehavior) => /function\/(posthog-proxy-[a-z]+)-/.exec(b.FunctionAssociations?.Items?.[0]?.FunctionARN ?? '')?.[1] ?? null;
const behaviorsOf = (c: DistributionConfig, stack: string | null) => (c.CacheBehaviors?.Items ?? []).filter((b) => stackOf(b) === stack);
const originsOf = (c: DistributionConfig, suffix: string): Origin[] => (c.Origins?.Items ?? []).filter((o) => o.Id!.endsWith(suffix));
const updates = () => aws.operations('CLOUDFRONT').filter((o) => o === 'UpdateDistribution').length;
const attach = (id: string, stage: string, config: string, ...more: string[]) => run('attach', '--distribution-id', id, '--stage', stage, '--config', deployConfigPath(config), ...more);

describe('several stacks on one distribution', () => {
  it('attaching B leaves A byte-identical, detaching A leaves B, and the README lines work as written', async () => {
    // Prepare
    deployStack('a');
    deployStack('b');
    const id = await aws.seedDistribution(site());
    const original = aws.cloudFront.configXml(id);
    // Act
    const a = await attach(id, 'a', 'attach-stage-a');
    const withA = (await aws.distributionConfig(id)).config;
    const b = await attach(id, 'b', 'attach-stage-b');
    const withBoth = (await aws.distributionConfig(id)).config;
    const detachA = await run('detach', '--distribution-id', id, '--stage', 'a');
    const withB = (await aws.distributionConfig(id)).config;
    const detachB = await run('detach', '--distribution-id', id, '--stage', 'b');
    // Assess
    expect([a.code, b.code, detachA.code, detachB.code]).toEqual([0, 0, 0, 0]);
    expect(behaviorsOf(withA, 'posthog-proxy-a').map((x) => x.PathPattern)).toEqual(['/aaaa/static/*', '/aaaa/array/*', '/aaaa/*']);
    expect(behaviorsOf(withBoth, 'posthog-proxy-a')).toEqual(behaviorsOf(withA, 'posthog-proxy-a'));
    expect(originsOf(withBoth, '.aaaa')).toEqual(originsOf(withA, '.aaaa'));
    expect(originsOf(withBoth, '.bbbb').map((o) => o.DomainName)).toEqual(['eu.i.posthog.com', 'eu-assets.i.posthog.com']);
    expect(behaviorsOf(withB, 'posthog-proxy-a')).toEqual([]);
    expect(originsOf(withB, '.aaaa')).toEqual([]);
    expect(behaviorsOf(withB, 'posthog-proxy-b')).toEqual(behaviorsOf(withBoth, 'posthog-proxy-b'));
    expect(originsOf(withB, '.bbbb')).toEqual(originsOf(withBoth, '.bbbb'));
    expect(aws.cloudFront.configXml(id)).toBe(original);
  });

  it('another stack on the same prefix is a conflict that names it and changes nothing', async () => {
    // Prepare
    deployStack('a');
    deployStack('c');
    const id = await aws.seedDistribution(site());
    await attach(id, 'a', 'attach-stage-a');
    const before = aws.cloudFront.configXml(id);
    const sent = updates();
    // Act
    const c = await attach(id, 'c', 'attach-stage-a');
    // Assess
    expect(c.code).toBe(1);
    expect(c.out).toMatch(/^posthog-cloudfront attach: /m);
    expect(c.out).not.toContain('AttachConflictError');
    expect(c.out).toContain('stack posthog-proxy-a');
    expect(updates()).toBe(sent);
    expect(aws.cloudFront.configXml(id)).toBe(before);
  });
});

describe('idempotency and quotas', () => {
  it('--dry-run reads the ids from the stack outputs, prints the diff and sends nothing', async () => {
    // Prepare
    deployStack('a');
    const id = await aws.seedDistribution(site());
    const before = aws.cloudFront.configXml(id);
    const sent = updates();
    // Act
    const result = await attach(id, 'a', 'attach-stage-a', '--dry-run');
    // Assess
    expect(result.code).toBe(0);
    expect(result.out.split('\n').filter((l) => l.trim().startsWith('+'))).toHaveLength(5);
    expect(updates()).toBe(sent);
    expect(aws.cloudFront.configXml(id)).toBe(before);
  });

  it('a second attach sends nothing, though CloudFront lists the methods in its own order', async () => {
    // Prepare
    deployStack('a');
    const id = await aws.seedDistribution(site());
    await attach(id, 'a', 'attach-stage-a');
    const stored = (await aws.distributionConfig(id)).config;
    expect(behaviorsOf(stored, 'posthog-proxy-a')[0].AllowedMethods!.Items![0]).toBe('HEAD');
    const sent = updates();
    // Act
    const again = await attach(id, 'a', 'attach-stage-a');
    // Assess
    expect(again.code).toBe(0);
    expect(again.out).toContain('already up to date');
    expect(updates()).toBe(sent);
  });

  it('above the account\'s behavior quota, CloudFront\'s TooManyCacheBehaviors becomes a clear error', async () => {
    // Prepare
    deployStack('a');
    const id = await aws.seedDistribution(site());
    aws.cloudFront.quotas.cacheBehaviors = site().CacheBehaviors!.Quantity! + 2;
    const before = aws.cloudFront.configXml(id);
    // Act
    const result = await attach(id, 'a', 'attach-stage-a');
    // Assess
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/attach: CloudFront refused 6 cache behaviors on \w+: above this account's "Cache behaviors per distribution" quota/);
    expect(result.out).toContain('Service Quotas');
    expect(aws.cloudFront.configXml(id)).toBe(before);
  });
});

describe('distributions owned by infrastructure code', () => {
  it.each([
    ['CloudFormation (tag)', { 'aws:cloudformation:stack-name': 'site-prod' }, 'cli-1', 'CloudFormation stack site-prod', '--format cloudformation'],
    ['Terraform (CallerReference)', {}, 'terraform-20260101000000000000000001', 'Terraform', '--format terraform'],
  ])('%s: attach says what would happen and what to do, and changes nothing; --force-iac proceeds', async (_, tags, callerReference, owner, format) => {
    // Prepare
    deployStack('a');
    const id = await aws.seedDistribution({ ...site(), CallerReference: callerReference }, tags);
    const sent = updates();
    // Act
    const refused = await attach(id, 'a', 'attach-stage-a');
    const forced = await attach(id, 'a', 'attach-stage-a', '--force-iac');
    // Assess
    expect(refused.code).toBe(1);
    expect(refused.out).toContain(`attach: ${id} is managed by ${owner}`);
    expect(refused.out).toContain(`posthog-cloudfront snippet ${format} --stage a`);
    expect(refused.out).toContain('--force-iac');
    expect(forced.code).toBe(0);
    expect(updates()).toBe(sent + 1);
  });

  it.each([
    ['owned by CloudFormation', { 'aws:cloudformation:stack-name': 'site-prod' }, false, 'is managed by CloudFormation stack site-prod'],
    ['owned by CloudFormation, forceIac: true', { 'aws:cloudformation:stack-name': 'site-prod' }, true, null],
    ['owned by nobody', {}, false, null],
  ])('serverless deploy refuses it before CloudFormation deploys anything: %s', async (_, tags, forced, refusal) => {
    // Prepare: attach mode in serverless.yml (custom.posthogProxy inline), no proxy stack yet.
    const id = await aws.seedDistribution({ ...site(), CallerReference: 'cli-2' }, tags);
    const settings = { serviceDir: process.cwd(), service: 'posthog-proxy', stage: 'c', region: 'us-east-1', custom: { region: 'us', pathPrefix: '/cccc', distributionId: id }, forceIac: forced, log: () => {} };
    const before = aws.operations('CLOUDFORMATION').length;
    // Act
    const outcome = beforeDeploy(settings);
    // Assess: refused (or not) from the distribution's markers alone; nothing asked of CloudFormation.
    if (refusal) {
      await expect(outcome).rejects.toThrow(DistributionManagedByIacError);
      await expect(outcome).rejects.toThrow(refusal);
    } else {
      await expect(outcome).resolves.toBeUndefined();
    }
    expect(aws.operations('CLOUDFORMATION').length).toBe(before);
  });
});

describe('no broken window: a new layout switches in one update', () => {
  it('behaviors, function and Lambda@Edge version change in ONE UpdateDistribution, then the old function goes', async () => {
    // Prepare
    deployStack('a', 'posthog-proxy-a-vr-0000002a', 1);
    const id = await aws.seedDistribution(site());
    await attach(id, 'a', 'attach-stage-a');
    deployStack('a', 'posthog-proxy-a-vr-0000002b', 2);
    const from = aws.calls.length;
    // Act
    const result = await attach(id, 'a', 'attach-stage-a');
    // Assess
    expect(result.code).toBe(0);
    const ops = aws.calls.slice(from).map((c) => c.operation);
    expect(ops.filter((o) => o === 'UpdateDistribution')).toHaveLength(1);
    expect(ops.indexOf('DeleteFunction')).toBeGreaterThan(ops.indexOf('UpdateDistribution'));
    const ours = behaviorsOf((await aws.distributionConfig(id)).config, 'posthog-proxy-a');
    expect(ours.map((b) => b.FunctionAssociations!.Items![0].FunctionARN)).toEqual(Array(3).fill(fnArn('posthog-proxy-a-vr-0000002b')));
    expect(ours.flatMap((b) => b.LambdaFunctionAssociations?.Items ?? []).map((l) => l.LambdaFunctionARN!.slice(-2))).toEqual([':2', ':2']);
    expect([...aws.cloudFront.functions.keys()]).toContain('posthog-proxy-a-vr-0000002b');
    expect([...aws.cloudFront.functions.keys()]).not.toContain('posthog-proxy-a-vr-0000002a');
  });

  it('an earlier function another distribution still uses is kept and named (FunctionInUse)', async () => {
    // Prepare
    deployStack('a', 'posthog-proxy-a-vr-0000001a', 1);
    const [one, two] = [await aws.seedDistribution(site()), await aws.seedDistribution(site())];
    await attach(one, 'a', 'attach-stage-a');
    await attach(two, 'a', 'attach-stage-a');
    deployStack('a', 'posthog-proxy-a-vr-0000001b', 2);
    // Act
    const result = await attach(one, 'a', 'attach-stage-a');
    // Assess
    expect(result.code).toBe(0);
    expect(result.out).toContain('kept viewer-request function posthog-proxy-a-vr-0000001a');
    expect([...aws.cloudFront.functions.keys()]).toContain('posthog-proxy-a-vr-0000001a');
  });

  it('a distribution attached by an earlier version (fixed origin ids) is migrated in the same update', async () => {
    // Prepare
    deployStack('a');
    const legacy = structuredClone(site());
    const fixed = (id: string) => ({ ...legacy.Origins!.Items![1], Id: id, DomainName: `${id}.example` });
    legacy.Origins = { Quantity: 4, Items: [...legacy.Origins!.Items!, fixed('posthog-proxy-main'), fixed('posthog-proxy-assets')] };
    const old = (pattern: string, origin: string) => ({ ...legacy.CacheBehaviors!.Items![0], PathPattern: pattern, TargetOriginId: origin, FunctionAssociations: { Quantity: 1, Items: [{ EventType: 'viewer-request' as const, FunctionARN: fnArn('posthog-proxy-a-viewer-request') }] } });
    legacy.CacheBehaviors = { Quantity: legacy.CacheBehaviors!.Quantity! + 2, Items: [old('/aaaa/static/*', 'posthog-proxy-assets'), old('/aaaa/*', 'posthog-proxy-main'), ...legacy.CacheBehaviors!.Items!] };
    const id = await aws.seedDistribution(legacy);
    // Act
    const result = await attach(id, 'a', 'attach-stage-a');
    // Assess
    expect(result.code).toBe(0);
    const config = (await aws.distributionConfig(id)).config;
    expect(config.Origins!.Items!.map((o) => o.Id)).toEqual(['site-bucket', 'api-alb', 'posthog-proxy-main.aaaa', 'posthog-proxy-assets.aaaa']);
    expect(config.CacheBehaviors!.Items!.slice(3)).toEqual(site().CacheBehaviors!.Items!.map((b) => expect.objectContaining({ PathPattern: b.PathPattern })));
  });
});
