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
  anyTrue: 0x53,
  f64x2Ceil: 0x74,
  f64x2Floor: 0x75,
  f64x2Trunc: 0x7a,
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
  store64Lane: 0x5b,
  i64x2Bitmask: 0xc4,
  i64x2Splat: 0x12,
  f64x2ConvertLowI32x4S: 0xfe,
} as const;
export type SimdOp = (typeof SIMD)[keyof typeof SIMD];

const I32 = 0x7f;
const F64 = 0x7c;
const V128 = 0x7b;

/** A parameter's or result's value type. */
export type ValueType = 'i32' | 'f64';
const typeCode = (t: ValueType): number => (t === 'i32' ? I32 : F64);

/** A local's placeholder in the code (indices are final only once every local is known). */
interface LocalRef {
  readonly local: number;
}

/** Stack effect of each SIMD opcode used (values pushed minus popped), for {@link FunctionBody.capture}. */
const SIMD_EFFECT = new Map<number, number>([
  ...[SIMD.load, SIMD.load64Splat, SIMD.f64x2Splat, SIMD.i64x2Splat, SIMD.not, SIMD.anyTrue, SIMD.f64x2Ceil, SIMD.f64x2Floor, SIMD.f64x2Trunc, SIMD.f64x2Abs, SIMD.f64x2Neg, SIMD.f64x2Sqrt, SIMD.i64x2Bitmask, SIMD.f64x2ConvertLowI32x4S].map((op) => [op, 0] as const),
  ...[SIMD.f64x2Eq, SIMD.f64x2Ne, SIMD.f64x2Lt, SIMD.f64x2Gt, SIMD.f64x2Le, SIMD.f64x2Ge, SIMD.and, SIMD.andnot, SIMD.or, SIMD.xor, SIMD.i64x2Shl, SIMD.i64x2ShrS, SIMD.i64x2Add, SIMD.i64x2Sub, SIMD.i64x2Eq, SIMD.i64x2Ne, SIMD.f64x2Add, SIMD.f64x2Sub, SIMD.f64x2Mul, SIMD.f64x2Div, SIMD.f64x2Min, SIMD.f64x2Max, SIMD.f64x2Pmin, SIMD.f64x2Pmax].map((op) => [op, -1] as const),
  [SIMD.bitselect, -2],
  [SIMD.store, -2],
  [SIMD.store64Lane, -2],
  [SIMD.const, 1],
]);
/** Stack effect of the one-byte opcodes used (drop, i32 arithmetic and comparisons, i64.extend_i32_u, scalar loads and stores). */
const OP_EFFECT = new Map<number, number>([
  [0x1a, -1], [0x49, -1], [0x4b, -1], [0x4f, -1], [0x6a, -1], [0x6b, -1], [0x71, -1], [0x72, -1], [0x74, -1], [0x76, -1], [0xad, 0],
  [0x2f, 0], [0x36, -2], [0x39, -2], [0x3a, -2], [0x3b, -2],
]);

/**
 * Code emitted by {@link FunctionBody.capture}: its instructions, cut where the operand stack is
 * empty (each part a whole sequence of instructions whose only effects are on locals), and the
 * locals it writes.
 */
export interface Captured {
  readonly parts: readonly (readonly (number | LocalRef)[])[];
  readonly written: ReadonlySet<number>;
}

/**
 * The body of the module's one function: by default `(param i32)`, local 0 the parameter; an
 * in-place kernel (session 7) has `(i32, i32, f64…) -> i32`, locals 0… its parameters.
 */
export class FunctionBody {
  private code: (number | LocalRef)[] = [];
  /** While capturing: the operand stack's depth, the nesting of blocks, where the parts end, the locals written. */
  private capturing: { depth: number; nest: number; cuts: number[]; written: Set<number> } | undefined;
  /** Constants, each set once into a local before the body (V8 rematerialises a `v128.const` at every use). */
  private readonly prologue: (number | LocalRef)[] = [];
  private readonly constants = new Map<string, number>();
  private readonly v128Ids: number[] = [];
  private readonly i32Ids: number[] = [];
  private nextId: number;

