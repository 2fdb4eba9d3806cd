import { describe, expect, it } from 'vitest';
import { normalizePath } from '../../src/edge/normalize-path.ts';
import { ASSET_PREFIXES, INGESTION_PATHS, isPublicPath, ORIGIN_IDS, originIdsFor, PLAIN_ASSET_PATH, upstreamFor } from '../../src/routes/route-table.ts';

describe('upstreamFor', () => {
  it.each([
    ['/static/array.js', 'assets'],
    ['/static/1.449.2/recorder.js', 'assets'],
    ['/static/', 'assets'],
    ['/array/phc_x/config.js', 'assets'],
    ['/array/phc_x/config', 'assets'],
    ['/static', 'main'],
    ['/staticfoo', 'main'],
    ['/staticfoo/array.js', 'main'],
    ['/arrayx/phc/config.js', 'main'],
    ['/Static/array.js', 'main'],
    ['/e/static/array.js', 'main'],
    ['/e/', 'main'],
    ['/flags', 'main'],
    ['/', 'main'],
  ])('%s -> %s', (path, upstream) => {
    expect(upstreamFor(path)).toBe(upstream);
  });

  it('is in step with ASSET_PREFIXES (the distribution layout builds its behaviors from that list)', () => {
    for (const prefix of ASSET_PREFIXES) {
      expect(prefix).toMatch(/^\/[a-z]+\/$/);
      expect(upstreamFor(prefix)).toBe('assets');
      expect(upstreamFor(`${prefix}x/y.js`)).toBe('assets');
      expect(upstreamFor(prefix.slice(0, -1))).toBe('main');
      expect(upstreamFor(`${prefix.slice(0, -1)}x/`)).toBe('main');
    }
    // Every path the regex sends to the assets host starts with a listed prefix.
    for (const path of ['/static/x', '/array/x', '/statics/x', '/arrays/x', '/s/x', '/a/x', '/assets/x']) {
      expect(upstreamFor(path) === 'assets').toBe(ASSET_PREFIXES.some((p) => path.startsWith(p)));
    }
  });

  it('has one stable origin id per upstream', () => {
    expect(ORIGIN_IDS).toEqual({ main: 'posthog-proxy-main', assets: 'posthog-proxy-assets' });
  });

  it.each([
    ['', 'posthog-proxy-main', 'posthog-proxy-assets'],
    ['/k7x2', 'posthog-proxy-main.k7x2', 'posthog-proxy-assets.k7x2'],
    ['/k7x2/ph', 'posthog-proxy-main.k7x2.ph', 'posthog-proxy-assets.k7x2.ph'],
  ])('gives the prefix %j its own origin ids', (prefix, main, assets) => {
    expect(originIdsFor(prefix)).toEqual({ main, assets });
  });
});

describe('isPublicPath', () => {
  it.each([
    '/e', '/e/', '/i/v0/e', '/i/v0/e/', '/batch', '/batch/', '/capture/', '/track/', '/engage/', '/s/', '/flags', '/flags/',
    '/flags/definitions', '/decide/', '/report/', '/i/v1/logs', '/i/v1/ai/generation', '/static/array.js', '/static/1.449.2/surveys.js',
    '/array/phc_x/config.js', '/array/phc_x/config', '/api/surveys/', '/api/early_access_features/', '/api/web_experiments/',
    '/api/product_tours/', '/api/feature_flag/local_evaluation/',
  ])('%s is public', (path) => {
    expect(isPublicPath(path)).toBe(true);
  });

  it.each([
    '/', '/login', '/signup', '/admin', '/api/projects/', '/api/projects/1/insights/', '/api/surveys/1/delete', '/api/feature_flag/',
    '/e/x', '/ee', '/flags/x', '/decide/x', '/i/v0/e/x', '/i/v1', '/static', '/array', '/staticfoo/x', '/batchx', '/Static/array.js',
  ])('%s is not public', (path) => {
    expect(isPublicPath(path)).toBe(false);
  });
});

describe('INGESTION_PATHS (the viewer-request shortcut)', () => {
  const paths = Object.keys(INGESTION_PATHS);

  it.each(paths)('%s is already normal, public and bound for the main host', (path) => {
    expect(normalizePath(path)).toEqual({ ok: true, path });
    expect(isPublicPath(path)).toBe(true);
    expect(upstreamFor(path)).toBe('main');
  });

  it.each(['/e', '/E/', '/e//', '/e/x', '/constructor', '/__proto__', '/toString', '', '/'])('%s takes the general path', (path) => {
    // The function's test, as it reads it: inherited keys such as __proto__ are no ingestion path.
    expect(INGESTION_PATHS[path] === 1).toBe(false);
  });
});

describe('PLAIN_ASSET_PATH (the viewer-request shortcut for assets and remote config)', () => {
  it.each(['/static/array.js', '/static/1.449.2/recorder.js', '/array/phc_k7-x_Y/config.js', '/array/phc_x/config', '/static/a~b/c-d_e.js'])(
    '%s is a plain asset path: already normal, public, bound for the assets host',
    (path) => {
      expect(PLAIN_ASSET_PATH.test(path)).toBe(true);
      expect(normalizePath(path)).toEqual({ ok: true, path });
      expect(isPublicPath(path)).toBe(true);
      expect(upstreamFor(path)).toBe('assets');
    },
  );

  it.each([
    '/static/', '/static', '/staticx/a.js', '/static//a.js', '/static/./a.js', '/static/../e/', '/static/.hidden',
    '/static/a/', '/static/%2e%2e/e/', '/static/a%2Fb', '/static/a\\b', '/static/a b', '/Static/a.js', '/e/static/a.js',
  ])('%s takes the general path', (path) => {
    expect(PLAIN_ASSET_PATH.test(path)).toBe(false);
  });
});
