import type { ProbeRequest } from '../http-client.ts';
import type { VerifyTarget } from '../verify-target.ts';

/** A distinct id no real user has, so a flags evaluation or event is recognisable as this tool's. */
export const VERIFY_DISTINCT_ID = 'posthog-cloudfront-verify';

/** The flags request posthog-js makes at start-up: `v=2` asks for the v2 shape, `config=true` for remote config. */
export function flagsRequest(target: VerifyTarget, query: string): ProbeRequest {
  return {
    method: 'POST',
    url: `${target.apiHost}/flags/${query}`,
    headers: { origin: target.siteOrigin, 'content-type': 'application/json' },
    body: JSON.stringify({ token: target.token, distinct_id: VERIFY_DISTINCT_ID }),
  };
}

export function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
