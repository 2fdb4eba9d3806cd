/**
 * posthog-js in Chromium captures events through the local edge while PostHog's main host fails: a 503
 * window with Retry-After, a window of refused connections, and an origin slower than the edge's origin
 * response timeout (504; 1 s here instead of CloudFront's 30 s). After each window closes, every captured
 * event's uuid must reach PostHog; duplicates from the SDK's own retries are allowed, counted and printed.
 * Windows close on what the SDK saw (its first failed POST), not on a clock: posthog-js retries after
 * 3 s +/- 50% and polls its queue every 3 s (RetryQueue), so one failed attempt per window keeps the file short.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TOKEN } from '../../src/demo-site/demo-site.ts';
import { serve, type RunningServer } from '../../src/node-http/node-server.ts';
import { startLocalStack, type LocalStack } from '../../src/node-http/start-local-stack.ts';
import { launchChromium, waitFor } from '../e2e/chromium.ts';
import { configVariant } from '../local-edge/local-stacks.ts';
import { startFaultOrigin, type FaultOrigin } from './fault-origin.ts';
import { faultPage, type SeenBySdk } from './fault-page.ts';

const CAPTURE = /\/(e|i\/v0\/e)\/?(\?|$)/;
const EVENTS_PER_WINDOW = 3;

/** A capture POST as the browser's network layer received it (what Playwright reports, CORS or not). */
interface NetworkAnswer {
  status: number;
  headers: Record<string, string>;
}

interface Window {
  name: string;
  /** The SDK status its failed attempts must show: 503 readable through CORS, 0 for the edge's own errors. */
  sdkStatus: number;
  /** What the viewer receives on the wire. */
  edgeStatus: number;
  open(origin: FaultOrigin): Promise<void> | void;
  close(origin: FaultOrigin): Promise<void> | void;
}

const WINDOWS: Window[] = [
  { name: '503 with Retry-After', sdkStatus: 503, edgeStatus: 503, open: (o) => o.set('unavailable'), close: (o) => o.set('pass') },
  { name: 'connection refused', sdkStatus: 0, edgeStatus: 502, open: (o) => o.refuse(), close: (o) => o.accept() },
  { name: 'slower than the origin response timeout', sdkStatus: 0, edgeStatus: 504, open: (o) => o.set('slow'), close: (o) => o.set('pass') },
];

let browser: Browser;
let stack: LocalStack;
let origin: FaultOrigin;
let site: RunningServer;
let page: Page;
const network: NetworkAnswer[] = [];
const report: string[] = [];

beforeAll(async () => {
  const config = configVariant('default');
  origin = await startFaultOrigin({ healthy: () => (r, info) => stack.mock!.posthog.main(r, info), retryAfterSeconds: 1, slowMs: 2500 });
  stack = await startLocalStack({
    config, demoPort: null, originResponseTimeoutMs: 1000,
    connectTo: { [config.apiHost]: { protocol: 'http', address: '127.0.0.1', port: origin.port } },
  });
  const html = faultPage(stack.apiHost, DEMO_TOKEN);
  site = await serve(() => new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } }));
  browser = await launchChromium();
  page = await (await browser.newContext()).newPage();
  page.on('response', (r) => {
    if (r.request().method() === 'POST' && r.url().startsWith(stack.apiHost) && CAPTURE.test(new URL(r.url()).pathname + '?')) network.push({ status: r.status(), headers: r.headers() });
  });
  await page.goto(site.url);
  await page.waitForFunction(() => (window as unknown as { posthog?: { __loaded?: boolean } }).posthog?.__loaded === true);
}, 30_000);

afterAll(async () => {
  console.log(`SDK faults through the local edge:\n${report.join('\n')}`);
  await browser?.close();
  await site?.close();
  await stack?.close();
  await origin?.close();
});

async function seenBySdk(): Promise<SeenBySdk[]> {
  return page.evaluate(() => (window as unknown as { __seen: SeenBySdk[] }).__seen.slice());
}

