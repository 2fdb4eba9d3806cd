import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AD_BLOCKED_SEGMENTS, CONFIG_KEYS, configSchema } from '../../src/config/config-schema.ts';
import { validateConfig } from '../../src/config/validate-config.ts';
import { REPO_ROOT, configVariants } from '../support/fixtures.ts';

describe('the published configuration schema', () => {
  it('posthog-proxy.config.schema.json is the generated configSchema (run "npm run schema" after changing it)', () => {
    const published = JSON.parse(readFileSync(join(REPO_ROOT, 'posthog-proxy.config.schema.json'), 'utf8'));
    expect(published).toEqual(JSON.parse(JSON.stringify(configSchema)));
  });

  it('lists exactly the keys the validator knows, and refuses others', () => {
    expect(Object.keys(configSchema.properties).sort()).toEqual([...CONFIG_KEYS].sort());
    expect(configSchema.additionalProperties).toBe(false);
  });

  it('has the validator\'s enums and defaults', () => {
    expect(validateConfig({}).region).toBe(configSchema.properties.region.default);
    expect(validateConfig({}).endpoints).toBe(configSchema.properties.endpoints.default);
    expect(validateConfig({}).clientIp).toBe(configSchema.properties.clientIp.default);
  });

  it('its patterns accept every test variant\'s prefix and origins', () => {
    const prefix = new RegExp(configSchema.properties.pathPrefix.pattern);
    const origin = new RegExp(configSchema.properties.allowedOrigins.items.pattern);
    for (const { raw } of configVariants()) {
      const config = raw as { pathPrefix?: string; allowedOrigins?: string[] };
      if (config.pathPrefix !== undefined) expect(config.pathPrefix).toMatch(prefix);
      for (const o of config.allowedOrigins ?? []) expect(o).toMatch(origin);
    }
  });

  it('refuses the words ad blockers match', () => {
    for (const word of ['analytics', 'tracking', 'telemetry', 'posthog', 'ingest']) expect(AD_BLOCKED_SEGMENTS).toContain(word);
  });
});
