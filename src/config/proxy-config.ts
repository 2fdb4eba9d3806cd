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
  /** Own host names of a new distribution (null: only its dxxxx.cloudfront.net name). */
  domain: DomainConfig | null;
  /** Which edges serve a new distribution: CloudFront's PriceClass_All, _200 or _100. */
  priceClass: PriceClass;
}

export type PriceClass = 'all' | '200' | '100';

/** `domain` of the configuration file, validated (src/config/validate-domain.ts). */
export interface DomainConfig {
  /** Lowercase host names, at least one; the first is the proxy URL. */
  names: string[];
  /** An existing ACM certificate in us-east-1, or null: the stack requests one (needs hostedZoneId). */
  certificateArn: string | null;
  /** A Route 53 zone for the certificate's validation records and the A/AAAA alias records, or null. */
  hostedZoneId: string | null;
}
