/**
 * The canary Lambda's package: functions/canary.ts and verify's checks bundled by esbuild into one ES module
 * with no runtime dependencies (only Node's global fetch), zipped as `canary.mjs` with a fixed timestamp.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { FunctionBuildError } from '../build/build-errors.ts';
import { ROOT } from '../build/build-functions.ts';
import { zipOneFile } from '../deploy/zip-one-file.ts';

export const CANARY_ENTRY = 'functions/canary.ts';
export const CANARY_FILE = 'canary.mjs';
export const CANARY_ZIP = 'canary.zip';
/** The function's `handler` setting: `canary.mjs` exporting `handler`. */
export const CANARY_HANDLER = 'canary.handler';
/** The Lambda runtime; Node 22 has the global fetch the checks use. */
export const CANARY_RUNTIME = 'nodejs22.x';

/** Every module an ES module bundle imports (static `from "x"`, dynamic `import("x")`, `require("x")`). */
export function moduleSpecifiers(code: string): string[] {
  const found = new Set<string>();
  for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s*)(["'])([^"'\n]+)\1/g)) found.add(m[2]);
  return [...found];
}

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
  const outside = moduleSpecifiers(code).filter((s) => !s.startsWith('node:'));
  if (outside.length > 0) throw new FunctionBuildError(`the canary bundle imports ${outside.join(', ')}; it must have no runtime dependencies (Node's built-in node: modules only)`);
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
