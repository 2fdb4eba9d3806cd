/**
 * A fake of the CloudWatch Logs API (awsJson1_1: POST /, `x-amz-target: Logs_20140328.<Operation>`, JSON
 * errors with `__type`) for the `logs` command: DescribeLogGroups (logGroupNamePrefix, limit, nextToken) and
 * PutRetentionPolicy, per Region. The Region is the one the request was signed for (the SigV4 credential
 * scope), as each regional endpoint only sees its own Region's groups. A Region listed in `refused` answers
 * UnrecognizedClientException, as an opt-in Region not enabled for the account does.
 */
import type { FakeRequest, FakeResponse, FakeService } from './fake-service.ts';
import { requestIdHeaders } from './fake-service.ts';
import { ACCOUNT_ID } from './fake-cloudfront.ts';

/** CloudWatch Logs' allowed retention values (PutRetentionPolicy). */
const RETENTION = new Set([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]);

export class FakeCloudWatchLogs implements FakeService {
  readonly envKey = 'CLOUDWATCH_LOGS';
  /** Region to log group name to retention (undefined: never expire). */
  readonly groups = new Map<string, Map<string, number | undefined>>();
  readonly refused = new Set<string>();
  /** DescribeLogGroups page size when the request gives no limit (AWS's default is 50). */
  pageSize = 50;

  putGroup(region: string, name: string, retentionInDays?: number): void {
    if (!this.groups.has(region)) this.groups.set(region, new Map());
    this.groups.get(region)!.set(name, retentionInDays);
  }

  retention(region: string, name: string): number | undefined {
    return this.groups.get(region)?.get(name);
  }

  handle(request: FakeRequest): FakeResponse & { operation: string } {
    const operation = (request.headers['x-amz-target'] ?? '').replace(/^Logs_20140328\./, '') || 'Unknown';
    const region = /Credential=[^/]+\/\d{8}\/([a-z0-9-]+)\/logs\/aws4_request/.exec(request.headers.authorization ?? '')?.[1];
    if (region === undefined) return { operation, ...error(400, 'InvalidSignatureException', 'the request is not signed for a Region and the logs service') };
    if (this.refused.has(region)) return { operation, ...error(400, 'UnrecognizedClientException', 'The security token included in the request is invalid.') };
    const input = JSON.parse(request.body || '{}') as Record<string, unknown>;
    const groups = this.groups.get(region) ?? new Map<string, number | undefined>();
    if (operation === 'DescribeLogGroups') {
      const prefix = (input.logGroupNamePrefix as string | undefined) ?? '';
      const names = [...groups.keys()].filter((n) => n.startsWith(prefix)).sort();
      const start = input.nextToken === undefined ? 0 : Number(input.nextToken);
      const limit = (input.limit as number | undefined) ?? this.pageSize;
      const page = names.slice(start, start + limit);
      const logGroups = page.map((n) => ({
        logGroupName: n,
        arn: `arn:aws:logs:${region}:${ACCOUNT_ID}:log-group:${n}:*`,
        creationTime: 0,
        storedBytes: 0,
        ...(groups.get(n) === undefined ? {} : { retentionInDays: groups.get(n) }),
      }));
      return { operation, ...ok({ logGroups, ...(start + limit < names.length ? { nextToken: String(start + limit) } : {}) }) };
    }
    if (operation === 'PutRetentionPolicy') {
      const name = input.logGroupName as string;
      if (!groups.has(name)) return { operation, ...error(400, 'ResourceNotFoundException', 'The specified log group does not exist.') };
      if (!RETENTION.has(input.retentionInDays as number)) return { operation, ...error(400, 'InvalidParameterException', `1 validation error detected: Value '${input.retentionInDays}' at 'retentionInDays' failed to satisfy constraint`) };
      groups.set(name, input.retentionInDays as number);
      return { operation, ...ok({}) };
    }
    return { operation, ...error(400, 'UnknownOperationException', `the fake CloudWatch Logs does not implement ${operation}`) };
  }
}

function ok(value: unknown): FakeResponse {
  return { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1', ...requestIdHeaders() }, body: JSON.stringify(value) };
}

function error(status: number, type: string, message: string): FakeResponse {
  return { status, headers: { 'content-type': 'application/x-amz-json-1.1', ...requestIdHeaders() }, body: JSON.stringify({ __type: type, message }) };
}
