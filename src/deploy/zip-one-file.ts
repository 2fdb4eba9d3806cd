/**
 * A zip archive holding one file, byte for byte the same for the same input: a fixed timestamp
 * (1980-01-01 00:00, the earliest DOS time), fixed permissions (a regular file, 0644, so Lambda can read it)
 * and deflate at a fixed level. Lambda deployment packages are plain zip files (AWS, "Deploying Node.js
 * Lambda functions with .zip file archives"). Written here so the Lambda@Edge package needs no bundler
 * plugin: the plugin zips exactly the bytes the build made and the tests ran.
 */
import { deflateRawSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3), as the zip format stores it. */
export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** 1980-01-01 00:00:00 in DOS date/time fields. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** Unix "made by" (3) and version 2.0; external attributes carry a regular file's mode 0100644. */
const MADE_BY = (3 << 8) | 20;
const UNIX_FILE_MODE = 0o100644;

export function zipOneFile(fileName: string, contents: string | Uint8Array): Buffer {
  const name = Buffer.from(fileName, 'utf8');
  const data = typeof contents === 'string' ? Buffer.from(contents, 'utf8') : Buffer.from(contents);
  const deflated = deflateRawSync(data, { level: 9 });
  const crc = crc32(data);
  // Bit 11: the name is UTF-8.
  const flags = 0x0800;

  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(flags, 6);
  local.writeUInt16LE(8, 8);
  local.writeUInt16LE(DOS_TIME, 10);
  local.writeUInt16LE(DOS_DATE, 12);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(deflated.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  local.writeUInt16LE(0, 28);

  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(MADE_BY, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(flags, 8);
  central.writeUInt16LE(8, 10);
  central.writeUInt16LE(DOS_TIME, 12);
  central.writeUInt16LE(DOS_DATE, 14);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(deflated.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  // extra, comment, disk number, internal attributes: 0
  central.writeUInt32LE((UNIX_FILE_MODE << 16) >>> 0, 38);
  central.writeUInt32LE(0, 42);

  const centralOffset = local.length + name.length + deflated.length;
  const centralSize = central.length + name.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(centralOffset, 16);

  return Buffer.concat([local, name, deflated, central, name, end]);
}
