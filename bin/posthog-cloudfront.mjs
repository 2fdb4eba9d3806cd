#!/usr/bin/env node
// The package's command. The CLI is TypeScript run through tsx, so there is no separate compile step.
import { register } from 'tsx/esm/api';

register();
const { main, reportError } = await import('../src/cli/main.ts');
// A failure outside a command's own await chain (an SDK retry, a socket) still gets the one error policy.
const last = (error) => {
  const { text, exitCode } = reportError(error, process.argv[2] ?? '', process.env.POSTHOG_CLOUDFRONT_DEBUG === '1');
  process.stderr.write(text + '\n');
  process.exit(exitCode);
};
process.on('uncaughtException', last);
process.on('unhandledRejection', last);
process.exitCode = await main(process.argv.slice(2));
