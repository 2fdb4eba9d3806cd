/**
 * The Node connection to an upstream: node:http / node:https with a keep-alive agent, the Host header
 * exactly as CloudFront sets it (fetch would override it), the body streamed in both directions and never
 * decoded (a proxy passes Content-Encoding through), redirects returned, not followed.
 *
 * Failures are handled as CloudFront does with its origin settings (ORIGIN_CONNECTION): a connection that
 * cannot be opened is tried again up to `connectionAttempts` times (nothing was sent yet); an origin silent
 * for `responseTimeoutMs` fails the request (504), and only GET and HEAD are tried again after that. One
 * more case is retried: a request written to a pooled keep-alive connection the origin had just closed
 * (ECONNRESET before any answer), which the origin never read, while the body is still small enough to
 * send again (replayable-body.ts). Without that, the race between the origin's idle close and the next
 * request loses an event now and then under load.
 */
import { Agent as HttpAgent, request as httpRequest, type ClientRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import { ORIGIN_CONNECTION } from '../distribution/distribution-layout.ts';
import type { OriginRequest, UpstreamFetch } from '../local-edge/create-edge.ts';
import { OriginTimeoutError } from '../local-edge/local-edge-errors.ts';
import { replayableBody, type ReplayableBody } from '../local-edge/replayable-body.ts';
import type { UpstreamTarget } from '../local-edge/upstream-map.ts';

export interface NodeUpstreamOptions {
  /** CloudFront's origin response timeout: how long the origin may stay silent. Default 30 s. */
  responseTimeoutMs?: number;
  /** CloudFront's connection attempts (1 to 3). Default 3. */
  connectionAttempts?: number;
}

export interface NodeUpstream {
  fetch: UpstreamFetch;
  close(): void;
}

/** Why one attempt failed, and whether trying again can neither duplicate nor lose the request. */
interface AttemptFailure {
  error: Error;
  retry: boolean;
}

export function createNodeUpstream(options: NodeUpstreamOptions = {}): NodeUpstream {
  const responseTimeoutMs = options.responseTimeoutMs ?? ORIGIN_CONNECTION.readTimeoutSeconds * 1000;
  const attempts = options.connectionAttempts ?? ORIGIN_CONNECTION.connectionAttempts;
  const http = new HttpAgent({ keepAlive: true, maxSockets: 256 });
  const https = new HttpsAgent({ keepAlive: true, maxSockets: 256 });

  function attempt(target: UpstreamTarget, request: OriginRequest, body: ReplayableBody | null): Promise<Response> {
    return new Promise((resolve, reject: (failure: AttemptFailure) => void) => {
      const secure = target.protocol === 'https';
      const host = request.headers.find(([n]) => n === 'host')?.[1];
      const outgoing: ClientRequest = (secure ? httpsRequest : httpRequest)({
        host: target.address,
        port: target.port,
        method: request.method,
        path: request.target,
        headers: request.headers.flat(),
        agent: secure ? https : http,
        // TLS names the origin, as CloudFront's SNI does.
        servername: secure ? host : undefined,
        setHost: false,
      });
      let connected = false;
      let answered = false;
      // The clock starts once the whole request is written: a viewer uploading slowly is not the origin's silence.
      outgoing.on('finish', () => outgoing.setTimeout(responseTimeoutMs, () => {
        outgoing.destroy(new OriginTimeoutError(`the origin sent nothing for ${responseTimeoutMs} ms (origin response timeout)`));
      }));
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        const idempotent = request.method === 'GET' || request.method === 'HEAD';
        const retry = !answered && (
          // The connection never opened: nothing was sent.
          !connected ||
          // A pooled connection the origin had closed while idle: it read nothing of this request.
          (outgoing.reusedSocket && error.code === 'ECONNRESET') ||
          (error instanceof OriginTimeoutError && idempotent)
        ) && (body === null || body.replayable);
        reject({ error, retry });
      });
      outgoing.on('response', (res) => {
        answered = true;
        const headers = new Headers();
        for (let i = 0; i < res.rawHeaders.length; i += 2) headers.append(res.rawHeaders[i], res.rawHeaders[i + 1]);
        const status = res.statusCode ?? 502;
        const empty = request.method === 'HEAD' || status === 204 || status === 304 || status < 200;
        if (empty) res.resume();
        resolve(new Response(empty ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), { status, statusText: res.statusMessage, headers }));
      });
      // The body starts flowing only once a connection is open, so a refused connection has taken none of it.
      const send = () => {
        connected = true;
        if (body) body.stream().on('error', (e) => outgoing.destroy(e)).pipe(outgoing);
        else outgoing.end();
      };
      outgoing.on('socket', (socket) => (socket.connecting ? socket.once('connect', send) : send()));
    });
  }

  async function fetch(target: UpstreamTarget, request: OriginRequest): Promise<Response> {
    const body = request.body ? replayableBody(request.body) : null;
    for (let n = 1; ; n++) {
      try {
        return await attempt(target, request, body);
      } catch (failure) {
        const { error, retry } = failure as AttemptFailure;
        if (!retry || n >= attempts) throw error;
      }
    }
  }

  return {
    fetch,
    close() {
      http.destroy();
      https.destroy();
    },
  };
}
