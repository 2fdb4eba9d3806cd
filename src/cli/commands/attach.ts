import { attachToDistribution } from '../../deploy/attach-flow.ts';
import { posthogInitSnippet } from '../../deploy/init-snippet.ts';
import { distributionLayout } from '../../distribution/distribution-layout.ts';
import { AwsCredentialsError, AwsNetworkError } from '../../errors/aws-errors.ts';
import { ProxyError } from '../../errors/proxy-error.ts';
import type { Command } from '../command.ts';
import { layoutPreview } from './attach-preview.ts';
import { distributionClients, parseDistributionCommand } from './distribution-options.ts';

export const USAGE = `Usage: posthog-cloudfront attach --distribution-id ID [--config FILE] [--stage STAGE | --stack NAME] [--profile NAME] [--dry-run] [--no-wait] [--force-iac]
Adds the proxy's origins and behaviors (deployed by "npx serverless deploy --stage STAGE") to an existing
distribution, in one update; other stages' proxies and your own behaviors stay as they are. Refuses a
distribution owned by CloudFormation, CDK, Serverless or Terraform (their next deploy would remove the proxy)
unless --force-iac.`;

/** A dry run showed the local layout only: the live distribution could not be read. */
export class AwsPreviewOnlyError extends ProxyError {}

export const command: Command = async (argv, deps) => {
  const parsed = parseDistributionCommand(argv);
  if (parsed === null) {
    deps.out(USAGE);
    return 0;
  }
  let result;
  try {
    const clients = await distributionClients(deps.aws, parsed.profile);
    result = await attachToDistribution({
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
  } catch (error) {
    // A dry run without credentials or network still shows what the configuration would add.
    if (!parsed.dryRun || !(error instanceof AwsCredentialsError || error instanceof AwsNetworkError)) throw error;
    deps.out(layoutPreview(distributionLayout(parsed.config), parsed.distributionId).join('\n'));
    throw new AwsPreviewOnlyError(`comparing with the live distribution ${parsed.distributionId} needs AWS: ${error.message}`, { cause: error });
  }
  if (result.status !== 'dry-run') deps.out(`SDK setting: ${posthogInitSnippet(parsed.config, 'https://<your site domain>')}`);
  return 0;
};
