/**
 * `prune`: what a proxy stack leaves behind on purpose, deleted once CloudFront lets go of it.
 *
 * The Lambda@Edge function is retained when its stack goes (and old versions pile up with every deploy),
 * because Lambda refuses to delete a function or version CloudFront still has replicas of, for hours after its
 * last association is removed (Lambda Developer Guide, "Delete Lambda@Edge functions and replicas"). Prune finds
 * this stack's functions (tag FUNCTION_STACK_TAG or aws:cloudformation:stack-name = the stack, or the fixed
 * name earlier versions used), keeps every version a distribution still references (ListDistributions) and the
 * one the live stack outputs, and deletes the rest: the whole function when its stack is gone and nothing
 * references it, else version by version. A version with replicas is reported as such, not as Lambda's error.
 * It also deletes this stack's viewer-request CloudFront Functions of earlier layouts that no distribution uses.
 */
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { ListDistributionsCommand, type CacheBehavior, type CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { DeleteFunctionCommand, GetFunctionCommand, ListFunctionsCommand, ListVersionsByFunctionCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { deleteReplacedFunctions, replacedFunctions } from './replaced-functions.ts';
import { FUNCTION_STACK_TAG, OUTPUT_KEYS } from './resource-names.ts';
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';

export interface PruneReport {
  stackName: string;
  /** Whether the stack still exists (its function is then kept, only unused versions go). */
  stackExists: boolean;
  functions: string[];
  deleted: string[];
  /** Versions (or functions) Lambda refused because CloudFront still has replicas. */
  replicated: string[];
  /** Versions a distribution (or the live stack) still uses, with the reason. */
  kept: Array<{ arn: string; reason: string }>;
  /** This stack's viewer-request functions of earlier layouts; with dryRun, `deleted` lists the candidates. */
  viewerRequestFunctions: { deleted: string[]; inUse: string[] };
  dryRun: boolean;
}

export interface PruneClients {
  lambda: LambdaClient;
  cloudFront: CloudFrontClient;
  cloudFormation: CloudFormationClient;
}

/** Lambda's answer for a version CloudFront still has replicas of (InvalidParameterValueException, "... replicated function ..."). */
export const isReplicaError = (error: unknown) => (error as Error).name === 'InvalidParameterValueException' && /replicated function/i.test((error as Error).message);

/** Every Lambda@Edge ARN any distribution of the account associates, with the distributions that do. */
async function referencedVersions(client: CloudFrontClient): Promise<Map<string, string[]>> {
  const refs = new Map<string, string[]>();
  let marker: string | undefined;
  do {
    const { DistributionList } = await client.send(new ListDistributionsCommand({ Marker: marker }));
    for (const d of DistributionList?.Items ?? []) {
      const behaviors = [d.DefaultCacheBehavior as CacheBehavior | undefined, ...(d.CacheBehaviors?.Items ?? [])];
      for (const b of behaviors) {
        for (const a of b?.LambdaFunctionAssociations?.Items ?? []) {
          const list = refs.get(a.LambdaFunctionARN!) ?? [];
          if (!list.includes(d.Id!)) refs.set(a.LambdaFunctionARN!, [...list, d.Id!]);
        }
      }
    }
    marker = DistributionList?.IsTruncated ? DistributionList.NextMarker : undefined;
  } while (marker);
  return refs;
}

async function stackOutputs(client: CloudFormationClient, stackName: string): Promise<Record<string, string> | null> {
  try {
    const { Stacks } = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = Stacks?.[0];
    if (!stack || stack.StackStatus === 'DELETE_COMPLETE') return null;
    return Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
  } catch (error) {
    if ((error as Error).name === 'ValidationError' && /does not exist/.test((error as Error).message)) return null;
    throw error;
  }
}

/** This stack's Lambda@Edge functions: name pre-filter, then the tags decide (the fixed legacy name counts too). */
async function stackFunctions(client: LambdaClient, stackName: string): Promise<string[]> {
  const legacy = `${stackName}-originResponse`;
  const stem = stackName.slice(0, 16);
  const found: string[] = [];
  let marker: string | undefined;
  do {
    const page = await client.send(new ListFunctionsCommand({ Marker: marker }));
    for (const f of page.Functions ?? []) {
      const name = f.FunctionName ?? '';
      if (!name.startsWith(stem)) continue;
      if (name === legacy) {
        found.push(name);
        continue;
      }
      const { Tags = {} } = await client.send(new GetFunctionCommand({ FunctionName: name }));
      if (Tags[FUNCTION_STACK_TAG] === stackName || Tags['aws:cloudformation:stack-name'] === stackName) found.push(name);
    }
    marker = page.NextMarker;
  } while (marker);
  return found;
}

async function versionsOf(client: LambdaClient, name: string): Promise<string[]> {
  const arns: string[] = [];
  let marker: string | undefined;
  do {
    const page = await client.send(new ListVersionsByFunctionCommand({ FunctionName: name, Marker: marker }));
    for (const v of page.Versions ?? []) if (v.Version !== '$LATEST' && v.FunctionArn) arns.push(v.FunctionArn);
    marker = page.NextMarker;
  } while (marker);
  return arns;
}

export async function prune(clients: PruneClients, stackName: string, options: { dryRun?: boolean; log?: (line: string) => void } = {}): Promise<PruneReport> {
  const log = options.log ?? (() => {});
  const dryRun = options.dryRun ?? false;
  const outputs = await stackOutputs(clients.cloudFormation, stackName);
  const refs = await referencedVersions(clients.cloudFront);
  const report: PruneReport = { stackName, stackExists: outputs !== null, functions: [], deleted: [], replicated: [], kept: [], viewerRequestFunctions: { deleted: [], inUse: [] }, dryRun };
  const live = outputs?.[OUTPUT_KEYS.originResponseVersionArn];

  const remove = async (target: string, qualifier?: string) => {
    const label = qualifier ? `${target}:${qualifier}` : target;
    if (dryRun) {
      report.deleted.push(label);
      log(`would delete ${label}`);
      return;
    }
    try {
      await clients.lambda.send(new DeleteFunctionCommand({ FunctionName: target, ...(qualifier ? { Qualifier: qualifier } : {}) }));
      report.deleted.push(label);
      log(`deleted ${label}`);
    } catch (error) {
      if (!isReplicaError(error)) throw error;
      report.replicated.push(label);
      log(`still has replicas: ${label}; CloudFront removes them hours after the last association went, run prune again later`);
    }
  };

  for (const name of await stackFunctions(clients.lambda, stackName)) {
    report.functions.push(name);
    const versions = await versionsOf(clients.lambda, name);
    const keep = new Map<string, string>();
    for (const arn of versions) {
      if (refs.has(arn)) keep.set(arn, `used by distribution ${refs.get(arn)!.join(', ')}`);
      else if (arn === live) keep.set(arn, `the live stack's current version`);
    }
    for (const [arn, reason] of keep) {
      report.kept.push({ arn, reason });
      log(`kept ${arn}: ${reason}`);
    }
    if (outputs === null && keep.size === 0) {
      await remove(name);
      continue;
    }
    for (const arn of versions) if (!keep.has(arn)) await remove(name, arn.slice(arn.lastIndexOf(':') + 1));
  }

  const current = outputs?.[OUTPUT_KEYS.viewerRequestFunctionArn] ?? '';
  if (dryRun) {
    // CloudFront itself refuses to delete a function in use (the guard of deleteReplacedFunctions), so a dry
    // run can only name the candidates.
    const names = await replacedFunctions(clients.cloudFront, stackName, current);
    for (const name of names) log(`would delete viewer-request function ${name} (an earlier layout's), unless a distribution still uses it`);
    report.viewerRequestFunctions = { deleted: names, inUse: [] };
  } else {
    report.viewerRequestFunctions = await deleteReplacedFunctions(clients.cloudFront, stackName, current, log);
  }
  return report;
}
