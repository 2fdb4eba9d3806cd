/** CommandDeps for tests: output collected in arrays, a fixed environment, AWS clients the test gives. */
import { givenClients, type AwsClientFactory } from '../../src/cli/aws-clients.ts';
import type { CommandDeps } from '../../src/cli/command.ts';

export interface CapturedDeps {
  deps: CommandDeps;
  out: string[];
  err: string[];
  /** Makes `deps.stopped()` resolve, as Ctrl-C would. */
  stop(): void;
}

export function capturedDeps(options: { env?: Record<string, string | undefined>; aws?: AwsClientFactory; now?: () => number; answers?: string[] } = {}): CapturedDeps {
  const out: string[] = [];
  const err: string[] = [];
  let stop = () => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  return {
    out,
    err,
    stop: () => stop(),
    deps: {
      out: (text) => void out.push(...text.split('\n')),
      err: (text) => void err.push(...text.split('\n')),
      env: options.env ?? {},
      now: options.now ?? (() => Date.now()),
      aws: options.aws ?? givenClients({}),
      stopped: () => stopped,
      ask: async (question) => {
        out.push(question);
        return options.answers?.shift() ?? '';
      },
    },
  };
}
