/**
 * The cost arithmetic, pure: what the local edge counted during a replay, turned into the bill of three
 * designs that serve the same traffic with the same cache behavior:
 * - floor: CloudFront alone (PostHog's console guide: two origins, behaviors, no functions);
 * - this project: the floor plus the viewer-request CloudFront Function on every request and the
 *   origin-response Lambda@Edge on the cache misses of /static/* and /array/* (as counted);
 * - Lambda@Edge everywhere: the floor plus a Lambda@Edge on every request (doing the routing) instead.
 */
import { AWS_PRICES, BYTES_PER_GB, LAMBDA_EDGE_ASSUMPTIONS } from './aws-prices.ts';

/** What a replay produced, read from the edge's counters (bytes already adjusted, see cost-replay.ts). */
export interface ReplayUsage {
  requests: number;
  functionInvocations: number;
  lambdaInvocations: number;
  /** Bytes CloudFront sends to viewers (bodies as CloudFront would compress them, plus headers). */
  bytesToViewers: number;
  /** Request body bytes CloudFront forwards to the origins. */
  bytesToOrigin: number;
  /** Analytics events carried (snapshot batches excluded). */
  events: number;
}

export type Design = 'floor' | 'project' | 'lambdaEverywhere';

export const DESIGN_LABELS: Record<Design, string> = {
  floor: 'CloudFront only (floor: no functions)',
  project: 'this project (CloudFront Function + Lambda@Edge on asset misses)',
  lambdaEverywhere: 'Lambda@Edge on every request',
};

export interface CostBreakdown {
  requests: number;
  transferToViewers: number;
  transferToOrigin: number;
  cloudFrontFunctions: number;
  lambdaRequests: number;
  lambdaDuration: number;
  total: number;
}

export interface BilledUsage {
  requests: number;
  bytesToViewers: number;
  bytesToOrigin: number;
  functionInvocations: number;
  lambdaInvocations: number;
}

export function billedUsage(usage: ReplayUsage, design: Design): BilledUsage {
  const common = { requests: usage.requests, bytesToViewers: usage.bytesToViewers, bytesToOrigin: usage.bytesToOrigin };
  if (design === 'floor') return { ...common, functionInvocations: 0, lambdaInvocations: 0 };
  if (design === 'project') return { ...common, functionInvocations: usage.functionInvocations, lambdaInvocations: usage.lambdaInvocations };
  return { ...common, functionInvocations: 0, lambdaInvocations: usage.requests };
}

export function costOf(usage: BilledUsage, prices = AWS_PRICES, lambda = LAMBDA_EDGE_ASSUMPTIONS): CostBreakdown {
  const perMillion = (n: number, price: number) => (n / 1e6) * price;
  const gbSeconds = usage.lambdaInvocations * lambda.memoryGb * (lambda.billedMsPerInvocation / 1000);
  const parts = {
    requests: perMillion(usage.requests, prices.cloudFront.httpsRequestPerMillion),
    transferToViewers: (usage.bytesToViewers / BYTES_PER_GB) * prices.cloudFront.transferOutToInternetPerGb,
    transferToOrigin: (usage.bytesToOrigin / BYTES_PER_GB) * prices.cloudFront.transferOutToOriginPerGb,
    cloudFrontFunctions: perMillion(usage.functionInvocations, prices.cloudFrontFunctions.invocationPerMillion),
    lambdaRequests: perMillion(usage.lambdaInvocations, prices.lambdaEdge.requestPerMillion),
    lambdaDuration: gbSeconds * prices.lambdaEdge.perGbSecond,
  };
  const total = parts.requests + parts.transferToViewers + parts.transferToOrigin + parts.cloudFrontFunctions + parts.lambdaRequests + parts.lambdaDuration;
  return { ...parts, total };
}

/** Every part of a breakdown scaled to one million analytics events. */
export function perMillionEvents(cost: CostBreakdown, events: number): CostBreakdown {
  const k = 1e6 / events;
  return {
    requests: cost.requests * k,
    transferToViewers: cost.transferToViewers * k,
    transferToOrigin: cost.transferToOrigin * k,
    cloudFrontFunctions: cost.cloudFrontFunctions * k,
    lambdaRequests: cost.lambdaRequests * k,
    lambdaDuration: cost.lambdaDuration * k,
    total: cost.total * k,
  };
}

export interface DesignCost {
  design: Design;
  usage: BilledUsage;
  perMillionEvents: CostBreakdown;
  ratioToFloor: number;
}

export function compareDesigns(usage: ReplayUsage): DesignCost[] {
  const designs: Design[] = ['floor', 'project', 'lambdaEverywhere'];
  const costs = designs.map((design) => {
    const billed = billedUsage(usage, design);
    return { design, usage: billed, perMillionEvents: perMillionEvents(costOf(billed), usage.events) };
  });
  const floor = costs[0].perMillionEvents.total;
  return costs.map((c) => ({ ...c, ratioToFloor: c.perMillionEvents.total / floor }));
}
