import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate-config.ts';
import { behaviorFor, distributionLayout, pathPatternMatches } from '../../src/distribution/distribution-layout.ts';
import { normalizePath, stripPrefix } from '../../src/edge/normalize-path.ts';
import { ORIGIN_IDS, originIdsFor, upstreamFor } from '../../src/routes/route-table.ts';
import { configVariant, configVariants } from '../support/fixtures.ts';

const layoutOf = (name: string) => distributionLayout(validateConfig(configVariant(name)));
const summary = (name: string) => layoutOf(name).behaviors.map((b) => [b.pathPattern, b.originId, b.originResponse]);

describe('distributionLayout: behaviors per mode and prefix', () => {
  it('new distribution at the root: the asset prefixes, then the default behavior', () => {
    expect(layoutOf('default').mode).toBe('new');
    expect(summary('default')).toEqual([
      ['/static/*', ORIGIN_IDS.assets, true],
      ['/array/*', ORIGIN_IDS.assets, true],
      [null, ORIGIN_IDS.main, false],
    ]);
  });

  it('new distribution under a prefix: prefixed asset behaviors, the prefix itself, then the default', () => {
    expect(summary('prefixed')).toEqual([
      ['/k7x2/static/*', 'posthog-proxy-assets.k7x2', true],
      ['/k7x2/array/*', 'posthog-proxy-assets.k7x2', true],
      ['/k7x2/*', 'posthog-proxy-main.k7x2', false],
      [null, 'posthog-proxy-main.k7x2', false],
    ]);
  });

  it('attach mode never takes the default behavior of the user\'s distribution', () => {
    const layout = layoutOf('full');
    expect(layout.mode).toBe('attach');
    expect(summary('full')).toEqual([
      ['/k7x2/ph/static/*', 'posthog-proxy-assets.k7x2.ph', true],
      ['/k7x2/ph/array/*', 'posthog-proxy-assets.k7x2.ph', true],
      ['/k7x2/ph/*', 'posthog-proxy-main.k7x2.ph', false],
    ]);
  });

  it.each(configVariants().map((v) => [v.name] as const))('%s: the viewer-request function runs everywhere, every method is allowed, the origin-response only on asset behaviors', (name) => {
    const ids = originIdsFor(validateConfig(configVariant(name)).pathPrefix);
    for (const b of layoutOf(name).behaviors) {
      expect(b.viewerRequest).toBe(true);
      expect(b.allowedMethods).toEqual(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']);
      expect(b.originResponse).toBe(b.originId === ids.assets);
    }
  });

  it('origins carry the configured hosts, one region only', () => {
    const hosts = (name: string) => layoutOf(name).origins.map((o) => [o.id, o.domainName]);
    expect(hosts('default')).toEqual([[ORIGIN_IDS.main, 'us.i.posthog.com'], [ORIGIN_IDS.assets, 'us-assets.i.posthog.com']]);
    expect(hosts('eu')).toEqual([[ORIGIN_IDS.main, 'eu.i.posthog.com'], [ORIGIN_IDS.assets, 'eu-assets.i.posthog.com']]);
    expect(hosts('self-hosted')).toEqual([[ORIGIN_IDS.main, 'posthog.example.net'], [ORIGIN_IDS.assets, 'assets.posthog.example.net']]);
  });

  it('never forwards cookies or the viewer Host; Authorization is in the cache key so it is forwarded', () => {
    const layout = layoutOf('default');
    expect(layout.cachePolicy.cookies).toBe('none');
    expect(layout.originRequestPolicy.cookies).toBe('none');
    expect(layout.cachePolicy.headers).toContain('Authorization');
    expect(layout.cachePolicy.headers).toContain('Origin');
    expect(layout.cachePolicy.queryStrings).toBe('all');
    const forwarded = [...layout.cachePolicy.headers, ...layout.originRequestPolicy.headers].map((h) => h.toLowerCase());
    expect(forwarded).not.toContain('host');
    expect(forwarded).not.toContain('cookie');
    expect(layout.originRequestPolicy.headers.map((h) => h.toLowerCase())).not.toContain('authorization');
    expect(layout.cachePolicy.maxTtl).toBeGreaterThan(0);
  });
});

describe('behaviorFor agrees with the function', () => {
  // CloudFront picks the behavior on the raw path; the function then picks the origin on the normalised path.
  // For the paths browsers send, both must name the same origin, or the origin-response trigger and the
  // cache policy of the wrong behavior would apply.
  const paths = ['/static/array.js', '/static/1.449.2/recorder.js', '/array/phc_x/config.js', '/e/', '/flags', '/i/v0/e/', '/staticfoo', '/arrayx/y', '/'];

  it.each(configVariants().map((v) => [v.name] as const))('%s', (name) => {
    const config = validateConfig(configVariant(name));
    const layout = distributionLayout(config);
    for (const path of paths) {
      const uri = config.pathPrefix + path;
      const stripped = stripPrefix((normalizePath(uri) as { path: string }).path, config.pathPrefix);
      expect({ uri, origin: behaviorFor(layout, uri)?.originId }).toEqual({ uri, origin: originIdsFor(config.pathPrefix)[upstreamFor(stripped!)] });
    }
  });

  it('in attach mode, paths outside the prefix belong to the user\'s own behaviors', () => {
    expect(behaviorFor(layoutOf('full'), '/static/array.js')).toBeNull();
    expect(behaviorFor(layoutOf('full'), '/')).toBeNull();
  });
});

describe('pathPatternMatches (CloudFront path patterns)', () => {
  it.each([
    ['/static/*', '/static/array.js', true],
    ['/static/*', '/static/', true],
    ['/static/*', '/static', false],
    ['/static/*', '/staticfoo', false],
    ['/static/*', '/Static/array.js', false],
    ['/k7x2/*', '/k7x2/static/a/b.js', true],
    ['/k7x2/*', '/k7x2', false],
    ['/a?c', '/abc', true],
    ['/a?c', '/ac', false],
    ['/a.c', '/abc', false],
    ['static/*', '/static/x', false],
  ])('%s matches %s: %s', (pattern, path, matches) => {
    expect(pathPatternMatches(pattern, path)).toBe(matches);
  });
});
