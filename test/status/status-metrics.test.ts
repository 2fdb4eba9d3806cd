import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canaryQueries, functionNameFromArn, latest, trafficQueries, weightedRate } from '../../src/status/status-metrics.ts';

describe('status metrics', () => {
  it('queries distribution metrics by DistributionId and function metrics by FunctionName, both in Region=Global', () => {
    // Act
    const queries = trafficQueries('E2QWRUHAPOMQZL', 'posthog-proxy-prod-viewer-request');
    // Assess
    const byName = Object.fromEntries(queries.map((q) => [q.metricName, q]));
    expect(byName.Requests).toMatchObject({ namespace: 'AWS/CloudFront', stat: 'Sum', dimensions: [{ Name: 'DistributionId', Value: 'E2QWRUHAPOMQZL' }, { Name: 'Region', Value: 'Global' }] });
    expect(byName['5xxErrorRate'].stat).toBe('Average');
    expect(byName.FunctionExecutionErrors.dimensions).toEqual([{ Name: 'FunctionName', Value: 'posthog-proxy-prod-viewer-request' }, { Name: 'Region', Value: 'Global' }]);
    for (const q of queries) expect(q.queryId).toMatch(/^[a-z][a-zA-Z0-9_]*$/);
  });

  it('gives the canary\'s metrics query ids GetMetricData accepts (check ids have hyphens)', () => {
    // Act
    const queries = canaryQueries('posthog-proxy-prod', ['remote-config', 'cors-preflight']);
    // Assess
    expect(queries.map((q) => [q.queryId, q.metricName])).toEqual([['c0', 'all-checks'], ['c1', 'remote-config'], ['c2', 'cors-preflight']]);
    expect(queries[1].dimensions).toEqual([{ Name: 'Stack', Value: 'posthog-proxy-prod' }]);
  });

  it.each([
    ['arn:aws:cloudfront::123456789012:function/posthog-proxy-prod-viewer-request', 'posthog-proxy-prod-viewer-request'],
    ['arn:aws-cn:cloudfront::123456789012:function/f_1', 'f_1'],
    ['arn:aws:lambda:us-east-1:123456789012:function:name:3', null],
  ])('function name of %s', (arn, name) => {
    expect(functionNameFromArn(arn)).toBe(name);
  });

  it('weighted rate lies between the smallest and largest rate, and ignores quiet periods (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: 0, max: 100, noNaN: true }), fc.integer({ min: 0, max: 10_000 })), { minLength: 1, maxLength: 12 }), (points) => {
        const timestamps = points.map((_, i) => new Date(Date.UTC(2026, 11, 5, 20, 5 * i)).toISOString());
        const rate = weightedRate({ timestamps, values: points.map((p) => p[0]) }, { timestamps, values: points.map((p) => p[1]) })!;
        const counted = points.some((p) => p[1] > 0) ? points.filter((p) => p[1] > 0) : points;
        expect(rate).toBeGreaterThanOrEqual(Math.min(...counted.map((p) => p[0])) - 1e-9);
        expect(rate).toBeLessThanOrEqual(Math.max(...counted.map((p) => p[0])) + 1e-9);
      }),
    );
  });

  it('latest is the newest datapoint whatever the order', () => {
    expect(latest({ timestamps: ['2026-12-05T20:50:00.000Z', '2026-12-05T20:59:00.000Z', '2026-12-05T20:00:00.000Z'], values: [1, 0, 1] })).toEqual({ value: 0, at: '2026-12-05T20:59:00.000Z' });
    expect(latest({ timestamps: [], values: [] })).toBeNull();
  });
});
