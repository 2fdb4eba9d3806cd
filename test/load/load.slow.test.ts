// The shortened load test that `npm run test:all` runs: event POSTs at concurrency through the local edge, large
// gzip bodies and a streamed recording among them. The full run is `npm run test:load` (scripts/load-test.ts).
import { describe, expect, it } from 'vitest';
import { runLoad } from './load-run.ts';

describe('load through the local edge (shortened)', () => {
  it('delivers every POST exactly once, byte-identical, streaming large bodies', async () => {
    // Prepare
    const options = { events: 500, concurrency: 50, largeBodies: 2, largeBodyBytes: 5 * 2 ** 20, recordingBytes: 24 * 2 ** 20 };
    // Act: runLoad itself fails unless a quarter of the recording reaches the origin before the rest is sent.
    const figures = await runLoad(options);
    // Assess
    expect({ lost: figures.lost, duplicated: figures.duplicated, altered: figures.altered }).toEqual({ lost: [], duplicated: [], altered: [] });
    expect(figures.okResponses).toBe(options.events + 1);
    // Memory is reported by the full run, not asserted: a sampled peak includes garbage not yet collected.
    // Streaming itself is asserted inside runLoad (the recording's first quarter arrives before its second half is sent).
  }, 180_000);
});
