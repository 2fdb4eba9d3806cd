/**
 * `posthog-cloudfront status --stage S [--json]`: the deployed proxy's health on one screen (src/status/).
 * Exit codes (STATUS_EXIT, docs/operate.md): 0 nothing wrong, 1 a problem found, 2 bad arguments,
 * 3 nothing wrong seen but part of the state could not be read.
 */
import { ConfigFileError, ConfigValidationError } from '../../config/config-errors.ts';
import { DEFAULT_CONFIG_FILE, loadConfig } from '../../config/load-config.ts';
import { resourceNames } from '../../deploy/resource-names.ts';
import { distributionLayout } from '../../distribution/distribution-layout.ts';
import { evaluateStatus } from '../../status/evaluate-status.ts';
import { readStatus, type StatusClients } from '../../status/read-status.ts';
import { renderStatus } from '../../status/render-status.ts';
import { ALL_CHECKS } from '../../verify/run-checks.ts';
import { parseOptions, UsageError, type Command } from '../command.ts';

export const USAGE = `Usage: posthog-cloudfront status [--stage STAGE | --stack NAME] [--distribution-id ID] [--config FILE] [--profile NAME] [--json]
Shows the deployed proxy's health: the distribution's state and names, drift from the stack, the last hour's
requests and error rates, function errors, the canary's last run and any alarm in ALARM.

  --stage S            the stage deployed with "npx serverless deploy --stage S" (default dev)
  --stack NAME         the stack's name instead (default posthog-proxy-<stage>)
  --distribution-id ID the distribution (default: the configuration's distributionId, else the stack's output)
  --config FILE        the configuration the stack was deployed with (default ${DEFAULT_CONFIG_FILE})
  --profile NAME       a profile of ~/.aws/config (default: AWS_PROFILE, then the SDK's usual chain)
  --json               print the report as JSON (schema posthog-cloudfront-status/1)

Exit code: 0 nothing wrong, 1 a problem found, 2 bad arguments, 3 part of the state could not be read.`;

export const command: Command = async (argv, deps) => {
  const { values } = parseOptions(argv, {
    stage: { type: 'string', default: 'dev' },
    stack: { type: 'string' },
    'distribution-id': { type: 'string' },
    config: { type: 'string', default: DEFAULT_CONFIG_FILE },
    json: { type: 'boolean', default: false },
    profile: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    deps.out(USAGE);
    return 0;
  }
  let config;
  try {
    config = loadConfig(values.config);
  } catch (error) {
    // Exit 1 means "a problem with the proxy" here, so a bad configuration exits 2 like bad arguments.
    if (error instanceof ConfigFileError || error instanceof ConfigValidationError) throw new UsageError(error.message, { cause: error });
    throw error;
  }
  const aws = { profile: values.profile };
  const clients: StatusClients = { cloudFormation: await deps.aws.cloudFormation(aws), cloudFront: await deps.aws.cloudFront(aws), cloudWatch: await deps.aws.cloudWatch(aws) };
  const snapshot = await readStatus(clients, {
    stackName: values.stack ?? resourceNames(values.stage!).stackName,
    mode: config.distributionId === null ? 'new' : 'attach',
    distributionId: values['distribution-id'] ?? config.distributionId,
    checks: ALL_CHECKS.map((c) => c.id),
    now: new Date(deps.now()),
  });
  const report = evaluateStatus(snapshot, distributionLayout(config), config.monitoring);
  deps.out(values.json ? JSON.stringify(report, null, 2) : renderStatus(report));
  return report.exitCode;
};
