/** One HTTP server on 127.0.0.1 per fake service; the SDK reaches it through AWS_ENDPOINT_URL_<SERVICE>. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeCall, FakeRequest, FakeService } from './fake-service.ts';

export interface RunningService {
  url: string;
  close(): Promise<void>;
}

export async function serve(service: FakeService, calls: FakeCall[]): Promise<RunningService> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(',') : (v ?? '')]));
      const request: FakeRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers, body: Buffer.concat(chunks).toString('utf8') };
      try {
        const response = await service.handle(request);
        calls.push({ service: service.envKey, operation: response.operation, request, status: response.status });
        res.writeHead(response.status, response.headers ?? {});
        res.end(response.body ?? '');
      } catch (error) {
        calls.push({ service: service.envKey, operation: 'InternalError', request, status: 500 });
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`fake ${service.envKey} crashed: ${(error as Error).stack}`);
      }
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
