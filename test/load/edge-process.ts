// The local edge in a process of its own, so its memory can be measured apart from the load generator and
// the origin: `node --import tsx test/load/edge-process.ts ORIGIN_PORT`. Prints {"port"} once listening;
// on each "report" line on stdin prints {"baselineRss","peakRss","baselineLive","peakLive","counters"}; exits when stdin ends.
import { createInterface } from 'node:readline';
import { validateConfig } from '../../src/config/validate-config.ts';
import { startLocalStack } from '../../src/node-http/start-local-stack.ts';

const originPort = Number(process.argv[2]);
const config = validateConfig({ region: 'us' }, 'load test');
const target = { protocol: 'http' as const, address: '127.0.0.1', port: originPort };
const stack = await startLocalStack({ config, demoPort: null, connectTo: { [config.apiHost]: target, [config.assetsHost]: target } });

/** Live JavaScript memory: the heap plus the Buffers and ArrayBuffers outside it (where bodies would sit). */
function live(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}
globalThis.gc?.();
const baselineRss = process.memoryUsage().rss;
const baselineLive = live();
let peakRss = baselineRss;
let peakLive = baselineLive;
// Sampling, not timing: the peak is what matters, and a 5 ms tick cannot miss a 64 MB buffer's lifetime.
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  peakLive = Math.max(peakLive, live());
}, 5);

process.stdout.write(`${JSON.stringify({ port: Number(new URL(stack.edgeUrl).port) })}\n`);
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line.trim() === 'report') process.stdout.write(`${JSON.stringify({ baselineRss, peakRss, baselineLive, peakLive, counters: stack.edge.counters })}\n`);
});
lines.on('close', async () => {
  clearInterval(sampler);
  await stack.close();
  process.exit(0);
});
