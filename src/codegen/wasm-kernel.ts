/**
 * WebAssembly f64x2 kernels for fast-math state updates (session 6, issue 11). A per-element
 * state update whose statements are float arithmetic, comparisons, selects and the functions of
 * {@link KERNEL_FUNCTIONS} is compiled, from its optimised IR only, into a module whose function
 * runs two elements per iteration; the generated JavaScript around it computes the scalar block
 * and the hoisted values, writes them to the kernel's parameter area, and calls
 * {@link KernelRunner.run}, which copies the arrays read into the kernel's memory, runs it, and
 * copies the arrays written back. An odd count is padded by one lane whose result is dropped: each
 * element's value is the same IEEE operations in whichever lane and range it falls, so results do
 * not depend on the thread count or the ranges.
 */
import { FunctionBody, SIMD, instantiate, instantiateOver, interleavePairs, moduleBytes, wasmSimd } from './wasm-emit.ts';
import { MathScratch, WASM_MATH, emitMath } from './wasm-math.ts';
import { EXACT_WASM_MATH, ExactExpScratch, emitExact, emitExactOrdinary, exactMathAvailable } from './wasm-exp.ts';
import { MULTIPLIED_EXPONENTS } from './functions.ts';
import type { IRArray, IRBlock, IRExpr, IRStatement } from './ir.ts';
import { walkIR } from './ir.ts';
import type { CseDefinition, CseDefinitions } from './optimise.ts';
import type { ArrayVariable, WasmMemory } from '../variables/index.ts';
import { wasmMemoryOf } from '../variables/index.ts';
import { InternalError, sameElements } from '../util/index.ts';

/** Default functions a kernel evaluates (other calls keep the JavaScript loop). */
export const KERNEL_FUNCTIONS: ReadonlySet<string> = new Set([...WASM_MATH, 'sqrt', 'abs', 'clip', 'floor', 'ceil', 'int', 'sign']);

/**
 * The functions an exact-mode kernel evaluates (session 8): those whose f64x2 form gives the
 * JavaScript helper's bits for every double — `sqrt`, `abs`, `floor`, `ceil` are IEEE operations
 * in both; `clip` is `Math.min(Math.max(a, lo), hi)`, and WebAssembly's `f64x2.min`/`max` have
 * Math.min/max's NaN and ±0 semantics; `int` is `Math.trunc(x) + 0` (`f64x2.trunc`, then + 0);
 * `sign` keeps ±0 and NaN as Math.sign. exp, expm1 and exprel (s8-exp) where {@link exactMathAvailable}:
 * the f64x2 ports of V8's fdlibm exp/expm1 (wasm-exp.ts), checked against this engine's Math.exp /
 * Math.expm1 once per process (not fast mode's vector forms, within 2–3 ulp). Every other function
 * keeps the JavaScript loop.
 */
export const EXACT_KERNEL_FUNCTIONS: ReadonlySet<string> = new Set(['sqrt', 'abs', 'clip', 'floor', 'ceil', 'int', 'sign']);

/** Exact mode's kernel functions on this engine: {@link EXACT_KERNEL_FUNCTIONS}, plus exp/expm1/exprel where their port passed its self-check. */
function exactKernelFunctions(): ReadonlySet<string> {
  return (exactFunctions ??= new Set([...EXACT_KERNEL_FUNCTIONS, ...[...EXACT_WASM_MATH.keys()].filter(exactMathAvailable)]));
}
let exactFunctions: ReadonlySet<string> | undefined;

/**
 * The rule choosing a kernel over the JavaScript loop (deterministic: a count of the IR, never a
 * timing): at least this many calls of exp/expm1/exprel per element after hoisting and CSE.
 * Measured (bench/fast-math/kernel-breakeven.bench.ts, bench/README.md): with 1–3 calls fast
 * mode's inlined table exp in JavaScript is as fast or faster (kernel/JS 1.3, 1.2, 1.0); from 4
 * calls the kernel wins (0.6–0.8), and on HH and COBAHH (10 calls) the whole run takes half the time.
 */
export const KERNEL_MIN_CALLS = 4;

/**
 * Elements per kernel call: a run goes through its range in chunks, so a kernel's memory (and
 * what is copied between calls) stays cache-sized whatever the group's size. Even, so that only a
 * range's last chunk can need a padded lane.
 */
export const KERNEL_CHUNK = 2048;

/** What the generated JavaScript needs to drive a kernel. */
export interface KernelPlan {
  /**
   * Data for {@link kernelRunner} (a copying kernel) or {@link inPlaceKernel} (one over the group's
   * WebAssembly memory: `memory` set). Structured-cloneable: workers receive a copy (the shared
   * memory included, which a worker instantiates the module over).
   */
  readonly descriptor: KernelDescriptor | InPlaceDescriptor;
  /** In place: `k(lo, hi, params…)` works on the storage directly and returns the events it wrote (0 without the threshold). */
  readonly inPlace: boolean;
  /** In place with the threshold: the kernel writes the event indices from `events[lo]` on. */
  readonly threshold: boolean;
  /**
   * The parameter slots in order: scalar array variables (by name), hoisted values (by id) and
   * captured constants (exact mode's `const` nodes, by name: a value, not baked into the module,
   * so code shared by builds with other values stays right).
   */
  readonly params: readonly ({ readonly k: 'array'; readonly name: string } | { readonly k: 'hoisted'; readonly id: number; readonly boolean: boolean } | { readonly k: 'const'; readonly name: string; readonly boolean: boolean })[];
  /** The array slots in order (their typed arrays are assigned to the runner's `a` before each run). */
  readonly arrays: readonly string[];
  /** exp/expm1/exprel calls per element (the rule's count; also the thread cost estimate's). */
  readonly calls: number;
}

