/**
 * A configuration variant built exactly as `npm run build` builds it, into a temporary directory, once per
 * test process: the corpus runs against the artifacts each configuration really produces, never against
 * the sources. Variants are test/fixtures/configs/<name>.json (shared with the other suites) or
 * test/fixtures/adversarial/configs/<name>.json (the corpus's own).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFunctions } from '../../src/build/build-functions.ts';
import type { ProxyConfig } from '../../src/config/proxy-config.ts';
import { validateConfig } from '../../src/config/validate-config.ts';
import { loadCloudFrontFunction, type LoadedCloudFrontFunction } from '../../src/runtime/cloudfront-function-runtime.ts';

const SHARED = fileURLToPath(new URL('../fixtures/configs/', import.meta.url));
const OWN = fileURLToPath(new URL('../fixtures/adversarial/configs/', import.meta.url));

export interface BuiltVariant {
  name: string;
  config: ProxyConfig;
  /** The built viewer-request.js, loaded in its own cloudfront-js-2.0-like realm. */
  viewerRequest: LoadedCloudFrontFunction;
  viewerRequestCode: string;
  /** The built origin-response.mjs. */
  originResponseFile: string;
  dir: string;
}

export function variantFile(name: string): string {
  const own = join(OWN, `${name}.json`);
  return existsSync(own) ? own : join(SHARED, `${name}.json`);
}

const built = new Map<string, Promise<BuiltVariant>>();

export function builtVariant(name: string): Promise<BuiltVariant> {
  let pending = built.get(name);
  if (!pending) {
    pending = (async () => {
      const file = variantFile(name);
      const config = validateConfig(JSON.parse(readFileSync(file, 'utf8')), file);
      const dir = mkdtempSync(join(tmpdir(), `adversarial-${name}-`));
      const result = await buildFunctions(config, dir);
      const code = readFileSync(result.viewerRequest.file, 'utf8');
      return { name, config, viewerRequest: loadCloudFrontFunction(code), viewerRequestCode: code, originResponseFile: result.originResponse.file, dir };
    })();
    built.set(name, pending);
  }
  return pending;
}

/** Removes the temporary build directories of this process. */
export async function removeBuiltVariants(): Promise<void> {
  for (const pending of built.values()) rmSync((await pending).dir, { recursive: true, force: true });
  built.clear();
}
