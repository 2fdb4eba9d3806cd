import { applyDistributionEdit } from '../../deploy/attach-distribution.ts';
import { attachEdit } from '../../deploy/attach-edit.ts';
import { posthogInitSnippet } from '../../deploy/init-snippet.ts';
import { readDeployedIds } from '../../deploy/stack-outputs.ts';
import { distributionLayout } from '../../distribution/distribution-layout.ts';
import type { Command } from '../command.ts';
import { distributionClients, parseDistributionCommand } from './distribution-options.ts';

export const USAGE = `Usage: posthog-cloudfront attach --distribution-id ID [--config FILE] [--stage STAGE | --stack NAME] [--profile NAME] [--dry-run] [--no-wait]
Adds the proxy's origins and behaviors (deployed by "npx serverless deploy --stage STAGE") to an existing distribution.`;

export const command: Command = async (argv, deps) => {
  const parsed = parseDistributionCommand(argv);
  if (parsed === null) {
    deps.out(USAGE);
    return 0;
  }
  const clients = await distributionClients(deps.aws, parsed.profile);
  const ids = await readDeployedIds(clients.cloudFormation, parsed.stackName);
  const layout = distributionLayout(parsed.config);
  const result = await applyDistributionEdit({
    client: clients.cloudFront,
    distributionId: parsed.distributionId,
    edit: (current) => attachEdit(current, layout, ids),
    dryRun: parsed.dryRun,
    wait: parsed.wait,
    log: (line) => deps.out(line),
  });
  if (result.status !== 'dry-run') deps.out(`SDK setting: ${posthogInitSnippet(parsed.config, 'https://<your site domain>')}`);
  return 0;
};
