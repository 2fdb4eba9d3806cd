import { describe, expect, it } from 'vitest';
import { normalizePath } from '../../src/edge/normalize-path.ts';
import { edgeDefines } from '../../src/build/build-functions.ts';
import { validateConfig } from '../../src/config/validate-config.ts';
import { ALL_METHODS, ASSET_PREFIXES, assetAlternation, INGESTION_PATHS, isPublicPath, ORIGIN_IDS, originIdsFor, PLAIN_ASSET_PATH, upstreamFor } from '../../src/routes/route-table.ts';
import { readBuilt } from '../support/fixtures.ts';

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

  it('a new asset prefix in ASSET_PREFIXES routes to the assets host with no other edit', () => {
    // The regular expressions are generated from the list (esbuild define at build time; computed here).
    expect(assetAlternation(ASSET_PREFIXES)).toBe('static|array');
    expect(assetAlternation([...ASSET_PREFIXES, '/flags-static/'])).toBe('static|array|flags-static');
  });

  it('the build defines the route strings from the lists, and the built function carries them', () => {
    const defines = edgeDefines(validateConfig({ region: 'us' }));
    expect(JSON.parse(defines.__ROUTE_ASSETS__)).toBe(assetAlternation(ASSET_PREFIXES));
    expect(JSON.parse(defines.__ROUTE_METHODS__)).toBe(ALL_METHODS.join(', '));
    expect(Number(defines.__ROUTE_INGESTION_MAX__)).toBe(Math.max(...Object.keys(INGESTION_PATHS).map((p) => p.length)));
    const built = readBuilt('full', 'viewer-request.js');
    expect(built).toContain(`(${assetAlternation(ASSET_PREFIXES)})`);
    expect(built).toContain(JSON.stringify(ALL_METHODS.join(', ')));
    expect(built).not.toContain('__ROUTE_');
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
