/**
 * Child process of table 1: the project's CloudFront Function against the minimal router, interleaved in
 * many short rounds so that a burst of load from elsewhere on the machine hits both alike. Each round
 * parses fresh event objects for both (outside the timed window: functions mutate their event), times
 * one pass of the mix through each, alternating which goes first, and records the ratio of the two.
 * Runs in whatever V8 mode the parent started it (`--jitless` or not).
 * Usage: node [--jitless] --import tsx bench/ratio-worker.ts < input.json (a RatioWorkerInput)
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadInRealm, type RealmFunction } from './realm.ts';

export interface RatioWorkerInput {
  /** The candidate and the baseline, as files of the built CloudFront Function's shape. */
  candidate: string;
  baseline: string;
  /** Name to events (JSON text) of each mix. */
  mixes: Record<string, string[]>;
  rounds: number;
  warmupRounds: number;
  /** How many times each round passes the mix through a function (to stay well above the timer's resolution). */
  passes: number;
}

export interface MixRounds {
  /** Candidate time / baseline time, one per measured round. */
  ratios: number[];
  /** Microseconds per request, one per measured round. */
  candidateUs: number[];
  baselineUs: number[];
}

export interface RatioWorkerOutput {
  jitless: boolean;
  mixes: Record<string, MixRounds>;
}

function timePass(fn: RealmFunction, events: unknown[]): number {
  const start = performance.now();
  for (let i = 0; i < events.length; i++) fn.handler(events[i]);
  return performance.now() - start;
}

function fresh(fn: RealmFunction, json: string[], passes: number): unknown[] {
  const events: unknown[] = [];
  for (let p = 0; p < passes; p++) for (let i = 0; i < json.length; i++) events.push(fn.parse(json[i]));
  return events;
}

export function runRounds(input: RatioWorkerInput): RatioWorkerOutput {
  const candidate = loadInRealm(readFileSync(input.candidate, 'utf8'), input.candidate);
  const baseline = loadInRealm(readFileSync(input.baseline, 'utf8'), input.baseline);
  const output: RatioWorkerOutput = { jitless: process.execArgv.includes('--jitless'), mixes: {} };
  for (const [name, json] of Object.entries(input.mixes)) {
    // Both must answer every event with a request or a response before they are timed.
    for (const fn of [candidate, baseline]) {
      for (const e of fresh(fn, json, 1)) {
        const out = fn.handler(e) as { uri?: string; statusCode?: number } | null;
        if (!out || (typeof out.uri !== 'string' && typeof out.statusCode !== 'number')) throw new Error(`no request or response for an event of ${name}`);
      }
    }
    const rounds: MixRounds = { ratios: [], candidateUs: [], baselineUs: [] };
    const calls = json.length * input.passes;
    for (let r = 0; r < input.warmupRounds + input.rounds; r++) {
      const a = fresh(candidate, json, input.passes);
      const b = fresh(baseline, json, input.passes);
      let ta: number;
      let tb: number;
      if (r % 2 === 0) {
        ta = timePass(candidate, a);
        tb = timePass(baseline, b);
      } else {
        tb = timePass(baseline, b);
        ta = timePass(candidate, a);
      }
      if (r < input.warmupRounds) continue;
      rounds.ratios.push(ta / tb);
      rounds.candidateUs.push((ta * 1000) / calls);
      rounds.baselineUs.push((tb * 1000) / calls);
    }
    output.mixes[name] = rounds;
  }
  return output;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!)) {
  const input = JSON.parse(readFileSync(0, 'utf8')) as RatioWorkerInput;
  process.stdout.write(JSON.stringify(runRounds(input)));
}
