/** Reads the benchmark fixtures (bench/fixtures/...): events as files, the batch mix as a weights file. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const FIXTURES_DIR = join(BENCH_DIR, 'fixtures');

export interface NamedFixture {
  name: string;
  json: string;
}

/** The viewer-request events of one batch, each repeated by its weight in mix.json, as JSON text. */
export function viewerRequestBatch(): NamedFixture[] {
  const dir = join(FIXTURES_DIR, 'viewer-request');
  const mix = JSON.parse(readFileSync(join(dir, 'mix.json'), 'utf8')) as { weights: Record<string, number> };
  const batch: NamedFixture[] = [];
  for (const [name, weight] of Object.entries(mix.weights)) {
    const json = JSON.stringify(JSON.parse(readFileSync(join(dir, name), 'utf8')));
    for (let i = 0; i < weight; i++) batch.push({ name, json });
  }
  return batch;
}

/** Every origin-response event fixture. */
export function originResponseFixtures(): NamedFixture[] {
  const dir = join(FIXTURES_DIR, 'origin-response');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((name) => ({ name, json: JSON.stringify(JSON.parse(readFileSync(join(dir, name), 'utf8'))) }));
}