  constructor(
    readonly params: readonly ValueType[] = ['i32'],
    readonly result?: ValueType,
  ) {
    this.nextId = params.length;
  }

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
    if (op !== 0x20) this.capturing?.written.add(id);
    return this.effect(op === 0x20 ? 1 : op === 0x21 ? -1 : 0);
  }
  /** While capturing: an instruction's stack effect (a cut where the stack is empty outside any block). */
  private effect(delta: number | undefined): this {
    const c = this.capturing;
    if (c === undefined) return this;
    if (delta === undefined) throw new InternalError('wasm: an instruction of unknown stack effect in captured code');
    c.depth += delta;
    if (c.depth === 0 && c.nest === 0) c.cuts.push(this.code.length);
    return this;
  }

  /**
   * Runs `emit` with its code set aside instead of appended: the parts of {@link Captured}, for
   * {@link FunctionBody.interleave}. Only straight-line code (no blocks) may be captured.
   */
  capture(emit: () => void): Captured {
    if (this.capturing !== undefined) throw new InternalError('wasm: nested capture');
    const code = this.code;
    this.code = [];
    const c = (this.capturing = { depth: 0, nest: 0, cuts: [], written: new Set<number>() });
    try {
      emit();
    } finally {
      this.capturing = undefined;
    }
    const captured = this.code;
    this.code = code;
    if (c.depth !== 0) throw new InternalError('wasm: captured code leaves values on the stack');
    const parts: (number | LocalRef)[][] = [];
    let from = 0;
    for (const cut of c.cuts) {
      parts.push(captured.slice(from, cut));
      from = cut;
    }
    return { parts, written: c.written };
  }

  /** Captured code with locals replaced (`map`: old → new; the others kept). */
  renamed(code: Captured, map: ReadonlyMap<number, number>): Captured {
    const rename = (b: number | LocalRef): number | LocalRef => (typeof b === 'number' ? b : { local: map.get(b.local) ?? b.local });
    return { parts: code.parts.map((p) => p.map(rename)), written: new Set([...code.written].map((l) => map.get(l) ?? l)) };
  }

  /** A new local of the type of `id` (not a parameter). */
  like(id: number): number {
    if (this.i32Ids.includes(id)) return this.i32();
    if (this.v128Ids.includes(id)) return this.v128();
    throw new InternalError('wasm: a parameter has no copy');
  }

  /**
   * Appends captured code, the parts of each in order and those of different codes alternately
   * (codes that share no written local: any such interleaving computes the same values). V8 ≥ 13
   * compiles about in this order, so independent chains (two pairs' divisions and polynomials)
   * overlap instead of waiting on one another.
   */
  interleave(...codes: Captured[]): this {
    if (this.capturing !== undefined) throw new InternalError('wasm: interleave while capturing');
    const n = Math.max(...codes.map((c) => c.parts.length));
    for (let k = 0; k < n; k++) for (const c of codes) for (const b of c.parts[k] ?? []) this.code.push(b);
    return this;
  }
  /** `local.get` (ids 0…: the parameters). */
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
    return this.effect(1);
  }
  /** A one-byte opcode (i32: 0x6a add, 0x4f ge_u, …). */
  op(opcode: number): this {
    this.code.push(opcode);
    return this.effect(OP_EFFECT.get(opcode));
  }
  simd(op: SimdOp): this {
    this.code.push(0xfd);
    uleb(this.code as number[], op);
    return this.effect(op === SIMD.load || op === SIMD.load64Splat || op === SIMD.store || op === SIMD.store64Lane ? 0 : SIMD_EFFECT.get(op));
  }
  /** A v128 load (`v128.load` or `v128.load64_splat`) or store at address + `offset`. */
  mem(op: typeof SIMD.load | typeof SIMD.store | typeof SIMD.load64Splat, offset: number): this {
    this.simd(op);
    uleb(this.code as number[], op === SIMD.load64Splat ? 3 : 4); // alignment exponent (a hint)
    uleb(this.code as number[], offset);
    return this.effect(SIMD_EFFECT.get(op));
  }
  /** `v128.store64_lane` of lane `lane` at address + `offset` (one double of a pair). */
  storeLane(offset: number, lane: 0 | 1): this {
    this.simd(SIMD.store64Lane);
    uleb(this.code as number[], 3);
    uleb(this.code as number[], offset);
    this.code.push(lane);
    return this.effect(-2);
  }
  /** `i32.store` at address + `offset`. */
  storeI32(offset: number): this {
    return this.memOp(0x36, 2, offset);
  }
  /** A scalar load or store (`i32.load16_u` 0x2f, `i32.store8` 0x3a, `i32.store16` 0x3b, `f64.store` 0x39) at address + `offset`. */
  memOp(opcode: 0x2f | 0x36 | 0x39 | 0x3a | 0x3b, align: number, offset: number): this {
    this.code.push(opcode);
    uleb(this.code as number[], align);
    uleb(this.code as number[], offset);
    return this.effect(OP_EFFECT.get(opcode));
  }
  /** Two different 64-bit integers (lane 0, lane 1; a local set once from a `v128.const`). */
  i64x2Pair(lane0: bigint, lane1: bigint): this {
    return this.constant(new Uint8Array(new BigInt64Array([lane0, lane1]).buffer));
  }
  /** `if` (void) … `end`. */
  when(body: () => void): this {
    this.code.push(0x04, 0x40);
    this.block(-1, body);
    this.code.push(0x0b);
    return this.effect(0);
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
    this.block(0, body);
    this.code.push(0x0b, 0x0b);
    return this.effect(0);
  }
  br(depth: number): this {
    this.code.push(0x0c);
    uleb(this.code as number[], depth);
    return this.effect(0);
  }
  brIf(depth: number): this {
    this.code.push(0x0d);
    uleb(this.code as number[], depth);
    return this.effect(-1);
  }
  /** A block's body (after its condition's `delta`): no cut inside it. */
  private block(delta: number, body: () => void): void {
    const c = this.capturing;
    if (c !== undefined) {
      c.depth += delta;
      c.nest++;
    }
    body();
    if (c !== undefined) c.nest--;
  }

  /** The function body's bytes (locals declared, placeholders resolved, `end` appended). */
  bytes(): number[] {
    // The parameters, then the i32 locals, then the v128 locals.
    const index = new Map<number, number>(this.params.map((_, k) => [k, k]));
    let next = this.params.length;
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

function name(out: number[], text: 'k' | 'm' | 'e'): void {
  uleb(out, 1);
  out.push(text.charCodeAt(0));
}

/**
 * The module: memory of `pages` 64 KiB pages exported as `m`, the function `k(i32)` exported as `k`.
 * `imported`: the memory is instead imported as `e.m`, shared, of exactly `pages` pages (an
 * in-place kernel over a group's storage, session 7), and not exported.
 */
export function moduleBytes(body: FunctionBody, pages: number, imported = false): Uint8Array {
  const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const type: number[] = [1, 0x60];
  uleb(type, body.params.length);
  for (const p of body.params) type.push(typeCode(p));
  if (body.result === undefined) type.push(0);
  else type.push(1, typeCode(body.result));
  section(out, 1, type); // type 0
  if (imported) {
    const imports: number[] = [1];
    name(imports, 'e');
    name(imports, 'm');
    imports.push(0x02, 0x03); // memory, limits: shared with a maximum
    uleb(imports, pages);
    uleb(imports, pages);
    section(out, 2, imports);
  }
  section(out, 3, [1, 0]); // function 0: type 0
  if (!imported) {
    const memory: number[] = [1, 0x00];
    uleb(memory, pages);
    section(out, 5, memory);
  }
  const exports: number[] = [imported ? 1 : 2];
  name(exports, 'k');
  exports.push(0x00, 0);
  if (!imported) {
    name(exports, 'm');
    exports.push(0x02, 0);
  }
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
  Instance: new (module: object, imports?: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  validate(bytes: Uint8Array): boolean;
}

/** A WebAssembly.Memory (the project's lib settings carry no WebAssembly types). */
export interface WasmMemory {
  readonly buffer: ArrayBufferLike;
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

/**
 * V8 13.6 (Node 24) compiles a kernel's instructions in about the order we emit them (V8 ≤ 12.9 reordered
 * them): HH's exact kernel, bound by its 110 divisions per pair, then keeps the divider idle — 58 → 79–92 ns
 * per neuron-step, HH 4000 1.6× slower than on Node 20/22/23. V8's instruction scheduler (off by default) brings
 * it back (59 ns). So in Node on V8 ≥ 13 the flag is set once, before the first kernel compiles; it reorders
 * machine instructions within their dependences, never a result (a browser cannot set V8 flags).
 * BRIAN_TS_V8_SCHEDULING=0 leaves V8's default.
 */
let schedulingSet = false;
const node = (globalThis as { process?: { versions?: { v8?: string }; env?: Record<string, string | undefined>; getBuiltinModule?: (id: string) => unknown } }).process;
const nodeV8 = node?.versions?.v8 === undefined ? undefined : Number(node.versions.v8.split('.')[0]);
function scheduleInstructions(): void {
  if (schedulingSet) return;
  schedulingSet = true;
  if (!(nodeV8! >= 13) || node?.env?.['BRIAN_TS_V8_SCHEDULING'] === '0') return;
  const v8 = node?.getBuiltinModule?.('node:v8') as { setFlagsFromString(flags: string): void } | undefined;
  v8?.setFlagsFromString('--turbo-instruction-scheduling');
}

/**
 * Whether in-place kernels run two pairs per iteration, their code interleaved (session 13, s13-sched): where V8
 * compiles in about our order (V8 ≥ 13 without its scheduler: browsers, BRIAN_TS_V8_SCHEDULING=0), the second pair's
 * chains fill the first's latencies (HH's exact kernel 82–98 → 70–79 ns per neuron-step on Node 24); with the
 * scheduler (Node 24's default) two pairs are slower (54–55 → 66: more values live), on Node 20 the same (48).
 * So: not in Node, except V8 ≥ 13 without the scheduler; everywhere else (a browser: no `process`) yes.
 * BRIAN_TS_KERNEL_INTERLEAVE=1/0 forces it (the tests run both forms).
 */
export function interleavePairs(): boolean {
  const forced = node?.env?.['BRIAN_TS_KERNEL_INTERLEAVE'];
  if (forced === '1' || forced === '0') return forced === '1';
  if (nodeV8 === undefined) return true;
  return nodeV8 >= 13 && node?.env?.['BRIAN_TS_V8_SCHEDULING'] === '0';
}

/** An in-place module (imported memory) instantiated over `memory`: its function `k`. */
export function instantiateOver(bytes: Uint8Array, memory: WasmMemory): (...args: number[]) => number {
  scheduleInstructions();
  const instance = new wasm!.Instance(new wasm!.Module(bytes), { e: { m: memory } });
  return instance.exports.k as (...args: number[]) => number;
}

/** A module's exports: its memory's buffer (fixed size: never grown) and the function `k`. */
export function instantiate(bytes: Uint8Array): { readonly buffer: ArrayBuffer; readonly k: (bytes: number) => void } {
  scheduleInstructions();
  const instance = new wasm!.Instance(new wasm!.Module(bytes));
  return { buffer: (instance.exports.m as { buffer: ArrayBuffer }).buffer, k: instance.exports.k as (bytes: number) => void };
}
