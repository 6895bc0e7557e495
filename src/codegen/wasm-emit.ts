/**
 * A small WebAssembly binary emitter for fast-math kernels (session 6, issue 11): one module with
 * one memory and one exported function `k(bytes: i32)`, whose body is built from the fixed opcodes
 * below. Only numbers (constants, offsets, local indices) and opcodes from this file ever reach the
 * bytes: no text of any kind. The subset: i32 loop control, f64x2 arithmetic and comparisons,
 * i64x2 integer lanes (exponent bits), bitwise v128 operations and select, v128 loads and stores.
 */
import { InternalError } from '../util/index.ts';

/** Unsigned LEB128. */
function uleb(out: number[], value: number): void {
  let v = value >>> 0;
  if (v !== value) throw new InternalError(`wasm: ${value} is not a u32`);
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
}

/** Signed LEB128 of a 32-bit integer. */
function sleb(out: number[], value: number): void {
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return;
    }
    out.push(byte | 0x80);
  }
}

/** The SIMD opcodes used (after the 0xfd prefix). */
export const SIMD = {
  load: 0x00,
  load64Splat: 0x0a,
  store: 0x0b,
  const: 0x0c,
  f64x2Splat: 0x14,
  f64x2Eq: 0x47,
  f64x2Ne: 0x48,
  f64x2Lt: 0x49,
  f64x2Gt: 0x4a,
  f64x2Le: 0x4b,
  f64x2Ge: 0x4c,
  not: 0x4d,
  and: 0x4e,
  andnot: 0x4f,
  or: 0x50,
  xor: 0x51,
  bitselect: 0x52,
  f64x2Ceil: 0x74,
  f64x2Floor: 0x75,
  i64x2Shl: 0xcb,
  i64x2ShrS: 0xcc,
  i64x2Add: 0xce,
  i64x2Sub: 0xd1,
  i64x2Eq: 0xd6,
  i64x2Ne: 0xd7,
  f64x2Abs: 0xec,
  f64x2Neg: 0xed,
  f64x2Sqrt: 0xef,
  f64x2Add: 0xf0,
  f64x2Sub: 0xf1,
  f64x2Mul: 0xf2,
  f64x2Div: 0xf3,
  f64x2Min: 0xf4,
  f64x2Max: 0xf5,
  f64x2Pmin: 0xf6,
  f64x2Pmax: 0xf7,
} as const;
export type SimdOp = (typeof SIMD)[keyof typeof SIMD];

const I32 = 0x7f;
const V128 = 0x7b;

/** A local's placeholder in the code (indices are final only once every local is known). */
interface LocalRef {
  readonly local: number;
}

/** The body of the module's one function `(param i32)`: local 0 is the parameter. */
export class FunctionBody {
  private readonly code: (number | LocalRef)[] = [];
  /** Constants, each set once into a local before the body (V8 rematerialises a `v128.const` at every use). */
  private readonly prologue: (number | LocalRef)[] = [];
  private readonly constants = new Map<string, number>();
  private readonly v128Ids: number[] = [];
  private readonly i32Ids: number[] = [];
  private nextId = 1;

  /** A new v128 local. */
  v128(): number {
    const id = this.nextId++;
    this.v128Ids.push(id);
    return id;
  }

  /** A new i32 local. */
  i32(): number {
    const id = this.nextId++;
    this.i32Ids.push(id);
    return id;
  }