/** The module and its memory layout. */
export interface KernelDescriptor {
  readonly bytes: Uint8Array;
  /** Number of parameter doubles at the start of the memory. */
  readonly params: number;
  /** Per array slot: its offset in doubles. */
  readonly offsets: readonly number[];
  /** Slots copied in before / out after the kernel. */
  readonly ins: readonly number[];
  readonly outs: readonly number[];
  /** The most elements one call of the kernel handles (a run copies and computes chunks of this size). */
  readonly capacity: number;
}

/** An in-place kernel: the module (importing the memory) and the memory it works on. */
export interface InPlaceDescriptor {
  readonly bytes: Uint8Array;
  readonly memory: WasmMemory;
}

type Kind = 'float' | 'bool';

/** Why a block has no kernel (for tests and the design notes), or undefined when it has one. */
export type Ineligible = string;

/**
 * Plans the kernel of an optimised per-element block, or returns the reason there is none. Only
 * `vector` statements and their CSE definitions go into the kernel; the scalar block and the
 * hoisted values stay in JavaScript, the condition too.
 */
export function planKernel(
  block: IRBlock,
  hoisted: readonly IRExpr[],
  cse: CseDefinitions,
  arrays: ReadonlyMap<string, ArrayVariable>,
  N: number,
  minCalls = KERNEL_MIN_CALLS,
  inPlace?: InPlaceRequest,
  exact = false,
): KernelPlan | Ineligible {
  if (!wasmSimd) return 'no WebAssembly SIMD on this platform';
  // Exact mode (session 8): in place only (a copying kernel needs exp calls to pay), and only
  // operations whose f64x2 form is bit-identical to the JavaScript loop's.
  if (exact && inPlace === undefined) return 'exact mode: in place only';
  const functions = exact ? exactKernelFunctions() : KERNEL_FUNCTIONS;
  if (block.vector.length === 0) return 'no per-element statements';
  if (block.sites > 0) return 'random numbers';
  // Kinds of temporaries, CSE values and hoisted values, in definition order.
  const temps = new Map<string, Kind>();
  const cses = new Map<number, Kind>();
  const hoistedKinds = new Map<number, Kind>();
  let reason: string | undefined;
  const fail = (why: string): undefined => {
    reason ??= why;
    return undefined;
  };
  const kindOf = (e: IRExpr): Kind | undefined => {
    switch (e.k) {
      case 'num':
      case 'const':
        return e.type === 'boolean' ? 'bool' : 'float';
      case 'array': {
        const v = e.variable;
        // Dynamic storage (synapses) is fine: the generated code hands the runner the current arrays.
        if (!v.scalar && v.index !== '_idx') return fail(`'${e.name}' read through an index`);
        return v.dtype === 'bool' ? 'bool' : v.dtype === 'float64' || v.dtype === 'int32' ? 'float' : fail(`'${e.name}' of type ${v.dtype}`);
      }
      case 'temp':
        return temps.get(e.name) ?? fail(`temporary '${e.name}' read before it is set`);
      case 'hoisted': {
        // Computed in JavaScript: only its kind matters here.
        let k = hoistedKinds.get(e.id);
        if (k === undefined) hoistedKinds.set(e.id, (k = resultKind(hoisted[e.id]!, hoisted)));
        return k;
      }
      case 'cse':
        return cses.get(e.id) ?? fail('a common subexpression defined outside the statements');
      case 'random':
        return fail('random numbers');
      case 'unary': {
        const a = kindOf(e.a);
        if (a === undefined) return undefined;
        if (e.op === 'not') return a === 'bool' ? 'bool' : fail('not of a number');
        return a === 'float' ? 'float' : fail('arithmetic on a boolean');
      }
      case 'binary': {
        const a = kindOf(e.a);
        const b = kindOf(e.b);
        if (a === undefined || b === undefined) return undefined;
        switch (e.op) {
          case 'and':
          case 'or':
            return a === 'bool' && b === 'bool' ? 'bool' : fail('and/or of numbers');
          case '==':
          case '!=':
            return a === b ? 'bool' : fail('a boolean compared with a number');
          case '<':
          case '<=':
          case '>':
          case '>=':
            return a === 'float' && b === 'float' ? 'bool' : fail('an ordered comparison of booleans');
          case '+':
          case '-':
          case '*':
          case '/':
            return a === 'float' && b === 'float' ? 'float' : fail('arithmetic on a boolean');
          case '**':
            return a === 'float' && e.b.k === 'num' && MULTIPLIED_EXPONENTS.has(e.b.value) ? 'float' : fail('a power other than 2, 3, 4, -1');
          default:
            return fail(`the operator ${e.op}`);
        }
      }
      case 'call': {
        if (e.user !== undefined) return fail(`the user function ${e.fn}`);
        if (!functions.has(e.fn)) return fail(exact && WASM_MATH.has(e.fn) ? `the function ${e.fn} (its exact port failed its self-check on this engine)` : `the function ${e.fn}`);
        for (const a of e.args) if (kindOf(a) !== 'float') return fail(`a non-numeric argument of ${e.fn}`);
        return 'float';
      }
      case 'select': {
        const c = kindOf(e.cond);
        const a = kindOf(e.a);
        const b = kindOf(e.b);
        if (c !== 'bool' || a === undefined || a !== b) return fail('a select of mixed values');
        return a;
      }
    }
  };
  const statements = block.vector;
  for (let k = 0; k < statements.length && reason === undefined; k++) {
    for (const d of cse.vector[k] ?? []) {
      const kind = kindOf(d.value);
      if (kind !== undefined) cses.set(d.id, kind);
    }
    const s = statements[k]!;
    if (s.op === '%=') fail('%=');
    const kind = kindOf(s.value);
    if (kind === undefined) break;
    if (s.op !== '=' && kind !== 'float') fail('an in-place operation on a boolean');
    if (s.gate !== undefined && kindOf(s.gate) !== 'bool') fail('a gate');
    if (s.variable === undefined) {
      const previous = temps.get(s.target);
      if (previous !== undefined && previous !== kind) fail(`temporary '${s.target}' of two types`);
      temps.set(s.target, kind);
    } else {
      const v = s.variable;
      if (v.scalar || v.index !== '_idx') fail(`'${s.target}' is not the element's own`);
      else if (v.dtype !== 'float64' && v.dtype !== 'bool') fail(`'${s.target}' of type ${v.dtype}`);
      else if (kind !== (v.dtype === 'bool' ? 'bool' : 'float')) fail(`a value of another type stored in '${s.target}'`);
    }
  }
  if (reason !== undefined) return reason;
  let calls = 0;
  const all = [...statements.map((s) => s.value), ...cse.vector.flat().map((d) => d.value)];
  for (const e of all) walkIR(e, (n) => n.k === 'call' && WASM_MATH.has(n.fn) && calls++);
  // In place (session 7): every element array is float64 storage of one shared WebAssembly memory.
  let place: InPlace | undefined;
  if (inPlace !== undefined) {
    const memory = inPlaceMemory(statements, cse, inPlace);
    if (memory !== undefined) {
      // The threshold too where its condition is expressible and its events live in the same memory.
      let threshold: InPlace['threshold'];
      const t = inPlace.threshold;
      if (t !== undefined && wasmMemoryOf(t.events) === memory && t.events.byteOffset % 4 === 0) {
        const before = reason;
        for (const d of t.defs) {
          const kind = kindOf(d.value);
          if (kind !== undefined) cses.set(d.id, kind);
        }
        const r = t.refractory;
        const ok =
          kindOf(t.condition) === 'bool' &&
          reason === undefined &&
          conditionArraysIn(t, memory) &&
          (r === undefined || (r.t.scalar && r.notRefractory.dtype === 'bool' && inPlaceStorage(r.notRefractory, memory) && r.lastspike.dtype === 'float64' && inPlaceStorage(r.lastspike, memory)));
        reason = before;
        if (ok) threshold = { condition: t.condition, defs: t.defs, events: t.events.byteOffset, refractory: r };
      }
      place = { memory, threshold };
    }
  }
  if (exact && place === undefined) return 'exact mode: the storage is not in one WebAssembly memory';
  if (place === undefined && calls < minCalls) return `${calls} exp/expm1/exprel calls per element (fewer than ${minCalls})`;
  return { ...build(statements, hoisted, cse, arrays, N, temps, cses, hoistedKinds, place, exact), calls };
}

