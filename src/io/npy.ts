/**
 * numpy's `.npy` format (version 1.0 written; 1.0–3.0 read): a magic string, a Python-dict header
 * (`descr`, `fortran_order`, `shape`) padded to 64 bytes, then the raw little-endian data in C
 * order. Also the conversion of brian-ts values (typed arrays, QuantityArrays, StateMonitor
 * traces, rows) into n-dimensional arrays.
 */
import { Dimension, DIMENSIONLESS, Quantity, QuantityArray } from '../units/index.ts';
import { IoError } from './errors.ts';
import { showValue } from '../util/index.ts';

/** The numpy dtypes read and written (little-endian or byte-sized). */
export type NpyDtype = '<f8' | '<f4' | '<i8' | '<i4' | '<i2' | '|i1' | '<u8' | '<u4' | '<u2' | '|u1' | '|b1';

/** Typed arrays that hold `.npy` data (`|b1` is a Uint8Array of 0 and 1). */
export type NpyData =
  | Float64Array
  | Float32Array
  | BigInt64Array
  | Int32Array
  | Int16Array
  | Int8Array
  | BigUint64Array
  | Uint32Array
  | Uint16Array
  | Uint8Array;

/**
 * An n-dimensional array in C order (row-major), as stored in a `.npy` file. `dim` is the physical
 * dimension of the values, which are in SI units (absent: dimensionless).
 */
export interface NdArray {
  /** numpy's element type (`'<f8'`, `'<i4'`, `'|b1'`, …). */
  readonly dtype: NpyDtype;
  /** The array's shape (C order). */
  readonly shape: readonly number[];
  /** The elements, flattened in C order, as a typed array of the dtype. */
  readonly data: NpyData;
  /** The physical dimension of float data written from quantities, when known. */
  readonly dim?: Dimension;
}

/** Where an operation runs, for error messages: the public call and the file, if any. */
export interface Where {
  readonly call: string;
  readonly path?: string | undefined;
}

/** Throws the IoError for `where`. */
export function fail(where: Where, reason: string, cause?: unknown): never {
  throw new IoError(where.call, where.path, reason, cause === undefined ? undefined : { cause });
}

interface DtypeInfo {
  readonly create: (buffer: ArrayBuffer, offset: number, length: number) => NpyData;
  readonly ctor: { readonly BYTES_PER_ELEMENT: number; readonly name: string };
}

const DTYPES: Readonly<Record<NpyDtype, DtypeInfo>> = {
  '<f8': { create: (b, o, n) => new Float64Array(b, o, n), ctor: Float64Array },
  '<f4': { create: (b, o, n) => new Float32Array(b, o, n), ctor: Float32Array },
  '<i8': { create: (b, o, n) => new BigInt64Array(b, o, n), ctor: BigInt64Array },
  '<i4': { create: (b, o, n) => new Int32Array(b, o, n), ctor: Int32Array },
  '<i2': { create: (b, o, n) => new Int16Array(b, o, n), ctor: Int16Array },
  '|i1': { create: (b, o, n) => new Int8Array(b, o, n), ctor: Int8Array },
  '<u8': { create: (b, o, n) => new BigUint64Array(b, o, n), ctor: BigUint64Array },
  '<u4': { create: (b, o, n) => new Uint32Array(b, o, n), ctor: Uint32Array },
  '<u2': { create: (b, o, n) => new Uint16Array(b, o, n), ctor: Uint16Array },
  '|u1': { create: (b, o, n) => new Uint8Array(b, o, n), ctor: Uint8Array },
  '|b1': { create: (b, o, n) => new Uint8Array(b, o, n), ctor: Uint8Array },
};

const SUPPORTED = Object.keys(DTYPES).join(', ');

/** Whether `x` is a dtype this module reads and writes. */
export function isNpyDtype(x: unknown): x is NpyDtype {
  return typeof x === 'string' && Object.hasOwn(DTYPES, x);
}

