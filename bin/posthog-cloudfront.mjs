#!/usr/bin/env node
// The package's command. Installed from the registry (or a tarball), it runs lib/cli.mjs: JavaScript compiled
// by scripts/build-lib.mjs when the package is packed, no TypeScript loader at run time. In a checkout
// (tsconfig.json beside bin/, which the package does not ship) it runs the TypeScript sources through tsx, a
// devDependency, so edits take effect without a build and a stale lib/ is never used.
import { existsSync } from 'node:fs';

const checkout = existsSync(new URL('../tsconfig.json', import.meta.url));
let main;
if (checkout) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
} else {
  ({ main } = await import('../lib/cli.mjs'));
}
process.exitCode = await main(process.argv.slice(2));
