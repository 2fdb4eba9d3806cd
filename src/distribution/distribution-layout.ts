/**
 * The distribution this project deploys, as plain data: origins, behaviors in CloudFront's order of
 * precedence, the cache policy and the origin request policy. A pure function of the configuration and the
 * single source for the CloudFormation resources, the attach step and the local edge, so what runs
 * locally is what deploys.
 */
import type { ProxyConfig } from '../config/proxy-config.ts';
import { ALL_METHODS, ASSET_PREFIXES, originIdsFor, type Upstream } from '../routes/route-table.ts';

export { ALL_METHODS };
/** OPTIONS is cached too: preflights PostHog answers are identical per Origin and requested headers. */
export const CACHED_METHODS = ['GET', 'HEAD', 'OPTIONS'] as const;

export interface OriginLayout {
  id: string;
  upstream: Upstream;
  domainName: string;
  /** Headers CloudFront adds to every request it sends this origin (an origin custom header). */
  customHeaders: Readonly<Record<string, string>>;
}

/**
 * How CloudFront connects to PostHog: HTTPS only (PostHog Cloud and any sane self-hosted instance serve
 * TLS 1.2+). Timeouts are CloudFront's defaults, written out so attach and CloudFormation agree.
 */
export const ORIGIN_CONNECTION = {
  protocolPolicy: 'https-only',
  sslProtocols: ['TLSv1.2'],
  httpPort: 80,
  httpsPort: 443,
  readTimeoutSeconds: 30,
  keepaliveTimeoutSeconds: 5,
  connectionAttempts: 3,
  connectionTimeoutSeconds: 10,
} as const;

/**
 * Viewers must use HTTPS; plain HTTP gets 403 rather than a redirect, because a redirected POST turns into
 * a GET and events would vanish silently. It also makes the X-Forwarded-Proto below always true.
 */
export const VIEWER_PROTOCOL_POLICY = 'https-only';

/**
 * Sent to every origin. CloudFront strips a viewer's X-Forwarded-Proto and never adds its own (AWS,
 * "Request and response behavior for custom origins", header table), yet self-hosted PostHog needs it to
 * know the request was HTTPS, or it redirects forever (PostHog, "Running behind a proxy"). It is not on
 * CloudFront's list of custom headers it cannot add (AWS, "Add custom headers to origin requests"), and
 * viewers only reach us over HTTPS, so a fixed value is the truth. X-Forwarded-For is not set here: the
 * function writes it, and the origin request policy below must list it for that value to reach PostHog.
 */
export const ORIGIN_CUSTOM_HEADERS: Readonly<Record<string, string>> = { 'X-Forwarded-Proto': 'https' };

export interface BehaviorLayout {
  /** CloudFront path pattern; null for the distribution's default behavior. */
  pathPattern: string | null;
  originId: string;
  /** The viewer-request CloudFront Function runs on every behavior of the proxy. */
  viewerRequest: true;
  /** The origin-response Lambda@Edge runs only where responses are cacheable assets or remote config. */
  originResponse: boolean;
  allowedMethods: readonly string[];
  cachedMethods: readonly string[];
}

export interface CachePolicyLayout {
  /** Headers in the cache key, and so forwarded: Origin (CORS varies by it), Authorization (server SDKs). */
  headers: readonly string[];
  queryStrings: 'all';
  cookies: 'none';
  /**
   * Default 0: a response without Cache-Control (every ingestion answer) is never cached, while a max TTL
   * above 0 keeps caching enabled, which CloudFront requires before it forwards cache-key headers.
   */
  minTtl: number;
  defaultTtl: number;
  maxTtl: number;
  gzip: true;
  brotli: true;
}

export interface OriginRequestPolicyLayout {
  /** Viewer headers forwarded beyond the cache key; never Cookie, never Host. */
  headers: readonly string[];
  queryStrings: 'all';
  cookies: 'none';
}

