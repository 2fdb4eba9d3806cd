/** Options and clients shared by the attach and detach commands. */
import type { AwsClientFactory } from '../aws-clients.ts';
import { DEFAULT_CONFIG_FILE, loadConfig } from '../../config/load-config.ts';
import type { ProxyConfig } from '../../config/proxy-config.ts';
import { resourceNames } from '../../deploy/resource-names.ts';
import { parseOptions, UsageError } from '../command.ts';

export const DISTRIBUTION_OPTIONS = {
  'distribution-id': { type: 'string' },
  config: { type: 'string', default: DEFAULT_CONFIG_FILE },
  stage: { type: 'string', default: 'dev' },
  stack: { type: 'string' },
  profile: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  'no-wait': { type: 'boolean', default: false },
  'force-iac': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface DistributionCommand {
  help: boolean;
  config: ProxyConfig;
  distributionId: string;
  stackName: string;
  stage: string;
  /** --profile: a profile of ~/.aws/config; absent: the SDK's default chain (AWS_PROFILE, ...). */
  profile: string | undefined;
  forceIac: boolean;
  dryRun: boolean;
  wait: boolean;
}

/** --distribution-id wins over the configuration's distributionId; one of them must be there. */
export function parseDistributionCommand(argv: string[]): DistributionCommand | null {
  const { values } = parseOptions(argv, DISTRIBUTION_OPTIONS);
  if (values.help) return null;
  const config = loadConfig(values.config, values['distribution-id'] ? { distributionId: values['distribution-id'] } : {});
  if (config.distributionId === null) {
    throw new UsageError('which distribution? pass --distribution-id E… or set "distributionId" in the configuration');
  }
  return {
    help: false,
    config,
    distributionId: config.distributionId,
    stackName: values.stack ?? resourceNames(values.stage!).stackName,
    stage: values.stage!,
    forceIac: values['force-iac']!,
    profile: values.profile,
    dryRun: values['dry-run']!,
    wait: !values['no-wait'],
  };
}

/** The CloudFront and CloudFormation clients attach and detach use, in us-east-1 with the chosen profile. */
export async function distributionClients(aws: AwsClientFactory, profile: string | undefined) {
  return { cloudFront: await aws.cloudFront({ profile }), cloudFormation: await aws.cloudFormation({ profile }) };
}