/** posthog-js's RetryQueue by its public method (its field name is minified in array.js), and its length. */
async function retryQueueLength(): Promise<number> {
  return page.evaluate(() => {
    const queue = Object.values((window as unknown as { posthog: object }).posthog).find((v) => typeof (v as { retriableRequest?: unknown })?.retriableRequest === 'function');
    if (!queue) throw new Error('posthog-js has no RetryQueue any more: this test relies on it');
    return (queue as { length: number }).length;
  });
}

describe('posthog-js in Chromium through the local edge while PostHog fails', () => {
  it.each(WINDOWS.map((w) => [w.name, w] as const))('%s: every captured event arrives after recovery', async (_name, w) => {
    // Prepare
    const uuids: string[] = Array.from({ length: EVENTS_PER_WINDOW }, () => randomUUID());
    const sdkBefore = (await seenBySdk()).length;
    const networkBefore = network.length;
    const edgeErrorsBefore = stack.edge.counters.behaviors.default?.edgeErrors ?? 0;
    await w.open(origin);

    // Act: capture while the origin fails; close the window once the SDK has seen a capture POST fail.
    await page.evaluate(({ uuids, name }) => {
      for (const [i, uuid] of uuids.entries()) (window as unknown as { posthog: { capture(e: string, p: object, o: object): void } }).posthog.capture('fault_window', { window: name, i }, { uuid });
    }, { uuids, name: w.name });
    let sdk: SeenBySdk[] = [];
    for (const deadline = Date.now() + 20_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
      sdk = (await seenBySdk()).slice(sdkBefore).filter((s) => s.method === 'POST' && CAPTURE.test(new URL(s.url).pathname + '?'));
      if (sdk.some((s) => s.status !== 200)) break;
    }
    await w.close(origin);
    // Recovered: every uuid at PostHog and the SDK's retry queue empty (so late duplicates are counted too).
    await waitFor(() => stack.mock!.posthog.received().events.filter((e) => e.uuid !== null && uuids.includes(e.uuid)), (es) => uuids.every((u) => es.some((e) => e.uuid === u)), `every uuid of the "${w.name}" window at PostHog`, 30_000);
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
      if ((await retryQueueLength()) === 0) break;
    }
    const events = stack.mock!.posthog.received().events.filter((e) => e.uuid !== null && uuids.includes(e.uuid));
    const counters = stack.edge.counters.behaviors.default!;

    // Assess: nothing lost; duplicates only from the SDK's retries, reported.
    const duplicates = events.length - uuids.length;
    const answers = network.slice(networkBefore);
    const sdkFailures = sdk.filter((s) => s.status !== 200);
    const edgeErrors = counters.edgeErrors - edgeErrorsBefore;
    report.push(`  ${w.name}: ${uuids.length} events captured, ${new Set(events.map((e) => e.uuid)).size} arrived, ${duplicates} duplicates; ` +
      `capture answers readable by the browser ${answers.map((a) => a.status).join(' ')}; edge errors ${edgeErrors}; SDK saw ${sdk.map((s) => s.status).join(' ')}; ` +
      `Retry-After readable by the SDK: ${JSON.stringify(sdkFailures.find((s) => s.status === 503)?.retryAfter ?? null)}`);
    expect(new Set(events.map((e) => e.uuid)).size).toBe(uuids.length);
    // The SDK saw the failure as designed: the origin's 503 readable through CORS; the edge's own 502/504
    // carry no CORS (CloudFront's error pages; no response headers policy on ingestion), so it sees 0.
    expect(sdkFailures.length).toBeGreaterThan(0);
    expect(sdkFailures.every((s) => s.status === w.sdkStatus)).toBe(true);
    if (w.edgeStatus === 503) {
      const unavailable = answers.filter((a) => a.status === 503);
      expect(unavailable.length).toBeGreaterThan(0);
      for (const a of unavailable) {
        expect(a.headers['retry-after']).toBe('1');
        expect(a.headers['access-control-allow-origin']).toBe(new URL(site.url).origin);
      }
    } else expect(edgeErrors).toBeGreaterThan(0);
    // Failed POSTs are never answered from the cache: each retry went to the origin again.
    for (const a of answers) expect(a.headers['x-cache']).not.toBe('Hit from cloudfront');
    expect(answers.some((a) => a.status === 200)).toBe(true);
    expect(counters.cacheHits).toBe(0);
  }, 60_000);
});
