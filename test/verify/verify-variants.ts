/**
 * Local stacks for the variants of test/fixtures/verify/variants/: the proxy as deployed, or broken on
 * purpose by a layout fixture, a replaced viewer-request function, hand-edited origin domains or a broken
 * upstream behind the edge.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFunctions, VIEWER_REQUEST_FILE } from '../../src/build/build-functions.ts';
import type { CheckId, CheckStatus } from '../../src/verify/check-result.ts';
import { validateConfig } from '../../src/config/validate-config.ts';
import { distributionLayout, type DistributionLayout } from '../../src/distribution/distribution-layout.ts';
import { startLocalStack, type LocalStack } from '../../src/node-http/start-local-stack.ts';
import type { UpstreamMap } from '../../src/local-edge/upstream-map.ts';
import { FIXTURES } from '../support/fixtures.ts';
import { startBrokenUpstream, type BrokenUpstreamKind } from './broken-upstreams.ts';

export interface ExpectedCheck {
  status: CheckStatus;
  /** Fragments of the result's fields. */
  seen?: string;
  cause?: string;
  fix?: string;
}

export interface VerifyVariant {
  description: string;
  /** A raw configuration, validated like posthog-proxy.config.json. */
  config: unknown;
  /** A `{ layout }` file under test/fixtures replacing the layout this project deploys. */
  layoutFile?: string;
  /** Origin id to domain name, replacing the deployed layout's (a hand-edited distribution). */
  originDomains?: Record<string, string>;
  /** A viewer-request file under test/fixtures replacing the built one. */
  viewerRequestFile?: string;
  /** Origin domain to a broken upstream kind the edge connects to instead of the mock. */
  brokenUpstreams?: Record<string, BrokenUpstreamKind>;
  /** Verify edge URL + this path instead of the api_host the stack serves (a user's URL mistake). */
  proxyPath?: string;
  /** Checks not listed must pass. */
  expect: Partial<Record<CheckId, ExpectedCheck>>;
}

const VARIANTS = join(FIXTURES, 'verify/variants');

export function verifyVariants(): [string, VerifyVariant][] {
  return readdirSync(VARIANTS).filter((f) => f.endsWith('.json')).sort()
    .map((f) => [f.slice(0, -5), JSON.parse(readFileSync(join(VARIANTS, f), 'utf8')) as VerifyVariant]);
}

export function verifyVariant(name: string): VerifyVariant {
  return JSON.parse(readFileSync(join(VARIANTS, `${name}.json`), 'utf8')) as VerifyVariant;
}

/** The URL a variant verifies: the stack's api_host, or the edge URL plus the fixture's proxyPath. */
export function variantUrl(variant: VerifyVariant, stack: LocalStack): string {
  return variant.proxyPath === undefined ? stack.apiHost : stack.edgeUrl + variant.proxyPath;
}

export async function startVariant(variant: VerifyVariant): Promise<LocalStack> {
  const config = validateConfig(variant.config, 'test/fixtures/verify/variants');
  const closers: (() => Promise<void> | void)[] = [];
  const closeAll = async () => {
    for (const c of closers.reverse()) await c();
  };
  try {
    let layout: DistributionLayout = variant.layoutFile
      ? (JSON.parse(readFileSync(join(FIXTURES, variant.layoutFile), 'utf8')) as { layout: DistributionLayout }).layout
      : distributionLayout(config);
    if (variant.originDomains) {
      layout = { ...layout, origins: layout.origins.map((o) => ({ ...o, domainName: variant.originDomains![o.id] ?? o.domainName })) };
    }
    let functionsDir: string | undefined;
    if (variant.viewerRequestFile) {
      const dir = mkdtempSync(join(tmpdir(), 'verify-variant-'));
      closers.push(() => rmSync(dir, { recursive: true, force: true }));
      await buildFunctions(config, dir);
      copyFileSync(join(FIXTURES, variant.viewerRequestFile), join(dir, VIEWER_REQUEST_FILE));
      functionsDir = dir;
    }
    const connectTo: UpstreamMap = {};
    for (const [domain, kind] of Object.entries(variant.brokenUpstreams ?? {})) {
      const server = await startBrokenUpstream(kind);
      closers.push(() => server.close());
      connectTo[domain] = { protocol: 'http', address: '127.0.0.1', port: server.port };
    }
    const stack = await startLocalStack({ config, layout, functionsDir, edgePort: 0, demoPort: null, connectTo });
    return { ...stack, close: async () => { await stack.close(); await closeAll(); } };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
