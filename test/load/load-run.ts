/**
 * One load run: event POSTs at a fixed concurrency through the local edge (in its own process) to a hashing
 * origin. Every body's SHA-256 as sent is compared with what arrived; nothing may be lost, duplicated or
 * altered. Bodies: posthog-js-like batches (JSON and gzip as text/plain), large gzip bodies, and optionally
 * one session recording of many megabytes, streamed from the client in 1 MB chunks.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { startHashingOrigin, type Arrival } from './hashing-origin.ts';

export interface LoadOptions {
  events: number;
  concurrency: number;
  /** How many of the events carry a large gzip body instead, and its size. */
  largeBodies: number;
  largeBodyBytes: number;
  /** Size of the one session recording (0: none). */
  recordingBytes: number;
}

export interface LoadFigures {
  requests: number;
  okResponses: number;
  /** Requests answered with anything but 200, with the status and the edge's error text. */
  failures: { id: string; status: number; body: string }[];
  lost: string[];
  duplicated: string[];
  altered: string[];
  bytesSent: number;
  seconds: number;
  requestsPerSecond: number;
  edgeBaselineMb: number;
  edgePeakMb: number;
  /** Peak growth of the edge's live memory (heap + Buffers) over its idle baseline. */
  edgeLiveGrowthMb: number;
}

interface Planned {
  id: string;
  path: string;
  contentType: string;
  contentEncoding: string | null;
  body: Buffer;
  sha256: string;
}

const EDGE_PROCESS = fileURLToPath(new URL('./edge-process.ts', import.meta.url));

function batch(i: number): Buffer {
  const events = Array.from({ length: 1 + (i % 5) }, (_, k) => ({
    event: k === 0 ? '$pageview' : `click_${k}`,
    uuid: randomUUID(),
    properties: { distinct_id: `user-${i % 97}`, $current_url: `https://example.com/page/${i}`, $lib: 'web', $lib_version: '1.449.2', n: k },
    timestamp: new Date(1_700_000_000_000 + i).toISOString(),
  }));
  return Buffer.from(JSON.stringify(events));
}

function plan(options: LoadOptions): Planned[] {
  const large = options.largeBodies > 0 ? gzipSync(randomBytes(options.largeBodyBytes), { level: 1 }) : Buffer.alloc(0);
  const out: Planned[] = [];
  for (let i = 0; i < options.events; i++) {
    const gzip = i % 2 === 0;
    const body = i < options.largeBodies ? large : gzip ? gzipSync(batch(i)) : batch(i);
    out.push({ id: `e${i}`, path: i % 3 === 0 ? '/i/v0/e/' : '/e/', contentType: gzip || i < options.largeBodies ? 'text/plain' : 'application/json', contentEncoding: null, body, sha256: '' });
  }
  if (options.recordingBytes > 0) out.push({ id: 'recording', path: '/s/', contentType: 'text/plain', contentEncoding: null, body: randomBytes(options.recordingBytes), sha256: '' });
  for (const p of out) p.sha256 = createHash('sha256').update(p.body).digest('hex');
  return out;
}

/**
 * Resolves once `check` holds; rejects after `ms`. A liveness bound for a proof of streaming (the origin
 * sees the first half of a body while the client still holds the second), not a performance assertion.
 */
async function eventually(check: () => boolean, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`${what} did not happen within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function post(agent: Agent, port: number, p: Planned, halfway?: () => Promise<void>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port, agent, method: 'POST', path: `${p.path}?ver=1.449.2&_=${p.id}`,
      headers: { 'content-type': p.contentType, 'content-length': p.body.length, origin: 'https://example.com' },
    }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c.slice(0, 500)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    const half = halfway ? Math.floor(p.body.length / 2) : p.body.length;
    // 1 MB writes: a large body streams through the edge rather than arriving in one piece.
    for (let at = 0; at < half; at += 1 << 20) req.write(p.body.subarray(at, Math.min(half, at + (1 << 20))));
    if (!halfway) return void req.end();
    halfway().then(() => {
      for (let at = half; at < p.body.length; at += 1 << 20) req.write(p.body.subarray(at, at + (1 << 20)));
      req.end();
    }, (error) => req.destroy(error));
  });
}

async function startEdge(originPort: number): Promise<{ child: ChildProcessWithoutNullStreams; port: number; report(): Promise<{ baselineRss: number; peakRss: number; baselineLive: number; peakLive: number }> }> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', EDGE_PROCESS, String(originPort)], { stdio: 'pipe' });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  const first = await lines.next();
  if (first.done) throw new Error(`the edge process exited: ${stderr}`);
  return {
    child,
    port: JSON.parse(first.value).port,
    async report() {
      child.stdin.write('report\n');
      const line = await lines.next();
      return JSON.parse(line.value);
    },
  };
}

export async function runLoad(options: LoadOptions): Promise<LoadFigures> {
  const planned = plan(options);
  const origin = await startHashingOrigin();
  const edge = await startEdge(origin.port);
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  let ok = 0;
  const failures: LoadFigures['failures'] = [];
  try {
    const started = process.hrtime.bigint();
    let next = 0;
    const worker = async () => {
      while (next < planned.length) {
        const p = planned[next++];
        // The recording proves streaming: a quarter must reach the origin before the second half is sent.
        const halfway = p.id === 'recording' ? () => eventually(() => (origin.progress.get(p.id) ?? 0) >= p.body.length / 4, 60_000, 'a quarter of the recording reaching the origin before the rest was sent') : undefined;
        const answer = await post(agent, edge.port, p, halfway);
        if (answer.status === 200) ok++;
        else failures.push({ id: p.id, ...answer });
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const memory = await edge.report();
    const byId = new Map<string, Arrival[]>();
    for (const a of origin.arrivals) byId.set(a.id, [...(byId.get(a.id) ?? []), a]);
    return {
      requests: planned.length,
      okResponses: ok,
      failures,
      lost: planned.filter((p) => !byId.has(p.id)).map((p) => p.id),
      duplicated: [...byId].filter(([, list]) => list.length > 1).map(([id]) => id),
      altered: planned.filter((p) => byId.get(p.id)?.some((a) => a.sha256 !== p.sha256 || a.path !== p.path || a.contentType !== p.contentType)).map((p) => p.id),
      bytesSent: planned.reduce((n, p) => n + p.body.length, 0),
      seconds,
      requestsPerSecond: planned.length / seconds,
      edgeBaselineMb: memory.baselineRss / 2 ** 20,
      edgePeakMb: memory.peakRss / 2 ** 20,
      edgeLiveGrowthMb: (memory.peakLive - memory.baselineLive) / 2 ** 20,
    };
  } finally {
    agent.destroy();
    edge.child.stdin.end();
    await new Promise((done) => edge.child.once('exit', done));
    await origin.close();
  }
}
