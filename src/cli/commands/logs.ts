/**
 * `posthog-cloudfront logs --stage S --retention-days N`: sets the retention of the Lambda@Edge function's
 * log groups in every edge Region where they exist (Lambda@Edge creates them with none). See
 * src/monitoring/edge-log-retention.ts and docs/operate.md ("Logs").
 */
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { StackOutputsError } from '../../deploy/deploy-errors.ts';
import { awsErrorToProxyError } from '../../errors/aws-errors.ts';
import { OUTPUT_KEYS, resourceNames } from '../../deploy/resource-names.ts';
import { RETENTION_DAYS } from '../../monitoring/monitoring-config.ts';
import { EDGE_REGIONS, setEdgeLogRetention } from '../../monitoring/edge-log-retention.ts';
import { parseOptions, UsageError, type Command } from '../command.ts';

export const USAGE = `Usage: posthog-cloudfront logs --retention-days N [--stage STAGE | --stack NAME | --function-name NAME] [--regions R1,R2] [--dry-run] [--profile NAME] [--json]
Sets the retention of the Lambda@Edge function's log groups (/aws/lambda/us-east-1.<function>) in every
edge Region where they exist; Lambda@Edge creates them with none, so they are kept and billed forever.

  --retention-days N   one of ${RETENTION_DAYS.join(', ')}
  --stage S            the stage deployed with "npx serverless deploy --stage S" (default dev)
  --stack NAME         the stack's name instead (default posthog-proxy-<stage>)
  --function-name F    the Lambda@Edge function's name instead of the stack's ${OUTPUT_KEYS.originResponseFunctionName} output
  --regions R1,R2      the Regions to search (default: the ${EDGE_REGIONS.length} Regions with CloudFront regional edge caches)
  --dry-run            only list the groups and their retention
  --json               print the result as JSON

Run it again after traffic reaches new edge Regions: a group appears when the function first runs there.`;

export const command: Command = async (argv, deps) => {
  const { values } = parseOptions(argv, {
    'retention-days': { type: 'string' },
    stage: { type: 'string', default: 'dev' },
    stack: { type: 'string' },
    'function-name': { type: 'string' },
    regions: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    profile: { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    deps.out(USAGE);
    return 0;
  }
  const days = Number(values['retention-days']);
  if (values['retention-days'] === undefined || !(RETENTION_DAYS as readonly number[]).includes(days)) {
    throw new UsageError(`--retention-days ${JSON.stringify(values['retention-days'] ?? '')} is not a retention CloudWatch Logs accepts; use one of ${RETENTION_DAYS.join(', ')}, e.g. --retention-days 30`);
  }
  const regions = values.regions === undefined ? [...EDGE_REGIONS] : values.regions.split(',').map((r) => r.trim()).filter((r) => r !== '');
  const bad = regions.find((r) => !/^[a-z]{2}(-[a-z]+)+-\d$/.test(r));
  if (bad !== undefined || regions.length === 0) throw new UsageError(`--regions ${JSON.stringify(values.regions)} must list Region codes separated by commas, e.g. --regions us-east-1,eu-west-1`);
  const aws = { profile: values.profile };
  let functionName = values['function-name'];
  if (functionName === undefined) {
    const stackName = values.stack ?? resourceNames(values.stage!).stackName;
    const cloudFormation = await deps.aws.cloudFormation(aws);
    let value: string | undefined;
    try {
      const { Stacks } = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
      value = Stacks?.[0]?.Outputs?.find((o) => o.OutputKey === OUTPUT_KEYS.originResponseFunctionName)?.OutputValue;
    } catch (cause) {
      const awsFailure = awsErrorToProxyError(cause, `read stack ${stackName} in us-east-1`);
      if (awsFailure) throw awsFailure;
      throw new StackOutputsError(`cannot read stack ${stackName} in us-east-1: ${(cause as Error).message}; deploy it first, or pass --stage, --stack or --function-name`, { cause });
    }
    if (!value) throw new StackOutputsError(`stack ${stackName} has no output ${OUTPUT_KEYS.originResponseFunctionName}; redeploy it with this version, or pass --function-name`);
    functionName = value;
  }
  const result = await setEdgeLogRetention({
    functionName,
    retentionDays: days,
    regions,
    dryRun: values['dry-run']!,
    logs: (region) => deps.aws.cloudWatchLogs({ ...aws, region }),
  });
  if (values.json) {
    deps.out(JSON.stringify({ schema: 'posthog-cloudfront-logs/1', functionName, retentionDays: days, dryRun: values['dry-run'], ...result }, null, 2));
  } else {
    const lines = [`Lambda@Edge log groups of ${functionName} in ${result.regionsSearched} Regions:`];
    if (result.changes.length === 0) lines.push('  none yet (a group appears in a Region when the function first runs there)');
    for (const c of result.changes) {
      const before = c.before === null ? 'never expires' : `${c.before} days`;
      lines.push(`  ${c.region.padEnd(15)} ${c.logGroup}: ${before}${c.changed ? ` -> ${c.after} days` : c.before === c.after ? ' (kept)' : ` (would be ${c.after} days)`}`);
    }
    for (const f of result.failures) lines.push(`  ${f.region.padEnd(15)} not searched: ${f.error}`);
    deps.out(lines.join('\n'));
  }
  return result.failures.length === 0 ? 0 : 1;
};