/** The dtype of a typed array (`Uint8Array` → `|u1`); undefined for other values. */
export function dtypeOf(data: unknown): NpyDtype | undefined {
  if (data instanceof Float64Array) return '<f8';
  if (data instanceof Float32Array) return '<f4';
  if (data instanceof BigInt64Array) return '<i8';
  if (data instanceof Int32Array) return '<i4';
  if (data instanceof Int16Array) return '<i2';
  if (data instanceof Int8Array) return '|i1';
  if (data instanceof BigUint64Array) return '<u8';
  if (data instanceof Uint32Array) return '<u4';
  if (data instanceof Uint16Array) return '<u2';
  if (data instanceof Uint8Array && !(data instanceof Uint8ClampedArray)) return '|u1';
  return undefined;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function checkEndianness(where: Where): void {
  // Every platform Node supports is little-endian; typed arrays use the host's byte order.
  if (!LITTLE_ENDIAN) fail(where, 'big-endian hosts are not supported');
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

function product(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Checks an NdArray's dtype, shape and data length. */
export function checkNdArray(array: NdArray, name: string, where: Where): void {
  if (!isNpyDtype(array.dtype)) fail(where, `'${name}' has the unsupported dtype ${showValue(array.dtype)} (supported: ${SUPPORTED})`);
  if (!Array.isArray(array.shape) || !array.shape.every((n) => Number.isSafeInteger(n) && n >= 0)) {
    fail(where, `'${name}' has an invalid shape ${JSON.stringify(array.shape)} (non-negative integers expected)`);
  }
  const info = DTYPES[array.dtype];
  if (dtypeOf(array.data) !== (array.dtype === '|b1' ? '|u1' : array.dtype)) {
    const got = typeof array.data === 'object' && array.data !== null ? array.data.constructor.name : typeof array.data;
    fail(where, `'${name}' has dtype ${array.dtype} but its data is a ${got} (expected ${info.ctor.name})`);
  }
  if (array.data.length !== product(array.shape)) {
    fail(where, `'${name}' has shape (${array.shape.join(', ')}) but ${array.data.length} values`);
  }
  if (array.dtype === '|b1' && !(array.data as Uint8Array).every((b) => b <= 1)) fail(where, `'${name}' has dtype |b1 but values other than 0 and 1`);
}

/** numpy's header dict, e.g. `{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }`. */
function headerText(dtype: NpyDtype, shape: readonly number[]): string {
  const dims = shape.length === 1 ? `(${shape[0]!},)` : `(${shape.join(', ')})`;
  return `{'descr': '${dtype}', 'fortran_order': False, 'shape': ${dims}, }`;
}

/** Encodes an array as a `.npy` file (format version 1.0). */
export function encodeNpy(array: NdArray, name = 'array', where: Where = { call: 'encodeNpy' }): Uint8Array {
  checkEndianness(where);
  checkNdArray(array, name, where);
  let header = headerText(array.dtype, array.shape);
  // Magic (6) + version (2) + length (2) + header, padded with spaces so the data starts at a multiple of 64.
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  if (header.length > 0xffff) fail(where, `the .npy header of '${name}' is too long`);
  const { data } = array;
  const out = new Uint8Array(10 + header.length + data.byteLength);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  out[8] = header.length & 0xff;
  out[9] = header.length >> 8;
  for (let k = 0; k < header.length; k++) out[10 + k] = header.charCodeAt(k);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 10 + header.length);
  return out;
}

/** Reads a `.npy` file (versions 1.0 to 3.0, little-endian dtypes of NpyDtype, C or 2-D Fortran order). */
export function decodeNpy(bytes: Uint8Array, name = 'array', where: Where = { call: 'decodeNpy' }): NdArray {
  checkEndianness(where);
  if (bytes.length < 10 || !MAGIC.every((b, k) => bytes[k] === b)) fail(where, `'${name}' is not a .npy array (bad magic string)`);
  const major = bytes[6]!;
  let headerStart: number;
  let headerLength: number;
  if (major === 1) {
    headerStart = 10;
    headerLength = bytes[8]! | (bytes[9]! << 8);
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) fail(where, `'${name}' is a truncated .npy array`);
    headerStart = 12;
    headerLength = (bytes[8]! | (bytes[9]! << 8) | (bytes[10]! << 16) | (bytes[11]! << 24)) >>> 0;
  } else {
    return fail(where, `'${name}' uses the unsupported .npy format version ${major}.${bytes[7]!}`);
  }
  if (headerStart + headerLength > bytes.length) fail(where, `'${name}' is a truncated .npy array`);
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(headerStart, headerStart + headerLength));
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) fail(where, `'${name}' has a malformed .npy header: ${header.trim()}`);
  if (!isNpyDtype(descr)) fail(where, `'${name}' has the unsupported dtype '${descr}' (supported: ${SUPPORTED})`);
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => (/^\d+L?$/.test(s) ? Number.parseInt(s, 10) : NaN));
  if (!shape.every((n) => Number.isSafeInteger(n))) fail(where, `'${name}' has a malformed shape (${shapeText})`);
  const info = DTYPES[descr];
  const count = product(shape);
  const dataStart = headerStart + headerLength;
  const byteLength = count * info.ctor.BYTES_PER_ELEMENT;
  if (bytes.length - dataStart !== byteLength) {
    fail(where, `'${name}' has ${bytes.length - dataStart} data bytes, shape (${shape.join(', ')}) of ${descr} needs ${byteLength}`);
  }
  // Copy into a fresh buffer: the data need not be aligned for the typed array.
  const buffer = bytes.slice(dataStart, dataStart + byteLength).buffer;
  let data = info.create(buffer, 0, count);
  if (fortran === 'True' && shape.length > 1) {
    if (shape.length !== 2) fail(where, `'${name}' is a ${shape.length}-D array in Fortran order (only 2-D is supported)`);
    data = transposeFortran(data, shape[0]!, shape[1]!);
  }
  return { dtype: descr, shape, data };
}

