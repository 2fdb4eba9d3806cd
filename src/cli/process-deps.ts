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
    ask: terminalQuestions(),
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

/**
 * Questions on the terminal, answers read line by line from stdin with ONE reader, so piped answers
 * (`printf 'eu\n\n' | posthog-cloudfront init`) are not lost between questions. Input is paused between
 * questions so a finished command can exit; at end of input every answer is empty (the default).
 */
function terminalQuestions(): (question: string) => Promise<string> {
  let lines: AsyncIterator<string> | null = null;
  return async (question) => {
    process.stderr.write(question);
    if (lines === null) {
      const { createInterface } = await import('node:readline');
      lines = createInterface({ input: process.stdin, terminal: false })[Symbol.asyncIterator]();
    }
    process.stdin.resume();
    const next = await lines.next();
    process.stdin.pause();
    return next.done ? '' : next.value;
  };
}
