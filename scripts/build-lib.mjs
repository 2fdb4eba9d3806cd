#!/usr/bin/env node
// Compiles the CLI and the Serverless plugin into lib/ with the project's own esbuild, for the published
// package (package.json "prepack"): no TypeScript loader at run time. Plain JavaScript, so it runs without tsx.
//   lib/cli.mjs                the CLI (bin/posthog-cloudfront.mjs imports it)
//   lib/serverless-plugin.mjs  the plugin (package.json "exports": plugins: [posthog-cloudfront-proxy])
//   lib/chunks/*.mjs           code both share, and each command loaded on demand (the AWS SDK only by those that call AWS)
//   lib/serverless-esbuild.config.cjs  serverless-esbuild's `config` for services that list serverless-esbuild: it
//                              require()s the file and calls it synchronously, so CommonJS, self-contained
// Dependencies stay external (installed from "dependencies"); functions/*.ts and the edge sources under src/
// ship as TypeScript, because `build` bundles them per configuration at run time with esbuild.
//   node scripts/build-lib.mjs [--out DIR]
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outIndex = process.argv.indexOf('--out');
const outdir = outIndex > 0 ? resolve(process.argv[outIndex + 1]) : join(root, 'lib');

rmSync(outdir, { recursive: true, force: true });
const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/main.ts', 'serverless-plugin': 'src/deploy/serverless-plugin.ts' },
  outdir,
  outExtension: { '.js': '.mjs' },
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  legalComments: 'none',
  sourcemap: false,
  metafile: true,
  logLevel: 'warning',
});
// src/deploy/serverless-esbuild-options.ts as CommonJS; import.meta.url (package-root.ts) is this file's URL.
const config = await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['src/deploy/serverless-esbuild-options.ts'],
  outfile: join(outdir, 'serverless-esbuild.config.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  legalComments: 'none',
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  footer: { js: 'module.exports = module.exports.default;' },
  metafile: true,
  logLevel: 'warning',
});
const files = [...Object.keys(result.metafile.outputs), ...Object.keys(config.metafile.outputs)];
console.log(`build-lib: ${files.length} files in ${outdir}`);
