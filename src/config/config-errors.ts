/**
 * Named errors of the configuration step. Each says which key, which value, and what to do about it.
 */

import { ProxyError } from '../errors/proxy-error.ts';

/** Thrown when the configuration file is missing, unreadable or not JSON. */
export class ConfigFileError extends ProxyError {}

/** Thrown when a configuration value is invalid; `problems` lists every finding, not only the first. */
export class ConfigValidationError extends ProxyError {
  readonly problems: readonly string[];
  constructor(file: string, problems: readonly string[]) {
    super(`${file} is not a valid posthog-cloudfront-proxy configuration:\n` + problems.map((p) => `  - ${p}`).join('\n'));
    this.problems = problems;
  }
}
