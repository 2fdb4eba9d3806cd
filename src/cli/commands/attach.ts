import { attachToDistribution } from '../../deploy/attach-flow.ts';
import { posthogInitSnippet } from '../../deploy/init-snippet.ts';
import type { Command } from '../command.ts';
import { awsClients, parseDistributionCommand } from './distribution-options.ts';

export const USAGE = `Usage: posthog-cloudfront attach --distribution-id ID [--config FILE] [--stage STAGE | --stack NAME] [--dry-run] [--no-wait] [--force-iac]
Adds the proxy's origins and behaviors (deployed by "npx serverless deploy --stage STAGE") to an existing
distribution, in one update; other stages' proxies and your own behaviors stay as they are. Refuses a
distribution owned by CloudFormation, CDK, Serverless or Terraform (their next deploy would remove the proxy)
unless --force-iac.`;

export const command: Command = async (argv, clients = awsClients()) => {
  const parsed = parseDistributionCommand(argv);
  if (parsed === null) {
    console.log(USAGE);
    return 0;
  }
  const result = await attachToDistribution({
    cloudFront: clients.cloudFront,
    cloudFormation: clients.cloudFormation,
    config: parsed.config,
    distributionId: parsed.distributionId,
    stackName: parsed.stackName,
    stage: parsed.stage,
    forceIac: parsed.forceIac,
    dryRun: parsed.dryRun,
    wait: parsed.wait,
    log: (line) => console.log(line),
  });
  if (result.status !== 'dry-run') console.log(`SDK setting: ${posthogInitSnippet(parsed.config, 'https://<your site domain>')}`);
  return 0;
};
