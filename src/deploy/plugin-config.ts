/**
 * Reads `custom.posthogProxy` of a serverless.yml, the plugin's only settings. Three shapes:
 *   - `config: FILE` (plus an optional `distributionId` override): the configuration file, as the CLI reads it;
 *   - the configuration's own keys inline (`region`, `pathPrefix`, ...): validated exactly like the file;
 *   - nothing: `posthog-proxy.config.json` in the service directory.
 * `distribution: <logical id>` names an AWS::CloudFront::Distribution in the service's own `resources:`; the
 * proxy's origins and behaviors are then added to it at package time (see site-distribution.ts).
 */
import { isAbsolute, join } from 'node:path';
import { ConfigValidationError } from '../config/config-errors.ts';
import { DEFAULT_CONFIG_FILE, loadConfig } from '../config/load-config.ts';
import type { ProxyConfig } from '../config/proxy-config.ts';
import { validateConfig } from '../config/validate-config.ts';

/** Where the error messages say the inline configuration lives. */
export const INLINE_SOURCE = 'serverless.yml custom.posthogProxy';
/** Keys of `custom.posthogProxy` that belong to the plugin, not to the configuration. */
export const PLUGIN_KEYS = ['config', 'distribution', 'forceIac'] as const;

export interface PluginConfigSource {
  /** The configuration file's path, or null when the configuration is inline. */
  file: string | null;
  config: ProxyConfig;
  /** `custom.posthogProxy.distribution`: a logical id in the service's `resources:`, or null. */
  distribution: string | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
/** serverless resolves an unset `${param:…}` to '' in our own serverless.yml: treat it as absent. */
const present = (v: unknown) => v !== undefined && v !== null && v !== '';

export function readPluginConfig(custom: unknown, serviceDir: string): PluginConfigSource {
  if (custom !== undefined && custom !== null && !isRecord(custom)) {
    throw new ConfigValidationError(INLINE_SOURCE, [`custom.posthogProxy must be a mapping (the configuration's keys, or "config: FILE"), not ${JSON.stringify(custom)}`]);
  }
  const settings = isRecord(custom) ? custom : {};
  const problems: string[] = [];
  const distribution = present(settings.distribution) ? settings.distribution : null;
  if (distribution !== null && (typeof distribution !== 'string' || !/^[A-Za-z0-9]{1,255}$/.test(distribution))) {
    problems.push(`distribution: ${JSON.stringify(distribution)} is not a CloudFormation logical id; name the AWS::CloudFront::Distribution of your resources: section, e.g. "SiteDistribution"`);
  }
  const inlineKeys = Object.keys(settings).filter((k) => !(PLUGIN_KEYS as readonly string[]).includes(k) && present(settings[k]));
  const inline = inlineKeys.some((k) => k !== 'distributionId');
  if (present(settings.config) && typeof settings.config !== 'string') problems.push(`config: ${JSON.stringify(settings.config)} is not a file name; write e.g. "config: posthog-proxy.config.json"`);
  if (present(settings.config) && inline) {
    problems.push(`config: "${String(settings.config)}" and inline keys (${inlineKeys.filter((k) => k !== 'distributionId').join(', ')}) are both set; keep the configuration in one place: the file or custom.posthogProxy`);
  }
  if (problems.length > 0) throw new ConfigValidationError(INLINE_SOURCE, problems);

  let file: string | null = null;
  let config: ProxyConfig;
  if (inline) {
    const raw: Record<string, unknown> = {};
    for (const key of inlineKeys) raw[key] = settings[key];
    config = validateConfig(raw, INLINE_SOURCE);
  } else {
    const name = present(settings.config) ? (settings.config as string) : DEFAULT_CONFIG_FILE;
    file = isAbsolute(name) ? name : join(serviceDir, name);
    config = loadConfig(file, present(settings.distributionId) ? { distributionId: settings.distributionId } : {});
  }
  if (distribution !== null) checkSiteDistributionConfig(config, distribution as string, file ?? INLINE_SOURCE);
  return { file, config, distribution: distribution as string | null };
}

/** `distribution:` puts the proxy beside a site the stack already serves: it needs a prefix and no distributionId. */
function checkSiteDistributionConfig(config: ProxyConfig, distribution: string, source: string): void {
  const problems: string[] = [];
  if (config.distributionId !== null) {
    problems.push(`distributionId: "${config.distributionId}" and distribution: "${distribution}" are both set; use distributionId for a distribution outside this stack (attached after deploy), distribution for one in this stack's resources`);
  }
  if (config.pathPrefix === '') {
    problems.push(`pathPrefix: adding the proxy to your distribution "${distribution}" needs a pathPrefix (e.g. "/k7x2"), so the proxy's behaviors sit beside your site's and never replace its default behavior`);
  }
  if (problems.length > 0) throw new ConfigValidationError(source, problems);
}
