/** Starts the mock PostHog's two hosts on their own 127.0.0.1 ports (Node). */
import { serve } from './node-server.ts';
import { createMockPostHog, type MockPostHog } from '../mock-posthog/mock-posthog.ts';
import { staticFiles } from '../mock-posthog/static-files.ts';

export interface RunningMock {
  posthog: MockPostHog;
  mainUrl: string;
  assetsUrl: string;
  mainPort: number;
  assetsPort: number;
  close(): Promise<void>;
}

export async function startMockPostHog(options: { host?: string; mainPort?: number; assetsPort?: number; knownTokens?: readonly string[] } = {}): Promise<RunningMock> {
  const posthog = createMockPostHog(staticFiles(), options.knownTokens === undefined ? {} : { knownTokens: options.knownTokens });
  const main = await serve((r, info) => posthog.main(r, info), { host: options.host, port: options.mainPort ?? 0 });
  const assets = await serve((r, info) => posthog.assets(r, info), { host: options.host, port: options.assetsPort ?? 0 }).catch(async (e) => {
    await main.close();
    throw e;
  });
  return {
    posthog,
    mainUrl: main.url,
    assetsUrl: assets.url,
    mainPort: main.port,
    assetsPort: assets.port,
    close: async () => {
      await Promise.all([main.close(), assets.close()]);
    },
  };
}
