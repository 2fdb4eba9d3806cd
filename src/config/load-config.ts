/** Reads and validates a configuration file (Node only: build, CLI, templates, local edge). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigFileError } from './config-errors.ts';
import { describeJsonError } from './json-error.ts';
import type { ProxyConfig } from './proxy-config.ts';
import { validateConfig } from './validate-config.ts';

export const DEFAULT_CONFIG_FILE = 'posthog-proxy.config.json';

/**
 * `overrides` replace keys of the file before validation (e.g. a per-stage `distributionId` from
 * serverless.yml), so the result is checked exactly like a file holding those values.
 */
export function loadConfig(file: string = DEFAULT_CONFIG_FILE, overrides: Record<string, unknown> = {}): ProxyConfig {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ConfigFileError(`cannot read the configuration file ${path}: ${(cause as Error).message}; create it (see README, "Configuration") or pass --config FILE`, { cause });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new ConfigFileError(`${path} is not valid JSON: ${describeJsonError(text, cause as Error)}`, { cause });
  }
  if (Object.keys(overrides).length > 0 && raw !== null && typeof raw === 'object' && !Array.isArray(raw)) raw = { ...raw, ...overrides };
  return validateConfig(raw, path);
}
