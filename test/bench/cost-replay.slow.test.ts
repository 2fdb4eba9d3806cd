/**
 * The cost model's replay (autocannon through the local edge, simulated clock) counts exactly what the mix
 * sends. Needs the built functions in dist/ (vitest's globalSetup builds them).
 */
import { describe, expect, it } from 'vitest';
import { replayThroughLocalEdge } from '../../bench/cost-replay.ts';
import { DEFAULT_MIX, mixTotals, trafficMix } from '../../bench/traffic-mix.ts';

describe('cost replay through the local edge with autocannon', () => {
  it('sends each request of the mix once, and the edge and the mock count exactly that, run after run', async () => {
    const views = trafficMix({ ...DEFAULT_MIX, sessions: 4 });
    const totals = mixTotals(views);
    const options = { loadSeconds: 0, loadConnections: 1 };
    const first = await replayThroughLocalEdge(views, options);
    const second = await replayThroughLocalEdge(views, options);
    expect(first.counters.requests).toBe(totals.requests);
    expect(first.counters.functionInvocations).toBe(totals.requests);
    expect(first.counters.bytesIn).toBe(totals.bodyBytes);
    expect(first.eventsReceived).toBe(totals.events);
    expect(first.http.replay.requests).toBe(totals.requests);
    expect(first.http.load).toBeNull();
    // The simulated clock, not the wall clock, decides what expires: the same counts every time.
    const { startedAt: _a, ...a } = first.counters;
    const { startedAt: _b, ...b } = second.counters;
    expect(b).toEqual(a);
  }, 30_000);
});