/** Fortran-order (column-major) `rows × cols` data into C order. */
function transposeFortran(data: NpyData, rows: number, cols: number): NpyData {
  const out = data.slice() as NpyData;
  const src = data as unknown as { [k: number]: number | bigint };
  const dst = out as unknown as { [k: number]: number | bigint };
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) dst[r * cols + c] = src[c * rows + r]!;
  return out;
}

/** The values export functions accept: typed arrays, QuantityArrays, StateMonitor traces (`M.v`), rows, scalars, or NdArrays. */
export type ArrayInput =
  | NdArray
  | NpyData
  | QuantityArray
  | Quantity
  | number
  | boolean
  | readonly number[]
  | readonly boolean[]
  | readonly (ArrayLike<number> | QuantityArray)[]
  | StateTracesLike;

/** What `monitor.v` of a StateMonitor provides: rows of SI values with a dimension. */
export interface StateTracesLike {
  readonly length: number;
  readonly samples: number;
  readonly dim: Dimension;
  readonly values: Float64Array[];
  /** `'float32'`: the monitor stored float32 values, written as `<f4`. */
  readonly dtype?: 'float64' | 'float32';
}

function isNdArray(x: object): x is NdArray {
  return 'dtype' in x && 'shape' in x && 'data' in x;
}

function isStateTraces(x: object): x is StateTracesLike {
  return 'samples' in x && 'dim' in x && (x as { dim: unknown }).dim instanceof Dimension && 'values' in x && 'length' in x;
}

function withDim(array: NdArray, dim: Dimension): NdArray {
  return dim === DIMENSIONLESS ? array : { ...array, dim };
}

