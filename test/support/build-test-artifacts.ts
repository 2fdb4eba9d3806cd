/**
 * Builds what the tests read: dist/ from the repository's posthog-proxy.config.json (what `npm run build`
 * makes), and every configuration variant in test/fixtures/configs/<name>.json into .test-build/<name>/, so the
 * fixture tables run against the artifacts each configuration really produces. vitest's globalSetup
 * (test/support/global-setup.ts) and scripts/build-test-variants.ts (before Bun and Deno) call it.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { buildFunctions } from '../../src/build/build-functions.ts';
import { validateConfig } from '../../src/config/validate-config.ts';
import { FIXTURES, REPO_ROOT, TEST_BUILD } from './fixtures.ts';

export interface BuiltVariant {
  name: string;
  viewerRequestBytes: number;
  originResponseBytes: number;
}

export async function buildTestArtifacts(): Promise<BuiltVariant[]> {
  const configs = join(FIXTURES, 'configs');
  rmSync(TEST_BUILD, { recursive: true, force: true });
  const files = readdirSync(configs).filter((f) => f.endsWith('.json')).sort();
  const variants = files.map((file) => ({ name: basename(file, '.json'), config: validateConfig(JSON.parse(readFileSync(join(configs, file), 'utf8')), file) }));
  const repoConfig = join(REPO_ROOT, 'posthog-proxy.config.json');
  const targets = [...variants.map((v) => ({ ...v, out: join(TEST_BUILD, v.name) })), { name: 'dist', config: validateConfig(JSON.parse(readFileSync(repoConfig, 'utf8')), repoConfig), out: join(REPO_ROOT, 'dist') }];
  return Promise.all(
    targets.map(async ({ name, config, out }) => {
      const result = await buildFunctions(config, out);
      return { name, viewerRequestBytes: result.viewerRequest.bytes, originResponseBytes: result.originResponse.bytes };
    }),
  );
}

export function describeBuilt(built: BuiltVariant[]): string {
  const rows = built.map((b) => `${b.name.padEnd(16)} viewer-request ${String(b.viewerRequestBytes).padStart(5)} B   origin-response ${String(b.originResponseBytes).padStart(5)} B`);
  return `built ${built.length} test variants (.test-build/ and dist/)\n${rows.join('\n')}`;
}
