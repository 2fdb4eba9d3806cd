import type { Cidr } from '../edge/ip.ts';
import type { MonitoringConfig } from '../monitoring/monitoring-config.ts';

/** The validated configuration with every default applied: the single source for everything else. */
export interface ProxyConfig {
  /** PostHog Cloud region, or null for a self-hosted upstream. */
  region: 'us' | 'eu' | null;
  /** Host names of PostHog's main (API and ingestion) and assets hosts, reached over HTTPS. */
  apiHost: string;
  assetsHost: string;
  /** Where the PostHog app (toolbar) lives: the SDK's `ui_host`. */
  uiHost: string;
  /** '' when the proxy is at the root, else e.g. '/k7x2'. */
  pathPrefix: string;
  /** null: any origin; else exact origins and `scheme://*.domain` patterns, lowercased. */
  allowedOrigins: string[] | null;
  endpoints: 'all' | 'public';
  clientIp: 'forward' | 'mask';
  trustedProxies: Cidr[];
  /** The CIDRs as written, for messages and templates. */
  trustedProxyText: string[];
  distributionId: string | null;
  /** Alarms, canary and logs (docs/operate.md); null: none. */
  monitoring: MonitoringConfig | null;
}
