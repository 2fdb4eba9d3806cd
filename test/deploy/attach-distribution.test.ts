import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  CloudFrontClient,
  GetDistributionCommand,
  GetDistributionConfigCommand,
  PreconditionFailed,
  UpdateDistributionCommand,
} from '@aws-sdk/client-cloudfront';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { applyDistributionEdit } from '../../src/deploy/attach-distribution.ts';
import { attachEdit, detachEdit } from '../../src/deploy/attach-edit.ts';
import { readDeployedIds } from '../../src/deploy/stack-outputs.ts';
import { distributionLayout } from '../../src/distribution/distribution-layout.ts';
import { deployConfig, distributions, IDS } from './deploy-fixtures.ts';

const ID = 'E2QWRUHAPOMQZL';
const [[, SITE]] = distributions().filter(([n]) => n === 'site-with-behaviors');
const layout = distributionLayout(deployConfig('attach-us'));
const attach = (c: Parameters<typeof attachEdit>[0]) => attachEdit(c, layout, IDS);
const preconditionFailed = () => new PreconditionFailed({ message: 'The If-Match version is missing or not valid', $metadata: {} });

/** A real CloudFrontClient whose transport is aws-sdk-client-mock; nothing leaves the process. */
function setup() {
  const client = new CloudFrontClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' } });
  const mock = mockClient(client);
  const lines: string[] = [];
  const sleeps: number[] = [];
  const base = { client, distributionId: ID, log: (l: string) => lines.push(l), sleep: async (ms: number) => void sleeps.push(ms) };
  return { client, mock, lines, sleeps, base };
}

describe('applyDistributionEdit with the real SDK client', () => {
  it('updates with the ETag it read and waits for Deployed, reporting progress', async () => {
    // Prepare
    const { mock, lines, sleeps, base } = setup();
    mock.on(GetDistributionConfigCommand).resolves({ ETag: 'E1', DistributionConfig: structuredClone(SITE) });
    mock.on(UpdateDistributionCommand).resolves({ ETag: 'E2' });
    mock.on(GetDistributionCommand)
      .resolvesOnce({ Distribution: { Status: 'InProgress' } as never })
      .resolvesOnce({ Distribution: { Status: 'InProgress' } as never })
      .resolves({ Distribution: { Status: 'Deployed' } as never });
    // Act
    const result = await applyDistributionEdit({ ...base, edit: attach, pollIntervalMs: 1000 });
    // Assess
    const update = mock.commandCalls(UpdateDistributionCommand);
    expect(update).toHaveLength(1);
    expect(update[0].args[0].input.IfMatch).toBe('E1');
    expect(update[0].args[0].input.DistributionConfig).toEqual(attach(structuredClone(SITE)).newConfig);
    expect(result).toMatchObject({ changed: true, attempts: 1, status: 'deployed' });
    expect(sleeps).toEqual([1000, 1000]);
    expect(lines.filter((l) => l.includes('InProgress'))).toHaveLength(2);
    expect(lines.at(-1)).toContain('Deployed');
  });

  it('re-reads and retries after PreconditionFailed, with the new ETag', async () => {
    // Prepare
    const { mock, base } = setup();
    mock.on(GetDistributionConfigCommand)
      .resolvesOnce({ ETag: 'E1', DistributionConfig: structuredClone(SITE) })
      .resolves({ ETag: 'E2', DistributionConfig: structuredClone(SITE) });
    mock.on(UpdateDistributionCommand).rejectsOnce(preconditionFailed()).resolves({ ETag: 'E3' });
    // Act
    const result = await applyDistributionEdit({ ...base, edit: attach, wait: false });
    // Assess
    expect(mock.commandCalls(UpdateDistributionCommand).map((c) => c.args[0].input.IfMatch)).toEqual(['E1', 'E2']);
    expect(result).toMatchObject({ attempts: 2, status: 'in-progress' });
    expect(mock.commandCalls(GetDistributionCommand)).toHaveLength(0);
  });

  it('gives up with ConcurrentUpdateError after the bounded number of attempts', async () => {
    // Prepare
    const { mock, base } = setup();
    mock.on(GetDistributionConfigCommand).resolves({ ETag: 'E1', DistributionConfig: structuredClone(SITE) });
    mock.on(UpdateDistributionCommand).rejects(preconditionFailed());
    // Act
    const act = applyDistributionEdit({ ...base, edit: attach, maxAttempts: 3 });
    // Assess
    await expect(act).rejects.toMatchObject({ name: 'ConcurrentUpdateError' });
    expect(mock.commandCalls(UpdateDistributionCommand)).toHaveLength(3);
  });

  it('dry run prints the diff and sends no update', async () => {
    // Prepare
    const { mock, lines, base } = setup();
    mock.on(GetDistributionConfigCommand).resolves({ ETag: 'E1', DistributionConfig: structuredClone(SITE) });
    // Act
    const result = await applyDistributionEdit({ ...base, edit: attach, dryRun: true });
    // Assess
    expect(mock.commandCalls(UpdateDistributionCommand)).toHaveLength(0);
    expect(result.status).toBe('dry-run');
    expect(lines.filter((l) => l.trim().startsWith('+ behavior /k7x2/'))).toHaveLength(3);
  });

  it('says so and sends nothing when the distribution is already attached', async () => {
    // Prepare
    const { mock, lines, base } = setup();
    mock.on(GetDistributionConfigCommand).resolves({ ETag: 'E1', DistributionConfig: attach(structuredClone(SITE)).newConfig });
    // Act
    const result = await applyDistributionEdit({ ...base, edit: attach });
    // Assess
    expect(result.status).toBe('unchanged');
    expect(mock.commandCalls(UpdateDistributionCommand)).toHaveLength(0);
    expect(lines[0]).toContain('nothing to change');
  });

  it('detach sends back the original configuration', async () => {
    // Prepare
    const { mock, base } = setup();
    mock.on(GetDistributionConfigCommand).resolves({ ETag: 'E7', DistributionConfig: attach(structuredClone(SITE)).newConfig });
    mock.on(UpdateDistributionCommand).resolves({});
    // Act
    await applyDistributionEdit({ ...base, edit: (c) => detachEdit(c, 'posthog-proxy-prod'), wait: false });
    // Assess
    expect(mock.commandCalls(UpdateDistributionCommand)[0].args[0].input).toEqual({ Id: ID, IfMatch: 'E7', DistributionConfig: SITE });
  });

  it('stops waiting with DeployWaitTimeoutError when the distribution never deploys', async () => {
    // Prepare
    const { mock, base } = setup();
    mock.on(GetDistributionConfigCommand).resolves({ ETag: 'E1', DistributionConfig: structuredClone(SITE) });
    mock.on(UpdateDistributionCommand).resolves({});
    mock.on(GetDistributionCommand).resolves({ Distribution: { Status: 'InProgress' } as never });
    // Act
    const act = applyDistributionEdit({ ...base, edit: attach, pollIntervalMs: 10, maxWaitMs: 30 });
    // Assess
    await expect(act).rejects.toMatchObject({ name: 'DeployWaitTimeoutError' });
  });
});

