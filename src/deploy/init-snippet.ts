/** The `posthog.init(...)` call users paste into their site, pointing the SDK at the proxy. */
import type { ProxyConfig } from '../config/proxy-config.ts';

/** `proxyOrigin` is e.g. "https://d111.cloudfront.net" or "https://www.example.com". */
export function posthogInitSnippet(config: ProxyConfig, proxyOrigin: string): string {
  return `posthog.init('<your project API key>', { api_host: '${proxyOrigin}${config.pathPrefix}', ui_host: '${config.uiHost}' })`;
}
