import { describe, expect, it } from 'vitest';
import { AWS_PRICES, LAMBDA_EDGE_ASSUMPTIONS } from '../../bench/aws-prices.ts';
import { billedUsage, compareDesigns, costOf, type ReplayUsage } from '../../bench/cost-model.ts';
import { median } from '../../bench/report-format.ts';
import { mixTotals, trafficMix, DEFAULT_MIX } from '../../bench/traffic-mix.ts';

const usage: ReplayUsage = {
  requests: 1_000_000,
  functionInvocations: 1_000_000,
  lambdaInvocations: 50_000,
  bytesToViewers: 2 ** 30,
  bytesToOrigin: 2 ** 30,
  events: 1_000_000,
};

describe('cost model arithmetic', () => {
  it('prices a million requests, a GB each way and the functions from the dated constants', () => {
    const cost = costOf(billedUsage(usage, 'project'));
    expect(cost.requests).toBeCloseTo(AWS_PRICES.cloudFront.httpsRequestPerMillion, 10);
    expect(cost.transferToViewers).toBeCloseTo(0.085, 10);
    expect(cost.transferToOrigin).toBeCloseTo(0.02, 10);
    expect(cost.cloudFrontFunctions).toBeCloseTo(0.1, 10);
    expect(cost.lambdaRequests).toBeCloseTo(0.03, 10);
    const gbSeconds = 50_000 * LAMBDA_EDGE_ASSUMPTIONS.memoryGb * (LAMBDA_EDGE_ASSUMPTIONS.billedMsPerInvocation / 1000);
    expect(cost.lambdaDuration).toBeCloseTo(gbSeconds * 0.00005001, 12);
    expect(cost.total).toBeCloseTo(cost.requests + cost.transferToViewers + cost.transferToOrigin + cost.cloudFrontFunctions + cost.lambdaRequests + cost.lambdaDuration, 12);
  });

  it.each([
    ['floor', 0, 0],
    ['project', 1_000_000, 50_000],
    ['lambdaEverywhere', 0, 1_000_000],
  ] as const)('bills %s with %i function and %i Lambda@Edge invocations', (design, functions, lambdas) => {
    const billed = billedUsage(usage, design);
    expect(billed.functionInvocations).toBe(functions);
    expect(billed.lambdaInvocations).toBe(lambdas);
    expect(billed.requests).toBe(usage.requests);
  });

  it('gives the floor ratio 1 and orders the designs floor < project < Lambda@Edge everywhere here', () => {
    const [floor, project, everywhere] = compareDesigns(usage);
    expect(floor.ratioToFloor).toBe(1);
    expect(project.ratioToFloor).toBeGreaterThan(1);
    expect(everywhere.ratioToFloor).toBeGreaterThan(project.ratioToFloor);
    expect(project.perMillionEvents.total).toBeCloseTo(costOf(billedUsage(usage, 'project')).total, 10);
  });

  it('takes the median of odd and even lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('traffic mix', () => {
  it('is deterministic and counts what it sends', () => {
    const a = trafficMix({ ...DEFAULT_MIX, sessions: 4 });
    const b = trafficMix({ ...DEFAULT_MIX, sessions: 4 });
    expect(mixTotals(a)).toEqual(mixTotals(b));
    expect(mixTotals(a).events).toBe(4 * DEFAULT_MIX.pageViewsPerSession * DEFAULT_MIX.eventsPerPageView);
    expect(a.flatMap((v) => v.requests.map((r) => `${r.method} ${r.target.split('?')[0]}`))).toContain('POST /flags/');
  });

  it('sends only what posthog-js 1.449 requests', () => {
    const paths = new Set(trafficMix().flatMap((v) => v.requests.map((r) => r.target.split('?')[0].replace(/phc_\w+/, '<token>'))));
    expect([...paths].sort()).toEqual(['/array/<token>/config.js', '/e/', '/flags/', '/s/', '/static/array.js', '/static/recorder.js']);
  });
});
