/**
 * The one file of a Lambda package zip, read with zipEntries (src/deploy/zip-one-file.ts: through the central
 * directory, where a streaming writer such as serverless-esbuild's keeps the sizes; it is tested against zips
 * Python's zipfile wrote). Fails the test when the zip holds anything else.
 */
import { expect } from 'vitest';
import { zipEntries } from '../../src/deploy/zip-one-file.ts';

export function onlyZipEntry(zip: Buffer): { name: string; data: Buffer } {
  const entries = zipEntries(zip);
  expect(entries.map((e) => e.name)).toHaveLength(1);
  return entries[0];
}
