import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { prune, type PruneClients } from '../../deploy/prune.ts';
import { resourceNames } from '../../deploy/resource-names.ts';
import { parseOptions, type Command } from '../command.ts';

export const USAGE = `Usage: posthog-cloudfront prune --stage STAGE | --stack NAME [--dry-run] [--json]
Deletes what this proxy stack left behind once CloudFront has released it: Lambda@Edge functions and versions
no distribution references (the whole function when the stack was removed), and viewer-request functions of
earlier layouts. Versions CloudFront still has replicas of are listed, not forced: CloudFront removes replicas
hours after the last association goes; run prune again later. Exit code 0 when nothing is left to wait for,
3 when some functions still have replicas.`;

const OPTIONS = {
  stage: { type: 'string', default: 'dev' },
  stack: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Real clients in us-east-1, where Lambda@Edge functions live; AWS_ENDPOINT_URL_<SERVICE> is honoured by the SDK. */
function clients(): PruneClients {
  const common = { region: 'us-east-1' };
  return { lambda: new LambdaClient(common), cloudFront: new CloudFrontClient(common), cloudFormation: new CloudFormationClient(common) };
}

export const command: Command = async (argv, injected: PruneClients = clients()) => {
  const { values } = parseOptions(argv, OPTIONS);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const stackName = values.stack ?? resourceNames(values.stage!).stackName;
  const log = values.json ? () => {} : (line: string) => console.log(line);
  const report = await prune(injected, stackName, { dryRun: values['dry-run'], log });
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else if (report.functions.length === 0) console.log(`${stackName}: no Lambda@Edge functions of this stack found`);
  else {
    const waiting = report.replicated.length;
    console.log(
      `${stackName}: ${report.deleted.length} ${values['dry-run'] ? 'to delete' : 'deleted'}, ${report.kept.length} in use, ${waiting} still replicated` +
        (waiting ? ' (CloudFront deletes replicas hours after the last association; run prune again later)' : ''),
    );
  }
  return report.replicated.length > 0 ? 3 : 0;
};
