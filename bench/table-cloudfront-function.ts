/**
 * Table 1: the built viewer-request CloudFront Function over the fixture mix, against two baselines timed
 * in the same child process: a function returning the request untouched and a minimal PostHog router.
 * `--jitless` stands in for CloudFront's interpreter; the JIT run is for orientation. Each run is a fresh
 * child; ratios are taken inside a run, then the median ratio over runs is the verdict.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, VIEWER_REQUEST_FILE } from '../src/build/build-functions.ts';
import type { WorkerInput, WorkerOutput } from './cf-function-worker.ts';
import { BENCH_DIR } from './fixtures.ts';
import { median, num, pass, type Table } from './report-format.ts';

/** Issue 5: the project's function may cost at most this many times the minimal router under --jitless. */
export const CLOUDFRONT_FUNCTION_TARGET = 3;

export const CANDIDATES = {
  identity: join(BENCH_DIR, 'baselines/identity.js'),
  'minimal router': join(BENCH_DIR, 'baselines/minimal-router.js'),
  'this project': join(ROOT, 'dist', VIEWER_REQUEST_FILE),
} as const;

export interface CloudFrontFunctionRuns {
  jitless: WorkerOutput[];
  jit: WorkerOutput[];
}

function runWorker(jitless: boolean, timeMs: number): WorkerOutput {
  const input: WorkerInput = { candidates: { ...CANDIDATES }, timeMs };
  const args = [...(jitless ? ['--jitless'] : []), '--import', 'tsx', join(BENCH_DIR, 'cf-function-worker.ts'), JSON.stringify(input)];
  const out = execFileSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return JSON.parse(out) as WorkerOutput;
}

export function measureCloudFrontFunction(runs: number, timeMs: number): CloudFrontFunctionRuns {
  const result: CloudFrontFunctionRuns = { jitless: [], jit: [] };
  // Alternate the modes so a burst of load from other work on the machine hits both alike.
  for (let i = 0; i < runs; i++) {
    result.jitless.push(runWorker(true, timeMs));
    result.jit.push(runWorker(false, timeMs));
  }
  return result;
}

/** Per-request median in microseconds of a candidate in one run. */
function perRequestUs(run: WorkerOutput, name: string): number {
  return (run.medianBatchMs[name] / run.batchSize) * 1000;
}

export function cloudFrontFunctionTable(runs: CloudFrontFunctionRuns): { table: Table; jitlessRatio: number; jitRatio: number } {
  const rows: string[][] = [];
  const verdict: Record<string, number> = {};
  for (const mode of ['jitless', 'jit'] as const) {
    const list = runs[mode];
    const ratiosRouter = list.map((r) => perRequestUs(r, 'this project') / perRequestUs(r, 'minimal router'));
    verdict[mode] = median(ratiosRouter);
    for (const name of Object.keys(CANDIDATES)) {
      const us = median(list.map((r) => perRequestUs(r, name)));
      const vsRouter = list.map((r) => perRequestUs(r, name) / perRequestUs(r, 'minimal router'));
      const vsIdentity = list.map((r) => perRequestUs(r, name) / perRequestUs(r, 'identity'));
      rows.push([
        mode === 'jitless' ? 'node --jitless' : 'node (JIT)',
        name,
        num(us),
        `${num(median(vsRouter))}x (${vsRouter.map((x) => num(x)).join(', ')})`,
        `${num(median(vsIdentity))}x`,
      ]);
    }
  }
  const first = runs.jitless[0];
  return {
    jitlessRatio: verdict.jitless,
    jitRatio: verdict.jit,
    table: {
      title: 'Table 1. CloudFront Function (viewer-request) per request',
      notes: [
        `The built \`dist/viewer-request.js\`, evaluated in a node:vm realm as CloudFront evaluates it, as a strict ES module with \`cf\` bound like its import (top-level bindings in their own scope, not on the realm's global object), called directly on fresh copies of a mix of ${first.batchSize / 10} viewer-request fixtures (\`bench/fixtures/viewer-request/\`, weights in \`mix.json\`, repeated 10 times a sample), against the two baselines in \`bench/baselines/\` timed in the same child process. ${runs.jitless.length} child processes per mode; tinybench median of each; ratios taken within each run, then the median ratio (per-run ratios in brackets).`,
        'CloudFront runs functions in an interpreter with an unpublished compute budget: `--jitless` is the closer stand-in. Microseconds are for orientation only.',
      ],
      header: ['V8 mode', 'function', 'median µs/request', 'vs minimal router (runs)', 'vs identity'],
      rows,
      footer: [
        `Target: at most ${CLOUDFRONT_FUNCTION_TARGET}x the minimal router under --jitless. Measured ${num(verdict.jitless)}x: met: ${pass(verdict.jitless <= CLOUDFRONT_FUNCTION_TARGET)}.`,
      ],
    },
  };
}
