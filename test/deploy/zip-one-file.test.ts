/**
 * zipOneFile against independent zip readers: Info-ZIP's `unzip`/`zipinfo` and Python's zipfile (both on
 * the machine, neither shares code with the module), plus determinism.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { crc32, zipEntries, zipOneFile } from '../../src/deploy/zip-one-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'zip-one-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, zip: Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, zip);
  return file;
}

describe('zipOneFile', () => {
  it.each([
    ['functions/origin-response.mjs', 'export const handler = async (e) => e.Records[0].cf.response;\n'],
    ['index.mjs', ''],
    ['a/b/c/ünïcode.js', 'const s = "€ ✓";'],
    ['big.js', 'x'.repeat(200_000)],
  ])('%s: unzip reads the exact contents, a regular 0644 file dated 1980-01-01', (name, contents) => {
    // Act
    const file = write(`case-${crc32(Buffer.from(name))}.zip`, zipOneFile(name, contents));
    // Assess
    execFileSync('unzip', ['-tq', file]);
    expect(execFileSync('unzip', ['-p', file, name]).toString('utf8')).toBe(contents);
    const info = execFileSync('zipinfo', ['-l', file]).toString('utf8');
    expect(info).toMatch(/-rw-r--r--/);
    expect(info).toContain('80-Jan-01 00:00');
    expect(info).toContain('1 file');
  });

  it('gives the same bytes for the same input, and different bytes for different contents', () => {
    expect(zipOneFile('f.mjs', 'a').equals(zipOneFile('f.mjs', 'a'))).toBe(true);
    expect(zipOneFile('f.mjs', 'a').equals(zipOneFile('f.mjs', Buffer.from('a')))).toBe(true);
    expect(zipOneFile('f.mjs', 'a').equals(zipOneFile('f.mjs', 'b'))).toBe(false);
  });

  it('crc32 matches the standard check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('round-trips arbitrary bytes through Python zipfile (with its CRC check)', () => {
    // Prepare: one batch of generated cases, read back by one Python process.
    const cases = fc.sample(fc.tuple(fc.stringMatching(/^[a-z][a-z0-9_/-]{0,30}\.m?js$/), fc.uint8Array({ maxLength: 5000 })), { numRuns: 40, seed: 14 });
    const files = cases.map(([name, bytes], i) => ({ zip: write(`prop-${i}.zip`, zipOneFile(name, bytes)), name, hex: Buffer.from(bytes).toString('hex') }));
    const script = `
import json, sys, zipfile
for c in json.load(sys.stdin):
    z = zipfile.ZipFile(c["zip"])
    assert z.testzip() is None, c["zip"]
    assert z.namelist() == [c["name"]], (z.namelist(), c["name"])
    assert z.read(c["name"]).hex() == c["hex"], c["zip"]
print("ok")
`;
    // Act / Assess
    expect(execFileSync('python3', ['-c', script], { input: JSON.stringify(files) }).toString().trim()).toBe('ok');
  });
});

describe('zipEntries (how the plugin reads a package it did not write)', () => {
  it("reads Python zipfile's archives: several files, stored and deflated", () => {
    // Prepare: an independent writer, with a directory entry, an extra field and a comment in the way.
    const zip = join(mkdtempSync(join(tmpdir(), 'zip-entries-')), 'py.zip');
    const script = `
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.comment = b"made by python"
    z.writestr("functions/", b"")
    z.writestr(zipfile.ZipInfo("functions/origin-response.mjs"), b"export const handler = 1;\\n" * 50, compress_type=zipfile.ZIP_DEFLATED)
    z.writestr("package.json", b"{}", compress_type=zipfile.ZIP_STORED)
`;
    execFileSync('python3', ['-c', script, zip]);
    // Act
    const entries = zipEntries(readFileSync(zip));
    // Assess
    expect(entries.map((e) => [e.name, e.data.toString('utf8')])).toEqual([
      ['functions/', ''],
      ['functions/origin-response.mjs', 'export const handler = 1;\n'.repeat(50)],
      ['package.json', '{}'],
    ]);
    expect(zipEntries(zipOneFile('a.mjs', 'x'))).toEqual([{ name: 'a.mjs', data: Buffer.from('x') }]);
    rmSync(join(zip, '..'), { recursive: true, force: true });
  });
});
