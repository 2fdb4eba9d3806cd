import type { DistributionConfig } from '@aws-sdk/client-cloudfront';
import { describe, expect, it } from 'vitest';
import { attachEdit, detachEdit } from '../../src/deploy/attach-edit.ts';
import { distributionLayout } from '../../src/distribution/distribution-layout.ts';
import { isProxyOriginId } from '../../src/deploy/ownership.ts';
import { attachConfigNames, conflicts, deployConfig, distributions, IDS, quantityMismatches } from './deploy-fixtures.ts';

const STACK = 'posthog-proxy-prod';
const cases = distributions().flatMap(([dist, config]) => attachConfigNames().map((c) => [dist, c, config] as const));

/** The distribution with the proxy's origins and behaviors taken out by hand, independently of detachEdit. */
function withoutProxy(config: DistributionConfig) {
  const origins = config.Origins!.Items!.filter((o) => !isProxyOriginId(o.Id));
  const behaviors = (config.CacheBehaviors?.Items ?? []).filter((b) => !isProxyOriginId(b.TargetOriginId));
  return { ...config, Origins: origins, CacheBehaviors: behaviors };
}

describe('attachEdit', () => {
  it.each(cases)('%s + %s: adds our origins, puts our behaviors first, and leaves everything else as it was', (_, configName, original) => {
    // Prepare
    const config = deployConfig(configName);
    const layout = distributionLayout(config);
    const before = structuredClone(original);
    // Act
    const { changed, newConfig, diff } = attachEdit(original, layout, IDS);
    // Assess
    expect(changed).toBe(true);
    expect(original).toEqual(before);
    expect(quantityMismatches(newConfig)).toEqual([]);
    expect(newConfig.CallerReference).toBe(original.CallerReference);
    const patterns = newConfig.CacheBehaviors!.Items!.map((b) => b.PathPattern);
    expect(patterns.slice(0, layout.behaviors.length)).toEqual(layout.behaviors.map((b) => b.pathPattern));
    expect(newConfig.Origins!.Items!.filter((o) => isProxyOriginId(o.Id)).map((o) => o.DomainName)).toEqual([config.apiHost, config.assetsHost]);
    expect(withoutProxy(newConfig)).toEqual(withoutProxy(original));
    expect(diff.filter((l) => l.startsWith('+'))).toHaveLength(layout.origins.length + layout.behaviors.length);
  });

  it.each(cases)('%s + %s: associates the function everywhere and the Lambda@Edge only on asset behaviors', (_, configName, original) => {
    // Prepare
    const layout = distributionLayout(deployConfig(configName));
    // Act
    const { newConfig } = attachEdit(original, layout, IDS);
    // Assess
    for (const [i, b] of layout.behaviors.entries()) {
      const actual = newConfig.CacheBehaviors!.Items![i];
      expect(actual.FunctionAssociations!.Items).toEqual([{ FunctionARN: IDS.viewerRequestFunctionArn, EventType: 'viewer-request' }]);
      expect(actual.LambdaFunctionAssociations!.Quantity).toBe(b.originResponse ? 1 : 0);
      expect(actual.CachePolicyId).toBe(IDS.cachePolicyId);
      expect(actual.AllowedMethods!.Quantity).toBe(7);
      expect(actual.AllowedMethods!.CachedMethods!.Items).toEqual(['GET', 'HEAD', 'OPTIONS']);
    }
  });

  it.each(cases)('%s + %s: a second attach changes nothing, even with defaults CloudFront adds on its own', (_, configName, original) => {
    // Prepare
    const layout = distributionLayout(deployConfig(configName));
    const once = attachEdit(original, layout, IDS).newConfig;
    const asReturnedByCloudFront = structuredClone(once);
    for (const b of asReturnedByCloudFront.CacheBehaviors!.Items!) b.GrpcConfig = { Enabled: false };
    // Act
    const twice = attachEdit(asReturnedByCloudFront, layout, IDS);
    // Assess
    expect(twice.changed).toBe(false);
    expect(twice.newConfig).toBe(asReturnedByCloudFront);
    expect(twice.diff).toEqual([]);
  });

  it.each(cases)('%s + %s: a new Lambda@Edge version updates only our behaviors', (_, configName, original) => {
    // Prepare
    const layout = distributionLayout(deployConfig(configName));
    const once = attachEdit(original, layout, IDS).newConfig;
    const newer = { ...IDS, originResponseVersionArn: IDS.originResponseVersionArn.replace(/:3$/, ':4') };
    // Act
    const again = attachEdit(once, layout, newer);
    // Assess
    expect(again.changed).toBe(true);
    expect(again.diff.every((l) => l.startsWith('~ behavior'))).toBe(true);
    expect(again.diff).toHaveLength(layout.behaviors.filter((b) => b.originResponse).length);
    expect(withoutProxy(again.newConfig)).toEqual(withoutProxy(original));
  });
});

describe('detachEdit', () => {
  it.each(cases)('%s + %s: detach after attach restores the original exactly', (_, configName, original) => {
    // Prepare
    const attached = attachEdit(original, distributionLayout(deployConfig(configName)), IDS).newConfig;
    // Act
    const { changed, newConfig, diff } = detachEdit(attached, STACK);
    // Assess
    expect(changed).toBe(true);
    expect(newConfig).toEqual(original);
    expect(diff.every((l) => l.startsWith('-'))).toBe(true);
  });

  it.each(distributions())('%s: detach on a distribution without the proxy changes nothing', (_, original) => {
    // Act
    const result = detachEdit(original, STACK);
    // Assess
    expect(result).toEqual({ changed: false, newConfig: original, diff: [] });
  });
});

describe('conflicts stop attach and change nothing', () => {
  it.each(conflicts())('%s', (_, fixture) => {
    // Prepare
    const layout = distributionLayout(deployConfig('attach-us'));
    const before = structuredClone(fixture.distribution);
    // Act
    const act = () => attachEdit(fixture.distribution, layout, IDS);
    // Assess
    expect(act).toThrowError(expect.objectContaining({ name: fixture.error, message: expect.stringContaining(fixture.message) }));
    expect(fixture.distribution).toEqual(before);
  });
});
