import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/verify/run-checks.ts';
import { MONITORING_PRICES, monitoringCost, monitoringCostTable } from '../../bench/monitoring-cost.ts';

describe('monitoring cost model', () => {
  it('alarms only: 5 alarms reading 8 metrics, and the additional metrics', () => {
    const cost = monitoringCost('a', { monitoring: {} });
    // 5xx (rate + requests) 2, three function alarms 3, Lambda@Edge (three metrics) 3 = 8 metrics.
    expect(cost.alarms).toBeCloseTo(8 * MONITORING_PRICES.alarmMetricMonth, 10);
    expect(cost.additionalMetrics).toBeCloseTo(8 * 0.3, 10);
    expect([cost.canaryMetrics, cost.canaryRun]).toEqual([0, 0]);
  });

  it('attach mode: no additional metrics (the stack does not subscribe the user\'s distribution)', () => {
    expect(monitoringCost('a', { distributionId: 'E2QWRUHAPOMQZL', pathPrefix: '/k7x2', monitoring: {} }).additionalMetrics).toBe(0);
  });

  it.each([
    ['every 5 min, no capture: every check but capture, and all-checks', 5, false, ALL_CHECKS.length],
    ['every minute, capture: every check and all-checks', 1, true, ALL_CHECKS.length + 1],
  ] as const)('canary %s', (_name, everyMinutes, capture, metrics) => {
    const cost = monitoringCost('c', { monitoring: { canary: { token: 'phc_x', everyMinutes, capture } } });
    expect(cost.canaryMetrics).toBeCloseTo(metrics * 0.3, 10);
    expect(cost.alarms).toBeCloseTo(9 * 0.1, 10);
    expect(cost.canaryRun).toBeGreaterThan(0);
    expect(cost.total).toBeCloseTo(cost.alarms + cost.additionalMetrics + cost.canaryMetrics + cost.canaryRun, 10);
  });

  it('more runs cost more; the table has one row per case', () => {
    const { costs, table } = monitoringCostTable();
    expect(costs[2].canaryRun).toBeGreaterThan(costs[1].canaryRun);
    expect(table.rows).toHaveLength(costs.length);
  });
});
