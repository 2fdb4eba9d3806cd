/** Finding a port to listen on before starting, so `dev` can say which port it took and why. */
import { createServer } from 'node:net';

/** Whether `port` can be listened on at `host` now (0: any port; resolves the one the OS picked, or null). */
export function tryListen(port: number, host: string): Promise<number | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(null));
    server.listen({ port, host, exclusive: true }, () => {
      const address = server.address();
      const taken = typeof address === 'object' && address ? address.port : null;
      server.close(() => resolve(taken));
    });
  });
}

/**
 * The first free port from `start` on (as vite does), skipping `avoid`; `start` 0 asks the OS for one.
 * Null when the next `tries` ports are all taken.
 */
export async function firstFreePort(start: number, host: string, avoid: readonly number[] = [], tries = 20): Promise<number | null> {
  if (start === 0) return tryListen(0, host);
  for (let port = start; port < Math.min(start + tries, 65536); port++) {
    if (avoid.includes(port)) continue;
    if ((await tryListen(port, host)) !== null) return port;
  }
  return null;
}
