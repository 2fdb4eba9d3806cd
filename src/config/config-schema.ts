/**
 * The JSON Schema of `posthog-proxy.config.json`, published as `posthog-proxy.config.schema.json` so
 * editors complete and check the file. The validator in validate-config.ts enforces the same rules with
 * messages that name the fix; a test keeps the two and the published file in step.
 */
import { collidingPrefixPattern } from './prefix-collisions.ts';

export const CONFIG_KEYS = [
  '$schema', 'region', 'upstream', 'pathPrefix', 'allowAdBlockedPrefix', 'allowedOrigins', 'endpoints',
  'clientIp', 'trustedProxies', 'distributionId', 'domain', 'priceClass', 'monitoring',
] as const;

/** Words that filter lists (EasyPrivacy and others) match in URL paths; a prefix containing one is refused. */
export const AD_BLOCKED_SEGMENTS = [
  'analytics', 'tracking', 'tracker', 'telemetry', 'posthog', 'ingest', 'collect', 'pixel', 'beacon',
  'metrics', 'stats',
] as const;

export const configSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://github.com/posthog-cloudfront-proxy/posthog-cloudfront-proxy/posthog-proxy.config.schema.json',
  title: 'posthog-cloudfront-proxy configuration',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string', description: 'Path or URL of this schema, for editors.' },
    region: {
      enum: ['us', 'eu'],
      default: 'us',
      description: 'PostHog Cloud region: hosts {region}.i.posthog.com and {region}-assets.i.posthog.com. Excludes `upstream`.',
    },
    upstream: {
      type: 'object',
      additionalProperties: false,
      required: ['apiHost'],
      description: 'Self-hosted PostHog. Excludes `region`.',
      properties: {
        apiHost: { type: 'string', format: 'hostname', description: 'Host name (no scheme, no path) of the PostHog instance, reached over HTTPS.' },
        assetsHost: { type: 'string', format: 'hostname', description: 'Host name serving /static and /array; defaults to apiHost.' },
      },
    },
    pathPrefix: {
      type: 'string',
      pattern: '^(/[A-Za-z0-9_-]+)+$',
      not: { pattern: collidingPrefixPattern() },
      description: 'Path under the site domain where the proxy lives, e.g. "/k7x2"; stripped before forwarding. Omit for the root. Its first segment may not be a PostHog route or a path sites serve themselves (/static, /api, /e, /assets, /_next, ...).',
    },
    allowAdBlockedPrefix: {
      type: 'boolean',
      default: false,
      description: 'Accept a pathPrefix that ad blockers are known to match (e.g. /analytics). Not recommended.',
    },
    allowedOrigins: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { type: 'string', pattern: '^https?://(\\*\\.)?[A-Za-z0-9.-]+(:[0-9]{1,5})?$' },
      description: 'Browser origins allowed to use the proxy: exact ("https://example.com") or "https://*.example.com". Omit to allow any origin.',
    },
    endpoints: {
      enum: ['all', 'public'],
      default: 'all',
      description: '"all" passes every path; "public" passes only the public SDK surface and answers the rest with 404 at the edge.',
    },
    clientIp: {
      enum: ['forward', 'mask'],
      default: 'forward',
      description: '"forward": PostHog sees the viewer IP; "mask": it sees the viewer IP truncated to /24 (IPv4) or /48 (IPv6).',
    },
    trustedProxies: {
      type: 'array',
      uniqueItems: true,
      items: { type: 'string' },
      default: [],
      description: 'CIDRs of proxies in front of CloudFront whose X-Forwarded-For chain is trusted.',
    },
    distributionId: {
      type: 'string',
      pattern: '^E[A-Z0-9]{5,20}$',
      description: 'Attach the proxy to this existing CloudFront distribution instead of creating one.',
    },
    domain: {
      type: 'object',
      additionalProperties: false,
      required: ['names'],
      anyOf: [{ required: ['certificateArn'] }, { required: ['hostedZoneId'] }],
      description: 'Your own host names for a new distribution (not with distributionId). docs/own-domain.md.',
      properties: {
        names: {
          type: 'array',
          minItems: 1,
          uniqueItems: true,
          items: { type: 'string', pattern: '^(\\*\\.)?[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$' },
          description: 'Host names, e.g. ["t.example.com"]; the first is the proxy URL. A wildcard ("*.example.com") needs certificateArn.',
        },
        certificateArn: {
          type: 'string',
          pattern: '^arn:aws[a-z-]*:acm:us-east-1:[0-9]{12}:certificate/[A-Za-z0-9-]+$',
          description: 'An issued ACM certificate in us-east-1 covering every name (CloudFront only uses us-east-1 certificates).',
        },
        hostedZoneId: {
          type: 'string',
          pattern: '^Z[A-Z0-9]{1,31}$',
          description: 'A Route 53 hosted zone holding the names: the stack creates the certificate (DNS validation) unless certificateArn is set, and A/AAAA alias records.',
        },
      },
    },
    priceClass: {
      enum: ['all', '200', '100'],
      default: 'all',
      description: 'Edges of a new distribution: "all", "200" or "100" (cheaper, but viewers far from the included edges get more latency). Not with distributionId.',
    },
    monitoring: {
      type: 'object',
      additionalProperties: false,
      description: 'CloudWatch alarms, a canary running verify on a schedule, and standard logs (docs/operate.md).',
      properties: {
        alarmEmail: { type: 'string', format: 'email', description: 'Subscribed to an SNS topic the stack creates for every alarm. Excludes alarmTopicArn.' },
        alarmTopicArn: { type: 'string', pattern: '^arn:aws[a-z-]*:sns:us-east-1:[0-9]{12}:[A-Za-z0-9_-]{1,256}$', description: 'An existing SNS topic in us-east-1 every alarm notifies. Excludes alarmEmail.' },
        canary: {
          type: 'object',
          additionalProperties: false,
          required: ['token'],
          description: 'A Lambda in us-east-1 running verify\'s checks against the proxy on a schedule, one metric per check.',
          properties: {
            token: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,200}$', description: 'The project API key (phc_...).' },
            everyMinutes: { type: 'integer', minimum: 1, maximum: 60, default: 5, description: 'Minutes between runs.' },
            capture: { type: 'boolean', default: false, description: 'Send one $posthog_cloudfront_canary event per run to the project.' },
            url: { type: 'string', pattern: '^https://', description: 'The proxy URL as in api_host; required in attach mode, else the distribution URL.' },
          },
        },
        logs: {
          type: 'object',
          additionalProperties: false,
          required: ['retentionDays'],
          description: 'CloudFront standard logs (v2) to CloudWatch Logs.',
          properties: {
            retentionDays: { enum: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], description: 'Days CloudWatch Logs keeps the log lines.' },
          },
        },
      },
      not: { required: ['alarmEmail', 'alarmTopicArn'] },
    },
  },
  not: { required: ['region', 'upstream'] },
} as const;
