/**
 * Share links: the program, UTF-8, zlib-compressed (fflate; zlib's Adler-32 checksum catches a
 * truncated or altered link), base64url-encoded into the URL fragment as `#code=…`. The fragment
 * never reaches a server, so nothing stores the program but the link itself.
 */
import { strFromU8, strToU8, unzlibSync, zlibSync } from 'fflate';

export const SHARE_KEY = 'code';

/** A share link that cannot be read; the message says why, for the page to show. */
export class ShareLinkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShareLinkError';
  }
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let k = 0; k < bytes.length; k += 0x8000) bin += String.fromCharCode(...bytes.subarray(k, k + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new ShareLinkError('The share link is damaged: it contains characters that a share link never has.');
  if (text.length % 4 === 1) throw new ShareLinkError('The share link is incomplete (it was cut off).');
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let k = 0; k < bin.length; k++) out[k] = bin.charCodeAt(k);
  return out;
}

/** The fragment (without '#') that carries `program`. */
export function encodeShare(program: string): string {
  return `${SHARE_KEY}=${toBase64Url(zlibSync(strToU8(program), { level: 9 }))}`;
}

/**
 * The program carried by a URL fragment (with or without '#'); `undefined` when the fragment is
 * not a share link at all; a ShareLinkError when it is one but cannot be read.
 */
export function decodeShare(fragment: string): string | undefined {
  const text = fragment.replace(/^#/, '');
  if (text === '') return undefined;
  const params = new URLSearchParams(text);
  const value = params.get(SHARE_KEY);
  if (value === null) return undefined;
  if (value === '') throw new ShareLinkError('The share link is empty: it carries no program.');
  const bytes = fromBase64Url(value);
  const damaged = 'The share link is damaged or incomplete (was it cut off when it was copied?): its program cannot be decompressed.';
  // zlib: a 2-byte header, the deflate data, the Adler-32 of the text (fflate does not check it).
  if (bytes.length < 6 || (bytes[0]! & 0x0f) !== 8 || ((bytes[0]! << 8) | bytes[1]!) % 31 !== 0) throw new ShareLinkError(damaged);
  let raw: Uint8Array;
  try {
    raw = unzlibSync(bytes);
  } catch {
    throw new ShareLinkError(damaged);
  }
  const n = bytes.length;
  const expected = ((bytes[n - 4]! << 24) | (bytes[n - 3]! << 16) | (bytes[n - 2]! << 8) | bytes[n - 1]!) >>> 0;
  if (adler32(raw) !== expected) throw new ShareLinkError(damaged);
  try {
    return strFromU8(raw, false);
  } catch {
    throw new ShareLinkError('The share link is damaged: its program is not valid text.');
  }
}

/** zlib's Adler-32 checksum. */
export function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let k = 0; k < data.length; ) {
    const end = Math.min(k + 3800, data.length);
    for (; k < end; k++) {
      a += data[k]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}
