/**
 * Retention for the Lambda@Edge function's log groups. Lambda@Edge writes to `/aws/lambda/us-east-1.<name>`
 * in the Region of each edge that ran it, and Lambda creates those groups with no retention, so they are
 * kept (and billed) forever (AWS Lambda Developer Guide, "Lambda@Edge logs": "CloudWatch Logs ... in the
 * Region closest to the location where the function is executed"). This sets the retention in every Region
 * given where such a group exists; Regions that refuse (not enabled for the account) are reported, not fatal.
 */
import { DescribeLogGroupsCommand, PutRetentionPolicyCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';

/**
 * Regions with CloudFront regional edge caches, where Lambda@Edge runs (AWS: CloudFront "Global edge
 * network" page; the list can grow: `--regions` overrides it).
 */
export const EDGE_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'sa-east-1',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-north-1',
  'ap-south-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2',
] as const;

export function edgeLogGroupName(functionName: string): string {
  return `/aws/lambda/us-east-1.${functionName}`;
}

export interface RetentionChange {
  region: string;
  logGroup: string;
  /** null: never expire (as Lambda@Edge leaves it). */
  before: number | null;
  after: number;
  /** false: already at the wanted retention, or --dry-run. */
  changed: boolean;
}

export interface RegionFailure {
  region: string;
  error: string;
}

export interface RetentionResult {
  changes: RetentionChange[];
  failures: RegionFailure[];
  regionsSearched: number;
}

export interface RetentionRequest {
  functionName: string;
  retentionDays: number;
  regions: readonly string[];
  dryRun: boolean;
  logs(region: string): Promise<CloudWatchLogsClient>;
}

async function inRegion(request: RetentionRequest, region: string): Promise<RetentionChange[]> {
  const client = await request.logs(region);
  const name = edgeLogGroupName(request.functionName);
  const changes: RetentionChange[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name, nextToken }));
    for (const group of page.logGroups ?? []) {
      // The prefix also matches `<name>-other`; only the function's own group counts.
      if (group.logGroupName !== name) continue;
      const before = group.retentionInDays ?? null;
      const change = before !== request.retentionDays && !request.dryRun;
      if (change) await client.send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: request.retentionDays }));
      changes.push({ region, logGroup: name, before, after: request.retentionDays, changed: change });
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return changes;
}

export async function setEdgeLogRetention(request: RetentionRequest): Promise<RetentionResult> {
  const results = await Promise.all(request.regions.map(async (region) => {
    try {
      return { changes: await inRegion(request, region), failure: null };
    } catch (error) {
      const e = error as { name?: string; message?: string };
      return { changes: [], failure: { region, error: `${e.name ?? 'Error'}: ${e.message ?? String(error)}` } };
    }
  }));
  return {
    changes: results.flatMap((r) => r.changes),
    failures: results.flatMap((r) => (r.failure ? [r.failure] : [])),
    regionsSearched: request.regions.length,
  };
}
