/** The dependencies a command gets when run as the `posthog-cloudfront` process. */
import { sdkClients } from './aws-clients.ts';
import type { CommandDeps } from './command.ts';

export function processDeps(): CommandDeps {
  return {
    out: (text) => void process.stdout.write(text + '\n'),
    err: (text) => void process.stderr.write(text + '\n'),
    env: process.env,
    now: () => Date.now(),
    aws: sdkClients,
    stopped: () =>
      new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      }),
  };
}
