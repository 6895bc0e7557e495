/** A minimal PNG decoder for tests (8-bit RGB/RGBA, non-interlaced: what resvg writes). */
import { inflateSync } from 'node:zlib';

/** Decoded image: RGBA pixels row by row. */
export interface DecodedPNG {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
}

export function decodePNG(bytes: Uint8Array): DecodedPNG {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const length = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const depth = data[8];
      const colorType = data[9];
      if (depth !== 8 || (colorType !== 6 && colorType !== 2) || data[12] !== 0) throw new Error(`unsupported PNG (depth ${depth}, colour type ${colorType})`);
      channels = colorType === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(width * height * 4);
  let prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const cur = new Uint8Array(stride);
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? cur[x - channels]! : 0;
      const b = prev[x]!;
      const c = x >= channels ? prev[x - channels]! : 0;
      let v = line[x]!;
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      cur[x] = v & 0xff;
    }
    for (let x = 0; x < width; x++) {
      for (let ch = 0; ch < 3; ch++) out[(y * width + x) * 4 + ch] = cur[x * channels + ch]!;
      out[(y * width + x) * 4 + 3] = channels === 4 ? cur[x * channels + 3]! : 255;
    }
    prev = cur;
  }
  return { width, height, pixels: out };
}

/** Number of dark pixels (all of R, G, B below `level`, opaque) in a rectangle [x0, x1) × [y0, y1). */
export function darkPixels(img: DecodedPNG, x0: number, y0: number, x1: number, y1: number, level = 128): number {
  let n = 0;
  for (let y = Math.max(0, y0); y < Math.min(img.height, y1); y++) {
    for (let x = Math.max(0, x0); x < Math.min(img.width, x1); x++) {
      const p = (y * img.width + x) * 4;
      if (img.pixels[p]! < level && img.pixels[p + 1]! < level && img.pixels[p + 2]! < level && img.pixels[p + 3]! > 128) n++;
    }
  }
  return n;
}

/** Number of pixels that are not white (any channel below 250) in a rectangle. */
export function inkPixels(img: DecodedPNG, x0: number, y0: number, x1: number, y1: number): number {
  let n = 0;
  for (let y = Math.max(0, y0); y < Math.min(img.height, y1); y++) {
    for (let x = Math.max(0, x0); x < Math.min(img.width, x1); x++) {
      const p = (y * img.width + x) * 4;
      if (img.pixels[p]! < 250 || img.pixels[p + 1]! < 250 || img.pixels[p + 2]! < 250) n++;
    }
  }
  return n;
}
