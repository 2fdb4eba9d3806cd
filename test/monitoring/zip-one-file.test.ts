import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { crc32, zipOneFile } from '../../src/deploy/zip-one-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'zip-one-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Python's zipfile, an independent reader, extracts the archive and reports name, size, CRC and mode. */
function readWithPython(zip: Buffer): { name: string; size: number; crc: number; mode: number; date: number[]; data: string } {
  const file = join(dir, 'a.zip');
  writeFileSync(file, zip);
  const script = 'import zipfile,sys,json,base64\nz=zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\ni=z.infolist()[0]\nprint(json.dumps({"name":i.filename,"size":i.file_size,"crc":i.CRC,"mode":i.external_attr>>16,"date":list(i.date_time),"data":base64.b64encode(z.read(i)).decode(),"count":len(z.infolist())}))';
  return JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8' }));
}

describe('zipOneFile', () => {
  it.each([
    ['a small module', 'canary.mjs', 'export const handler = async () => 1;\n'],
    ['an empty file', 'empty.mjs', ''],
    ['bytes, UTF-8 name', 'dir/é.bin', new Uint8Array([0, 1, 2, 255, 254])],
  ] as const)('%s: another zip reader extracts exactly the input', (_name, fileName, contents) => {
    const data = typeof contents === 'string' ? Buffer.from(contents) : Buffer.from(contents);
    const seen = readWithPython(zipOneFile(fileName, contents));
    expect(seen).toMatchObject({ name: fileName, size: data.length, crc: crc32(data), mode: 0o100644, date: [1980, 1, 1, 0, 0, 0], count: 1 });
    expect(Buffer.from(seen.data, 'base64').equals(data)).toBe(true);
  });

  it('is deterministic: the same input gives the same bytes', () => {
    fc.assert(fc.property(fc.string(), (text) => zipOneFile('f.mjs', text).equals(zipOneFile('f.mjs', text))));
  });

  it('crc32 matches the standard check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('round-trips a larger payload', () => {
    const text = readFileSync(new URL(import.meta.url), 'utf8').repeat(20);
    expect(Buffer.from(readWithPython(zipOneFile('big.txt', text)).data, 'base64').toString()).toBe(text);
  });
});
