// The browser-shaped benchmark mixes are what they claim (headers, cookies, a viewer X-Forwarded-For on
// some), the built function answers every event as PostHog needs, and table 1's verdict follows the spread.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/build/build-functions.ts';
import { loadCloudFrontFunction } from '../../src/runtime/cloudfront-function-runtime.ts';
import { browserMixes } from '../../bench/browser-mixes.ts';
import { runRounds, type RatioWorkerOutput } from '../../bench/ratio-worker.ts';
import { BASELINE, CANDIDATE, summarize } from '../../bench/table-cloudfront-function.ts';
import { quantile } from '../../bench/report-format.ts';

const mixes = browserMixes();
const viewer = loadCloudFrontFunction(readFileSync(join(ROOT, 'dist/viewer-request.js'), 'utf8'));

describe('browser-shaped mixes', () => {
  it.each(mixes.map((m) => [m.name, m] as const))('%s: 8+ headers and the site cookies on every event, a viewer X-Forwarded-For on some', (_name, mix) => {
    const events = mix.events.map((e) => JSON.parse(e));
    expect(events.length).toBeGreaterThanOrEqual(20);
    for (const e of events) {
      expect(Object.keys(e.request.headers).length).toBeGreaterThanOrEqual(8);
      expect(Object.keys(e.request.cookies).length).toBeGreaterThanOrEqual(4);
    }
    const withXff = events.filter((e) => e.request.headers['x-forwarded-for']).length;
    expect(withXff).toBeGreaterThan(0);
    expect(withXff).toBeLessThan(events.length / 2);
    expect(new Set(mix.events).size).toBe(mix.events.length);
  });

  it.each(mixes.map((m) => [m.name, m] as const))('%s: the built function forwards each event to the right origin or answers its preflight', async (_name, mix) => {
    for (const json of mix.events) {
      const event = JSON.parse(json);
      const outcome = await viewer.run(event);
      if (event.request.method === 'OPTIONS') expect(outcome.response?.statusCode).toBe(204);
      else {
        expect(outcome.originId).toBe(/^\/(static|array)\//.test(event.request.uri) ? 'posthog-proxy-assets' : 'posthog-proxy-main');
        expect(outcome.request?.cookies).toEqual({});
      }
    }
  });

  it('are the same on every call (a fixed seed)', () => {
    expect(browserMixes()).toEqual(mixes);
  });
});

describe('interleaved ratio rounds', () => {
  it('times both functions on every round of every mix', () => {
    const out = runRounds({ candidate: CANDIDATE, baseline: BASELINE, mixes: { a: mixes[0].events, b: mixes[1].events }, rounds: 6, warmupRounds: 2, passes: 1 });
    for (const m of ['a', 'b']) {
      expect(out.mixes[m].ratios).toHaveLength(6);
      for (const r of out.mixes[m].ratios) expect(r).toBeGreaterThan(0);
    }
  });

  const output = (ratios: number[]): RatioWorkerOutput => ({ jitless: true, mixes: { m: { ratios, candidateUs: ratios, baselineUs: ratios.map(() => 1) } } });
  it.each([
    ['a tight spread under the target', [2.0, 2.1, 2.2, 2.1, 2.0, 2.1, 2.2, 2.1], 'met'],
    ['a tight spread over the target', [3.4, 3.5, 3.6, 3.5, 3.4, 3.5, 3.6, 3.5], 'not met'],
    ['a spread too wide to tell, across the target', [1.0, 2.0, 3.0, 4.0, 1.5, 2.5, 3.5, 4.5], 'too wide to judge'],
    ['a wide spread wholly under the target', [1.0, 1.5, 2.0, 2.5, 1.2, 1.7, 2.2, 2.7], 'met'],
    ['a tight spread across the target, median under it', [2.8, 2.9, 3.0, 3.1, 2.85, 2.95, 2.9, 3.05], 'met'],
  ] as const)('%s: %s', (_name, ratios, verdict) => {
    const [s] = summarize([output([...ratios])], {}, true);
    expect(s.verdict).toBe(verdict);
    expect(s.q1).toBe(quantile(ratios, 0.25));
    expect(s.rounds).toBe(ratios.length);
  });

  it('quartiles interpolate between ranks', () => {
    expect([quantile([1, 2, 3, 4], 0.25), quantile([1, 2, 3, 4], 0.5), quantile([1, 2, 3, 4], 0.75)]).toEqual([1.75, 2.5, 3.25]);
  });
});
