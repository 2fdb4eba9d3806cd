/**
 * The canary Lambda's package: functions/canary.ts and verify's checks bundled by esbuild into one ES module
 * with no runtime dependencies (only Node's global fetch), zipped as `canary.mjs` with a fixed timestamp.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { FunctionBuildError } from '../build/build-errors.ts';
import { MODULE_IMPORT } from '../build/check-cloudfront-function.ts';
import { ROOT } from '../build/build-functions.ts';
import { zipOneFile } from '../deploy/zip-one-file.ts';

export const CANARY_ENTRY = 'functions/canary.ts';
export const CANARY_FILE = 'canary.mjs';
export const CANARY_ZIP = 'canary.zip';
/** The function's `handler` setting: `canary.mjs` exporting `handler`. */
export const CANARY_HANDLER = 'canary.handler';
/** The Lambda runtime; Node 22 has the global fetch the checks use. */
export const CANARY_RUNTIME = 'nodejs22.x';

export async function buildCanary(): Promise<string> {
  let code: string;
  try {
    const result = await esbuild.build({
      entryPoints: [join(ROOT, CANARY_ENTRY)],
      bundle: true,
      write: false,
      logLevel: 'silent',
      legalComments: 'none',
      format: 'esm',
      platform: 'node',
      target: 'node22',
      minifySyntax: true,
      minifyWhitespace: true,
    });
    code = result.outputFiles[0].text;
  } catch (cause) {
    throw new FunctionBuildError(`esbuild could not bundle ${CANARY_ENTRY}: ${(cause as Error).message}`, { cause });
  }
  if (MODULE_IMPORT.test(code) || /\brequire\s*\(/.test(code)) throw new FunctionBuildError('the canary bundle imports a module; it must have no runtime dependencies (Node\'s global fetch only)');
  return code;
}

/** Writes dist/canary.mjs and dist/canary.zip; returns the zip's path (the function's package.artifact). */
export async function writeCanaryPackage(outDir: string): Promise<{ zip: string; bytes: number }> {
  const code = await buildCanary();
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, CANARY_FILE), code);
  const zip = join(outDir, CANARY_ZIP);
  const bytes = zipOneFile(CANARY_FILE, code);
  writeFileSync(zip, bytes);
  return { zip, bytes: bytes.length };
}
