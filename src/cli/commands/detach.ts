import { applyDistributionEdit } from '../../deploy/attach-distribution.ts';
import { detachEdit } from '../../deploy/attach-edit.ts';
import type { Command } from '../command.ts';
import { awsClients, parseDistributionCommand } from './distribution-options.ts';

export const USAGE = `Usage: posthog-cloudfront detach --distribution-id ID [--config FILE] [--dry-run] [--no-wait]
Removes exactly the origins and behaviors attach added (origins posthog-proxy-main/-assets and the behaviors targeting them).`;

export const command: Command = async (argv, clients = awsClients()) => {
  const parsed = parseDistributionCommand(argv);
  if (parsed === null) {
    console.log(USAGE);
    return 0;
  }
  await applyDistributionEdit({
    client: clients.cloudFront,
    distributionId: parsed.distributionId,
    edit: detachEdit,
    dryRun: parsed.dryRun,
    wait: parsed.wait,
    log: (line) => console.log(line),
  });
  return 0;
};
