/**
 * The exact `verify` command for a deployed proxy, printed after `serverless deploy`: its URL (the stack's
 * ProxyUrl output, which includes the pathPrefix), and the first site of allowedOrigins as --site-origin so
 * the CORS checks use an origin the proxy allows.
 */
import type { ProxyConfig } from '../config/proxy-config.ts';

export function verifyCommandLine(proxyUrl: string, config: Pick<ProxyConfig, 'allowedOrigins'>): string {
  const site = (config.allowedOrigins ?? []).find((o) => !o.includes('*'));
  return `npx posthog-cloudfront verify ${proxyUrl} --token <your project API key, phc_...>${site ? ` --site-origin ${site}` : ''}`;
}
