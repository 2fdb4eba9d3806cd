import { attachToDistribution } from '../../deploy/attach-flow.ts';
import { posthogInitSnippet } from '../../deploy/init-snippet.ts';
import type { Command } from '../command.ts';
import { distributionClients, parseDistributionCommand } from './distribution-options.ts';

export const USAGE = `Usage: posthog-cloudfront attach --distribution-id ID [--config FILE] [--stage STAGE | --stack NAME] [--profile NAME] [--dry-run] [--no-wait] [--force-iac]
Adds the proxy's origins and behaviors (deployed by "npx serverless deploy --stage STAGE") to an existing
distribution, in one update; other stages' proxies and your own behaviors stay as they are. Refuses a
distribution owned by CloudFormation, CDK, Serverless or Terraform (their next deploy would remove the proxy)
unless --force-iac.`;

export const command: Command = async (argv, deps) => {
  const parsed = parseDistributionCommand(argv);
  if (parsed === null) {
    deps.out(USAGE);
    return 0;
  }
  const clients = await distributionClients(deps.aws, parsed.profile);
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
    log: (line) => deps.out(line),
  });
  if (result.status !== 'dry-run') deps.out(`SDK setting: ${posthogInitSnippet(parsed.config, 'https://<your site domain>')}`);
  return 0;
};
