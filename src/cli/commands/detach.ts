import { applyDistributionEdit } from '../../deploy/attach-distribution.ts';
import { detachEdit } from '../../deploy/attach-edit.ts';
import { DEFAULT_CONFIG_FILE, loadConfig } from '../../config/load-config.ts';
import { resourceNames } from '../../deploy/resource-names.ts';
import { parseOptions, UsageError, type Command } from '../command.ts';
import { DISTRIBUTION_OPTIONS, distributionClients } from './distribution-options.ts';

export const USAGE = `Usage: posthog-cloudfront detach --distribution-id ID [--config FILE] [--stage STAGE | --stack NAME] [--profile NAME] [--dry-run] [--no-wait]
Removes exactly what this stack attached (its behaviors and the proxy origins only they use); other stages'
proxies and everything of yours stay as they are. Needs no configuration file; without --distribution-id it
reads "distributionId" from --config FILE (default ${DEFAULT_CONFIG_FILE}).`;

// attach's options but --force-iac: removing the proxy is safe whoever owns the distribution.
const { 'force-iac': _forceIac, ...OPTIONS } = DISTRIBUTION_OPTIONS;

export const command: Command = async (argv, deps) => {
  const { values } = parseOptions(argv, OPTIONS);
  if (values.help) {
    deps.out(USAGE);
    return 0;
  }
  const distributionId = values['distribution-id'] ?? loadConfig(values.config).distributionId;
  if (!distributionId) throw new UsageError('which distribution? pass --distribution-id E… or set "distributionId" in the configuration');
  const stackName = values.stack ?? resourceNames(values.stage!).stackName;
  const clients = await distributionClients(deps.aws, values.profile);
  await applyDistributionEdit({
    client: clients.cloudFront,
    distributionId,
    edit: (current) => detachEdit(current, stackName),
    dryRun: values['dry-run'],
    wait: !values['no-wait'],
    log: (line) => deps.out(line),
  });
  return 0;
};