/** What the generator offers for an in-place kernel: the threshold of a fused update (no refractoriness). */
export interface InPlaceRequest {
  readonly threshold?: {
    readonly condition: IRExpr;
    readonly defs: readonly CseDefinition[];
    readonly events: Int32Array;
    /** Refractoriness: an event also needs `not_refractory`, and sets it to false and `lastspike` to `t`. */
    readonly refractory?: { readonly t: ArrayVariable; readonly notRefractory: ArrayVariable; readonly lastspike: ArrayVariable };
  };
}

/** An in-place kernel's memory and, where it does the threshold too, the condition and the events' byte offset. */
interface InPlace {
  readonly memory: WasmMemory;
  readonly threshold: { readonly condition: IRExpr; readonly defs: readonly CseDefinition[]; readonly events: number; readonly refractory: NonNullable<InPlaceRequest['threshold']>['refractory'] } | undefined;
}

/**
 * Element storage an in-place kernel reads and writes: float64 (8-byte aligned) or bool (one byte
 * each) in `memory`; int32 (4-byte aligned) too, read only (statements never store to it: the
 * planner refuses integer targets).
 */
function inPlaceStorage(v: ArrayVariable, memory: WasmMemory | undefined): boolean {
  if (v.size === 'dynamic' || (v.dtype !== 'float64' && v.dtype !== 'bool' && v.dtype !== 'int32')) return false;
  const m = wasmMemoryOf(v.array);
  return m !== undefined && (memory === undefined || m === memory) && v.array.byteOffset % (v.dtype === 'bool' ? 1 : v.dtype === 'int32' ? 4 : 8) === 0;
}

/** The one WebAssembly memory holding every element array of the statements (all float64), or undefined. */
function inPlaceMemory(statements: readonly IRStatement[], cse: CseDefinitions, request: InPlaceRequest): WasmMemory | undefined {
  let memory: WasmMemory | undefined;
  let ok = true;
  const check = (v: ArrayVariable): void => {
    if (v.scalar) return;
    if (!inPlaceStorage(v, memory)) ok = false;
    else memory = wasmMemoryOf(v.array);
  };
  const visit = (e: IRExpr): void => walkIR(e, (n) => n.k === 'array' && check(n.variable));
  for (const s of statements) {
    visit(s.value);
    if (s.gate !== undefined) check(s.gate.variable);
    if (s.variable !== undefined) check(s.variable);
  }
  for (const d of cse.vector.flat()) visit(d.value);
  void request;
  return ok ? memory : undefined;
}

/** Whether the threshold condition's element arrays are float64 storage of `memory`. */
function conditionArraysIn(t: NonNullable<InPlaceRequest['threshold']>, memory: WasmMemory): boolean {
  let ok = true;
  const visit = (e: IRExpr): void =>
    walkIR(e, (n) => {
      if (n.k !== 'array' || n.variable.scalar) return;
      if (!inPlaceStorage(n.variable, memory)) ok = false;
    });
  for (const d of t.defs) visit(d.value);
  visit(t.condition);
  return ok;
}

