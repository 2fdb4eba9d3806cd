/**
 * The origin behind the edge under load: hashes every request body as it streams in (never holding it)
 * and records the hash per request id (the `_` query parameter, which the proxy passes byte for byte).
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Arrival {
  id: string;
  path: string;
  sha256: string;
  bytes: number;
  contentType: string | null;
  contentEncoding: string | null;
}

export interface HashingOrigin {
  port: number;
  arrivals: Arrival[];
  /** Bytes received so far per request id, while bodies stream in. */
  progress: Map<string, number>;
  close(): Promise<void>;
}

export async function startHashingOrigin(): Promise<HashingOrigin> {
  const arrivals: Arrival[] = [];
  const progress = new Map<string, number>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://origin');
    const hash = createHash('sha256');
    let bytes = 0;
    req.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      bytes += chunk.length;
      progress.set(url.searchParams.get('_') ?? '', bytes);
    });
    req.on('end', () => {
      arrivals.push({
        id: url.searchParams.get('_') ?? '',
        path: url.pathname,
        sha256: hash.digest('hex'),
        bytes,
        contentType: req.headers['content-type'] ?? null,
        contentEncoding: req.headers['content-encoding'] ?? null,
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":1}');
    });
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    port: (server.address() as AddressInfo).port,
    arrivals,
    progress,
    close: () => new Promise<void>((done) => {
      server.close(() => done());
      server.closeAllConnections();
    }),
  };
}
