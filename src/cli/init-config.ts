/**
 * What `posthog-cloudfront init` writes: a configuration from a few answers. Pure, so it is tested without
 * a terminal; the command (commands/init.ts) asks the questions and writes the file.
 */
import { AD_BLOCKED_SEGMENTS } from '../config/config-schema.ts';
import { validateConfig } from '../config/validate-config.ts';

export interface InitAnswers {
  /** PostHog Cloud region, or null with `host` for self-hosted PostHog. */
  region: 'us' | 'eu' | null;
  host: string | null;
  /** The sites (origins) whose pages use the proxy; empty: any origin. */
  sites: string[];
  /** An existing distribution to attach to, or null for a new one. */
  distributionId: string | null;
  pathPrefix: string;
  $schema: string;
}

const LETTERS = 'abcdefghijkmnpqrstuvwxyz';
const CHARACTERS = LETTERS + '23456789';

/**
 * A random prefix like "/k7x2": four characters, a letter first, that contains no word ad-blocker lists
 * match (AD_BLOCKED_SEGMENTS). `random` returns numbers in [0, 1).
 */
export function randomPrefix(random: () => number = Math.random): string {
  for (;;) {
    let prefix = LETTERS[Math.floor(random() * LETTERS.length)];
    for (let i = 0; i < 3; i++) prefix += CHARACTERS[Math.floor(random() * CHARACTERS.length)];
    if (!AD_BLOCKED_SEGMENTS.some((w) => prefix.includes(w))) return `/${prefix}`;
  }
}

/** A site as the browser sends it in Origin: scheme and host, no path; "example.com" means https. */
export function siteOrigin(site: string): string {
  const text = /^[a-z]+:\/\//i.test(site.trim()) ? site.trim() : `https://${site.trim()}`;
  return new URL(text).origin;
}

/** The configuration object, in the order a reader wants it; validated as the build would. */
export function initConfig(answers: InitAnswers): Record<string, unknown> {
  const config: Record<string, unknown> = { $schema: answers.$schema };
  if (answers.host) config.upstream = { apiHost: answers.host };
  else config.region = answers.region ?? 'us';
  config.pathPrefix = answers.pathPrefix;
  if (answers.sites.length > 0) config.allowedOrigins = [...new Set(answers.sites.map(siteOrigin))];
  if (answers.distributionId) config.distributionId = answers.distributionId;
  validateConfig(config, 'the answers');
  return config;
}