/** The kind of a value computed in JavaScript (true/false or a number). */
function resultKind(e: IRExpr, hoisted: readonly IRExpr[]): Kind {
  switch (e.k) {
    case 'num':
    case 'const':
      return e.type === 'boolean' ? 'bool' : 'float';
    case 'array':
      return e.variable.dtype === 'bool' ? 'bool' : 'float';
    case 'hoisted':
      return resultKind(hoisted[e.id]!, hoisted);
    case 'unary':
      return e.op === 'not' ? 'bool' : 'float';
    case 'binary':
      return ['and', 'or', '==', '!=', '<', '<=', '>', '>='].includes(e.op) ? 'bool' : 'float';
    case 'select':
      return resultKind(e.a, hoisted);
    default:
      return 'float';
  }
}

function build(
  statements: readonly IRStatement[],
  hoisted: readonly IRExpr[],
  cse: CseDefinitions,
  arrays: ReadonlyMap<string, ArrayVariable>,
  N: number,
  temps: ReadonlyMap<string, Kind>,
  cses: ReadonlyMap<number, Kind>,
  hoistedKinds: ReadonlyMap<number, Kind>,
  place: InPlace | undefined,
  exact: boolean,
): Omit<KernelPlan, 'calls'> {
  const params: KernelPlan['params'][number][] = [];
  const paramOf = new Map<string, number>();
  const paramLocals = new Map<string, number>();
  const slots: string[] = [];
  const slotOf = new Map<string, number>();
  const locals = new Map<string, number>();
  const local = (key: string): number => {
    let l = locals.get(key);
    if (l === undefined) locals.set(key, (l = f.v128()));
    return l;
  };
  const slot = (name: string): number => {
    let s = slotOf.get(name);
    if (s === undefined) {
      slotOf.set(name, (s = slots.length));
      slots.push(name);
    }
    return s;
  };
  // Invariants: one double each in the parameter area, splatted once before the loop.
  const collect = (e: IRExpr): void =>
    walkIR(e, (n) => {
      const key = n.k === 'hoisted' ? `h${n.id}` : n.k === 'array' && n.variable.scalar ? `s${n.name}` : n.k === 'const' ? `k${n.name}` : undefined;
      if (key === undefined || paramOf.has(key)) return;
      paramOf.set(key, params.length);
      if (n.k === 'hoisted') params.push({ k: 'hoisted', id: n.id, boolean: hoistedKinds.get(n.id) === 'bool' });
      else if (n.k === 'const') params.push({ k: 'const', name: n.name, boolean: n.type === 'boolean' });
      else params.push({ k: 'array', name: (n as IRArray).name });
    });
  for (const s of statements) {
    collect(s.value);
    if (s.gate !== undefined) collect(s.gate);
  }
  for (const d of cse.vector.flat()) collect(d.value);
  const refractory = place?.threshold?.refractory;
  if (place?.threshold !== undefined) {
    for (const d of place.threshold.defs) collect(d.value);
    collect(place.threshold.condition);
    if (refractory !== undefined) collect({ k: 'array', name: 't', variable: refractory.t } as IRArray);
  }
  // Copying: `k(bytes)`, parameters in the memory's first doubles. In place: `k(lo, hi, params…) -> events`.
  const f = place === undefined ? new FunctionBody() : new FunctionBody(['i32', 'i32', ...params.map(() => 'f64' as const)], 'i32');
  const scratch = new MathScratch(f);
  // Exact mode's exp/expm1/exprel: the fdlibm ports (planKernel lets them through only where their self-check passed).
  let exactScratch: ExactExpScratch | undefined;
  let exactTmp: number | undefined;
  const kinds = new Map<string, Kind>();
  params.forEach((p, k) => {
    const key = p.k === 'hoisted' ? `h${p.id}` : p.k === 'const' ? `k${p.name}` : `s${p.name}`;
    const l = f.v128();
    paramLocals.set(key, l);
    if (place === undefined) f.i32Const(0).mem(SIMD.load64Splat, 8 * k);
    else f.get(2 + k).simd(SIMD.f64x2Splat);
    const boolean = p.k === 'array' ? arrays.get(p.name)?.dtype === 'bool' : p.boolean;
    if (boolean) f.f64x2(0).simd(SIMD.f64x2Ne);
    kinds.set(key, boolean ? 'bool' : 'float');
    f.set(l);
  });

  // Element arrays: loaded where read before an unconditional assignment (as the JS loop).
  const elementVars = new Map<string, ArrayVariable>();
  for (const s of statements) {
    const visit = (e: IRExpr): void => walkIR(e, (n) => n.k === 'array' && !n.variable.scalar && elementVars.set(n.name, n.variable));
    visit(s.value);
    if (s.gate !== undefined) elementVars.set(s.gate.name, s.gate.variable);
    if (s.variable !== undefined) elementVars.set(s.target, s.variable);
  }
  for (const d of cse.vector.flat()) walkIR(d.value, (n) => n.k === 'array' && !n.variable.scalar && elementVars.set(n.name, n.variable));
  if (place?.threshold !== undefined) {
    for (const e of [...place.threshold.defs.map((d) => d.value), place.threshold.condition]) walkIR(e, (n) => n.k === 'array' && !n.variable.scalar && elementVars.set(n.name, n.variable));
    if (refractory !== undefined) elementVars.set('not_refractory', refractory.notRefractory);
  }
  const assigned = new Set<string>();
  const needed = new Set<string>();
  const reads = (e: IRExpr): void => walkIR(e, (n) => n.k === 'array' && !assigned.has(n.name) && needed.add(n.name));
  statements.forEach((s, k) => {
    (cse.vector[k] ?? []).forEach((d) => reads(d.value));
    reads(s.value);
    if (s.gate !== undefined && !assigned.has(s.gate.name)) needed.add(s.gate.name);
    if (s.variable === undefined) return;
    if (s.op === '=' && s.gate === undefined) assigned.add(s.target);
    else if (!assigned.has(s.target)) needed.add(s.target);
  });
  if (place?.threshold !== undefined) {
    place.threshold.defs.forEach((d) => reads(d.value));
    reads(place.threshold.condition);
    if (refractory !== undefined && !assigned.has('not_refractory')) needed.add('not_refractory');
  }
  const written = [...new Set(statements.filter((s) => s.variable !== undefined).map((s) => s.target))];
  const ins: number[] = [];
  for (const name of elementVars.keys()) {
    slot(name);
    if (needed.has(name)) ins.push(slotOf.get(name)!);
  }
  const outs = written.map((n) => slotOf.get(n)!);
  const P = params.length + (params.length % 2); // keep the arrays 16-byte aligned
  const capacity = Math.min(N, KERNEL_CHUNK) + (Math.min(N, KERNEL_CHUNK) % 2);
  const offsets = slots.map((_, k) => P + k * capacity);
  /** The memory argument's offset of an array slot (the loop's address is 8 × the element index; in place, bool storage is addressed by the index itself). */
  const address = (name: string): number => (place === undefined ? 8 * offsets[slotOf.get(name)!]! : elementVars.get(name)!.array.byteOffset);

  const emit = (e: IRExpr): void => {
    switch (e.k) {
      case 'num':
        if (e.type === 'boolean') f.i64x2(e.value !== 0 ? -1n : 0n);
        else f.f64x2(e.value);
        return;
      case 'const':
        f.get(paramLocals.get(`k${e.name}`)!);
        return;
      case 'array':
        // Booleans are masks in locals (converted from 0/1 where loaded).
        f.get(e.variable.scalar ? paramLocals.get(`s${e.name}`)! : local(`a${e.name}`));
        return;
      case 'temp':
        f.get(local(`t${e.name}`));
        return;
      case 'hoisted':
        f.get(paramLocals.get(`h${e.id}`)!);
        return;
      case 'cse':
        f.get(local(`c${e.id}`));
        return;
      case 'unary':
        emit(e.a);
        if (e.op === 'not') f.simd(SIMD.not);
        else if (e.op === '-') f.simd(SIMD.f64x2Neg);
        return;
      case 'binary': {
        if (e.op === '**') {
          const n = (e.b as { value: number }).value;
          const x = f.v128();
          emit(e.a);
          f.set(x);
          if (n === -1) f.f64x2(1).get(x).simd(SIMD.f64x2Div);
          else if (n === 2) f.get(x).get(x).simd(SIMD.f64x2Mul);
          else if (n === 3) f.get(x).get(x).simd(SIMD.f64x2Mul).get(x).simd(SIMD.f64x2Mul);
          else f.get(x).get(x).simd(SIMD.f64x2Mul).tee(x).get(x).simd(SIMD.f64x2Mul);
          return;
        }
        emit(e.a);
        emit(e.b);
        const boolean = kindOfEmitted(e.a) === 'bool';
        const ops: Record<string, number> = {
          '+': SIMD.f64x2Add,
          '-': SIMD.f64x2Sub,
          '*': SIMD.f64x2Mul,
          '/': SIMD.f64x2Div,
          '<': SIMD.f64x2Lt,
          '<=': SIMD.f64x2Le,
          '>': SIMD.f64x2Gt,
          '>=': SIMD.f64x2Ge,
          '==': boolean ? SIMD.i64x2Eq : SIMD.f64x2Eq,
          '!=': boolean ? SIMD.i64x2Ne : SIMD.f64x2Ne,
          and: SIMD.and,
          or: SIMD.or,
        };
        f.simd(ops[e.op]! as never);
        return;
      }
      case 'call': {
        if (e.fn === 'clip') {
          emit(e.args[0]!);
          emit(e.args[1]!);
          f.simd(SIMD.f64x2Max);
          emit(e.args[2]!);
          f.simd(SIMD.f64x2Min);
          return;
        }
        emit(e.args[0]!);
        if (exact && WASM_MATH.has(e.fn) && special !== undefined) emitExactOrdinary((exactScratch ??= new ExactExpScratch(f)), e.fn, () => (exactTmp ??= f.v128()), special);
        else if (exact && WASM_MATH.has(e.fn)) emitExact((exactScratch ??= new ExactExpScratch(f)), e.fn, () => (exactTmp ??= f.v128()));
        else if (WASM_MATH.has(e.fn)) emitMath(scratch, e.fn);
        else if (e.fn === 'int') f.simd(SIMD.f64x2Trunc).f64x2(0).simd(SIMD.f64x2Add); // Math.trunc(x) + 0: -0 → +0
        else if (e.fn === 'sign') {
          // Math.sign: 1 where x > 0, -1 where x < 0, else x itself (±0, NaN).
          const x = f.v128();
          f.set(x);
          f.f64x2(1).f64x2(-1).get(x).get(x).f64x2(0).simd(SIMD.f64x2Lt).simd(SIMD.bitselect);
          f.get(x).f64x2(0).simd(SIMD.f64x2Gt).simd(SIMD.bitselect);
        } else f.simd(e.fn === 'sqrt' ? SIMD.f64x2Sqrt : e.fn === 'abs' ? SIMD.f64x2Abs : e.fn === 'floor' ? SIMD.f64x2Floor : SIMD.f64x2Ceil);
        return;
      }
      case 'select':
        emit(e.a);
        emit(e.b);
        emit(e.cond);
        f.simd(SIMD.bitselect);
        return;
      case 'random':
        throw new Error('unreachable: random draw in a kernel');
    }
  };
  // Booleans are masks; comparisons of two booleans compare the masks' bits.
  const kindOfEmitted = (e: IRExpr): Kind => {
    switch (e.k) {
      case 'num':
      case 'const':
        return e.type === 'boolean' ? 'bool' : 'float';
      case 'array':
        return e.variable.dtype === 'bool' ? 'bool' : 'float';
      case 'temp':
        return temps.get(e.name)!;
      case 'hoisted':
        return kinds.get(`h${e.id}`)!;
      case 'cse':
        return cses.get(e.id)!;
      case 'unary':
        return e.op === 'not' ? 'bool' : 'float';
      case 'binary':
        return ['and', 'or', '==', '!=', '<', '<=', '>', '>='].includes(e.op) ? 'bool' : 'float';
      case 'select':
        return kindOfEmitted(e.a);
      default:
        return 'float';
    }
  };

  const i = f.i32();
  const end = f.i32();
  /**
   * Exact mode's exp/expm1/exprel by their ordinary forms (set while the statements are emitted
   * that way): the local collecting the lanes outside those forms' ranges (see emitExactOrdinary).
   */
  let special: number | undefined;
  let ordinaryMath = false;
  if (exact && place !== undefined) {
    for (const e of [...statements.map((s) => s.value), ...cse.vector.flat().map((d) => d.value)]) {
      walkIR(e, (n) => {
        if (n.k === 'call' && WASM_MATH.has(n.fn)) ordinaryMath = true;
      });
    }
  }
  /** The element arrays the statements read, into their locals. */
  const loads = (): void => {
    for (const name of elementVars.keys()) {
      if (!needed.has(name)) continue;
      if (place !== undefined && elementVars.get(name)!.dtype === 'bool') {
        // In place, one byte per element: both bytes as an i32, in both lanes, each lane its own byte → mask.
        f.get(index).memOp(0x2f /* i32.load16_u */, 0, address(name));
        f.op(0xad /* i64.extend_i32_u */).simd(SIMD.i64x2Splat).i64x2Pair(0xffn, 0xff00n).simd(SIMD.and).i64x2(0n).simd(SIMD.i64x2Ne);
      } else if (place !== undefined && elementVars.get(name)!.dtype === 'int32') {
        // In place, four bytes per element (read only): the pair's two int32 → two doubles (exact, as JavaScript's read).
        f.get(index).i32Const(2).op(0x74 /* i32.shl */).mem(SIMD.load64Splat, address(name)).simd(SIMD.f64x2ConvertLowI32x4S);
      } else {
        f.get(i).mem(SIMD.load, address(name));
        if (elementVars.get(name)!.dtype === 'bool') f.f64x2(0).simd(SIMD.f64x2Ne);
      }
      f.set(local(`a${name}`));
    }
  };
  const body = (): void =>
    statements.forEach((s, k) => {
      for (const d of cse.vector[k] ?? []) {
        emit(d.value);
        f.set(local(`c${d.id}`));
      }
      const target = s.variable === undefined ? local(`t${s.target}`) : local(`a${s.target}`);
      if (s.op === '=') emit(s.value);
      else {
        f.get(target);
        emit(s.value);
        f.simd(s.op === '+=' ? SIMD.f64x2Add : s.op === '-=' ? SIMD.f64x2Sub : s.op === '*=' ? SIMD.f64x2Mul : SIMD.f64x2Div);
      }
      if (s.gate !== undefined) {
        f.get(target);
        emit(s.gate);
        f.simd(SIMD.bitselect);
      }
      f.set(target);
    });
  /**
   * Loads and computes a pair, by the exact functions' ordinary forms when `ordinaryMath`: returns
   * then the local whose lanes flag a value outside their ranges (else undefined).
   */
  const ordinaryPass = (): number | undefined => {
    let flagged: number | undefined;
    if (ordinaryMath) {
      flagged = special = f.v128();
      f.i64x2(0n).set(special);
    }
    loads();
    body();
    special = undefined;
    return flagged;
  };
  /** One pair of elements at byte address `i`; `tail`: only its first lane is stored and tested. */
  const pair = (tail: boolean): void => {
    if (place !== undefined) f.get(i).i32Const(3).op(0x76 /* i32.shr_u */).set(index);
    if (ordinaryMath && !tail) {
      // Exact exp/expm1/exprel (session 9): the pair by the functions' ordinary forms; where a lane
      // is outside their ranges, the pair again from its loads with the full forms (nothing is
      // stored before this point, so the second pass sees the same inputs). The odd last element
      // (its second lane is whatever follows the array) takes the full forms at once.
      const flagged = ordinaryPass()!;
      f.get(flagged).simd(SIMD.anyTrue).when(() => {
        loads();
        body();
        // This path ends the pair itself and continues the loop (br 1: the loop around this `if`),
        // so the usual path's values never meet these at a join — with a join TurboFan spilled
        // around it (HH's kernel 57–59 ns per neuron-step against 46–50 without).
        finish(false);
        f.get(i).i32Const(16).op(0x6a).set(i).br(1);
      });
    } else {
      loads();
      body();
    }
    finish(tail);
  };
  /** The pair's stores and threshold. */
  const finish = (tail: boolean): void => {
    for (const name of written) {
      if (place !== undefined && elementVars.get(name)!.dtype === 'bool') {
        // In place: the lanes' bits as the two bytes 0/1 (the odd last element: one byte).
        f.get(index).get(local(`a${name}`)).simd(SIMD.i64x2Bitmask);
        if (tail) f.i32Const(1).op(0x71).memOp(0x3a /* i32.store8 */, 0, address(name));
        else f.tee(mask).i32Const(1).op(0x71).get(mask).i32Const(2).op(0x71).i32Const(7).op(0x74).op(0x72 /* i32.or */).memOp(0x3b /* i32.store16 */, 0, address(name));
        continue;
      }
      f.get(i);
      if (elementVars.get(name)!.dtype === 'bool') f.f64x2(1).f64x2(0).get(local(`a${name}`)).simd(SIMD.bitselect); // mask → 1/0
      else f.get(local(`a${name}`));
      if (tail) f.storeLane(address(name), 0);
      else f.mem(SIMD.store, address(name));
    }
    if (threshold !== undefined) {
      // Events: the lanes' mask as bits; only where one is set are indices written, in index
      // order (lane 0 first), each store followed by advancing the pointer by its lane's bit.
      for (const d of threshold.defs) {
        emit(d.value);
        f.set(local(`c${d.id}`));
      }
      emit(threshold.condition);
      if (refractory !== undefined) f.get(local('anot_refractory')).simd(SIMD.and);
      f.simd(SIMD.i64x2Bitmask);
      if (tail) f.i32Const(1).op(0x71 /* i32.and */);
      f.tee(mask);
      f.when(() => {
        if (refractory === undefined) {
          // Branch-free: each lane's index stored, the pointer advanced by the lane's bit.
          f.get(ep).get(index).storeI32(threshold.events);
          f.get(ep).get(mask).i32Const(1).op(0x71).i32Const(2).op(0x74 /* i32.shl */).op(0x6a).set(ep);
          if (!tail) {
            f.get(ep).get(index).i32Const(1).op(0x6a).storeI32(threshold.events);
            f.get(ep).get(mask).i32Const(1).op(0x76).i32Const(2).op(0x74).op(0x6a).set(ep);
          }
          return;
        }
        // Refractoriness: per lane with an event, its index, not_refractory = false, lastspike = t.
        const tParam = 2 + paramOf.get('st')!;
        for (const lane of tail ? [0] : [0, 1]) {
          f.get(mask).i32Const(1 << lane).op(0x71);
          f.when(() => {
            f.get(ep).get(index).i32Const(lane).op(0x6a).storeI32(threshold.events);
            f.get(ep).i32Const(4).op(0x6a).set(ep);
            f.get(index).i32Const(0).memOp(0x3a, 0, address('not_refractory') + lane);
            f.get(i).get(tParam).memOp(0x39 /* f64.store */, 3, refractory.lastspike.array.byteOffset + 8 * lane);
          });
        }
      });
    }
  };
  const threshold = place?.threshold;
  const mask = f.i32();
  const index = f.i32();
  const ep = f.i32();
  if (place === undefined) {
    f.get(0).set(end);
    f.i32Const(0).set(i);
    f.loop(() => {
      f.get(i).get(end).op(0x4f /* i32.ge_u */).brIf(1);
      pair(false);
      f.get(i).i32Const(16).op(0x6a /* i32.add */).set(i).br(0);
    });
    const bytesNeeded = 8 * (P + slots.length * capacity);
    const bytes = moduleBytes(f, Math.max(1, Math.ceil(bytesNeeded / 65536)));
    return { descriptor: { bytes, params: params.length, offsets, ins, outs, capacity }, params, arrays: slots, inPlace: false, threshold: false };
  }
  // In place over [lo, hi): whole pairs, then an odd last element alone (its pair's second lane is
  // loaded — the memory has room after every array — but never stored or tested), so no element
  // outside the range is written and every element's value is the same operations in any split.
  f.get(0).i32Const(3).op(0x74).set(i);
  f.get(1).i32Const(3).op(0x74).set(end);
  f.get(0).i32Const(2).op(0x74).set(ep);
  if (interleavePairs()) {
    // Two pairs per iteration (session 13): the second pair's code is the first's with every local
    // it writes copied and its address 16 bytes on, emitted alternately with the first's.
    const iB = f.i32();
    f.loop(() => {
      f.get(i).i32Const(32).op(0x6a).get(end).op(0x4b /* i32.gt_u */).brIf(1);
      f.get(i).i32Const(16).op(0x6a).set(iB);
      let flagged: number | undefined;
      const a = f.capture(() => {
        f.get(i).i32Const(3).op(0x76 /* i32.shr_u */).set(index);
        flagged = ordinaryPass();
      });
      const map = new Map<number, number>([[i, iB]]);
      for (const l of a.written) map.set(l, f.like(l));
      f.interleave(a, f.renamed(a, map));
      if (flagged !== undefined) {
        // A lane outside the ordinary forms' ranges: both pairs again by the full forms, one after the other.
        f.get(flagged).get(map.get(flagged)!).simd(SIMD.or).simd(SIMD.anyTrue).when(() => {
          loads();
          body();
          finish(false);
          const second = f.capture(() => {
            loads();
            body();
            finish(false);
          });
          f.interleave(f.renamed(second, new Map([[i, iB], [index, map.get(index)!]])));
          f.get(i).i32Const(32).op(0x6a).set(i).br(1);
        });
      }
      finish(false);
      f.interleave(f.renamed(f.capture(() => finish(false)), map));
      f.get(i).i32Const(32).op(0x6a).set(i).br(0);
    });
  }
  f.loop(() => {
    f.get(i).i32Const(16).op(0x6a).get(end).op(0x4b /* i32.gt_u */).brIf(1);
    pair(false);
    f.get(i).i32Const(16).op(0x6a).set(i).br(0);
  });
  f.get(i).get(end).op(0x49 /* i32.lt_u */).when(() => pair(true));
  f.get(ep).get(0).i32Const(2).op(0x74).op(0x6b /* i32.sub */).i32Const(2).op(0x76);
  const pages = place.memory.buffer.byteLength / 65536;
  const bytes = moduleBytes(f, pages, true);
  return { descriptor: knownDescriptor({ bytes, memory: place.memory }), params, arrays: slots, inPlace: true, threshold: threshold !== undefined };
}

