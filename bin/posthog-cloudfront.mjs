#!/usr/bin/env node
// The package's command. Installed from the registry (or a tarball), it runs lib/cli.mjs: JavaScript compiled
// by scripts/build-lib.mjs when the package is packed, no TypeScript loader at run time. In a checkout
// (tsconfig.json beside bin/, which the package does not ship) it runs the TypeScript sources through tsx, a
// devDependency, so edits take effect without a build and a stale lib/ is never used.
import { existsSync } from 'node:fs';

const checkout = existsSync(new URL('../tsconfig.json', import.meta.url));
let cli;
if (checkout) {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../src/cli/main.ts');
} else {
  cli = await import('../lib/cli.mjs');
}
const { main, reportError } = cli;
// A failure outside a command's own await chain (an SDK retry, a socket) still gets the one error policy.
const last = (error) => {
  const { text, exitCode } = reportError(error, process.argv[2] ?? '', process.env.POSTHOG_CLOUDFRONT_DEBUG === '1');
  process.stderr.write(text + '\n');
  process.exit(exitCode);
};
process.on('uncaughtException', last);
process.on('unhandledRejection', last);
process.exitCode = await main(process.argv.slice(2));