/** Rows of equal length as one 2-D `<f8` array (`<i4` when every row is an Int32Array). */
function fromRows(rows: readonly (ArrayLike<number> | QuantityArray)[], name: string, where: Where): NdArray {
  let dim: Dimension | undefined;
  const plain = rows.map((row, k) => {
    if (row instanceof QuantityArray) {
      if (dim !== undefined && dim !== row.dim) fail(where, `the rows of '${name}' have different units (row ${k})`);
      dim = row.dim;
      return row.values;
    }
    if (typeof row !== 'object' || row === null || typeof row.length !== 'number') fail(where, `row ${k} of '${name}' is not an array`);
    if (dim !== undefined && dim !== DIMENSIONLESS) fail(where, `the rows of '${name}' mix QuantityArrays and plain numbers`);
    dim = DIMENSIONLESS;
    return row;
  });
  const cols = plain[0]?.length ?? 0;
  plain.forEach((row, k) => {
    if (row.length !== cols) fail(where, `'${name}' has rows of different lengths (row 0: ${cols}, row ${k}: ${row.length})`);
  });
  const ints = plain.length > 0 && plain.every((row) => row instanceof Int32Array);
  const data = ints ? new Int32Array(plain.length * cols) : new Float64Array(plain.length * cols);
  plain.forEach((row, r) => {
    for (let c = 0; c < cols; c++) {
      const v = row[c];
      if (typeof v !== 'number') fail(where, `'${name}'[${r}][${c}] is not a number`);
      data[r * cols + c] = v;
    }
  });
  return withDim({ dtype: ints ? '<i4' : '<f8', shape: [plain.length, cols], data }, dim ?? DIMENSIONLESS);
}

/**
 * Converts an export value to an NdArray: typed arrays keep their dtype, numbers and
 * QuantityArrays become `<f8` (SI values), booleans `|b1`, rows and StateMonitor traces 2-D arrays
 * `[rows × columns]`.
 */
export function toNdArray(value: ArrayInput, name: string, where: Where = { call: 'toNdArray' }): NdArray {
  if (typeof value === 'number') return { dtype: '<f8', shape: [], data: Float64Array.of(value) };
  if (typeof value === 'boolean') return { dtype: '|b1', shape: [], data: Uint8Array.of(value ? 1 : 0) };
  if (typeof value !== 'object' || value === null) return fail(where, `'${name}' is a ${value === null ? 'null' : typeof value}, not an array`);
  if (value instanceof Quantity) return withDim({ dtype: '<f8', shape: [], data: Float64Array.of(value.value) }, value.dim);
  if (value instanceof QuantityArray) return withDim({ dtype: '<f8', shape: [value.length], data: value.values.slice() }, value.dim);
  const dtype = dtypeOf(value);
  if (dtype !== undefined) return { dtype, shape: [(value as NpyData).length], data: (value as NpyData).slice() as NpyData };
  if (ArrayBuffer.isView(value)) return fail(where, `'${name}' is a ${value.constructor.name}, an unsupported dtype (supported: ${SUPPORTED})`);
  if (isNdArray(value)) {
    checkNdArray(value, name, where);
    return value;
  }
  if (isStateTraces(value)) {
    if (value.length === 0) return withDim({ dtype: '<f8', shape: [0, value.samples], data: new Float64Array(0) }, value.dim);
    const { dtype: rowsType, shape, data } = fromRows(value.values, name, where);
    // float32 recordings keep their dtype (the values are float32 numbers, converted exactly).
    if (value.dtype === 'float32') return withDim({ dtype: '<f4', shape, data: Float32Array.from(data as Float64Array) }, value.dim);
    return withDim({ dtype: rowsType, shape, data }, value.dim);
  }
  if (Array.isArray(value)) {
    const items = value as readonly unknown[];
    if (items.length === 0) return { dtype: '<f8', shape: [0], data: new Float64Array(0) };
    if (items.every((x) => typeof x === 'number')) return { dtype: '<f8', shape: [items.length], data: Float64Array.from(items as number[]) };
    if (items.every((x) => typeof x === 'boolean')) return { dtype: '|b1', shape: [items.length], data: Uint8Array.from(items as boolean[], (b) => (b ? 1 : 0)) };
    if (items.every((x) => typeof x === 'object' && x !== null)) return fromRows(items as (ArrayLike<number> | QuantityArray)[], name, where);
    return fail(where, `'${name}' mixes numbers, booleans and arrays`);
  }
  return fail(where, `'${name}' is a ${value.constructor?.name ?? 'object'}, not an array (expected a typed array, QuantityArray, number[] or rows)`);
}

/** Element `k` of `data` as a JS number (bigints converted). */
export function elementAt(data: NpyData, k: number): number {
  const v = data[k]!;
  return typeof v === 'bigint' ? Number(v) : v;
}