/**
 * The in-place descriptors made so far, by their module's bytes (weakly held): the same kernel
 * over the same memory compiled again — a network's next run — gets the same descriptor object,
 * so each thread instantiates it once (inPlaceKernel: per descriptor; a stateless function over
 * the memory, and the bytes hold the group's own addresses) and split code capturing it can run
 * the last run's compiled functions (ParallelSession.launch). Copying kernels (KernelRunner) keep
 * a descriptor each: a runner remembers its last arrays, and two groups with equal code would
 * share one.
 */
const descriptors = new Map<string, WeakRef<InPlaceDescriptor>[]>();

function knownDescriptor(made: InPlaceDescriptor): InPlaceDescriptor {
  let hash = made.bytes.length;
  for (let k = 0; k < made.bytes.length; k++) hash = (Math.imul(hash, 31) + made.bytes[k]!) | 0;
  const key = `${hash} ${made.bytes.length}`;
  const list = (descriptors.get(key) ?? []).filter((r) => r.deref() !== undefined);
  for (const ref of list) {
    const d = ref.deref();
    if (d !== undefined && sameDescriptor(d, made)) return d;
  }
  if (descriptors.size > 4096) descriptors.clear();
  list.push(new WeakRef(made));
  descriptors.set(key, list);
  return made;
}

