/**
 * Table 1: the built viewer-request CloudFront Function against a minimal `/static|/array` router, on the
 * fixture mix and on browser-shaped mixes (bench/browser-mixes.ts). The two are interleaved in many short
 * rounds inside each child process (bench/ratio-worker.ts), so load from elsewhere on the machine hits both
 * alike; the verdict is the median of the per-round ratios over every round of every child, with the
 * interquartile range as the spread. `--jitless` stands in for CloudFront's interpreter; the JIT run is for
 * orientation.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, VIEWER_REQUEST_FILE } from '../src/build/build-functions.ts';
import { browserMixes } from './browser-mixes.ts';
import { BENCH_DIR, viewerRequestBatch } from './fixtures.ts';
import type { RatioWorkerInput, RatioWorkerOutput } from './ratio-worker.ts';
import { median, num, quantile, type Table } from './report-format.ts';

/** Issue 5 and 14: the project's function may cost at most this many times the minimal router under --jitless. */
export const CLOUDFRONT_FUNCTION_TARGET = 3;
/** A spread (IQR / median) above this cannot tell a regression from noise: the verdict says so instead. */
export const MAX_RELATIVE_SPREAD = 0.25;

export const CANDIDATE = join(ROOT, 'dist', VIEWER_REQUEST_FILE);
export const BASELINE = join(BENCH_DIR, 'baselines/minimal-router.js');

export interface MixSummary {
  mix: string;
  description: string;
  medianRatio: number;
  q1: number;
  q3: number;
  /** (q3 - q1) / median. */
  relativeSpread: number;
  /** Median ratio of each child process, to show run-to-run movement. */
  perRun: number[];
  candidateUs: number;
  baselineUs: number;
  rounds: number;
  verdict: 'met' | 'not met' | 'too wide to judge';
}

export interface CloudFrontFunctionRuns {
  jitless: RatioWorkerOutput[];
  jit: RatioWorkerOutput[];
  descriptions: Record<string, string>;
}

export function benchMixes(): { mixes: Record<string, string[]>; descriptions: Record<string, string> } {
  const mixes: Record<string, string[]> = { 'fixture mix': viewerRequestBatch().map((f) => f.json) };
  const descriptions: Record<string, string> = { 'fixture mix': 'the viewer-request fixtures of bench/fixtures/ weighted by mix.json (as before)' };
  for (const m of browserMixes()) {
    mixes[m.name] = m.events;
    descriptions[m.name] = m.description;
  }
  return { mixes, descriptions };
}

function runWorker(jitless: boolean, input: RatioWorkerInput): RatioWorkerOutput {
  const args = [...(jitless ? ['--jitless'] : []), '--no-warnings', '--import', 'tsx', join(BENCH_DIR, 'ratio-worker.ts')];
  // The mixes go on stdin: as an argument they pass the system's limit on argument size.
  const out = execFileSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', input: JSON.stringify(input), stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out) as RatioWorkerOutput;
}

export function measureCloudFrontFunction(runs: number, rounds: number): CloudFrontFunctionRuns {
  const { mixes, descriptions } = benchMixes();
  const input: RatioWorkerInput = { candidate: CANDIDATE, baseline: BASELINE, mixes, rounds, warmupRounds: Math.ceil(rounds / 10), passes: 2 };
  const result: CloudFrontFunctionRuns = { jitless: [], jit: [], descriptions };
  for (let i = 0; i < runs; i++) {
    result.jitless.push(runWorker(true, input));
    result.jit.push(runWorker(false, input));
  }
  return result;
}

export function summarize(outputs: RatioWorkerOutput[], descriptions: Record<string, string>, judge: boolean): MixSummary[] {
  return Object.keys(outputs[0].mixes).map((mix) => {
    const ratios = outputs.flatMap((o) => o.mixes[mix].ratios);
    const m = median(ratios);
    const q1 = quantile(ratios, 0.25);
    const q3 = quantile(ratios, 0.75);
    const relativeSpread = (q3 - q1) / m;
    return { mix, description: descriptions[mix] ?? '', medianRatio: m, q1, q3, relativeSpread, perRun: outputs.map((o) => median(o.mixes[mix].ratios)),
      candidateUs: median(outputs.flatMap((o) => o.mixes[mix].candidateUs)), baselineUs: median(outputs.flatMap((o) => o.mixes[mix].baselineUs)),
      rounds: ratios.length, verdict: judge ? verdictFor(m, q1, q3) : 'too wide to judge' };
  });
}

