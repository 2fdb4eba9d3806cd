/**
 * pathPrefix first segments that collide with a path someone else already serves: PostHog's own routes, and
 * the paths sites commonly serve themselves. In attach mode the proxy's behaviors sit ahead of the site's,
 * so a prefix "/static" would route the site's own /static/* files to PostHog; and a prefix equal to a
 * PostHog route ("/e", "/flags", ...) makes a request with and without the prefix look alike, so a
 * misconfigured api_host seems to work for some paths and fails for others.
 */

/** First path segments of PostHog's routes (the SDK's, the legacy ones, and the API). */
export const POSTHOG_ROUTE_SEGMENTS = ['static', 'array', 'e', 's', 'i', 'flags', 'decide', 'batch', 'capture', 'track', 'engage', 'api'] as const;

/** First path segments that sites and their frameworks commonly serve themselves. */
export const SITE_PATH_SEGMENTS = [
  'assets', 'static', 'public', 'api', 'images', 'img', 'css', 'js', 'fonts', 'media', 'uploads', 'build', 'dist',
  '_next', '_nuxt', '_astro', '_app', 'graphql', 'cdn-cgi', 'wp-content', 'wp-includes', 'wp-admin', 'wp-json',
] as const;

export interface PrefixCollision {
  segment: string;
  /** Who already serves paths under it. */
  owner: 'posthog' | 'site';
}

/** The collision of a prefix's first segment (compared case-insensitively), or null when it is free. */
export function prefixCollision(pathPrefix: string): PrefixCollision | null {
  const segment = pathPrefix.split('/')[1] ?? '';
  const lower = segment.toLowerCase();
  if ((POSTHOG_ROUTE_SEGMENTS as readonly string[]).includes(lower)) return { segment, owner: 'posthog' };
  if ((SITE_PATH_SEGMENTS as readonly string[]).includes(lower)) return { segment, owner: 'site' };
  return null;
}

/** The validation message for a colliding prefix: what collides, why it matters, what to pick instead. */
export function prefixCollisionProblem(pathPrefix: string, collision: PrefixCollision): string {
  const why = collision.owner === 'posthog'
    ? `"/${collision.segment}" is a PostHog route, so requests with and without the prefix look alike and a wrong api_host half-works instead of failing`
    : `sites commonly serve "/${collision.segment}/*" themselves, and on your site's distribution the proxy's "${pathPrefix}/*" behaviors would take those requests to PostHog`;
  return `pathPrefix: ${JSON.stringify(pathPrefix)} starts with "${collision.segment}": ${why}; pick a meaningless first segment no route of your site uses, such as "/k7x2"`;
}

/**
 * The same rule as a JSON Schema pattern (for `not`), so editors flag a colliding prefix too: the first
 * segment is any of the taken ones, in any letter case (JSON Schema patterns have no flags).
 */
export function collidingPrefixPattern(): string {
  const anyCase = (word: string) => [...word].map((c) => (/[a-z]/.test(c) ? `[${c}${c.toUpperCase()}]` : c)).join('');
  const words = [...new Set([...POSTHOG_ROUTE_SEGMENTS, ...SITE_PATH_SEGMENTS])];
  return `^/(${words.map(anyCase).join('|')})(/|$)`;
}
