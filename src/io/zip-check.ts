/**
 * CRC-32 verification of zip members (issue 15 §4). fflate's `unzipSync` does not check the
 * checksums, so a flipped byte in a stored (uncompressed) member loads silently; Python's
 * `zipfile.testzip()` flags it. We read each member's CRC-32 from the central directory and
 * compare it with the CRC of the unzipped bytes.
 */
import { fail } from './npy.ts';
import type { Where } from './npy.ts';

let table: Uint32Array | undefined;

/** CRC-32 (IEEE 802.3, the zip/PNG polynomial 0xEDB88320), table-driven. */
export function crc32(bytes: Uint8Array): number {
  if (table === undefined) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  const t = table;
  let c = 0xffffffff;
  for (let k = 0; k < bytes.length; k++) c = t[(c ^ bytes[k]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const hex = (x: number): string => `0x${x.toString(16).padStart(8, '0')}`;

/** The CRC-32 of every member named in the archive's central directory. */
export function centralDirectoryCrcs(bytes: Uint8Array, where: Where): Map<string, number> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record: 22 bytes plus a comment of at most 65535 bytes.
  let eocd = -1;
  for (let p = bytes.length - 22; p >= Math.max(0, bytes.length - 22 - 0xffff); p--) {
    if (view.getUint32(p, true) === 0x06054b50) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) fail(where, 'not a valid .npz (zip) archive: no end of central directory');
  let count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if (offset === 0xffffffff || count === 0xffff) {
    // Zip64: the real values are in the zip64 end record, found through its locator.
    const locator = eocd - 20;
    if (locator < 0 || view.getUint32(locator, true) !== 0x07064b50) fail(where, 'corrupt archive: bad zip64 locator');
    const record = Number(view.getBigUint64(locator + 8, true));
    if (record + 56 > bytes.length || view.getUint32(record, true) !== 0x06064b50) fail(where, 'corrupt archive: bad zip64 end record');
    count = Number(view.getBigUint64(record + 32, true));
    offset = Number(view.getBigUint64(record + 48, true));
  }
  const crcs = new Map<string, number>();
  const decoder = new TextDecoder();
  for (let k = 0; k < count; k++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) {
      fail(where, `corrupt archive: central directory entry ${k + 1} of ${count} is damaged`);
    }
    const crc = view.getUint32(offset + 16, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extra = view.getUint16(offset + 30, true);
    const comment = view.getUint16(offset + 32, true);
    if (offset + 46 + nameLength > bytes.length) fail(where, `corrupt archive: central directory entry ${k + 1} of ${count} is damaged`);
    crcs.set(decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)), crc);
    offset += 46 + nameLength + extra + comment;
  }
  return crcs;
}

/** Checks every unzipped member against its CRC-32 (an IoError naming the first damaged one). */
export function verifyZipCrcs(bytes: Uint8Array, members: Readonly<Record<string, Uint8Array>>, where: Where): void {
  const crcs = centralDirectoryCrcs(bytes, where);
  for (const [name, data] of Object.entries(members)) {
    const stored = crcs.get(name);
    if (stored === undefined) fail(where, `corrupt archive: member '${name}' is not in the central directory`);
    const actual = crc32(data);
    if (actual !== stored) {
      fail(where, `corrupt archive: member '${name}' fails its CRC-32 check (stored ${hex(stored)}, computed ${hex(actual)}); the file is damaged`);
    }
  }
  if (crcs.size !== Object.keys(members).length) fail(where, `corrupt archive: the central directory lists ${crcs.size} members, ${Object.keys(members).length} were read`);
}