function sameDescriptor(a: InPlaceDescriptor, b: InPlaceDescriptor): boolean {
  return a.memory === b.memory && sameElements(a.bytes, b.bytes);
}

/** Typed arrays a kernel copies (the group's storage). */
type Storage = Float64Array | Int32Array | Uint8Array;

/**
 * A kernel instance (one per descriptor and thread) with its memory views. `p`: the parameter
 * area; `a`: the storage of each array slot, assigned by the generated code before each run.
 */
export class KernelRunner {
  readonly p: Float64Array;
  readonly a: (Storage | undefined)[];
  private readonly memory: Float64Array;
  private readonly kernel: (bytes: number) => void;
  private lo = -1;
  private hi = -1;
  private readonly seen: (Storage | undefined)[];
  /** Per chunk of the current range: the input views (chunk-major), the output views, the starts. */
  private readonly inViews: Storage[] = [];
  private readonly outViews: Float64Array[] = [];
  private readonly starts: number[] = [];

  constructor(private readonly d: KernelDescriptor) {
    const { buffer, k } = instantiate(d.bytes);
    this.memory = new Float64Array(buffer);
    this.kernel = k;
    this.p = this.memory.subarray(0, d.params);
    this.a = d.offsets.map(() => undefined);
    this.seen = d.offsets.map(() => undefined);
  }

