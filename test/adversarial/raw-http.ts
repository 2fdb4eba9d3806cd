/**
 * Raw HTTP/1.1 over a socket: the corpus sends request lines and headers byte for byte as written (a fetch
 * client would normalise exactly the things the corpus attacks), and a recording origin stands in for
 * PostHog behind the local edge (`connectTo`), mirroring the Origin as PostHog's capture does.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface RawResponse {
  status: number;
  headers: [string, string][];
}

/** Sends `bytes` to host:port and reads until the server closes (the request says Connection: close). */
export function sendRaw(port: number, bytes: Buffer, timeoutMs = 10_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' && chunks.length > 0 ? undefined : reject(e)));
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const head = text.slice(0, text.indexOf('\r\n\r\n') === -1 ? text.length : text.indexOf('\r\n\r\n')).split('\r\n');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(head[0] ?? '');
      if (!m) return reject(new Error(`no HTTP response: ${JSON.stringify(text.slice(0, 200))}`));
      const headers = head.slice(1).map((l): [string, string] => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]);
      resolve({ status: Number(m[1]), headers });
    });
    // write, not end: Node answers nothing on a half-closed connection; `Connection: close` ends it.
    socket.write(bytes);
  });
}

export interface OriginHit {
  host: string;
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
}

export interface RecordingOrigin {
  port: number;
  hits: OriginHit[];
  close(): Promise<void>;
}

/** An origin that records what reaches it and answers 200 with PostHog's Origin-mirroring CORS. */
export async function startRecordingOrigin(): Promise<RecordingOrigin> {
  const hits: OriginHit[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const target = req.url ?? '';
    const q = target.indexOf('?');
    hits.push({
      host: req.headers.host ?? '',
      method: req.method ?? '',
      path: q === -1 ? target : target.slice(0, q),
      query: q === -1 ? '' : target.slice(q + 1),
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)])),
    });
    req.resume();
    req.on('end', () => {
      const origin = req.headers.origin;
      res.writeHead(200, { 'content-type': 'application/json', ...(origin ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true' } : {}) });
      res.end('{"status":1}');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    port: (server.address() as AddressInfo).port,
    hits,
    close: () => new Promise<void>((done) => {
      server.close(() => done());
      server.closeAllConnections();
    }),
  };
}
