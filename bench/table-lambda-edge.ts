/**
 * Table 2: the built origin-response Lambda@Edge. Per-invocation time on the origin-response fixtures
 * against a handler that returns the response untouched (both with the JIT, as Lambda runs them), and cold
 * load: a fresh Node process importing the bundle against one importing an empty module, interleaved.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Bench } from 'tinybench';
import { ORIGIN_RESPONSE_FILE, ROOT } from '../src/build/build-functions.ts';
import { invokeOriginResponse, loadLambdaHandler, type OriginResponseHandler } from '../src/runtime/lambda-edge-runtime.ts';
import type { CloudFrontResponseEvent } from 'aws-lambda';
import { BENCH_DIR, originResponseFixtures } from './fixtures.ts';
import { median, num, pass, type Table } from './report-format.ts';

/** Issue 5: a fresh process importing the bundle may take at most this many times one importing nothing. */
export const COLD_LOAD_TARGET = 1.2;
export const ORIGIN_RESPONSE_PATH = join(ROOT, 'dist', ORIGIN_RESPONSE_FILE);
const EMPTY_MODULE = join(BENCH_DIR, 'baselines/empty-module.mjs');
const IDENTITY = join(BENCH_DIR, 'baselines/identity-origin-response.mjs');

export interface LambdaEdgeMeasurement {
  fixtures: number;
  invokeUs: { project: number; identity: number };
  coldSpawnMs: { project: number; empty: number };
  coldImportMs: { project: number; empty: number };
  spawns: number;
  runtimeImports: number;
}

/** Imports inside the bundle (static, dynamic or require): Lambda@Edge code should carry none. */
export function countRuntimeImports(code: string): number {
  return (code.match(/\bimport\s*[\w{*(]|\bimport\s*["']|\brequire\s*\(/g) ?? []).length;
}

async function perInvocation(timeMs: number): Promise<{ project: number; identity: number; fixtures: number }> {
  const fixtures = originResponseFixtures();
  const project = await loadLambdaHandler(ORIGIN_RESPONSE_PATH);
  const identity = (await import(pathToFileURL(IDENTITY).href)).handler as OriginResponseHandler;
  const events = fixtures.map((f) => JSON.parse(f.json) as CloudFrontResponseEvent);
  // The bundle must give CloudFront a valid answer on every fixture before it is timed.
  for (const e of events) await invokeOriginResponse(project, e);
  const bench = new Bench({ time: timeMs, warmupTime: Math.min(300, timeMs / 4) });
  for (const [name, handler] of [['identity', identity], ['project', project]] as const) {
    bench.add(name, async () => {
      const start = bench.now();
      const copies = events.map((e) => structuredClone(e));
      const timed = bench.now();
      for (let i = 0; i < copies.length; i++) await handler(copies[i]);
      const end = bench.now();
      return { overriddenDuration: end - timed, overriddenIterationCost: end - start };
    });
  }
  await bench.run();
  const us = (name: string) => {
    const r = bench.getTask(name)!.result;
    if (r.state !== 'completed') throw new Error(`${name}: ${r.state}`);
    return (r.latency.p50 / events.length) * 1000;
  };
  return { project: us('project'), identity: us('identity'), fixtures: events.length };
}

/** One fresh `node` importing `file`: the parent's wall time and the child's own import time, in ms. */
function spawnImport(file: string): { wallMs: number; importMs: number } {
  const code = 'const t=performance.now();await import(process.argv[1]);process.stdout.write(String(performance.now()-t));';
  const start = performance.now();
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', code, pathToFileURL(file).href], { encoding: 'utf8' });
  const wallMs = performance.now() - start;
  if (child.status !== 0) throw new Error(`importing ${file} failed: ${child.stderr}`);
  return { wallMs, importMs: Number(child.stdout) };
}

export async function measureLambdaEdge(spawns: number, timeMs: number): Promise<LambdaEdgeMeasurement> {
  const invoke = await perInvocation(timeMs);
  const project: { wallMs: number; importMs: number }[] = [];
  const empty: { wallMs: number; importMs: number }[] = [];
  spawnImport(ORIGIN_RESPONSE_PATH); // warm the file system cache once, unmeasured
  for (let i = 0; i < spawns; i++) {
    // Interleaved, so load from other work on the machine falls on both alike.
    project.push(spawnImport(ORIGIN_RESPONSE_PATH));
    empty.push(spawnImport(EMPTY_MODULE));
  }
  return {
    fixtures: invoke.fixtures,
    invokeUs: { project: invoke.project, identity: invoke.identity },
    coldSpawnMs: { project: median(project.map((p) => p.wallMs)), empty: median(empty.map((p) => p.wallMs)) },
    coldImportMs: { project: median(project.map((p) => p.importMs)), empty: median(empty.map((p) => p.importMs)) },
    spawns,
    runtimeImports: countRuntimeImports(readFileSync(ORIGIN_RESPONSE_PATH, 'utf8')),
  };
}

export function lambdaEdgeTable(m: LambdaEdgeMeasurement): { table: Table; coldRatio: number } {
  const coldRatio = m.coldSpawnMs.project / m.coldSpawnMs.empty;
  return {
    coldRatio,
    table: {
      title: 'Table 2. Lambda@Edge (origin-response)',
      notes: [
        `The built \`dist/origin-response.mjs\` called directly (with the JIT, as Lambda runs it) on fresh copies of the ${m.fixtures} fixtures in \`bench/fixtures/origin-response/\`, against a handler that returns the response untouched; tinybench medians. Cold load: ${m.spawns} fresh \`node\` processes importing the bundle, interleaved with ${m.spawns} importing an empty module; medians of the whole process (wall) and of the \`import()\` alone (measured inside the child).`,
      ],
      header: ['measure', 'this project', 'baseline', 'ratio'],
      rows: [
        ['per invocation, µs (baseline: identity handler)', num(m.invokeUs.project), num(m.invokeUs.identity), `${num(m.invokeUs.project / m.invokeUs.identity)}x`],
        ['cold load, process wall ms (baseline: empty module)', num(m.coldSpawnMs.project), num(m.coldSpawnMs.empty), `${num(coldRatio)}x`],
        ['cold load, import() alone ms (baseline: empty module)', num(m.coldImportMs.project), num(m.coldImportMs.empty), `${num(m.coldImportMs.project / m.coldImportMs.empty)}x`],
        ['runtime imports in the bundle', String(m.runtimeImports), '0', ''],
      ],
      footer: [
        `Targets: cold load within ${COLD_LOAD_TARGET}x of the empty module: ${pass(coldRatio <= COLD_LOAD_TARGET)} (${num(coldRatio)}x); zero runtime dependencies: ${pass(m.runtimeImports === 0)}; bundle at most 10 KB: see table 3.`,
      ],
    },
  };
}
