// What each built artifact is, beyond its behaviour: within budget in bytes, loadable by its runtime, free of
// imports, with unused features compiled out; and dist/ is what the default variant built and was tested.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCloudFrontFunction, CLOUDFRONT_IMPORT, MODULE_IMPORT } from '../../src/build/check-cloudfront-function.ts';
import { LIMITS } from '../../src/build/function-limits.ts';
import { validateConfig } from '../../src/config/validate-config.ts';
import { configVariant, configVariants, readBuilt, REPO_ROOT } from '../support/fixtures.ts';

const bytes = (text: string) => new TextEncoder().encode(text).length;
const variants = configVariants().map((v) => [v.name] as const);

describe('built artifacts of every variant', () => {
  it('the budgets are the ones the issue sets', () => {
    expect(LIMITS).toMatchObject({ cloudFrontFunctionBytes: 10_240, viewerRequestBudgetBytes: 4_096, viewerRequestFullBudgetBytes: 6_144, originResponseBudgetBytes: 10_240 });
  });

  it('the default variant\'s viewer-request is at most 4,096 bytes', () => {
    expect(bytes(readBuilt('default', 'viewer-request.js'))).toBeLessThanOrEqual(4_096);
  });

  it.each(variants)('%s: viewer-request at most 6,144 bytes and valid cloudfront-js-2.0 code', (name) => {
    const code = readBuilt(name, 'viewer-request.js');
    expect(bytes(code)).toBeLessThanOrEqual(6_144);
    expect(() => checkCloudFrontFunction(code)).not.toThrow();
    expect(code.startsWith(CLOUDFRONT_IMPORT)).toBe(true);
    expect(code).toMatch(/[;}]function handler\([\w$]+\)\{/);
  });

  it.each(variants)('%s: origin-response at most 10,240 bytes, an ES module exporting handler, without imports', (name) => {
    const code = readBuilt(name, 'origin-response.mjs');
    expect(bytes(code)).toBeLessThanOrEqual(10_240);
    expect(code).not.toMatch(MODULE_IMPORT);
    expect(code).not.toMatch(/\brequire\s*\(/);
    expect(code).toMatch(/export\s*\{\s*[\w$]+ as handler\s*\}|export\s*\{\s*handler\s*\}/);
  });

  it.each(variants)('%s: the configuration is baked in (no environment at the edge)', (name) => {
    for (const file of ['viewer-request.js', 'origin-response.mjs'] as const) {
      const code = readBuilt(name, file);
      expect(code).not.toMatch(/process\.env|__EDGE_/);
    }
    const prefix = validateConfig(configVariant(name)).pathPrefix;
    expect(readBuilt(name, 'viewer-request.js')).toContain(`prefix:${JSON.stringify(prefix)}`);
  });

  it('features a configuration does not use are compiled out of its function', () => {
    const has = (name: string, marker: string) => readBuilt(name, 'viewer-request.js').includes(marker);
    // The IPv4 parser (clientIp mask or trustedProxies), the origin label check (allowedOrigins), the public surface (endpoints public).
    const IP = '25[0-5]';
    const LABELS = '[a-z0-9-]*[a-z0-9]';
    const PUBLIC = 'early_access_features';
    expect([has('default', IP), has('default', LABELS), has('default', PUBLIC)]).toEqual([false, false, false]);
    expect([has('masked', IP), has('trusted-proxies', IP), has('allowed-origins', LABELS), has('public-only', PUBLIC)]).toEqual([true, true, true, true]);
    expect([has('full', IP), has('full', LABELS), has('full', PUBLIC)]).toEqual([true, true, true]);
  });
});

describe('dist/', () => {
  it('holds what the default variant built, when posthog-proxy.config.json is that configuration', () => {
    const root = validateConfig(JSON.parse(readFileSync(join(REPO_ROOT, 'posthog-proxy.config.json'), 'utf8')));
    if (JSON.stringify(root) !== JSON.stringify(validateConfig(configVariant('default')))) return;
    expect(readFileSync(join(REPO_ROOT, 'dist/viewer-request.js'), 'utf8')).toBe(readBuilt('default', 'viewer-request.js'));
    expect(readFileSync(join(REPO_ROOT, 'dist/origin-response.mjs'), 'utf8')).toBe(readBuilt('default', 'origin-response.mjs'));
  });
});
