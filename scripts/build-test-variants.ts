// Builds every configuration variant in test/fixtures/configs/<name>.json into .test-build/<name>/, so the
// tests run the fixture tables against the artifacts each configuration really produces. `npm test` runs it
// before vitest, bun and deno.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFunctions } from '../src/build/build-functions.ts';
import { validateConfig } from '../src/config/validate-config.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const configs = join(root, 'test/fixtures/configs');
const out = join(root, '.test-build');

rmSync(out, { recursive: true, force: true });
const files = readdirSync(configs).filter((f) => f.endsWith('.json')).sort();
const built = await Promise.all(
  files.map(async (file) => {
    const name = basename(file, '.json');
    const config = validateConfig(JSON.parse(readFileSync(join(configs, file), 'utf8')), file);
    const result = await buildFunctions(config, join(out, name));
    return `${name.padEnd(16)} viewer-request ${String(result.viewerRequest.bytes).padStart(5)} B   origin-response ${String(result.originResponse.bytes).padStart(5)} B`;
  }),
);
console.log(`built ${built.length} test variants into .test-build/\n${built.join('\n')}`);
