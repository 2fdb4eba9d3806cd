/**
 * A PostHog main host that can be told to misbehave, put in front of the mock with `connectTo`: it passes
 * requests to the mock, answers 503 with Retry-After (and PostHog's mirrored CORS, as its capture service
 * adds to every answer), stops listening altogether (connections refused) and listens again on the same
 * port, or records the event and then answers later than the edge waits. Each answer is logged.
 */
import type { FetchHandler, RunningServer } from '../../src/node-http/node-server.ts';
import { serve } from '../../src/node-http/node-server.ts';

export type FaultMode = 'pass' | 'unavailable' | 'slow';

export interface FaultAnswer {
  mode: FaultMode;
  method: string;
  path: string;
  status: number;
}

export interface FaultOrigin {
  port: number;
  answers: FaultAnswer[];
  /** What requests meet from now on. */
  set(mode: FaultMode): void;
  /** Closes the listening socket and every open connection: the edge's connections are refused. */
  refuse(): Promise<void>;
  /** Listens again on the same port. */
  accept(): Promise<void>;
  close(): Promise<void>;
}

export interface FaultOriginOptions {
  /** The healthy origin, once it exists (the mock's main host). */
  healthy: () => FetchHandler;
  /** Seconds sent in Retry-After with each 503. */
  retryAfterSeconds: number;
  /** How long a slow answer takes; more than the edge's origin response timeout. */
  slowMs: number;
}

export async function startFaultOrigin(options: FaultOriginOptions): Promise<FaultOrigin> {
  let mode: FaultMode = 'pass';
  const answers: FaultAnswer[] = [];

  const handler: FetchHandler = async (request, info) => {
    const current = mode;
    const path = new URL(request.url).pathname;
    let response: Response;
    if (current === 'unavailable') {
      await request.arrayBuffer();
      const origin = request.headers.get('origin');
      const cors: Record<string, string> = origin ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'Origin' } : {};
      response = Response.json({ type: 'server_error', code: 'unavailable', detail: 'fault injected' }, { status: 503, headers: { 'retry-after': String(options.retryAfterSeconds), ...cors } });
    } else {
      response = await options.healthy()(request, info);
      // The event is recorded; the answer is what comes too late, so the SDK's retry is a duplicate.
      if (current === 'slow') await new Promise((r) => setTimeout(r, options.slowMs));
    }
    answers.push({ mode: current, method: request.method, path, status: response.status });
    return response;
  };

  let server: RunningServer | null = await serve(handler, { host: '127.0.0.1', port: 0 });
  const port = server.port;
  return {
    port,
    answers,
    set(next) {
      mode = next;
    },
    async refuse() {
      await server?.close();
      server = null;
    },
    async accept() {
      server ??= await serve(handler, { host: '127.0.0.1', port });
    },
    async close() {
      await server?.close();
      server = null;
    },
  };
}
