/**
 * The one loader of the test fixtures: configuration variants, CloudFront events with their expected outcome,
 * invalid configurations, and the variant builds in .test-build/. Runtime-neutral (node:fs, node:path, node:url
 * only), so the unit, built, property and runtime tests under Node, Bun and Deno read the same files.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CloudFrontResponseEvent } from 'aws-lambda';
import type { CfViewerRequestEvent } from '../../src/edge/cloudfront-function-types.ts';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURES = join(REPO_ROOT, 'test/fixtures');
export const TEST_BUILD = join(REPO_ROOT, '.test-build');

/** Header expectations: a string is the exact value, null means the header is absent. */
export type HeaderExpectations = Record<string, string | null>;

export interface ViewerRequestExpectation {
  /** The request goes on to PostHog: to which origin, with which path and headers. */
  forward?: { origin: 'main' | 'assets'; uri: string; headers?: HeaderExpectations };
  /** The function answers at the edge. */
  respond?: { status: number; headers?: HeaderExpectations };
}

export interface ViewerRequestFixture {
  name: string;
  description: string;
  /** A variant of test/fixtures/configs/. */
  config: string;
  event: CfViewerRequestEvent;
  expect: ViewerRequestExpectation;
}

export interface OriginResponseExpectation {
  /** The origin's response goes out exactly as it came (the function's error path). */
  unchanged?: boolean;
  headers?: HeaderExpectations;
}

export interface OriginResponseFixture {
  name: string;
  description: string;
  config: string;
  event: CloudFrontResponseEvent;
  expect: OriginResponseExpectation;
}

export interface InvalidConfigFixture {
  name: string;
  description: string;
  config: unknown;
  /** Fragments the validation message must contain, each naming the key, the value or the fix. */
  messages: string[];
}

export interface ConfigVariant {
  name: string;
  raw: unknown;
}

const loaded = new Map<string, { name: string; json: unknown }[]>();

/** Every JSON file of a fixture directory, by name, read once per process. */
function readJsonFiles(dir: string): { name: string; json: unknown }[] {
  if (!loaded.has(dir)) {
    const files = readdirSync(join(FIXTURES, dir)).filter((f) => f.endsWith('.json')).sort();
    loaded.set(dir, files.map((f) => ({ name: basename(f, '.json'), json: JSON.parse(readFileSync(join(FIXTURES, dir, f), 'utf8')) as unknown })));
  }
  return loaded.get(dir)!;
}

/** Fixtures of a directory, each a fresh copy named after its file. */
function readJsonDir<T>(dir: string): (T & { name: string })[] {
  return readJsonFiles(dir).map(({ name, json }) => ({ ...clone(json as T), name }));
}

export function configVariants(): ConfigVariant[] {
  return readJsonFiles('configs').map(({ name, json }) => ({ name, raw: clone(json) }));
}

export function configVariant(name: string): unknown {
  const variant = configVariants().find((v) => v.name === name);
  if (!variant) throw new Error(`no configuration variant test/fixtures/configs/${name}.json`);
  return variant.raw;
}

export const viewerRequestFixtures = (): ViewerRequestFixture[] => readJsonDir<ViewerRequestFixture>('viewer-request');
export const originResponseFixtures = (): OriginResponseFixture[] => readJsonDir<OriginResponseFixture>('origin-response');
export const invalidConfigFixtures = (): InvalidConfigFixture[] => readJsonDir<InvalidConfigFixture>('configs-invalid');

/** Path of a variant's built artifact; fails with the command to run when the variants are not built. */
export function builtFile(variant: string, file: 'viewer-request.js' | 'origin-response.mjs'): string {
  const path = join(TEST_BUILD, variant, file);
  if (!existsSync(path)) throw new Error(`${path} is missing: run the tests through vitest (its globalSetup builds them) or build them with "npx tsx scripts/build-test-variants.ts"`);
  return path;
}

export function readBuilt(variant: string, file: 'viewer-request.js' | 'origin-response.mjs'): string {
  return readFileSync(builtFile(variant, file), 'utf8');
}

/** A deep copy, so a handler that mutates its event never changes a fixture another test reads. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
