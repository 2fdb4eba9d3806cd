import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CloudFrontClient, GetDistributionConfigCommand, UpdateDistributionCommand } from '@aws-sdk/client-cloudfront';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { givenClients } from '../../src/cli/aws-clients.ts';
import { command as attach } from '../../src/cli/commands/attach.ts';
import { capturedDeps } from '../support/command-deps.ts';
import { deployConfigPath, distributions, IDS } from './deploy-fixtures.ts';

const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' };

describe('posthog-cloudfront attach', () => {
  it('--dry-run reads the ids from the stack outputs, prints the diff and sends no update', async () => {
    // Prepare
    const cloudFront = new CloudFrontClient({ region: 'us-east-1', credentials });
    const cloudFormation = new CloudFormationClient({ region: 'us-east-1', credentials });
    const cf = mockClient(cloudFront);
    cf.on(GetDistributionConfigCommand, { Id: 'E9ZZZZZZZZZZ' }).resolves({ ETag: 'E1', DistributionConfig: distributions()[0][1] });
    mockClient(cloudFormation).on(DescribeStacksCommand, { StackName: 'posthog-proxy-prod' }).resolves({
      Stacks: [{ StackName: 'posthog-proxy-prod', CreationTime: new Date(0), StackStatus: 'UPDATE_COMPLETE', Outputs: [
        { OutputKey: 'ViewerRequestFunctionArn', OutputValue: IDS.viewerRequestFunctionArn },
        { OutputKey: 'CachePolicyId', OutputValue: IDS.cachePolicyId },
        { OutputKey: 'OriginRequestPolicyId', OutputValue: IDS.originRequestPolicyId },
        { OutputKey: 'OriginResponseVersionArn', OutputValue: IDS.originResponseVersionArn },
      ] }],
    });
    const { deps, out: printed } = capturedDeps({ aws: givenClients({ cloudFront, cloudFormation }) });
    // Act
    const code = await attach(['--distribution-id', 'E9ZZZZZZZZZZ', '--stage', 'prod', '--config', deployConfigPath('attach-us'), '--dry-run'], deps);
    // Assess
    expect(code).toBe(0);
    expect(cf.commandCalls(UpdateDistributionCommand)).toHaveLength(0);
    expect(printed.filter((l) => l.trim().startsWith('+'))).toHaveLength(5);
  });
});
