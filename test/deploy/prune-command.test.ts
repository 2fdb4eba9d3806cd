/**
 * `posthog-cloudfront prune` as users run it, through the real SDK clients against the fake AWS API
 * (Lambda with Lambda@Edge replicas, CloudFront distributions and functions, CloudFormation stacks).
 */
import { describe, expect, it } from 'vitest';
import { sdkClients } from '../../src/cli/aws-clients.ts';
import { main } from '../../src/cli/main.ts';
import { capturedDeps } from '../support/command-deps.ts';
import { FUNCTION_STACK_TAG } from '../../src/deploy/resource-names.ts';
import { ACCOUNT_ID, type FakeAws } from '../support/fake-aws/index.ts';
import { useFakeAws } from '../support/fake-aws/use-fake-aws.ts';
import { distributions } from './deploy-fixtures.ts';

let aws: FakeAws;
useFakeAws((started) => (aws = started));

const lambdaArn = (name: string, version: number) => `arn:aws:lambda:us-east-1:${ACCOUNT_ID}:function:${name}:${version}`;

async function run(...argv: string[]): Promise<{ code: number; out: string }> {
  const { deps, out, err } = capturedDeps({ aws: sdkClients });
  const code = await main(['prune', ...argv], deps);
  return { code, out: [...out, ...err].join('\n') };
}

/** A distribution whose first behavior runs the given Lambda@Edge version. */
async function distributionUsing(arn: string): Promise<string> {
  const site = distributions().find(([n]) => n === 'site-with-behaviors')![1];
  site.CacheBehaviors!.Items![0].LambdaFunctionAssociations = { Quantity: 1, Items: [{ EventType: 'origin-response', LambdaFunctionARN: arn, IncludeBody: false }] };
  return aws.seedDistribution(site);
}

describe('posthog-cloudfront prune', () => {
  it('a removed stack: says plainly which function still has replicas, then deletes it once CloudFront released it', async () => {
    // Prepare
    const name = 'posthog-proxy-gone-OriginResponseLambdaFunction-AbC123';
    aws.lambda.putFunction(name, { versions: [1, 2], replicas: [2], tags: { [FUNCTION_STACK_TAG]: 'posthog-proxy-gone' } });
    // Act
    const waiting = await run('--stage', 'gone');
    aws.lambda.releaseReplicas(name);
    const done = await run('--stage', 'gone');
    // Assess
    expect(waiting.code).toBe(3);
    expect(waiting.out).toContain(`still has replicas: ${name}; CloudFront removes them hours after the last association went`);
    expect(waiting.out).not.toContain('InvalidParameterValueException');
    expect(done.code).toBe(0);
    expect(done.out).toContain(`deleted ${name}`);
    expect(aws.lambda.functions.has(name)).toBe(false);
  });

  it('a live stack: keeps the versions distributions use and the live one, deletes the rest, touches no other stack', async () => {
    // Prepare
    const name = 'posthog-proxy-live-OriginResponseLambdaFunction-Xyz789';
    const other = 'posthog-proxy-other-OriginResponseLambdaFunction-Qrs456';
    aws.lambda.putFunction(name, { versions: [1, 2, 3], tags: { 'aws:cloudformation:stack-name': 'posthog-proxy-live' } });
    aws.lambda.putFunction(other, { versions: [1], tags: { [FUNCTION_STACK_TAG]: 'posthog-proxy-other' } });
    aws.cloudFormation.putStack({ name: 'posthog-proxy-live', status: 'UPDATE_COMPLETE', outputs: { OriginResponseVersionArn: lambdaArn(name, 3) } });
    const id = await distributionUsing(lambdaArn(name, 2));
    // Act
    const dry = await run('--stage', 'live', '--dry-run', '--json');
    const versionsAfterDryRun = [...aws.lambda.functions.get(name)!.versions];
    const result = await run('--stage', 'live');
    // Assess
    const report = JSON.parse(dry.out);
    expect(report).toMatchObject({ stackName: 'posthog-proxy-live', stackExists: true, functions: [name], deleted: [`${name}:1`], replicated: [], dryRun: true });
    expect(report.kept).toEqual([
      { arn: lambdaArn(name, 2), reason: `used by distribution ${id}` },
      { arn: lambdaArn(name, 3), reason: 'the live stack\'s current version' },
    ]);
    expect(versionsAfterDryRun).toEqual([1, 2, 3]);
    expect(result.code).toBe(0);
    expect(aws.lambda.functions.get(name)!.versions).toEqual([2, 3]);
    expect(aws.lambda.functions.get(other)!.versions).toEqual([1]);
  });

  it('finds the function earlier versions gave a fixed name, and deletes a removed stack\'s unused viewer-request functions (--dry-run names them)', async () => {
    // Prepare
    aws.lambda.putFunction('posthog-proxy-old-originResponse', { versions: [1] });
    aws.cloudFront.addFunction('posthog-proxy-old-vr-0000abcd');
    // Act
    const dry = await run('--stack', 'posthog-proxy-old', '--dry-run');
    const dryJson = JSON.parse((await run('--stack', 'posthog-proxy-old', '--dry-run', '--json')).out);
    const afterDryRun = aws.cloudFront.functions.has('posthog-proxy-old-vr-0000abcd');
    const result = await run('--stack', 'posthog-proxy-old');
    // Assess: the dry run names the function and leaves it; the real run deletes it.
    expect(dry.out).toContain('would delete viewer-request function posthog-proxy-old-vr-0000abcd');
    expect(dryJson.viewerRequestFunctions).toEqual({ deleted: ['posthog-proxy-old-vr-0000abcd'], inUse: [] });
    expect(afterDryRun).toBe(true);
    expect(result.code).toBe(0);
    expect(aws.lambda.functions.has('posthog-proxy-old-originResponse')).toBe(false);
    expect(aws.cloudFront.functions.has('posthog-proxy-old-vr-0000abcd')).toBe(false);
  });
});