/**
 * Met when the whole interquartile range is at or under the target, not met when it is all above; when the
 * range straddles the target, the median decides unless the spread is too wide to tell.
 */
export function verdictFor(medianRatio: number, q1: number, q3: number): MixSummary['verdict'] {
  if (q3 <= CLOUDFRONT_FUNCTION_TARGET) return 'met';
  if (q1 > CLOUDFRONT_FUNCTION_TARGET) return 'not met';
  if ((q3 - q1) / medianRatio > MAX_RELATIVE_SPREAD) return 'too wide to judge';
  return medianRatio <= CLOUDFRONT_FUNCTION_TARGET ? 'met' : 'not met';
}

export function cloudFrontFunctionTable(runs: CloudFrontFunctionRuns): { table: Table; jitless: MixSummary[]; jit: MixSummary[] } {
  const jitless = summarize(runs.jitless, runs.descriptions, true);
  const jit = summarize(runs.jit, runs.descriptions, false);
  const rows: string[][] = [];
  for (const [mode, list] of [['node --jitless', jitless], ['node (JIT)', jit]] as const) {
    for (const s of list) {
      rows.push([
        mode,
        s.mix,
        `**${num(s.medianRatio)}x**`,
        `${num(s.q1)}-${num(s.q3)} (${Math.round(s.relativeSpread * 100)}%)`,
        s.perRun.map((x) => num(x)).join(', '),
        `${num(s.candidateUs)} / ${num(s.baselineUs)}`,
        mode === 'node --jitless' ? (s.verdict === 'not met' ? '**not met**' : s.verdict) : 'orientation only',
      ]);
    }
  }
  const notMet = jitless.filter((s) => s.verdict !== 'met');
  return {
    jitless,
    jit,
    table: {
      title: 'Table 1. CloudFront Function (viewer-request) vs a minimal router',
      notes: [
        `The built \`dist/viewer-request.js\`, evaluated in a node:vm realm as CloudFront evaluates it (a strict ES module, \`cf\` bound like its import), against \`bench/baselines/minimal-router.js\` (\`/static/\` or \`/array/\` to the assets origin, everything else to the main origin). In each child process the two are interleaved in ${runs.jitless[0] ? Object.values(runs.jitless[0].mixes)[0].ratios.length : 0} short rounds per mix (after a warm-up): every round parses fresh event objects for both outside the timed window, times two passes of the mix through each, alternating which goes first, and records the ratio. ${runs.jitless.length} child processes per V8 mode; the median and the interquartile range are over every round of every child; "per run" is each child's median.`,
        `Mixes: ${Object.entries(runs.descriptions).map(([k, v]) => `**${k}**: ${v}`).join('; ')}. The browser-shaped events carry 12-16 headers as Chromium sends them, the site's cookies (analytics, session, consent, posthog-js's own), and a viewer X-Forwarded-For on about a quarter (bench/browser-mixes.ts, fixed seed).`,
        `CloudFront runs functions in an interpreter with an unpublished compute budget: \`--jitless\` is the closer stand-in. Microseconds are for orientation only. The verdict: met when the whole interquartile range is at or under the target, not met when it is all above; when it straddles the target the median decides, unless the spread (IQR / median) is above ${MAX_RELATIVE_SPREAD * 100}%: then it is too wide to judge.`,
      ],
      header: ['V8 mode', 'mix', 'median ratio', 'IQR (spread)', 'per run', 'µs/request (function / router)', `verdict (≤ ${CLOUDFRONT_FUNCTION_TARGET}x)`],
      rows,
      footer: [
        notMet.length === 0
          ? `Target: at most ${CLOUDFRONT_FUNCTION_TARGET}x the minimal router under --jitless on every mix: met on all ${jitless.length}.`
          : `Target: at most ${CLOUDFRONT_FUNCTION_TARGET}x the minimal router under --jitless on every mix: ${notMet.map((s) => `${s.mix} ${s.verdict} (${num(s.medianRatio)}x)`).join('; ')}.`,
      ],
    },
  };
}