describe('readDeployedIds', () => {
  const outputs = (o: Record<string, string>) => ({ Stacks: [{ StackName: 's', CreationTime: new Date(0), StackStatus: 'UPDATE_COMPLETE' as const, Outputs: Object.entries(o).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })) }] });
  const full = {
    ViewerRequestFunctionArn: IDS.viewerRequestFunctionArn,
    CachePolicyId: IDS.cachePolicyId,
    OriginRequestPolicyId: IDS.originRequestPolicyId,
    OriginResponseVersionArn: IDS.originResponseVersionArn,
  };

  it.each([
    ['all outputs present', full, null],
    ['an output missing', { ...full, CachePolicyId: '' }, 'StackOutputsError'],
    ['an unversioned Lambda ARN', { ...full, OriginResponseVersionArn: IDS.originResponseVersionArn.replace(/:3$/, '') }, 'StackOutputsError'],
    ['a Lambda outside us-east-1', { ...full, OriginResponseVersionArn: IDS.originResponseVersionArn.replace('us-east-1', 'eu-west-1') }, 'StackOutputsError'],
  ])('%s', async (_, stackOutputs, error) => {
    // Prepare
    const client = new CloudFormationClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' } });
    mockClient(client).on(DescribeStacksCommand, { StackName: 'posthog-proxy-prod' }).resolves(outputs(stackOutputs));
    // Act
    const act = readDeployedIds(client, 'posthog-proxy-prod');
    // Assess
    if (error === null) await expect(act).resolves.toEqual(IDS);
    else await expect(act).rejects.toMatchObject({ name: error });
  });
});
