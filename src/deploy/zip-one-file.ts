/**
 * A zip archive holding one file, deflated, with a fixed timestamp: the same input always gives the same
 * bytes, so a redeploy without a change uploads nothing new and the Lambda's CodeSha256 stays put.
 * Format: PKWARE APPNOTE.TXT (local file header, central directory, end of central directory).
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** 1980-01-01 00:00 in MS-DOS time and date: the earliest a zip can say, and always the same. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/**
 * The fields the local header and the central directory header share, in the same order (from "version needed
 * to extract" to the file name length), written from `at`: 4 in the local header, 6 in the central one.
 */
function writeEntryFields(header: Buffer, at: number, e: { crc: number; packedSize: number; size: number; nameLength: number }): void {
  header.writeUInt16LE(20, at); // version needed: 2.0 (deflate)
  header.writeUInt16LE(0x0800, at + 2); // UTF-8 file name
  header.writeUInt16LE(8, at + 4); // deflate
  header.writeUInt16LE(DOS_TIME, at + 6);
  header.writeUInt16LE(DOS_DATE, at + 8);
  header.writeUInt32LE(e.crc, at + 10);
  header.writeUInt32LE(e.packedSize, at + 14);
  header.writeUInt32LE(e.size, at + 18);
  header.writeUInt16LE(e.nameLength, at + 22);
}

/** A zip of one file; `fileName` is its path in the archive (e.g. "canary.mjs"), readable by everyone (0644). */
export function zipOneFile(fileName: string, contents: string | Uint8Array): Buffer {
  const data = typeof contents === 'string' ? Buffer.from(contents, 'utf8') : Buffer.from(contents);
  const name = Buffer.from(fileName, 'utf8');
  const packed = deflateRawSync(data, { level: 9 });
  const crc = crc32(data);

  const entry = { crc, packedSize: packed.length, size: data.length, nameLength: name.length };
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  writeEntryFields(local, 4, entry);
  local.writeUInt16LE(0, 28);

  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0 (so the external attributes are Unix modes)
  writeEntryFields(central, 6, entry);
  // extra length, comment length, disk number, internal attributes: 0
  central.writeUInt32LE(((0o100644 << 16) >>> 0), 38); // regular file, rw-r--r--
  central.writeUInt32LE(0, 42); // offset of the local header

  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(local.length + name.length + packed.length, 16);

  return Buffer.concat([local, name, packed, central, name, end]);
}

/**
 * The files of a zip (stored or deflated, no zip64), read through its central directory, where the sizes are
 * even when a streaming writer left them out of the local headers: how the plugin checks a package it did not write.
 */
export function zipEntries(zip: Buffer): { name: string; data: Buffer }[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip archive (no end of central directory)');
  const entries: { name: string; data: Buffer }[] = [];
  let central = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const method = zip.readUInt16LE(central + 10);
    const compressedSize = zip.readUInt32LE(central + 20);
    const nameLength = zip.readUInt16LE(central + 28);
    const name = zip.subarray(central + 46, central + 46 + nameLength).toString('utf8');
    const local = zip.readUInt32LE(central + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + compressedSize);
    if (method !== 0 && method !== 8) throw new Error(`zip entry ${name} uses compression method ${method}`);
    entries.push({ name, data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw) });
    central += 46 + nameLength + zip.readUInt16LE(central + 30) + zip.readUInt16LE(central + 32);
  }
  return entries;
}
