/** The fake AWS API answers the real SDK clients as the AWS documentation says (test/support/fake-aws/). */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CloudFrontClient, GetDistributionConfigCommand, ListDistributionsCommand, ListTagsForResourceCommand, UpdateDistributionCommand, type DistributionConfig } from '@aws-sdk/client-cloudfront';
import { DeleteFunctionCommand, GetFunctionCommand, LambdaClient, ListFunctionsCommand, ListVersionsByFunctionCommand } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { CLOUDFRONT_METHOD_ORDER, type FakeAws } from '../support/fake-aws/index.ts';
import { useFakeAws } from '../support/fake-aws/use-fake-aws.ts';
import { distributions } from './deploy-fixtures.ts';

let aws: FakeAws;
useFakeAws((started) => (aws = started));

/** Clients built as the commands build them: region only, endpoint and credentials from the environment. */
const cloudFront = () => new CloudFrontClient({ region: 'us-east-1' });

describe('fake CloudFront through the real SDK client', () => {
  it.each(distributions())('%s round-trips, with method lists in CloudFront\'s own order', async (_name, config) => {
    // Prepare
    const id = await aws.seedDistribution(config, { 'aws:cloudformation:stack-name': 'site' });
    // Act
    const { DistributionConfig, ETag } = await cloudFront().send(new GetDistributionConfigCommand({ Id: id }));
    // Assess
    expect(ETag).toMatch(/^E/);
    const sortMethods = (c: unknown) => JSON.parse(JSON.stringify(c), (k, v) => (k === 'Items' && Array.isArray(v) && v.every((m) => CLOUDFRONT_METHOD_ORDER.includes(m)) ? [...v].sort() : v));
    expect(sortMethods(DistributionConfig)).toEqual(sortMethods(config));
    const methods = DistributionConfig!.DefaultCacheBehavior!.AllowedMethods!.Items!;
    expect(methods).toEqual([...methods].sort((a, b) => CLOUDFRONT_METHOD_ORDER.indexOf(a) - CLOUDFRONT_METHOD_ORDER.indexOf(b)));
    const arn = (await cloudFront().send(new ListDistributionsCommand({}))).DistributionList!.Items!.find((d) => d.Id === id)!.ARN;
    const tags = await cloudFront().send(new ListTagsForResourceCommand({ Resource: arn }));
    expect(tags.Tags!.Items).toEqual([{ Key: 'aws:cloudformation:stack-name', Value: 'site' }]);
  });

  it.each([
    ['a stale ETag', (c: DistributionConfig) => ({ IfMatch: 'ESTALE', DistributionConfig: c }), 'PreconditionFailed'],
    ['no If-Match', (c: DistributionConfig) => ({ IfMatch: undefined, DistributionConfig: c }), 'InvalidIfMatchVersion'],
    ['a changed CallerReference', (c: DistributionConfig, e: string) => ({ IfMatch: e, DistributionConfig: { ...c, CallerReference: 'other' } }), 'IllegalUpdate'],
    ['a Quantity that does not match', (c: DistributionConfig, e: string) => ({ IfMatch: e, DistributionConfig: { ...c, Aliases: { Quantity: 3, Items: ['a.example.com'] } } }), 'InvalidArgument'],
  ] as const)('UpdateDistribution with %s fails with %s', async (_what, input, code) => {
    // Prepare
    const [[, config]] = distributions();
    const id = await aws.seedDistribution(config);
    const { config: current, etag } = await aws.distributionConfig(id);
    // Act
    const sent = cloudFront().send(new UpdateDistributionCommand({ Id: id, ...input(current, etag) }));
    // Assess
    await expect(sent).rejects.toMatchObject({ name: code });
  });

  it('answers TooManyCacheBehaviors above the account quota', async () => {
    // Prepare
    const [, [, site]] = distributions();
    const id = await aws.seedDistribution(site);
    const { config, etag } = await aws.distributionConfig(id);
    aws.cloudFront.quotas.cacheBehaviors = config.CacheBehaviors!.Quantity! - 1;
    // Act
    const sent = cloudFront().send(new UpdateDistributionCommand({ Id: id, IfMatch: etag, DistributionConfig: config }));
    // Assess
    try {
      await expect(sent).rejects.toMatchObject({ name: 'TooManyCacheBehaviors' });
    } finally {
      aws.cloudFront.quotas.cacheBehaviors = 75;
    }
  });
});

describe('fake CloudFormation and Lambda through the real SDK clients', () => {
  it('DescribeStacks returns outputs, and ValidationError for a stack that does not exist', async () => {
    // Prepare
    aws.cloudFormation.putStack({ name: 'posthog-proxy-prod', status: 'UPDATE_COMPLETE', outputs: { CachePolicyId: 'abc' } });
    const client = new CloudFormationClient({ region: 'us-east-1' });
    // Act
    const { Stacks } = await client.send(new DescribeStacksCommand({ StackName: 'posthog-proxy-prod' }));
    // Assess
    expect(Stacks![0].Outputs).toEqual([{ OutputKey: 'CachePolicyId', OutputValue: 'abc' }]);
    await expect(client.send(new DescribeStacksCommand({ StackName: 'gone' }))).rejects.toMatchObject({ name: 'ValidationError', message: 'Stack with id gone does not exist' });
  });

  it('DeleteFunction refuses a version with replicas, with Lambda\'s own error, and deletes it once released', async () => {
    // Prepare
    aws.lambda.putFunction('edge-fn', { versions: [1, 2], replicas: [1], tags: { 'aws:cloudformation:stack-name': 'posthog-proxy-prod' } });
    const client = new LambdaClient({ region: 'us-east-1' });
    // Act
    const refused = client.send(new DeleteFunctionCommand({ FunctionName: 'edge-fn', Qualifier: '1' }));
    // Assess
    await expect(refused).rejects.toMatchObject({ name: 'InvalidParameterValueException', message: expect.stringContaining('because it is a replicated function') });
    await client.send(new DeleteFunctionCommand({ FunctionName: 'edge-fn', Qualifier: '2' }));
    const versions = await client.send(new ListVersionsByFunctionCommand({ FunctionName: 'edge-fn' }));
    expect(versions.Versions!.map((v) => v.Version)).toEqual(['$LATEST', '1']);
    expect((await client.send(new GetFunctionCommand({ FunctionName: 'edge-fn' }))).Tags).toEqual({ 'aws:cloudformation:stack-name': 'posthog-proxy-prod' });
    aws.lambda.releaseReplicas('edge-fn');
    await client.send(new DeleteFunctionCommand({ FunctionName: 'edge-fn' }));
    expect((await client.send(new ListFunctionsCommand({}))).Functions!.map((f) => f.FunctionName)).not.toContain('edge-fn');
  });
});
