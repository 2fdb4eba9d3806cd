import type { Cidr } from './ip.ts';
import type { OriginRules } from './origin-match.ts';

/**
 * What the built functions know: the validated configuration compiled to plain data, baked into each
 * bundle at build time (CloudFront Functions and Lambda@Edge have no environment variables).
 */
export interface EdgeConfig {
  /** '' when the proxy lives at the root, else e.g. '/k7x2'. */
  prefix: string;
  origins: OriginRules;
  /** true: `endpoints: "public"`. */
  publicOnly: boolean;
  /** true: `clientIp: "mask"`. */
  maskIp: boolean;
  trustedProxies: Cidr[];
}
