/**
 * The thin node:http adapter: turns an IncomingMessage into a Request (body streamed, raw target and peer
 * address passed alongside) and streams the Response back. Used for the edge, the mock and the demo site.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ListenError } from '../local-edge/local-edge-errors.ts';
import type { ViewerInfo } from '../local-edge/create-edge.ts';

const FORBIDDEN_METHODS = ['CONNECT', 'TRACE', 'TRACK'];

export type FetchHandler = (request: Request, info: ViewerInfo) => Promise<Response> | Response;

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The request body as a Web stream with backpressure. Not Readable.toWeb: once the edge cancels a body it
 * never reads (a function-generated answer to a POST), that adapter still enqueues arriving chunks and
 * throws "Controller is already closed" out of an event listener, which would take the process down.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let done = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on('data', (chunk: Buffer) => {
          if (done) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.on('end', () => {
          if (!done) controller.close();
          done = true;
        });
        req.on('error', (error) => {
          if (!done) controller.error(error);
          done = true;
        });
      },
      pull() {
        req.resume();
      },
      cancel() {
        done = true;
        req.resume();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }),
  );
}

/** A Request for an incoming message; the URL is only for the handler's convenience (it normalises dots). */
export function requestFromNode(req: IncomingMessage, abort: AbortSignal): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i];
    if (name.startsWith(':')) continue;
    headers.append(name, req.rawHeaders[i + 1]);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const target = req.url ?? '/';
  const safe = target.startsWith('/') ? target.replace(/^\/+/, '/') : '/';
  // A Host such as `a@evil.example` would make the Request constructor throw; the URL's host is cosmetic.
  const host = /^[A-Za-z0-9.-]+(:[0-9]{1,5})?$/.test(req.headers.host ?? '') ? req.headers.host : '127.0.0.1';
  return new Request(`http://${host}${safe}`, {
    method,
    headers,
    body: hasBody ? bodyStream(req) : null,
    signal: abort,
    duplex: 'half',
  } as RequestInit);
}

async function respond(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name === 'set-cookie') return;
    headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  res.writeHead(response.status, response.statusText || undefined, headers);
  if (response.body === null) {
    res.end();
    return;
  }
  await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), res);
}

/** Serves `handler` on host:port (port 0: an ephemeral one). */
export function serve(handler: FetchHandler, options: { port?: number; host?: string } = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const server: Server = createServer(async (req, res) => {
    // Methods fetch cannot carry, and no CloudFront behavior allows: CloudFront's own 403.
    if (FORBIDDEN_METHODS.includes(req.method ?? '')) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', 'x-cache': 'Error from cloudfront' }).end(`403 ${req.method} is not an allowed method\n`);
      return void req.resume();
    }
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    try {
      const request = requestFromNode(req, abort.signal);
      const response = await handler(request, { clientIp: req.socket.remoteAddress, rawTarget: req.url });
      await respond(res, response);
    } catch (error) {
      if (abort.signal.aborted) return;
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`local server error: ${(error as Error)?.message ?? String(error)}\n`);
      } else res.destroy(error as Error);
    }
    // A body the handler never read (a function-generated answer to a POST) is drained, not left hanging.
    if (!req.complete) req.resume();
  });
  // Node hands CONNECT to this event, not to the handler; without a listener it drops the connection.
  server.on('connect', (_req, socket) => socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'));
  server.keepAliveTimeout = 5000;
  return new Promise((resolve, reject) => {
    server.once('error', (cause) => reject(new ListenError(`cannot listen on ${host}:${options.port ?? 0}: ${cause.message}; pick another --port`, { cause })));
    server.listen(options.port ?? 0, host, () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://${host}:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
