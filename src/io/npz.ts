/**
 * numpy's `.npz` archives: a zip of `<name>.npy` members (fflate), readable with `np.load`. Values
 * are stored in SI units; the member `metadata.json` records each array's unit and dimension.
 */
import { verifyZipCrcs } from './zip-check.ts';
import { unzipSync, zipSync } from 'fflate';
import type { Zippable } from 'fflate';
import { Dimension, DIMENSIONLESS, getBaseUnit } from '../units/index.ts';
import { readBytes, writeBytes } from './files.ts';
import { resolveExportData } from './monitors.ts';
import type { ExportData } from './monitors.ts';
import { decodeNpy, encodeNpy, fail, toNdArray } from './npy.ts';
import type { NdArray, Where } from './npy.ts';
import { checkIoOptions } from './errors.ts';
import { showValue } from '../util/index.ts';

/** The archive member holding the metadata (raw JSON; `json.loads(np.load(f)['metadata.json'])`). */
export const METADATA_ENTRY = 'metadata.json';

/** The metadata stored with exported arrays. */
export interface ExportMetadata {
  /** Marks files written by brian-ts. */
  readonly format: 'brian-ts';
  /** Version of the export format. */
  readonly version: number;
  /** Each array's unit as displayed (`V`, `Hz`, `1` for dimensionless); values are in this SI unit. */
  readonly units: Readonly<Record<string, string>>;
  /** Each array's dimension as exponents of m, kg, s, A, K, mol, cd. */
  readonly dimensions: Readonly<Record<string, readonly number[]>>;
  /** What the caller passed as `metadata`. */
  readonly user?: unknown;
}

/** Options of `exportNpz`/`encodeNpz`. */
export interface NpzOptions {
  /** Deflate the members (`np.savez_compressed`); default false (`np.savez`). */
  compress?: boolean;
  /** Extra JSON-serialisable data stored in `metadata.json` under `user`. */
  metadata?: unknown;
}

/** Arrays read from an `.npz` archive, with their dimensions restored from its metadata. */
export interface LoadedArrays {
  /** The arrays by name. */
  readonly arrays: Record<string, NdArray>;
  /** The archive's `metadata.json`, if present. */
  readonly metadata: ExportMetadata | undefined;
}

const FORMAT_VERSION = 1;

/** The unit a dimension's SI values are in, as Brian displays it (`1` when dimensionless). */
export function siUnitName(dim: Dimension | undefined): string {
  if (dim === undefined || dim === DIMENSIONLESS) return '1';
  return String(getBaseUnit(dim) ?? dim);
}

/** Checks an export name: non-empty, no NUL, not an absolute or parent path. */
export function checkName(name: string, where: Where): void {
  if (name.length === 0 || name.includes('\0') || name.startsWith('/') || name.split('/').includes('..')) {
    fail(where, `invalid array name ${JSON.stringify(name)}`);
  }
}

/** Converts every value of an export to an NdArray. */
export function toNdArrays(data: ExportData, where: Where): [string, NdArray][] {
  const record = resolveExportData(data, where);
  return Object.entries(record).map(([name, value]) => {
    checkName(name, where);
    return [name, toNdArray(value, name, where)];
  });
}

/** The metadata of a set of arrays. */
export function metadataOf(arrays: readonly [string, NdArray][], user: unknown): ExportMetadata {
  const units: Record<string, string> = {};
  const dimensions: Record<string, number[]> = {};
  for (const [name, array] of arrays) {
    units[name] = siUnitName(array.dim);
    dimensions[name] = [...(array.dim ?? DIMENSIONLESS).exponents];
  }
  return { format: 'brian-ts', version: FORMAT_VERSION, units, dimensions, ...(user === undefined ? {} : { user }) };
}

/** Encodes NdArrays as a zip of `.npy` members plus extra raw members. */
export function zipArrays(arrays: readonly [string, NdArray][], extra: Readonly<Record<string, Uint8Array>>, compress: boolean, where: Where): Uint8Array {
  const members: Zippable = {};
  let total = 0;
  for (const [name, array] of arrays) {
    const bytes = encodeNpy(array, name, where);
    total += bytes.length;
    members[`${name}.npy`] = [bytes, { level: compress ? 6 : 0 }];
  }
  for (const [name, bytes] of Object.entries(extra)) members[name] = [bytes, { level: compress ? 6 : 0 }];
  // fflate writes no zip64 records, so members and the archive must stay below 4 GiB.
  if (total >= 0xfffff000) fail(where, `the arrays hold ${total} bytes; archives of 4 GiB or more are not supported`);
  return zipSync(members);
}