  private local(op: number, id: number): this {
    this.code.push(op, { local: id });
    return this;
  }
  /** `local.get` (id 0: the parameter). */
  get(id: number): this {
    return this.local(0x20, id);
  }
  set(id: number): this {
    return this.local(0x21, id);
  }
  tee(id: number): this {
    return this.local(0x22, id);
  }
  i32Const(v: number): this {
    this.code.push(0x41);
    sleb(this.code as number[], v);
    return this;
  }
  /** A one-byte opcode (i32: 0x6a add, 0x4f ge_u, …). */
  op(opcode: number): this {
    this.code.push(opcode);
    return this;
  }
  simd(op: SimdOp): this {
    this.code.push(0xfd);
    uleb(this.code as number[], op);
    return this;
  }
  /** A v128 load (`v128.load` or `v128.load64_splat`) or store at address + `offset`. */
  mem(op: typeof SIMD.load | typeof SIMD.store | typeof SIMD.load64Splat, offset: number): this {
    this.simd(op);
    uleb(this.code as number[], op === SIMD.load64Splat ? 3 : 4); // alignment exponent (a hint)
    uleb(this.code as number[], offset);
    return this;
  }
  /** Two equal doubles (a local set once from a `v128.const`). */
  f64x2(value: number): this {
    return this.constant(new Uint8Array(new Float64Array([value, value]).buffer));
  }
  /** Two equal 64-bit integers (a local set once from a `v128.const`). */
  i64x2(value: bigint): this {
    return this.constant(new Uint8Array(new BigInt64Array([value, value]).buffer));
  }
  private constant(bytes: Uint8Array): this {
    const key = bytes.join(',');
    let id = this.constants.get(key);
    if (id === undefined) {
      id = this.v128();
      this.constants.set(key, id);
      this.prologue.push(0xfd);
      uleb(this.prologue as number[], SIMD.const);
      for (const x of bytes) this.prologue.push(x);
      this.prologue.push(0x21, { local: id });
    }
    return this.get(id);
  }
  /** `block` + `loop` (void); `body` may `brIf(1)` to leave and `br(0)` to repeat. */
  loop(body: () => void): this {
    this.code.push(0x02, 0x40, 0x03, 0x40);
    body();
    this.code.push(0x0b, 0x0b);
    return this;
  }
  br(depth: number): this {
    this.code.push(0x0c);
    uleb(this.code as number[], depth);
    return this;
  }
  brIf(depth: number): this {
    this.code.push(0x0d);
    uleb(this.code as number[], depth);
    return this;
  }

  /** The function body's bytes (locals declared, placeholders resolved, `end` appended). */
  bytes(): number[] {
    // Parameter 0, then the i32 locals, then the v128 locals.
    const index = new Map<number, number>([[0, 0]]);
    let next = 1;
    for (const id of this.i32Ids) index.set(id, next++);
    for (const id of this.v128Ids) index.set(id, next++);
    const out: number[] = [];
    const groups: [number, number][] = [];
    if (this.i32Ids.length > 0) groups.push([this.i32Ids.length, I32]);
    if (this.v128Ids.length > 0) groups.push([this.v128Ids.length, V128]);
    uleb(out, groups.length);
    for (const [count, type] of groups) {
      uleb(out, count);
      out.push(type);
    }
    for (const b of [...this.prologue, ...this.code]) {
      if (typeof b === 'number') out.push(b);
      else {
        const k = index.get(b.local);
        if (k === undefined) throw new InternalError('wasm: unknown local');
        uleb(out, k);
      }
    }
    out.push(0x0b);
    return out;
  }
}

function section(out: number[], id: number, content: number[]): void {
  out.push(id);
  uleb(out, content.length);
  for (const b of content) out.push(b);
}

function name(out: number[], text: 'k' | 'm'): void {
  uleb(out, 1);
  out.push(text.charCodeAt(0));
}

/**
 * The module: memory of `pages` 64 KiB pages exported as `m`, the function `k(i32)` exported as `k`.
 */
export function moduleBytes(body: FunctionBody, pages: number): Uint8Array {
  const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  section(out, 1, [1, 0x60, 1, I32, 0]); // type 0: (i32) -> ()
  section(out, 3, [1, 0]); // function 0: type 0
  const memory: number[] = [1, 0x00];
  uleb(memory, pages);
  section(out, 5, memory);
  const exports: number[] = [2];
  name(exports, 'k');
  exports.push(0x00, 0);
  name(exports, 'm');
  exports.push(0x02, 0);
  section(out, 7, exports);
  const fn = body.bytes();
  const code: number[] = [1];
  uleb(code, fn.length);
  for (const b of fn) code.push(b);
  section(out, 10, code);
  return new Uint8Array(out);
}

/** The WebAssembly constructors used (the project's lib settings carry no WebAssembly types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
  validate(bytes: Uint8Array): boolean;
}
const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

/** Whether this platform runs WebAssembly with SIMD (a tiny f64x2 module validates). */
export const wasmSimd: boolean = (() => {
  if (wasm === undefined) return false;
  const f = new FunctionBody();
  f.f64x2(1).get(0).op(0x1a /* drop */).op(0x1a);
  try {
    return wasm.validate(moduleBytes(f, 1));
  } catch {
    return false;
  }
})();

/** A module's exports: its memory's buffer (fixed size: never grown) and the function `k`. */
export function instantiate(bytes: Uint8Array): { readonly buffer: ArrayBuffer; readonly k: (bytes: number) => void } {
  const instance = new wasm!.Instance(new wasm!.Module(bytes));
  return { buffer: (instance.exports.m as { buffer: ArrayBuffer }).buffer, k: instance.exports.k as (bytes: number) => void };
}
