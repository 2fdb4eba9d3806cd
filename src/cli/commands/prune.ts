import { prune, type PruneClients } from '../../deploy/prune.ts';
import { resourceNames } from '../../deploy/resource-names.ts';
import { parseOptions, type Command } from '../command.ts';

export const USAGE = `Usage: posthog-cloudfront prune --stage STAGE | --stack NAME [--profile NAME] [--dry-run] [--json]
Deletes what this proxy stack left behind once CloudFront has released it: Lambda@Edge functions and versions
no distribution references (the whole function when the stack was removed), and viewer-request functions of
earlier layouts. Versions CloudFront still has replicas of are listed, not forced: CloudFront removes replicas
hours after the last association goes; run prune again later. Exit code 0 when nothing is left to wait for,
3 when some functions still have replicas.`;

const OPTIONS = {
  stage: { type: 'string', default: 'dev' },
  stack: { type: 'string' },
  profile: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h' },
} as const;

export const command: Command = async (argv, deps) => {
  const { values } = parseOptions(argv, OPTIONS);
  if (values.help) {
    deps.out(USAGE);
    return 0;
  }
  // us-east-1 (the factory's default), where Lambda@Edge functions live; the SDK honours AWS_ENDPOINT_URL_<SERVICE>.
  const profile = values.profile;
  const injected: PruneClients = { lambda: await deps.aws.lambda({ profile }), cloudFront: await deps.aws.cloudFront({ profile }), cloudFormation: await deps.aws.cloudFormation({ profile }) };
  const stackName = values.stack ?? resourceNames(values.stage!).stackName;
  const log = values.json ? () => {} : (line: string) => deps.out(line);
  const report = await prune(injected, stackName, { dryRun: values['dry-run'], log });
  if (values.json) deps.out(JSON.stringify(report, null, 2));
  else if (report.functions.length === 0) deps.out(`${stackName}: no Lambda@Edge functions of this stack found`);
  else {
    const waiting = report.replicated.length;
    deps.out(
      `${stackName}: ${report.deleted.length} ${values['dry-run'] ? 'to delete' : 'deleted'}, ${report.kept.length} in use, ${waiting} still replicated` +
        (waiting ? ' (CloudFront deletes replicas hours after the last association; run prune again later)' : ''),
    );
  }
  return report.replicated.length > 0 ? 3 : 0;
};
