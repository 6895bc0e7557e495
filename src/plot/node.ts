/**
 * The Node adapter of the plotting core: PNG rendering with resvg and the bundled DejaVu Sans
 * font, and file writing. figure.ts loads it on first use, so the core stays browser-compatible.
 */
import { writeFile as fsWriteFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import resvg from '@resvg/resvg-js';

const require = createRequire(import.meta.url);

/** The bundled font file (dejavu-fonts-ttf), so text renders the same on every machine. */
export const FONT_FILE: string = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');

/** A rendered image: RGBA pixels, row by row. */
export interface RasterImage {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
}

function renderer(svg: string, scale: number): InstanceType<typeof resvg.Resvg> {
  // System fonts are not loaded: with only the bundled font every generic family maps to it,
  // so output does not depend on the machine (and loading is faster).
  return new resvg.Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: {
      loadSystemFonts: false,
      fontFiles: [FONT_FILE],
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
      serifFamily: 'DejaVu Sans',
      monospaceFamily: 'DejaVu Sans',
    },
  });
}

/** Renders an SVG document to PNG bytes, `scale` PNG pixels per SVG pixel. */
export function renderPNG(svg: string, scale: number): Uint8Array {
  return renderer(svg, scale).render().asPng();
}

/** Renders an SVG document to RGBA pixels (for checks on what a figure shows). */
export function rasterize(svg: string, scale = 1): RasterImage {
  const image = renderer(svg, scale).render();
  return { width: image.width, height: image.height, pixels: new Uint8Array(image.pixels) };
}

/** Writes a file (text as UTF-8). */
export async function writeFile(path: string, data: string | Uint8Array): Promise<void> {
  await fsWriteFile(path, data);
}
