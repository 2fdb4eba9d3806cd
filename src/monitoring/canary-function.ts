/**
 * The canary as a serverless function definition, added by the plugin to `functions` when the configuration
 * asks for one (serverless.yml cannot say "only when the configuration has a canary"). serverless then
 * compiles the Lambda, its log group, its role and the EventBridge schedule, and uploads the artifact:
 * the zip build-canary.ts made, given as `package.artifact`, so no bundler plugin is involved.
 */
import type { ProxyConfig } from '../config/proxy-config.ts';
import { proxyOriginFor } from '../deploy/domain-resources.ts';
import type { ResourceNames } from '../deploy/resource-names.ts';
import { DEFAULT_SITE_ORIGIN } from '../verify/verify-target.ts';
import { CANARY_HANDLER, CANARY_RUNTIME } from './build-canary.ts';
import { CANARY_ENV } from './canary-run.ts';
import { canaryFunctionName } from './monitoring-names.ts';

/** The function key in serverless's `functions`: logical ids CanaryLambdaFunction and CanaryLogGroup. */
export const CANARY_FUNCTION_KEY = 'canary';

/**
 * The Origin the canary sends: an exact entry of allowedOrigins, else a host under the first wildcard entry
 * (`https://*.example.com` gives `https://www.example.com`), else verify's default.
 */
export function canarySiteOrigin(config: ProxyConfig): string {
  const origins = config.allowedOrigins;
  if (origins === null) return DEFAULT_SITE_ORIGIN;
  return origins.find((o) => !o.includes('*')) ?? origins[0].replace('*.', 'www.');
}

/** `rate(1 minute)` / `rate(N minutes)`: EventBridge wants the singular for 1. */
export function scheduleRate(minutes: number): string {
  return minutes === 1 ? 'rate(1 minute)' : `rate(${minutes} minutes)`;
}

/** The proxy URL the canary checks: `canary.url`, else the stack's distribution (or its own domain). */
export function canaryUrl(config: ProxyConfig): unknown {
  const canary = config.monitoring?.canary;
  if (canary?.url) return canary.url;
  const proxy = proxyOriginFor(config);
  return proxy.needsSub ? { 'Fn::Sub': `${proxy.origin}${config.pathPrefix}` } : `${proxy.origin}${config.pathPrefix}`;
}

/** The serverless function definition of the canary, or null when the configuration has none. */
export function canaryFunction(config: ProxyConfig, names: ResourceNames, artifact: string): Record<string, unknown> | null {
  const canary = config.monitoring?.canary;
  if (!canary) return null;
  return {
    name: canaryFunctionName(names.stackName),
    description: 'PostHog proxy canary: runs verify\'s checks against the proxy, one metric per check',
    handler: CANARY_HANDLER,
    runtime: CANARY_RUNTIME,
    // 256 MB: the checks are network-bound; more memory buys nothing but cost. 60 s: seven checks run
    // concurrently with verify's 10 s timeout each.
    memorySize: 256,
    timeout: 60,
    versionFunction: false,
    package: { artifact },
    // Not Lambda@Edge: an ordinary regional Lambda, so environment variables are allowed.
    environment: {
      [CANARY_ENV.url]: canaryUrl(config),
      [CANARY_ENV.token]: canary.token,
      [CANARY_ENV.siteOrigin]: canarySiteOrigin(config),
      [CANARY_ENV.capture]: String(canary.capture),
      [CANARY_ENV.stackName]: names.stackName,
    },
    events: [{ schedule: scheduleRate(canary.everyMinutes) }],
    // serverless-esbuild (while serverless.yml lists it) must leave this function alone: it is packaged already.
    skipEsbuild: true,
  };
}