export interface DistributionLayout {
  /** 'new': this project owns the distribution; 'attach': behaviors go onto the user's distribution. */
  mode: 'new' | 'attach';
  origins: OriginLayout[];
  /** Most specific first, as CloudFront evaluates them; the default behavior (if any) last. */
  behaviors: BehaviorLayout[];
  cachePolicy: CachePolicyLayout;
  originRequestPolicy: OriginRequestPolicyLayout;
}

export const CACHE_POLICY: CachePolicyLayout = {
  headers: ['Origin', 'Authorization'],
  queryStrings: 'all',
  cookies: 'none',
  minTtl: 0,
  defaultTtl: 0,
  maxTtl: 31_536_000,
  gzip: true,
  brotli: true,
};

/**
 * X-Forwarded-For is listed because a whitelist includes only the viewer headers it names ("whitelist – Only
 * the HTTP headers that are listed in the Headers type are included in requests that CloudFront sends to the
 * origin", CloudFront API Reference, OriginRequestPolicyHeadersConfig; a header a function adds must be listed
 * too, CloudFront Developer Guide, "Add a true client IP header"). Unlisted, CloudFront sends only its own
 * X-Forwarded-For with the viewer IP, dropping the value the viewer-request function set: `clientIp: "mask"`
 * would leak the real address and `trustedProxies` would lose the client's. Listing it is allowed: AWS's
 * managed policy Elemental-MediaTailor-PersonalizedManifests lists it (CloudFront Developer Guide, "Use
 * managed origin request policies"). CloudFront still appends the viewer IP ("Client IP addresses").
 */
export const ORIGIN_REQUEST_POLICY: OriginRequestPolicyLayout = {
  headers: [
    'Accept',
    'Accept-Language',
    'Access-Control-Request-Headers',
    'Access-Control-Request-Method',
    'Content-Encoding',
    'Content-Type',
    'Referer',
    'User-Agent',
    'X-Forwarded-For',
  ],
  queryStrings: 'all',
  cookies: 'none',
};

function behavior(pathPattern: string | null, upstream: Upstream, ids: { main: string; assets: string }): BehaviorLayout {
  return {
    pathPattern,
    originId: ids[upstream],
    viewerRequest: true,
    originResponse: upstream === 'assets',
    allowedMethods: ALL_METHODS,
    cachedMethods: CACHED_METHODS,
  };
}

export function distributionLayout(config: ProxyConfig): DistributionLayout {
  const mode = config.distributionId === null ? 'new' : 'attach';
  const prefix = config.pathPrefix;
  const ids = originIdsFor(prefix);
  const behaviors = ASSET_PREFIXES.map((p) => behavior(`${prefix}${p}*`, 'assets', ids));
  // Under a prefix, the rest of the prefix goes to the main host; the default behavior then only answers
  // 404 (new distribution) or stays the user's own (attach).
  if (prefix !== '') behaviors.push(behavior(`${prefix}/*`, 'main', ids));
  if (mode === 'new') behaviors.push(behavior(null, 'main', ids));
  return {
    mode,
    origins: [
      { id: ids.main, upstream: 'main', domainName: config.apiHost, customHeaders: ORIGIN_CUSTOM_HEADERS },
      { id: ids.assets, upstream: 'assets', domainName: config.assetsHost, customHeaders: ORIGIN_CUSTOM_HEADERS },
    ],
    behaviors,
    cachePolicy: CACHE_POLICY,
    originRequestPolicy: ORIGIN_REQUEST_POLICY,
  };
}

/**
 * The behavior CloudFront picks for a request path: the first whose pattern matches, in order, else the
 * default. CloudFront patterns: `*` matches any run of characters (including `/`), `?` exactly one, and
 * matching is case-sensitive on the path without the query string.
 */
export function behaviorFor(layout: DistributionLayout, path: string): BehaviorLayout | null {
  for (const b of layout.behaviors) {
    if (b.pathPattern === null || pathPatternMatches(b.pathPattern, path)) return b;
  }
  return null;
}

export function pathPatternMatches(pattern: string, path: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 's').test(path.startsWith('/') ? path : `/${path}`);
}
