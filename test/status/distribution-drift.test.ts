import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_METHODS, distributionLayout } from '../../src/distribution/distribution-layout.ts';
import { distributionDrift } from '../../src/status/distribution-drift.ts';
import { IDS } from '../deploy/deploy-fixtures.ts';
import { liveDistribution, statusConfig } from './status-fixtures.ts';

const MODES = ['attach', 'new'] as const;

describe('distributionDrift', () => {
  it.each(MODES)('%s: the fixture distribution is in sync, and its method lists are in CloudFront\'s order, not ours', (mode) => {
    // Prepare
    const live = liveDistribution(mode);
    // Act
    const drift = distributionDrift(live, distributionLayout(statusConfig(mode)), IDS);
    // Assess
    expect(drift).toEqual({ inSync: true, absent: false, lines: [] });
    expect(live.CacheBehaviors!.Items!.some((b) => b.AllowedMethods!.Items![0] !== 'GET')).toBe(true);
  });

  it.each(MODES)('%s: any order of the method lists is still in sync (property)', (mode) => {
    const layout = distributionLayout(statusConfig(mode));
    fc.assert(
      fc.property(fc.shuffledSubarray([...ALL_METHODS], { minLength: 7, maxLength: 7 }), fc.shuffledSubarray(['GET', 'HEAD', 'OPTIONS'], { minLength: 3, maxLength: 3 }), (allowed, cached) => {
        const live = liveDistribution(mode);
        for (const b of live.CacheBehaviors!.Items!) {
          if (!b.TargetOriginId!.startsWith('posthog-proxy-')) continue;
          b.AllowedMethods!.Items = allowed as never;
          b.AllowedMethods!.CachedMethods!.Items = cached as never;
        }
        expect(distributionDrift(live, layout, IDS).inSync).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  /** [mode, change, expected line prefix and words] */
  const CHANGES: Array<[string, 'attach' | 'new', (c: ReturnType<typeof liveDistribution>) => void, RegExp]> = [
    ['behavior gone (attach)', 'attach', (c) => void c.CacheBehaviors!.Items!.splice(1, 1), /^\+ behavior \/k7x2\/array\/\* .* at position 2$/],
    ['origin host changed (attach)', 'attach', (c) => void (c.Origins!.Items!.find((o) => o.DomainName === 'us.i.posthog.com')!.DomainName = 'eu.i.posthog.com'), /^~ origin posthog-proxy-main\S* -> us\.i\.posthog\.com \(DomainName\)$/],
    ['foreign behavior shadows our prefix (attach)', 'attach', (c) => {
      c.CacheBehaviors!.Items!.push({ ...c.CacheBehaviors!.Items!.at(-1)!, PathPattern: '/k7x2/*' });
      c.CacheBehaviors!.Quantity! += 1;
    }, /^! the distribution already has a behavior "\/k7x2\/\*"/],
    ['cache policy swapped (new)', 'new', (c) => void (c.CacheBehaviors!.Items![0].CachePolicyId = '658327ea-f89d-4fab-a63d-7e88639e58f6'), /^~ behavior \/k7x2\/static\/\* differs \(CachePolicyId\)$/],
    ['behaviors swapped (new)', 'new', (c) => void c.CacheBehaviors!.Items!.reverse(), /^~ behavior \/k7x2\/static\/\* is at position 3, the stack puts it at 1$/],
    ['default behavior lost its function (new)', 'new', (c) => void (c.DefaultCacheBehavior!.FunctionAssociations = { Quantity: 0 }), /^~ default behavior -> posthog-proxy-main\S* differs \(FunctionAssociations\)$/],
    ['extra origin (new)', 'new', (c) => {
      c.Origins!.Items!.push({ ...c.Origins!.Items![0], Id: 'someone-else', DomainName: 'example.org' });
      c.Origins!.Quantity! += 1;
    }, /^- origin someone-else -> example\.org is not the stack's$/],
  ];

  it.each(CHANGES)('%s', (_, mode, change, line) => {
    // Prepare
    const live = liveDistribution(mode);
    change(live);
    // Act
    const drift = distributionDrift(live, distributionLayout(statusConfig(mode)), IDS);
    // Assess
    expect(drift.inSync).toBe(false);
    expect(drift.lines.some((l) => line.test(l)), drift.lines.join('\n')).toBe(true);
  });
});
