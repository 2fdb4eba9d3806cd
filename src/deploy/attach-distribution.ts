/**
 * The SDK shell around the pure edits: GetDistributionConfig, edit, UpdateDistribution with IfMatch,
 * re-read and retry when someone else changed the distribution in between, then wait for Deployed.
 */
import {
  GetDistributionCommand,
  GetDistributionConfigCommand,
  UpdateDistributionCommand,
  type CloudFrontClient,
  type DistributionConfig,
} from '@aws-sdk/client-cloudfront';
import type { DistributionEdit } from './attach-edit.ts';
import { AttachLimitError, ConcurrentUpdateError, DeployWaitTimeoutError } from './deploy-errors.ts';

export interface ApplyOptions {
  client: CloudFrontClient;
  distributionId: string;
  /** attachEdit or detachEdit, bound to their other inputs. */
  edit: (current: DistributionConfig) => DistributionEdit;
  dryRun?: boolean;
  /** Wait until the distribution is Deployed (default true). */
  wait?: boolean;
  log?: (line: string) => void;
  /** Attempts at Get-edit-Update before giving up on concurrent changes. */
  maxAttempts?: number;
  pollIntervalMs?: number;
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface ApplyResult {
  changed: boolean;
  diff: string[];
  attempts: number;
  status: 'unchanged' | 'dry-run' | 'deployed' | 'in-progress';
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function applyDistributionEdit(options: ApplyOptions): Promise<ApplyResult> {
  const { client, distributionId, edit } = options;
  const log = options.log ?? (() => {});
  const maxAttempts = options.maxAttempts ?? 5;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const current = await client.send(new GetDistributionConfigCommand({ Id: distributionId }));
    const result = edit(current.DistributionConfig!);
    if (!result.changed) {
      log(`${distributionId}: already up to date, nothing to change`);
      return { changed: false, diff: [], attempts: attempt, status: 'unchanged' };
    }
    if (options.dryRun) {
      log(`${distributionId}: would apply (dry run, nothing sent):`);
      for (const line of result.diff) log(`  ${line}`);
      return { changed: true, diff: result.diff, attempts: attempt, status: 'dry-run' };
    }
    try {
      await client.send(new UpdateDistributionCommand({ Id: distributionId, IfMatch: current.ETag, DistributionConfig: result.newConfig }));
    } catch (error) {
      const quota = quotaError(error as Error, distributionId, result.newConfig);
      if (quota) throw quota;
      if ((error as Error).name !== 'PreconditionFailed') throw error;
      log(`${distributionId}: changed by someone else meanwhile (attempt ${attempt} of ${maxAttempts}); reading it again`);
      continue;
    }
    for (const line of result.diff) log(`  ${line}`);
    const deployed = options.wait === false ? false : await waitForDeployed(options, log);
    return { changed: true, diff: result.diff, attempts: attempt, status: deployed ? 'deployed' : 'in-progress' };
  }
  throw new ConcurrentUpdateError(
    `${distributionId} changed under us ${maxAttempts} times in a row (PreconditionFailed); wait for the other change (a deploy, a console edit) to finish and run the command again`,
  );
}

async function waitForDeployed(options: ApplyOptions, log: (line: string) => void): Promise<true> {
  const sleep = options.sleep ?? defaultSleep;
  const interval = options.pollIntervalMs ?? 15_000;
  const maxWaitMs = options.maxWaitMs ?? 30 * 60_000;
  for (let waited = 0; ; waited += interval) {
    const { Distribution } = await options.client.send(new GetDistributionCommand({ Id: options.distributionId }));
    if (Distribution?.Status === 'Deployed') {
      log(`${options.distributionId}: Deployed`);
      return true;
    }
    if (waited >= maxWaitMs) {
      throw new DeployWaitTimeoutError(`${options.distributionId} is still ${Distribution?.Status} after ${Math.round(waited / 60_000)} minutes; the change is applied and keeps propagating, check the console`);
    }
    log(`${options.distributionId}: ${Distribution?.Status ?? 'unknown'}, waiting for CloudFront to deploy the change (${Math.round(waited / 1000)} s so far)`);
    await sleep(interval);
  }
}

/**
 * CloudFront's quota answers, said plainly. The quotas are per account and raisable (AWS, "Quotas" in the
 * CloudFront Developer Guide: 75 cache behaviors and 100 origins per distribution by default), so the
 * proxy imposes none of its own and only explains CloudFront's refusal. Nothing was changed.
 */
function quotaError(error: Error, distributionId: string, sent: DistributionConfig): AttachLimitError | null {
  if (error.name === 'TooManyCacheBehaviors') {
    return new AttachLimitError(
      `CloudFront refused ${sent.CacheBehaviors?.Quantity ?? 0} cache behaviors on ${distributionId}: above this account's "Cache behaviors per distribution" quota (75 unless raised). ` +
        'Remove behaviors you no longer use, or request a higher quota in the Service Quotas console (CloudFront); nothing was changed',
      { cause: error },
    );
  }
  if (error.name === 'TooManyOrigins') {
    return new AttachLimitError(
      `CloudFront refused ${sent.Origins?.Quantity ?? 0} origins on ${distributionId}: above this account's "Origins per distribution" quota (100 unless raised). ` +
        'Remove origins you no longer use, or request a higher quota in the Service Quotas console (CloudFront); nothing was changed',
      { cause: error },
    );
  }
  return null;
}
