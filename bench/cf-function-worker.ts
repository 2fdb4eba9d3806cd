/**
 * Child process of table 1: times CloudFront Function files over one batch of viewer-request fixtures with
 * tinybench, in whatever V8 mode the parent started it (`--jitless` or not), and prints the medians as JSON.
 * A child per run keeps the modes apart and gives every run a fresh heap.
 * Usage: node [--jitless] --import tsx bench/cf-function-worker.ts <json: {candidates, timeMs, order}>
 */
import { readFileSync } from 'node:fs';
import { Bench } from 'tinybench';
import { viewerRequestBatch } from './fixtures.ts';
import { loadInRealm } from './realm.ts';

export interface WorkerInput {
  /** Name to file path of each CloudFront Function to time. */
  candidates: Record<string, string>;
  timeMs: number;
}

export interface WorkerOutput {
  jitless: boolean;
  batchSize: number;
  /** Median time of one batch, in milliseconds, per candidate. */
  medianBatchMs: Record<string, number>;
  samples: Record<string, number>;
}

const input = JSON.parse(process.argv[2] ?? '{}') as WorkerInput;
/** The mix repeated so that one sample lasts well above the timer's resolution, even for the identity. */
const REPEAT = 10;
const batch = Array.from({ length: REPEAT }, () => viewerRequestBatch()).flat();
const bench = new Bench({ time: input.timeMs, warmupTime: Math.min(300, input.timeMs / 4) });

for (const [name, file] of Object.entries(input.candidates)) {
  const fn = loadInRealm(readFileSync(file, 'utf8'), file);
  // Every candidate must answer every fixture with a request or a response before it is timed.
  for (const f of batch) {
    const out = fn.handler(fn.parse(f.json)) as { uri?: string; statusCode?: number } | null;
    if (!out || (typeof out.uri !== 'string' && typeof out.statusCode !== 'number')) throw new Error(`${name} gave no request or response for ${f.name}`);
  }
  bench.add(name, () => {
    // Functions mutate their event: fresh copies for every iteration, made outside the measured window
    // (overriddenDuration) but counted in the time budget (overriddenIterationCost).
    const start = bench.now();
    const events = batch.map((f) => fn.parse(f.json));
    const timed = bench.now();
    for (let i = 0; i < events.length; i++) fn.handler(events[i]);
    const end = bench.now();
    return { overriddenDuration: end - timed, overriddenIterationCost: end - start };
  });
}

bench.runSync();
const output: WorkerOutput = { jitless: process.execArgv.includes('--jitless'), batchSize: batch.length, medianBatchMs: {}, samples: {} };
for (const task of bench.tasks) {
  const result = task.result;
  if (result.state !== 'completed') throw new Error(`task ${task.name} ${result.state}: ${'error' in result ? String(result.error) : ''}`);
  output.medianBatchMs[task.name] = result.latency.p50;
  output.samples[task.name] = result.latency.samplesCount;
}
process.stdout.write(JSON.stringify(output));