/**
 * Encodes arrays (or a monitor's data) as an `.npz` archive.
 * @example
 * const bytes = encodeNpz({ t: M.t, v: M.v });
 */
export function encodeNpz(data: ExportData, options?: NpzOptions, where: Where = { call: 'encodeNpz' }): Uint8Array {
  options = checkIoOptions(options, ['compress', 'metadata'], where);
  const arrays = toNdArrays(data, where);
  const metadata = metadataOf(arrays, options.metadata);
  let json: string;
  try {
    json = JSON.stringify(metadata);
  } catch (e) {
    return fail(where, 'the metadata is not JSON-serialisable', e);
  }
  return zipArrays(arrays, { [METADATA_ENTRY]: new TextEncoder().encode(json) }, options.compress === true, where);
}

/** Unzips an archive, verifying every member's CRC-32 (IoError when it is not a zip file or is damaged). */
export function unzip(bytes: Uint8Array, where: Where): Record<string, Uint8Array> {
  let members: Record<string, Uint8Array>;
  try {
    members = unzipSync(bytes);
  } catch (e) {
    return fail(where, `not a valid .npz (zip) archive: ${e instanceof Error ? e.message : String(e)}`, e);
  }
  verifyZipCrcs(bytes, members, where);
  return members;
}

function parseMetadata(bytes: Uint8Array | undefined, where: Where): ExportMetadata | undefined {
  if (bytes === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    return fail(where, `${METADATA_ENTRY} is not valid JSON`, e);
  }
  const m = parsed as Partial<ExportMetadata> | null;
  if (typeof m !== 'object' || m === null || m.format !== 'brian-ts' || typeof m.units !== 'object' || typeof m.dimensions !== 'object') {
    fail(where, `${METADATA_ENTRY} is not brian-ts export metadata`);
  }
  if (typeof m.version !== 'number' || m.version > FORMAT_VERSION) {
    fail(where, `${METADATA_ENTRY} has version ${showValue(m.version)}; this brian-ts reads version ${FORMAT_VERSION} (written by a newer brian-ts?)`);
  }
  return m as ExportMetadata;
}

/** The dimension recorded for `name`, if any. */
function dimensionOf(metadata: ExportMetadata | undefined, name: string, where: Where): Dimension | undefined {
  const exps = metadata?.dimensions[name];
  if (exps === undefined) return undefined;
  if (!Array.isArray(exps) || exps.length !== 7 || !exps.every((e) => typeof e === 'number' && Number.isFinite(e))) {
    fail(where, `${METADATA_ENTRY} has an invalid dimension for '${name}'`);
  }
  return Dimension.of(exps);
}

/** Reads an `.npz` archive: every `.npy` member, with dimensions from `metadata.json` when present. */
export function decodeNpz(bytes: Uint8Array, where: Where = { call: 'decodeNpz' }): LoadedArrays {
  const members = unzip(bytes, where);
  const metadata = parseMetadata(members[METADATA_ENTRY], where);
  const arrays: Record<string, NdArray> = {};
  for (const [member, content] of Object.entries(members)) {
    if (!member.endsWith('.npy')) continue;
    const name = member.slice(0, -4);
    const array = decodeNpy(content, name, where);
    const dim = dimensionOf(metadata, name, where);
    arrays[name] = dim === undefined || dim === DIMENSIONLESS ? array : { ...array, dim };
  }
  return { arrays, metadata };
}

/**
 * Writes arrays, or a monitor's data, to an `.npz` file that `numpy.load` reads. Values are SI;
 * `metadata.json` in the archive gives each array's unit.
 * @example
 * await exportNpz('lif.npz', M);                         // t and v (n_indices × n_times), like Brian2's M.t, M.v
 * await exportNpz('spikes.npz', { t: S.t, i: S.i });
 * // Python: d = np.load('spikes.npz'); d['t'], d['i']; json.loads(d['metadata.json'])['units']
 */
export async function exportNpz(path: string, data: ExportData, options?: NpzOptions): Promise<void> {
  const where = { call: 'exportNpz', path };
  await writeBytes(where, encodeNpz(data, options, where));
}

/** Reads an `.npz` file written by `exportNpz` or numpy (`np.savez`), dimensions restored from its metadata. */
export async function loadNpz(path: string): Promise<LoadedArrays> {
  const where = { call: 'loadNpz', path };
  return decodeNpz(await readBytes(where), where);
}
