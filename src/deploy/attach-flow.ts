/**
 * The whole attach, shared by the `attach` command and the serverless `after:deploy` hook: read the stack's
 * ids, refuse an IaC-owned distribution (unless forced), switch behaviors, origins, the viewer-request
 * function and the Lambda@Edge version in ONE UpdateDistribution, then delete the functions earlier layouts
 * used. Nothing in between serves a function built for another layout: until that one update, the
 * distribution runs the old function with the old behaviors; after it, the new with the new.
 */
import { GetDistributionCommand, ListTagsForResourceCommand, type CloudFrontClient } from '@aws-sdk/client-cloudfront';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { ProxyConfig } from '../config/proxy-config.ts';
import { distributionLayout } from '../distribution/distribution-layout.ts';
import { applyDistributionEdit, type ApplyResult } from './attach-distribution.ts';
import { attachEdit } from './attach-edit.ts';
import { DistributionManagedByIacError } from './deploy-errors.ts';
import { iacAdvice, iacMarkers, type IacMarker } from './iac-markers.ts';
import { deleteReplacedFunctions } from './replaced-functions.ts';
import { readDeployedIds } from './stack-outputs.ts';

export interface AttachOptions {
  cloudFront: CloudFrontClient;
  cloudFormation: CloudFormationClient;
  config: ProxyConfig;
  distributionId: string;
  stackName: string;
  /** For the advice text: the stage the snippet command should name. */
  stage: string;
  forceIac?: boolean;
  dryRun?: boolean;
  wait?: boolean;
  log: (line: string) => void;
  /** Passed to applyDistributionEdit (tests poll fast). */
  pollIntervalMs?: number;
}

/** The IaC markers on a distribution: its tags and its CallerReference, two cheap reads. */
export async function distributionIacMarkers(client: CloudFrontClient, distributionId: string): Promise<IacMarker[]> {
  const { Distribution } = await client.send(new GetDistributionCommand({ Id: distributionId }));
  const { Tags } = await client.send(new ListTagsForResourceCommand({ Resource: Distribution!.ARN! }));
  return iacMarkers(Tags?.Items ?? [], Distribution!.DistributionConfig ?? {});
}

/** Refuses a distribution owned by infrastructure code unless forced; forced, says what that costs. */
export async function checkIacOwnership(o: Pick<AttachOptions, 'cloudFront' | 'distributionId' | 'stage' | 'forceIac' | 'log'>): Promise<void> {
  const markers = await distributionIacMarkers(o.cloudFront, o.distributionId);
  if (markers.length === 0) return;
  if (!o.forceIac) throw new DistributionManagedByIacError(iacAdvice(o.distributionId, markers, o.stage));
  o.log(`${o.distributionId}: managed by ${markers[0].owner}; attaching anyway (--force-iac): its next deploy of the distribution will remove the proxy again`);
}

export async function attachToDistribution(o: AttachOptions): Promise<ApplyResult> {
  const ids = await readDeployedIds(o.cloudFormation, o.stackName);
  await checkIacOwnership(o);
  const layout = distributionLayout(o.config);
  const result = await applyDistributionEdit({
    client: o.cloudFront,
    distributionId: o.distributionId,
    edit: (current) => attachEdit(current, layout, ids),
    dryRun: o.dryRun,
    wait: o.wait,
    log: o.log,
    ...(o.pollIntervalMs !== undefined ? { pollIntervalMs: o.pollIntervalMs } : {}),
  });
  if (result.status === 'deployed' || result.status === 'unchanged') {
    await deleteReplacedFunctions(o.cloudFront, o.stackName, ids.viewerRequestFunctionArn, o.log);
  } else if (result.status === 'in-progress') {
    o.log('earlier viewer-request functions of this stack are deleted once the distribution is Deployed: run attach again (it sends nothing then) or prune');
  }
  return result;
}
