/**
 * What `status` reads from AWS, as plain data: the input of evaluateStatus(). The SDK shell
 * (read-status.ts) fills it; tests write it by hand. Each part is read on its own, so one refused call
 * (a missing permission, say) leaves the other parts readable.
 */
import type { DistributionConfig } from '@aws-sdk/client-cloudfront';
import type { DeployedIds } from '../deploy/api-shapes.ts';

/**
 * A part that was read, or why it could not be (a sentence saying what to fix, never a stack). `missing`:
 * AWS answered that the thing does not exist (no such stack or distribution), which is a finding in itself,
 * unlike a refused or unreachable call.
 */
export type Part<T> = { ok: true; value: T } | { ok: false; error: string; missing?: boolean };

export interface StackPart {
  /** CloudFormation's StackStatus, e.g. UPDATE_COMPLETE. */
  status: string;
  /** The ids the proxy's behaviors must reference, from the stack's outputs; null when outputs are missing. */
  ids: DeployedIds | null;
  /** Why ids is null (the StackOutputsError message). */
  idsError: string | null;
  /** The DistributionId output (both modes publish it). */
  distributionId: string | null;
}

export interface DistributionPart {
  id: string;
  /** `Deployed` or `InProgress`, as GetDistribution reports it. */
  status: string;
  domainName: string;
  config: DistributionConfig;
}

/** One datapoint series as GetMetricData returns it: newest first. */
export interface Series {
  timestamps: string[];
  values: number[];
}

/** The last hour of AWS/CloudFront metrics, series keyed by metric name (see TRAFFIC_METRICS). */
export interface TrafficPart {
  /** Period of each datapoint, in seconds. */
  periodSeconds: number;
  series: Record<string, Series>;
}

/** The canary's last hour: one series per metric of the canary namespace (check ids and `all-checks`). */
export interface CanaryPart {
  series: Record<string, Series>;
}

export interface AlarmState {
  name: string;
  state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA' | string;
  reason: string;
  since: string | null;
}

export interface StatusSnapshot {
  stackName: string;
  /** 'new': the stack owns the distribution; 'attach': the proxy sits on the user's distribution. */
  mode: 'new' | 'attach';
  /** When the snapshot was read (ISO 8601). */
  readAt: string;
  stack: Part<StackPart>;
  distribution: Part<DistributionPart>;
  traffic: Part<TrafficPart>;
  canary: Part<CanaryPart>;
  alarms: Part<AlarmState[]>;
}