  /** Elements `[lo, hi)`: per chunk, copy in, run, copy out. */
  run(lo: number, hi: number): void {
    const d = this.d;
    let fresh = lo === this.lo && hi === this.hi;
    for (let s = 0; s < this.a.length && fresh; s++) fresh = this.a[s] === this.seen[s];
    if (!fresh) this.views(lo, hi);
    const ins = d.ins.length;
    const outs = d.outs.length;
    for (let c = 0; c < this.starts.length; c++) {
      const start = this.starts[c]!;
      const n = Math.min(hi - start, d.capacity);
      for (let k = 0; k < ins; k++) this.memory.set(this.inViews[c * ins + k]!, d.offsets[d.ins[k]!]!);
      this.kernel(8 * (n + (n % 2)));
      for (let k = 0; k < outs; k++) this.a[d.outs[k]!]!.set(this.outViews[c * outs + k]!, start);
    }
  }

  private views(lo: number, hi: number): void {
    const d = this.d;
    if (lo < 0 || hi < lo) throw new InternalError(`kernel range [${lo}, ${hi})`);
    this.lo = lo;
    this.hi = hi;
    for (let s = 0; s < this.a.length; s++) this.seen[s] = this.a[s];
    this.inViews.length = 0;
    this.outViews.length = 0;
    this.starts.length = 0;
    for (let start = lo; start < hi; start += d.capacity) {
      const end = Math.min(hi, start + d.capacity);
      this.starts.push(start);
      for (const s of d.ins) this.inViews.push(this.a[s]!.subarray(start, end));
      for (const s of d.outs) this.outViews.push(this.memory.subarray(d.offsets[s]!, d.offsets[s]! + end - start));
    }
  }
}

const runners = new WeakMap<KernelDescriptor, KernelRunner>();

/** The runner of a descriptor on this thread (instantiated once; generated code calls it at each execution). */
export function kernelRunner(d: KernelDescriptor): KernelRunner {
  let r = runners.get(d);
  if (r === undefined) runners.set(d, (r = new KernelRunner(d)));
  return r;
}

const inPlaceKernels = new WeakMap<InPlaceDescriptor, (...args: number[]) => number>();

/**
 * The function of an in-place kernel on this thread (instantiated once over the descriptor's
 * memory — in a worker, over its copy of the same shared memory): `k(lo, hi, params…)`, returning
 * the number of events written from `events[lo]` on (0 without a threshold).
 */
export function inPlaceKernel(d: InPlaceDescriptor): (...args: number[]) => number {
  let k = inPlaceKernels.get(d);
  if (k === undefined) inPlaceKernels.set(d, (k = instantiateOver(d.bytes, d.memory)));
  return k;
}
