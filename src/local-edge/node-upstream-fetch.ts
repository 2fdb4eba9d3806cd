/**
 * The Node connection to an upstream: node:http / node:https with a keep-alive agent, the Host header
 * exactly as CloudFront sets it (fetch would override it), the body streamed in both directions and never
 * decoded (a proxy passes Content-Encoding through), redirects returned, not followed.
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import type { OriginRequest, UpstreamFetch } from './create-edge.ts';
import type { UpstreamTarget } from './upstream-map.ts';

export interface NodeUpstream {
  fetch: UpstreamFetch;
  close(): void;
}

export function createNodeUpstream(): NodeUpstream {
  const http = new HttpAgent({ keepAlive: true, maxSockets: 256 });
  const https = new HttpsAgent({ keepAlive: true, maxSockets: 256 });
  function fetch(target: UpstreamTarget, request: OriginRequest): Promise<Response> {
    return new Promise((resolve, reject) => {
      const secure = target.protocol === 'https';
      const host = request.headers.find(([n]) => n === 'host')?.[1];
      const outgoing = (secure ? httpsRequest : httpRequest)({
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
      outgoing.on('error', reject);
      outgoing.on('response', (res) => {
        const headers = new Headers();
        for (let i = 0; i < res.rawHeaders.length; i += 2) headers.append(res.rawHeaders[i], res.rawHeaders[i + 1]);
        const status = res.statusCode ?? 502;
        const empty = request.method === 'HEAD' || status === 204 || status === 304 || status < 200;
        if (empty) res.resume();
        resolve(new Response(empty ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), { status, statusText: res.statusMessage, headers }));
      });
      if (request.body) Readable.fromWeb(request.body as import('node:stream/web').ReadableStream).on('error', (e) => outgoing.destroy(e)).pipe(outgoing);
      else outgoing.end();
    });
  }
  return {
    fetch,
    close() {
      http.destroy();
      https.destroy();
    },
  };
}
