/**
 * The local edge over real HTTP, in front of the mock PostHog: each fixture in
 * test/fixtures/local-edge/requests/ is one viewer request and what CloudFront would do with it (which
 * host gets it, with which target and headers, what the viewer sees).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createStacks, fixtureRows } from './local-stacks.ts';

interface RequestFixture {
  description: string;
  config: string;
  request: { method: string; path: string; headers?: Record<string, string>; body?: string };
  expect: {
    status: number;
    xCache?: string;
    headers?: Record<string, string | null>;
    bodyContains?: string;
    /** null: no request reaches PostHog. */
    upstream: { host: string; target: string; headers?: Record<string, string | null> } | null;
    events?: string[];
  };
}

const stacks = createStacks();
afterAll(() => stacks.closeAll());

describe('local edge in front of the mock PostHog', () => {
  it.each(fixtureRows<RequestFixture>('requests'))('%s', async (_name, fx) => {
    // Prepare
    const stack = await stacks.get(fx.config);
    stack.mock!.posthog.reset();
    const { method, path, headers, body } = fx.request;

    // Act
    const response = await fetch(stack.edgeUrl + path, { method, headers, body });
    const text = await response.text();

    // Assess
    expect(response.status, fx.description).toBe(fx.expect.status);
    expect(response.headers.get('via')).toMatch(/CloudFront/);
    if (fx.expect.xCache) expect(response.headers.get('x-cache')).toBe(fx.expect.xCache);
    for (const [name, value] of Object.entries(fx.expect.headers ?? {})) expect(response.headers.get(name), name).toBe(value);
    if (fx.expect.bodyContains) expect(text).toContain(fx.expect.bodyContains);
    const received = stack.mock!.posthog.received();
    if (fx.expect.upstream === null) {
      expect(received.requests).toEqual([]);
    } else {
      expect(received.requests).toHaveLength(1);
      const [seen] = received.requests;
      expect(seen.host).toBe(fx.expect.upstream.host);
      expect(seen.query === '' ? seen.path : `${seen.path}?${seen.query}`).toBe(fx.expect.upstream.target);
      expect(seen.upstream).toBe(fx.expect.upstream.host.includes('assets') ? 'assets' : 'main');
      for (const [name, value] of Object.entries(fx.expect.upstream.headers ?? {})) expect(seen.headers[name] ?? null, name).toBe(value);
      if (body !== undefined) expect(seen.bodyBytes).toBe(new TextEncoder().encode(body).length);
    }
    expect(received.events.map((e) => e.event)).toEqual(fx.expect.events ?? []);
  });
});
