/** Reads and validates a configuration file (Node only: build, CLI, templates, local edge). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigFileError } from './config-errors.ts';
import type { ProxyConfig } from './proxy-config.ts';
import { validateConfig } from './validate-config.ts';

export const DEFAULT_CONFIG_FILE = 'posthog-proxy.config.json';

export function loadConfig(file: string = DEFAULT_CONFIG_FILE): ProxyConfig {
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
    throw new ConfigFileError(`${path} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  return validateConfig(raw, path);
}
