import { applyDistributionEdit } from '../../deploy/attach-distribution.ts';
import { detachEdit } from '../../deploy/attach-edit.ts';
import type { Command } from '../command.ts';
import { distributionClients, parseDistributionCommand } from './distribution-options.ts';

export const USAGE = `Usage: posthog-cloudfront detach --distribution-id ID [--config FILE] [--profile NAME] [--dry-run] [--no-wait]
Removes exactly the origins and behaviors attach added (origins posthog-proxy-main/-assets and the behaviors targeting them).`;

export const command: Command = async (argv, deps) => {
  const parsed = parseDistributionCommand(argv);
  if (parsed === null) {
    deps.out(USAGE);
    return 0;
  }
  const clients = await distributionClients(deps.aws, parsed.profile);
  await applyDistributionEdit({
    client: clients.cloudFront,
    distributionId: parsed.distributionId,
    edit: detachEdit,
    dryRun: parsed.dryRun,
    wait: parsed.wait,
    log: (line) => deps.out(line),
  });
  return 0;
};
