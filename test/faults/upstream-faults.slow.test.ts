/**
 * The local edge's connection to the origin when the origin misbehaves, below the browser: a pooled
 * keep-alive connection the origin closes as the next request arrives (the race that lost one POST in a
 * full load run), an origin that never answers (CloudFront's origin response timeout), and which of those
 * CloudFront tries again.
 */
import { createServer, type Server, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { OriginTimeoutError } from '../../src/local-edge/local-edge-errors.ts';
import { createNodeUpstream, type NodeUpstream } from '../../src/node-http/node-upstream-fetch.ts';
import type { OriginRequest } from '../../src/local-edge/create-edge.ts';

interface Seen { method: string; path: string; body: string }

/**
 * An origin that answers the first request of each connection and drops the connection when a second one
 * arrives on it, unread: what a request sent on a connection the origin has just closed while idle meets.
 * `silent` requests get no answer at all.
 */
async function startOrigin(silent = false): Promise<{ url: string; port: number; seen: Seen[]; dropped: number; close(): Promise<void>; server: Server }> {
  const perSocket = new WeakMap<Socket, number>();
  const state = { seen: [] as Seen[], dropped: 0 };
  const server = createServer((req: IncomingMessage, res) => {
    const n = (perSocket.get(req.socket) ?? 0) + 1;
    perSocket.set(req.socket, n);
    if (n > 1) {
      state.dropped++;
      return void req.socket.destroy();
    }
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      state.seen.push({ method: req.method ?? '', path: req.url ?? '', body });
      if (!silent) res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`, port, server,
    get seen() { return state.seen; },
    get dropped() { return state.dropped; },
    close: () => new Promise<void>((done) => { server.close(() => done()); server.closeAllConnections(); }),
  };
}

function post(path: string, body: string | Uint8Array, method = 'POST'): OriginRequest {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  return {
    method, target: path,
    headers: [['host', 'us.i.posthog.com'], ['content-type', 'text/plain'], ...(method === 'GET' ? [] : [['content-length', String(bytes.byteLength)] as [string, string]])],
    body: method === 'GET' ? null : new ReadableStream({ start(c) { c.enqueue(bytes); c.close(); } }),
  };
}

const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});
function upstreamOf(options: Parameters<typeof createNodeUpstream>[0]): NodeUpstream {
  const u = createNodeUpstream(options);
  closers.push(() => u.close());
  return u;
}

describe('a keep-alive connection the origin closed just as the next request came', () => {
  it('sends the request again on a fresh connection, and the origin gets it exactly once', async () => {
    // Prepare
    const origin = await startOrigin();
    closers.push(() => origin.close());
    const upstream = upstreamOf({});
    const target = { protocol: 'http' as const, address: '127.0.0.1', port: origin.port };
    await (await upstream.fetch(target, post('/e/?_=first', 'first'))).text();

    // Act: the pooled connection is reused, and the origin drops it unread.
    const second = await upstream.fetch(target, post('/e/?_=second', 'second'));

    // Assess
    expect(second.status).toBe(200);
    expect(await second.text()).toBe('ok');
    expect(origin.dropped).toBe(1);
    expect(origin.seen.map((s) => s.body)).toEqual(['first', 'second']);
  });

  it('with a single attempt (no retry, as before the fix) the event is lost: the failure this guards against', async () => {
    // Prepare
    const origin = await startOrigin();
    closers.push(() => origin.close());
    const upstream = upstreamOf({ connectionAttempts: 1 });
    const target = { protocol: 'http' as const, address: '127.0.0.1', port: origin.port };
    await (await upstream.fetch(target, post('/e/', 'first'))).text();

    // Act + Assess
    await expect(upstream.fetch(target, post('/e/', 'second'))).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(origin.seen.map((s) => s.body)).toEqual(['first']);
  });

  it('does not send a body past the replay limit twice: it fails instead (502 at the edge)', async () => {
    // Prepare
    const origin = await startOrigin();
    closers.push(() => origin.close());
    const upstream = upstreamOf({});
    const target = { protocol: 'http' as const, address: '127.0.0.1', port: origin.port };
    await (await upstream.fetch(target, post('/e/', 'first'))).text();

    // Act + Assess
    await expect(upstream.fetch(target, post('/s/', new Uint8Array(256 * 1024).fill(97)))).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(origin.seen).toHaveLength(1);
  });
});

describe('connection attempts and the origin response timeout', () => {
  it('a refused connection fails after the attempts, with nothing sent', async () => {
    // Prepare: a port that was just free.
    const origin = await startOrigin();
    await origin.close();
    const upstream = upstreamOf({});

    // Act + Assess
    await expect(upstream.fetch({ protocol: 'http', address: '127.0.0.1', port: origin.port }, post('/e/', 'x'))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('a silent origin fails a POST once with OriginTimeoutError and is not sent it again', async () => {
    // Prepare
    const origin = await startOrigin(true);
    closers.push(() => origin.close());
    const upstream = upstreamOf({ responseTimeoutMs: 300 });

    // Act
    const failure = upstream.fetch({ protocol: 'http', address: '127.0.0.1', port: origin.port }, post('/e/', 'slow'));

    // Assess
    await expect(failure).rejects.toBeInstanceOf(OriginTimeoutError);
    expect(origin.seen.map((s) => s.method)).toEqual(['POST']);
  });

  it('a silent origin gets a GET up to three times, as CloudFront retries GET and HEAD', async () => {
    // Prepare
    const origin = await startOrigin(true);
    closers.push(() => origin.close());
    const upstream = upstreamOf({ responseTimeoutMs: 300 });

    // Act
    const failure = upstream.fetch({ protocol: 'http', address: '127.0.0.1', port: origin.port }, post('/static/array.js', '', 'GET'));

    // Assess
    await expect(failure).rejects.toBeInstanceOf(OriginTimeoutError);
    expect(origin.seen.map((s) => s.method)).toEqual(['GET', 'GET', 'GET']);
  });
});
