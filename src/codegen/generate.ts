/**
 * Stage 4b and 5: rendering a lowered, optimised block into one JavaScript function per code
 * object (the templates), and compiling it once with `new Function`. The source is assembled
 * only from the printer's output and fixed template text; the values the function needs (typed
 * arrays, helpers, random state) are passed in as captured constants, never printed.
 */
import { ensureCapacity, isFloatDtype, wasmMemoryOf } from '../variables/index.ts';
import type { ArrayVariable } from '../variables/index.ts';
import { CodegenError, GslIntegrationError, NonFiniteValueError } from './errors.ts';
import { emitGslElement } from './gsl.ts';
import { OPERATOR_HELPERS, POWER_HELPERS, PURE_FUNCTIONS, toInt32Checked } from './functions.ts';
import { FAST_REPLACED, fastMathFunctions, fastMathInline } from './fast-math.ts';
import type { IRArray, IRExpr, IRStatement } from './ir.ts';
import { literalConstants, walkIR } from './ir.ts';
import { arrayOf, constOf, cseOf, drawOf, functionOf, hoistedOf, localOf, printJs as printPlain, tempOf, userFunctionOf } from './js-printer.ts';
import type { CallInliner } from './js-printer.ts';
import { lower, validateSpec } from './lower.ts';
import type { CachedRender, Recipe } from './build-cache.ts';
import { bind, codeCacheStats, constantValues, findLowering, recipesFor, recordingVariables, storeLowering, structuralKey } from './build-cache.ts';
import { memosEnabled, numberKey } from '../util/index.ts';
import type { Variable } from '../variables/index.ts';
import type { Lowered } from './lower.ts';
import { binomialInversion } from './binomial.ts';
import { irKey, optimise } from './optimise.ts';
import { inPlaceKernel, kernelRunner, planKernel } from './wasm-kernel.ts';
import type { KernelPlan } from './wasm-kernel.ts';
import type { CseDefinition, OptimiseOptions } from './optimise.ts';
import {
  SKEIN_PARITY,
  ZIG_RATIO,
  ZIG_X,
  defaultRandomState,
  normalSlow,
  poissonAt,
  streamKey,
  threefrySource,
  uniformSource,
  zigUSource,
} from './random.ts';
import type { RandomState } from './random.ts';
import type { CodeBlockSpec, CodeObject, SynapticEvents } from './spec.ts';

/** Options of {@link compileCodeBlock}. */
export interface CompileOptions {
  /** Turn folding/hoisting off (tests compare both). */
  readonly optimise?: OptimiseOptions;
  /**
   * Fast-math mode (issue 11; default: the setting of {@link withFastMath}, false outside it):
   * `exp`/`expm1`/`exprel` call the polynomial versions of fast-math.ts, division by a
   * loop-invariant value is multiplication by its hoisted reciprocal, and the invariant factors of a
   * product are hoisted together. Results may differ from exact mode in the last bits.
   */
  readonly fastMath?: boolean;
  /**
   * Numeric constants (namespace values, `N`) as captured values rather than printed literals:
   * `true` all of them, `false` none, `'varying'` those whose value changed since an earlier
   * compilation of the same code in this thread (see {@link compileCodeBlock}). Default: `'varying'`
   * where the setting of {@link setConstantsAsValues} is on (the default), else `false`. Exact mode
   * only (fast mode prints literals); results are identical either way.
   */
  readonly constantsAsValues?: boolean | 'varying';
  /**
   * In fast-math mode, per-element state updates with enough exp/expm1/exprel calls run as a
   * WebAssembly f64x2 kernel (wasm-kernel.ts; default: the setting of {@link withFastMath}, true).
   */
  readonly kernels?: boolean;
  /** The rule's minimum of exp/expm1/exprel calls per element for a kernel (default KERNEL_MIN_CALLS of wasm-kernel.ts; tests lower it). */
  readonly kernelMinCalls?: number;
  /** In-place kernels where the state lives in WebAssembly memory (default true; benchmarks and tests turn it off to compare). */
  readonly inPlace?: boolean;
  /**
   * In exact mode, per-element state updates whose every operation WebAssembly computes
   * bit-identically to JavaScript (no exp or other transcendental call per element) run as an
   * in-place f64x2 kernel where the group's state lives in WebAssembly memory (session 8; default:
   * the setting of {@link withFastMath}, true). Results are the JavaScript loop's bits either way.
   */
  readonly exactKernels?: boolean;
  /** Use the build cache (build-cache.ts; default true, while `setBuildCacheEnabled` leaves it on); tests compare both. */
  readonly buildCache?: boolean;
}

let ambientFastMath = false;
let ambientKernels = true;
let ambientExactKernels = true;
let constantsAsValuesSetting: () => boolean = () => true;

/**
 * Sets where {@link compileCodeBlock} reads its default for `constantsAsValues` (core passes
 * `prefs.codeReuse`; this layer reads no global preference itself).
 */
export function setConstantsAsValues(setting: () => boolean): void {
  constantsAsValuesSetting = setting;
}

/**
 * Runs `fn` with fast-math as the default of every {@link compileCodeBlock} call inside it
 * (`Network.run` compiles its objects' code inside `withFastMath(prefs.fastMath or run's option)`).
 */
export function withFastMath<T>(fastMath: boolean, fn: () => T, kernels = true, exactKernels = true): T {
  const previous = ambientFastMath;
  const previousKernels = ambientKernels;
  const previousExact = ambientExactKernels;
  ambientFastMath = fastMath;
  ambientKernels = kernels;
  ambientExactKernels = exactKernels;
  try {
    return fn();
  } finally {
    ambientFastMath = previous;
    ambientKernels = previousKernels;
    ambientExactKernels = previousExact;
  }
}

/**
 * A code object's form for worker threads (see devices/threads.ts): the same loop over an index
 * range `[lo, hi)`. It does not advance the random counter (the caller does, once per execution,
 * after every range ran), and a threshold writes range `seg`'s events from `eventSpace[lo]` on and
 * their count to `segs[seg]` (the caller merges the segments in index order). A pathway's range
 * delivers the events `evp[from, to)` of its part of the partitioned queue.
 */
export interface RangedCode {
  /** Factory source: `new Function('$cap', source)(captures)` gives `(lo, hi, seg, segs, evp, from, to) => void`. */
  readonly source: string;
  /** The captured values by `$cap` index, and their names (`undefined`: unused by the source). */
  readonly captures: readonly unknown[];
  readonly captureNames: readonly (string | undefined)[];
  /** The ranged function, compiled here (any range; see {@link bind} for the form a thread runs). */
  readonly run: (lo: number, hi: number, seg: number, segs: Int32Array, evp?: Int32Array, from?: number, to?: number) => void;
  /**
   * The factory source of a thread's own instance of the ranged form (same captures, same call,
   * any range within `[0, N]`; `lo = hi` skips the loop, for warm-up calls): its loop bounds are
   * clamped to the literal `[0, N]` (`Math.max`/`Math.min`), and every call returns a new text
   * (an instance number in a comment), so each thread compiles a function of its own. Measured
   * with Node 20's V8 (LIF 10⁵ update + threshold, one thread, over all elements): 64–78 µs with
   * bounds known to lie in `[0, N]` against 103–145 µs with plain `$lo`/`$hi` bounds — with the
   * index range and the captured arrays' lengths known, TurboFan drops the loop's bounds checks.
   * The captured arrays are constants only while the function is the one closure of its
   * feedback cell (V8 then specializes the optimized code to its context; `new Function` of a
   * text already compiled shares the cell through V8's eval cache, hence the unique text): a
   * second instance of the same factory made the same loop 2.2–2.6× slower.
   * Absent: the threads run `source` (tests build such RangedCode by hand).
   */
  readonly bind?: () => string;
  /** Size of the index range split across threads (elements; for synapses, postsynaptic elements or synapses). */
  readonly N: number;
  /**
   * synapses: the pathway's queue, which the caller partitions by the ranges (keyed by `key`'s
   * values, the postsynaptic index, or by the synapse index when `key` is undefined).
   */
  readonly events: SynapticEvents | undefined;
  readonly key: ArrayVariable | undefined;
  /** synapses: the most events an execution can deliver (the number of synapses); else 0. */
  readonly maxEvents: number;
  /**
   * Dynamic storage the code uses (captured as the variable, its array re-read at each execution):
   * workers get the arrays of the run's start, so a caller must run the serial code if one changed.
   */
  readonly dynamic: readonly ArrayVariable[];
  /** The random execution counter to advance once per execution, if the code draws numbers. */
  readonly counter: Uint32Array | undefined;
  /** threshold templates: the event space whose segments the caller merges. */
  readonly eventSpace: Int32Array | undefined;
  /**
   * Event code (a reset, a count-only spike monitor): the event space whose events the loop
   * visits. Its ranged form visits range `seg`'s events where a threshold's ranged form left
   * them, before the caller's merge — `$ev[$lo, $lo + $segs[$seg])`, `$segs` being that
   * threshold's — so it runs split only in the same batch as the threshold's split execution,
   * over the same ranges (each range's events lie in the range: own-index work); otherwise the
   * caller runs its serial code on the merged events.
   */
  readonly eventInput?: Int32Array;
  /**
   * The storage the loop touches (keyed by its typed array), for running several split code
   * objects between two barriers (devices/threads.ts): whether it writes it, and `own`, the
   * index space when every access is at the element's own index of the split (`n:<size>`: the
   * ranges of an index space of that size, the same for every code object over it; `job:<name>`:
   * synapse-indexed storage, partitioned by this pathway's queue only), or `null` (another index:
   * any element).
   */
  readonly access: ReadonlyMap<object, RangeAccess>;
  /**
   * Estimated nanoseconds per element (for the `'auto'` thread rule): 0.003 ns per printed
   * character of the loop plus 10 ns per call of a library function (exp, exprel, …), fitted to
   * LIF (≈ 1–2 ns), CUBA (≈ 3 ns) and Hodgkin–Huxley (≈ 100 ns) on the development machine.
   */
  readonly costNs: number;
}

/** How a ranged loop touches one array (see {@link RangedCode.access}). */
export interface RangeAccess {
  readonly write: boolean;
  readonly own: string | null;
}

/** Called for each compiled code object that has a ranged form while a multi-threaded run is prepared. */
export type ParallelHook = (code: CodeObject, ranged: RangedCode) => CodeObject;
let parallelHook: ParallelHook | undefined;
let parallelMinElements = 0;

/**
 * Installs (or removes, with `undefined`) the hook a multi-threaded run uses to turn code objects
 * into ones that split their loop across threads; code objects with fewer than `minElements`
 * elements are not offered (their ranged form is not even rendered). With no hook, compilation is
 * unchanged.
 */
export function setParallelHook(hook: ParallelHook | undefined, minElements = 0): void {
  parallelHook = hook;
  parallelMinElements = minElements;
}

/** The ranged form's parameters, its per-element loop and a threshold's first event position (see assembleBound). */
const RANGED_PARAMETERS = '$lo, $hi, $seg, $segs, $evp, $from, $to';
const RANGED_LOOP = 'for (let $idx = $lo; $idx < $hi; $idx++) {';
const RANGED_COUNT = 'let $n = $lo;';

/** Templates whose loop is per element (or per synaptic event) and can be split by index range. */
const RANGED_TEMPLATES: ReadonlySet<string> = new Set(['stateupdate', 'run_regularly', 'subexpression_update', 'threshold', 'stateupdate_threshold', 'synapses', 'reset', 'spikemonitor']);

/** Templates whose ranged form visits a threshold's events (see RangedCode.eventInput). */
const EVENT_TEMPLATES: ReadonlySet<string> = new Set(['reset', 'spikemonitor']);

/** A ranged event loop's first line: range `$seg`'s events as its threshold's ranged form left them (see RangedCode.eventInput). */
const RANGED_EVENTS = 'for (let $k = $lo | 0, $m = $k + $segs[$seg]; $k < $m; $k++) {';

/** The index array of postsynaptic variables in a Synapses table. */
const POST_INDEX = '_postsynaptic_idx';

/** What rendering the ranged form found out: the size of the range split, the dynamic storage used. */
interface RangedInfo {
  rangeN: number;
  /** Set where the code runs a WebAssembly kernel: its exp/expm1/exprel calls per element. */
  kernelCalls?: number;
  /** Set where that kernel works in place (no JavaScript loop around it). */
  inPlace?: boolean;
  dynamic: ArrayVariable[];
  /** synapses: the variable whose values split the events (the postsynaptic index), if not the synapse index. */
  key?: ArrayVariable;
  access?: Map<object, RangeAccess>;
}

/** The random stream name of a spec. */
export function streamName(spec: CodeBlockSpec): string {
  return spec.stream ?? `${spec.name}:${spec.template}`;
}

/** The stream key word of random site `site` of a stream. */
export function siteKey(stream: string, site: number): number {
  return streamKey(`${stream}#${site}`);
}

/** A name safe to use as a JS function name, derived from an object name. */
function functionName(name: string): string {
  return `run_${name.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 60)}`;
}

class Writer {
  readonly captures: unknown[] = [];
  /** The captures' names, by index (the build cache re-binds them by name). */
  readonly names: string[] = [];
  /** The constants captured in `$kv`, in order. */
  kvNames: readonly string[] = [];
  readonly prelude: string[] = [];
  readonly body: string[] = [];
  /**
   * Lines run after the loop, outside the function holding it (see {@link assemble}): they read the
   * loop function's result as `$r`, which the loop function returns from `loopResult`.
   */
  epilogue: string[] | undefined;
  loopResult: string | undefined;
  /**
   * Where the body's long loop starts and where the work after it begins (body line indices; see
   * {@link assemble}: the serial form runs the lines before and after it in a loop-free caller).
   */
  loopStart: number | undefined;
  loopEnd: number | undefined;
  private indentLevel = 1;

  /** Marks the next line as the start of the block's long loop (the loop function's first line). */
  markLoop(): void {
    this.loopStart = this.body.length;
  }

  /** Marks the next line as the first one after the long loop (run by the caller). */
  markLoopEnd(): void {
    this.loopEnd = this.body.length;
  }

  capture(name: string, value: unknown): void {
    this.prelude.push(`const ${name} = $cap[${this.captures.length}];`);
    this.captures.push(value);
    this.names.push(name);
  }

  line(text: string): void {
    for (const l of text.split('\n')) this.body.push('  '.repeat(this.indentLevel) + l);
  }

  open(text: string): void {
    this.line(text);
    this.indentLevel++;
  }

  close(text = '}'): void {
    this.indentLevel--;
    this.line(text);
  }
}

function randomNodes(e: IRExpr): IRExpr[] {
  // Post-order, so a draw used in another draw's argument is computed first.
  const out: IRExpr[] = [];
  const visit = (n: IRExpr): void => {
    if (n.k === 'unary') visit(n.a);
    else if (n.k === 'binary') {
      visit(n.a);
      visit(n.b);
    } else if (n.k === 'call' || n.k === 'random') {
      n.args.forEach(visit);
      if (n.k === 'random') out.push(n);
    }
  };
  visit(e);
  return out;
}

function arraysIn(exprs: readonly IRExpr[], out: Map<string, IRArray>): void {
  for (const e of exprs) walkIR(e, (n) => n.k === 'array' && out.set(n.name, n));
}

/**
 * Renders the source of a lowered block; fills `w.captures`. `ranged`: the form over `[$lo, $hi)`
 * for threads (see {@link RangedCode}); returns false (nothing usable rendered) where splitting
 * the loop could change a result: scalar writes, user functions (their implementation may keep
 * state), dynamic storage, writes not at the element's own index, or reads through an index
 * array of an array the block writes.
 */
function render(spec: CodeBlockSpec, lowered: Lowered, options: CompileOptions, fast: boolean, w: Writer, ranged = false, rangedInfo: RangedInfo = { rangeN: spec.N, dynamic: [] }): boolean {
  const { block, hoisted, cse } = optimise(lowered.ir, { ...options.optimise, conditionLast: spec.template === 'stateupdate_threshold', fastMath: fast });
  const random: RandomState = spec.random ?? defaultRandomState;
  const N = spec.N;

  // Helpers and functions actually used.
  const used = new Set<string>();
  const users = new Map<string, unknown>();
  const all: IRExpr[] = [
    ...block.scalar.map((s) => s.value),
    ...block.vector.map((s) => s.value),
    ...(block.condition === undefined ? [] : [block.condition]),
    ...block.records,
    ...hoisted,
    ...[...cse.hoisted, [cse.condition], ...cse.vector, ...cse.records].flat(2).map((d) => d.value),
  ];
  for (const e of all) {
    walkIR(e, (n) => {
      if (n.k === 'call') {
        if (n.user !== undefined) users.set(n.fn, n.user);
        else used.add(n.fn);
      }
    });
  }
  w.capture('$floordiv', OPERATOR_HELPERS.floordiv);
  w.capture('$mod', OPERATOR_HELPERS.mod);
  w.capture('$int32', toInt32Checked);
  w.capture('$pow', OPERATOR_HELPERS.pow);
  for (const [name, fn] of Object.entries(POWER_HELPERS)) w.capture(name, fn);
  // Fast mode inlines exp/expm1/exprel as statements before the expression that uses them (V8
  // inlines only a few calls per loop); the other fast functions are captured and called.
  let inliner: CallInliner | undefined;
  if (fast) {
    const forms = fastMathInline();
    let next = 0;
    let captured = false;
    inliner = (fn, args) => {
      if (!FAST_REPLACED.has(fn) || args.length !== 1) return undefined;
      const id = next++;
      const text = forms.source(fn, `$fa_${id}`, `$fx_${id}`);
      if (text === undefined) return undefined;
      if (!captured) for (const [name, value] of forms.captures) w.capture(name, value);
      captured = true;
      w.line(`const $fa_${id} = ${args[0]!};`);
      w.line(`let $fx_${id} = 0.0;`);
      w.line(`{ ${text} }`);
      return `$fx_${id}`;
    };
  }
  const printJs = (e: IRExpr): string => printPlain(e, inliner);
  const fastFunctions = fast ? fastMathFunctions() : undefined;
  for (const fn of used) {
    const replaced = fastFunctions !== undefined && FAST_REPLACED.has(fn) ? fastFunctions.get(fn as 'exp') : undefined;
    w.capture(functionOf(fn), replaced ?? PURE_FUNCTIONS.get(fn));
  }
  for (const [fn, impl] of users) w.capture(userFunctionOf(fn), impl);
  // Synaptic events split by postsynaptic range when the code writes postsynaptic variables,
  // else by synapse index: either way every written element belongs to one range.
  let keyIndex = '_idx';
  let postN = 0;
  if (ranged) {
    if (users.size > 0 || spec.indices !== undefined || !RANGED_TEMPLATES.has(spec.template)) return false;
    // A spike monitor splits only counting over the whole group (its count at the event's own index).
    if (spec.template === 'spikemonitor' && (spec.times !== undefined || spec.counts === undefined || (spec.eventRange !== undefined && (spec.eventRange[0] !== 0 || spec.eventRange[1] !== N)))) return false;
    if (block.scalar.some((s) => s.variable !== undefined)) return false;
    const written = new Set<unknown>();
    for (const st of block.vector) {
      if (st.variable === undefined) continue;
      const index = st.variable.index;
      if (index === POST_INDEX && spec.template === 'synapses' && typeof st.variable.size === 'number') {
        keyIndex = POST_INDEX;
        postN = Math.max(postN, st.variable.size);
      } else if (index !== '_idx') {
        return false;
      }
      written.add(st.variable.array);
    }
    if (keyIndex === POST_INDEX) {
      rangedInfo.rangeN = postN;
      rangedInfo.key = lowered.arrays.get(POST_INDEX);
      if (rangedInfo.key === undefined) return false;
    }
    if (spec.refractory === true) {
      for (const n of ['not_refractory', 'lastspike']) written.add(lowered.arrays.get(n)?.array);
    }
    // Index spaces of the own-index accesses (see RangedCode.access).
    const own = (index: string): string | null => {
      if (spec.template === 'synapses') {
        if (index === POST_INDEX && keyIndex === POST_INDEX) return `n:${postN}`;
        return index === '_idx' ? `job:${spec.name}` : null;
      }
      return index === '_idx' ? `n:${spec.N}` : null;
    };
    const access = new Map<object, RangeAccess>();
    for (const variable of lowered.arrays.values()) {
      if (variable.size === 'dynamic') rangedInfo.dynamic.push(variable);
      const index = variable.index;
      access.set(variable.array, { write: written.has(variable.array), own: own(index) });
      if (index === '_idx' || index === '0' || index === keyIndex) continue;
      if (written.has(variable.array)) return false;
      // An element read through an index array may be one another range writes.
      if (written.has(lowered.arrays.get(index)?.array)) return false;
    }
    // A threshold's events: its ranges write segments that the caller merges after the barrier.
    if ((spec.template === 'threshold' || spec.template === 'stateupdate_threshold') && spec.eventSpace !== undefined) {
      access.set(spec.eventSpace.array, { write: true, own: null });
    }
    // Event code reads them (see RangedCode.eventInput); a count-only monitor counts at the event's own index.
    if (EVENT_TEMPLATES.has(spec.template) && spec.eventSpace !== undefined) {
      access.set(spec.eventSpace.array, { write: false, own: null });
    }
    if (spec.template === 'spikemonitor') access.set(spec.counts!.array, { write: true, own: `n:${N}` });
    rangedInfo.access = access;
  }

  // Storage: fixed-size arrays are captured once; dynamic ones are re-read at each execution.
  const dynamic: string[] = [];
  for (const [name, variable] of lowered.arrays) {
    if (variable.size === 'dynamic') {
      w.capture(`$o_${name}`, variable);
      dynamic.push(name);
    } else {
      w.capture(arrayOf(name), variable.array);
    }
  }
  for (const name of dynamic) w.line(`const ${arrayOf(name)} = $o_${name}.array;`);

  // Constants passed as values (IRConst): one captured array, copied into locals per execution,
  // in order of first use (the same for every build of the same model, whatever the values).
  const constants = new Map<string, number>();
  for (const e of all) walkIR(e, (n) => n.k === 'const' && !constants.has(n.name) && constants.set(n.name, n.value));
  if (constants.size > 0) {
    w.kvNames = [...constants.keys()];
    w.capture('$kv', Float64Array.from(constants.values()));
    [...constants.keys()].forEach((name, k) => w.line(`const ${constOf(name)} = $kv[${k}];`));
  }

  // Random numbers: seed and this object's execution counter, read at each execution.
  if (block.sites > 0) {
    const stream = streamName(spec);
    w.capture('$seed', random.seedWord);
    w.capture('$ctr', random.counter(stream));
    w.capture('$zx', ZIG_X);
    w.capture('$zr', ZIG_RATIO);
    w.capture('$normalSlow', normalSlow);
    w.capture('$poisson', poissonAt);
    w.capture('$binv', binomialInversion);
    w.line('const $k0 = $seed[0] | 0;');
    w.line('const $c1 = $ctr[0] | 0;');
    if (!ranged) w.line('$ctr[0] = $c1 + 1;');
    w.line('let $x0 = 0, $x1 = 0, $zi = 0, $zu = 0.0;');
    for (let s = 0; s < block.sites; s++) {
      w.line(`const $k1_${s} = ${siteKey(stream, s)};`);
      w.line(`const $ks2_${s} = (${SKEIN_PARITY} ^ $k0 ^ $k1_${s}) | 0;`);
      w.line(`let ${drawOf(s)} = 0.0;`);
    }
  }
  const binomialSites = new Set<number>();
  const draws = (e: IRExpr, c0: string): void => {
    for (const n of randomNodes(e)) {
      if (n.k !== 'random') continue;
      const s = n.site;
      const r = drawOf(s);
      if (n.fn === 'poisson') {
        w.line(`${r} = $poisson($k0, $k1_${s}, ${c0}, $c1, ${printPlain(n.args[0]!)});`);
        continue;
      }
      w.line(threefrySource('$k0', `$k1_${s}`, `$ks2_${s}`, c0, '$c1', '$x0', '$x1'));
      if (n.fn === 'binomial') {
        // Inversion from the inlined uniform; the constants are captured, never printed.
        if (!binomialSites.has(s)) w.capture(`$bp_${s}`, n.binomial);
        binomialSites.add(s);
        w.line(`${r} = $binv(${uniformSource('$x0', '$x1')}, $k0, $k1_${s}, ${c0}, $c1, $bp_${s});`);
      } else if (n.fn === 'rand') {
        w.line(`${r} = ${uniformSource('$x0', '$x1')};`);
      } else {
        w.line(`$zi = $x0 & 127; $zu = ${zigUSource('$x0', '$x1')};`);
        // `+`: the helper's return is then a number, so V8 keeps the merged value an unboxed double
        // (without it, every draw was boxed: 16 bytes per element and step; allocation.test.ts).
        w.line(`${r} = ($zu < $zr[$zi] && $zu > -$zr[$zi]) ? $zu * $zx[$zi] : +$normalSlow($k0, $k1_${s}, ${c0}, $c1, $zu, $zi);`);
      }
    }
  };

  const define = (defs: readonly CseDefinition[]): void => {
    for (const d of defs) w.line(`const ${cseOf(d.id)} = ${printJs(d.value)};`);
  };
  const declared = new Set<string>();
  const statement = (s: IRStatement, c0: string, defs: readonly CseDefinition[] = []): void => {
    define(defs);
    draws(s.value, c0);
    const target = s.variable === undefined ? tempOf(s.target) : localOf(s.target);
    const targetRef: IRExpr = s.variable === undefined ? { k: 'temp', name: s.target } : { k: 'array', name: s.target, variable: s.variable };
    let value =
      s.op === '='
        ? printJs(s.value)
        : printJs({ k: 'binary', op: s.op === '%=' ? '%' : (s.op[0] as '+' | '-' | '*' | '/'), a: targetRef, b: s.value });
    // Integer storage truncates on every write (Brian2: `n /= 4` gives 2); out of int32's range is an error.
    if (s.variable?.dtype === 'int32') value = `$int32(${value})`;
    else if (s.variable?.dtype === 'int64') value = `Math.trunc(${value})`;
    else if (s.variable?.dtype === 'bool') value = `!!${value}`;
    // float32 storage (prefs.floatDtype): the value is rounded when written, so later reads in the
    // block see the stored value, as for integers (Brian2's C++ `float` locals).
    else if (s.variable?.dtype === 'float32') value = `Math.fround(${value})`;
    let text: string;
    if (s.variable === undefined && !declared.has(s.target)) {
      declared.add(s.target);
      text = `let ${target} = ${value};`;
    } else {
      text = `${target} = ${value};`;
    }
    w.line(s.gate === undefined ? text : `if (${localOf(s.gate.name)}) ${text}`);
  };

  // Index '0': a variable linked to a one-element group reads that element for every neuron.
  const element = (index: string, variable: ArrayVariable): string =>
    variable.index === '_idx' ? index : variable.index === '0' ? '0' : `${arrayOf(variable.index)}[${index}]`;

  // Booleans are JS booleans in locals (monomorphic), 0/1 in storage.
  const load = (a: IRArray, index: string): string => {
    const read = `${arrayOf(a.name)}[${index}]`;
    return a.variable.dtype === 'bool' ? `(${read} !== 0)` : read;
  };
  const storeValue = (name: string, variable: ArrayVariable): string => (variable.dtype === 'bool' ? `(${localOf(name)} ? 1 : 0)` : localOf(name));
  // Scalar section: load the scalar variables used anywhere, run scalar statements, store.
  const usedArrays = new Map<string, IRArray>();
  arraysIn(all, usedArrays);
  for (const s of [...block.scalar, ...block.vector]) if (s.gate !== undefined) usedArrays.set(s.gate.name, s.gate);
  for (const s of [...block.scalar, ...block.vector]) {
    if (s.variable !== undefined) usedArrays.set(s.target, { k: 'array', name: s.target, variable: s.variable });
  }
  if ((spec.template === 'threshold' || spec.template === 'stateupdate_threshold') && spec.refractory === true) {
    // not_refractory is read lazily, only where the condition holds (see the template).
    usedArrays.set('t', { k: 'array', name: 't', variable: lowered.arrays.get('t')! });
  }
  if (spec.template === 'statemonitor' || spec.template === 'spikemonitor' || spec.template === 'ratemonitor') {
    usedArrays.set('t', { k: 'array', name: 't', variable: lowered.arrays.get('t')! });
  }
  if (spec.template === 'ratemonitor') usedArrays.set('dt', { k: 'array', name: 'dt', variable: lowered.arrays.get('dt')! });
  const gsl = spec.template === 'gsl_stateupdate' ? spec.gsl! : undefined;
  if (gsl !== undefined) {
    // The clock, the integrated variables (also those no derivative reads) and Brian2's extra arrays.
    for (const n of ['t', 'dt', ...gsl.variables]) usedArrays.set(n, { k: 'array', name: n, variable: lowered.arrays.get(n)! });
  }
  const scalarVars = [...usedArrays.values()].filter((a) => a.variable.scalar);
  const vectorVars = [...usedArrays.values()].filter((a) => !a.variable.scalar);
  for (const a of scalarVars) w.line(`let ${localOf(a.name)} = ${load(a, '0')};`);
  for (const s of block.scalar) statement(s, '0');
  for (const name of new Set(block.scalar.filter((s) => s.variable !== undefined).map((s) => s.target))) {
    w.line(`${arrayOf(name)}[0] = ${storeValue(name, lowered.arrays.get(name)!)};`);
  }
  hoisted.forEach((h, id) => {
    define(cse.hoisted[id] ?? []);
    w.line(`const ${hoistedOf(id)} = ${printJs(h)};`);
  });

  // Fast mode: the per-element statements of a state update as a WebAssembly kernel, where the
  // rule of wasm-kernel.ts chooses it; the threshold of a fused update stays a JavaScript loop.
  // Exact mode (session 8): in place only, and only operations bit-identical to this loop's.
  let kernel: KernelPlan | undefined;
  const kernelTemplate = (spec.template === 'stateupdate' && spec.indices === undefined && block.condition === undefined) || spec.template === 'stateupdate_threshold';
  const kernelsOn = fast ? (options.kernels ?? ambientKernels) : (options.exactKernels ?? ambientExactKernels) && options.inPlace !== false;
  if (kernelsOn && kernelTemplate && spec.checkFinite !== true) {
    // In place where the group's state lives in WebAssembly memory (variables/wasm-storage.ts);
    // the threshold of a fused update goes into the kernel unless refractoriness writes more.
    const [t, notRefractory, lastspike] = ['t', 'not_refractory', 'lastspike'].map((n) => lowered.arrays.get(n));
    const refractory = spec.refractory === true ? (t && notRefractory && lastspike ? { t, notRefractory, lastspike } : undefined) : undefined;
    const threshold =
      spec.template === 'stateupdate_threshold' && (spec.refractory !== true || refractory !== undefined) && block.condition !== undefined && spec.eventSpace !== undefined
        ? { condition: block.condition, defs: cse.condition, events: spec.eventSpace.array as Int32Array, refractory }
        : undefined;
    const plan = planKernel(block, hoisted, cse, lowered.arrays, N, options.kernelMinCalls, options.inPlace === false ? undefined : { threshold }, !fast);
    // The threshold after the kernel is JavaScript: it may only read what it defines itself
    // (arrays, hoisted values, its own CSE values), not a temporary or a CSE value of the statements.
    const own = new Set(cse.condition.map((d) => d.id));
    let selfContained = true;
    for (const e of [...cse.condition.map((d) => d.value), ...(block.condition === undefined ? [] : [block.condition])]) {
      walkIR(e, (n) => {
        if (n.k === 'temp' || (n.k === 'cse' && !own.has(n.id))) selfContained = false;
      });
    }
    if (typeof plan !== 'string' && selfContained) {
      // Instantiated here (cached per thread) so a page whose policy forbids compiling
      // WebAssembly keeps the JavaScript loop instead of failing at the first step.
      try {
        if ('memory' in plan.descriptor) inPlaceKernel(plan.descriptor);
        else kernelRunner(plan.descriptor);
        kernel = plan;
      } catch {
        kernel = undefined;
      }
    }
  }
  if (kernel !== undefined) {
    rangedInfo.kernelCalls = kernel.calls;
    rangedInfo.inPlace = kernel.inPlace;
  }
  const kernelCall = (): void => {
    const k = kernel!;
    w.capture('$wk', k.descriptor);
    if (k.inPlace) {
      // `k(lo, hi, params…)`: the storage is the kernel's memory; it returns the events it wrote.
      w.capture('$wasmInPlace', inPlaceKernel);
      const args = k.params.map((p) => (p.k === 'hoisted' ? (p.boolean ? `(${hoistedOf(p.id)} ? 1 : 0)` : hoistedOf(p.id)) : p.k === 'const' ? (p.boolean ? `(${constOf(p.name)} ? 1 : 0)` : `+${constOf(p.name)}`) : `+${localOf(p.name)}`));
      w.line(`const $kr = $wasmInPlace($wk)(${[ranged ? '$lo' : '0', ranged ? '$hi' : String(N), ...args].join(', ')});`);
      return;
    }
    w.capture('$wasmKernel', kernelRunner);
    w.line('const $K = $wasmKernel($wk);');
    w.line('const $P = $K.p;');
    k.params.forEach((p, i) => w.line(`$P[${i}] = ${p.k === 'hoisted' ? hoistedOf(p.id) : p.k === 'const' ? `+${constOf(p.name)}` : localOf(p.name)};`));
    w.line('const $A = $K.a;');
    k.arrays.forEach((name, i) => w.line(`$A[${i}] = ${arrayOf(name)};`));
    w.line(ranged ? '$K.run($lo, $hi);' : `$K.run(0, ${N});`);
  };

  const writtenVector = [...new Set([...block.vector.filter((s) => s.variable !== undefined).map((s) => s.target), ...(gsl?.variables ?? [])])];
  // A variable whose first use in the body is an unconditional plain assignment needs no load.
  const assigned = new Set<string>();
  const needed = new Set<string>();
  const reads = (e: IRExpr): void => walkIR(e, (n) => n.k === 'array' && !assigned.has(n.name) && needed.add(n.name));
  if (block.condition !== undefined) {
    cse.condition.forEach((d) => reads(d.value));
    reads(block.condition);
  }
  block.vector.forEach((s, k) => {
    (cse.vector[k] ?? []).forEach((d) => reads(d.value));
    reads(s.value);
    if (s.gate !== undefined && !assigned.has(s.gate.name)) needed.add(s.gate.name);
    if (s.variable === undefined) return;
    if (s.op === '=' && s.gate === undefined) assigned.add(s.target);
    else if (!assigned.has(s.target)) needed.add(s.target);
  });
  const loads = (only?: ReadonlySet<string>): void => {
    for (const a of vectorVars) {
      if (only !== undefined && !only.has(a.name)) continue;
      const unread = assigned.has(a.name) && !needed.has(a.name) && block.records.length === 0;
      const initial = a.variable.dtype === 'bool' ? 'false' : '0';
      w.line(`let ${localOf(a.name)} = ${unread ? initial : load(a, element('$idx', a.variable))};`);
    }
  };
  const vectorStatements = (): void => {
    declared.clear();
    block.vector.forEach((s, k) => statement(s, '$idx', cse.vector[k]));
  };
  // prefs.checkFinite: a sum with a NaN or an infinity in it is NaN or infinite, so the loops add
  // the written float values into one accumulator (a few adds per element, no branch) and one
  // comparison after them decides; only then (or when finite values overflowed the sum) does the
  // helper scan the written arrays for the first non-finite element and throw.
  const finiteChecked = spec.checkFinite === true ? writtenVector.filter((n) => isFloatDtype(lowered.arrays.get(n)!.dtype)) : [];
  if (finiteChecked.length > 0) {
    const tVariable = spec.variables.get('t');
    const checked = finiteChecked.map((n) => [n, lowered.arrays.get(n)!] as const);
    w.capture('$nonFinite', (): void => {
      const time = tVariable?.kind === 'array' ? tVariable.array[0] : undefined;
      const lengths = checked.map(([, v]) => (v.size === 'dynamic' ? v.length : v.array.length));
      const longest = Math.max(...lengths);
      for (let idx = 0; idx < longest; idx++) {
        for (let c = 0; c < checked.length; c++) {
          const [name, v] = checked[c]!;
          if (idx < lengths[c]! && !Number.isFinite(v.array[idx]!)) throw new NonFiniteValueError(spec.name, name, idx, time, v.array[idx]!);
        }
      }
    });
    w.line('let $finite = 0;');
  }
  const stores = (): void => {
    if (finiteChecked.length > 0) w.line(`$finite += ${finiteChecked.map(localOf).join(' + ')};`);
    for (const name of writtenVector) {
      const v = lowered.arrays.get(name)!;
      w.line(`${arrayOf(name)}[${element('$idx', v)}] = ${storeValue(name, v)};`);
    }
  };

  /** One event's work inside an event loop: `$idx` from `index`, then its loads, statements and stores. */
  const perEvent = (index: string): void => {
    w.line(`const $idx = ${index};`);
    loads();
    vectorStatements();
    stores();
  };

  const captureStorage = (name: string, variable: ArrayVariable): void => w.capture(name, variable);
  switch (spec.template) {
    case 'stateupdate':
    case 'run_regularly':
    case 'subexpression_update':
    case 'set_expression': {
      if (kernel !== undefined) {
        kernelCall();
        break;
      }
      w.markLoop();
      if (spec.indices !== undefined) {
        w.capture('$ind', spec.indices);
        w.open('for (let $k = 0; $k < $ind.length; $k++) {');
        w.line('const $idx = $ind[$k];');
      } else {
        w.open(ranged ? RANGED_LOOP : `for (let $idx = 0; $idx < ${N}; $idx++) {`);
      }
      loads();
      if (block.condition !== undefined) {
        define(cse.condition);
        draws(block.condition, '$idx');
        w.open(`if (${printJs(block.condition)}) {`);
        vectorStatements();
        stores();
        w.close();
      } else {
        vectorStatements();
        stores();
      }
      w.close();
      break;
    }
    case 'gsl_stateupdate': {
      const g = gsl!;
      // Captured with the other storage (lower added them to the block's arrays).
      const extra = (name: string | undefined): string | undefined => (name === undefined ? undefined : arrayOf(name));
      const last = extra(g.lastTimestep);
      const failed = extra(g.failedSteps);
      const count = extra(g.stepCount);
      const objectName = spec.name;
      w.capture('$gfail', (index: number, t: number, adaptable: boolean): never => {
        throw new GslIntegrationError(objectName, index, t, adaptable);
      });
      // One driver per execution (Brian2): hstart = hmax = the dt the code was generated for.
      w.line(`const $g_dt = ${localOf('dt')};`);
      w.line(`const $g_tstart = ${localOf('t')};`);
      w.line(`const $g_hmax = ${printPlain({ k: 'num', value: g.hStart, type: 'float' })};`);
      w.line('let $g_h = $g_hmax;');
      w.markLoop();
      w.open(`for (let $idx = 0; $idx < ${N}; $idx++) {`);
      loads();
      w.line(`let ${g.variables.map((v, i) => `$gy_${i} = ${localOf(v)}`).join(', ')};`);
      // gsl_odeiv2_driver_reset_hstart(d, last step) or gsl_odeiv2_driver_reset(d) (h carries over).
      if (last !== undefined) {
        w.line(`$g_h = ${last}[$idx];`);
        // GSL refuses (Brian2's process aborts) a start outside (0, hmax], e.g. after dt was
        // decreased between runs; such an element starts at dt instead.
        w.line('if (!(Math.abs($g_h) <= $g_hmax && $g_h !== 0)) $g_h = $g_hmax;');
      }
      w.line('let $g_n = 0, $g_failed = 0;');
      emitGslElement(g, {
        line: (text) => w.line(text),
        open: (text) => w.open(text),
        close: (text) => w.close(text),
        fail: (adaptable) => `$gfail($idx, $g_tstart, ${String(adaptable)});`,
        evaluate: (ys, outs, time) => {
          w.open('{');
          g.variables.forEach((v, i) => w.line(`${localOf(v)} = ${ys[i]!};`));
          if (g.time !== undefined && usedArrays.has(g.time)) w.line(`${localOf(g.time)} = ${time};`);
          vectorStatements();
          g.derivatives.forEach((d, i) => w.line(`${outs[i]!} = ${tempOf(d)};`));
          w.close();
        },
      });
      g.variables.forEach((v, i) => w.line(`${localOf(v)} = $gy_${i};`));
      stores();
      if (last !== undefined) w.line(`${last}[$idx] = $g_h;`);
      if (failed !== undefined) w.line(`${failed}[$idx] = $g_failed;`);
      if (count !== undefined) w.line(`${count}[$idx] = $g_n;`);
      w.close();
      break;
    }
    case 'stateupdate_threshold':
    case 'threshold': {
      const fused = spec.template === 'stateupdate_threshold';
      if (kernel !== undefined) kernelCall();
      if (kernel?.threshold === true) {
        // The kernel wrote the events from $ev[$lo] on and returned their number.
        w.capture('$ev', spec.eventSpace!.array);
        w.line(ranged ? 'const $n = $lo + $kr;' : 'const $n = $kr;');
        w.loopResult = '$n';
        w.epilogue = [ranged ? '$segs[$seg] = $r - $lo;' : `$ev[${N}] = $r;`];
        break;
      }
      w.capture('$ev', spec.eventSpace!.array);
      w.markLoop();
      w.line(ranged ? RANGED_COUNT : 'let $n = 0;');
      w.open(ranged ? RANGED_LOOP : `for (let $idx = 0; $idx < ${N}; $idx++) {`);
      if (kernel === undefined) loads();
      else {
        // After the kernel: the threshold reads the new values of the arrays its condition uses.
        const read = new Map<string, IRArray>();
        arraysIn([...cse.condition.map((d) => d.value), block.condition!], read);
        loads(new Set(read.keys()));
      }
      if (fused && kernel === undefined) {
        // The state update, stored, then the threshold on the new values (no draws: see lower).
        vectorStatements();
        stores();
      }
      define(cse.condition);
      draws(block.condition!, '$idx');
      const cond = printJs(block.condition!);
      if (spec.refractory === true) {
        const nr = 'not_refractory';
        const read = usedArrays.has(nr) && kernel === undefined ? localOf(nr) : load({ k: 'array', name: nr, variable: lowered.arrays.get(nr)! }, '$idx');
        w.open(`if (${cond} && ${read}) {`);
      } else {
        w.open(`if (${cond}) {`);
      }
      w.line('$ev[$n++] = $idx;');
      if (spec.refractory === true) {
        w.line(`${arrayOf('not_refractory')}[$idx] = 0;`);
        w.line(`${arrayOf('lastspike')}[$idx] = ${localOf('t')};`);
      }
      w.close();
      w.close();
      // The count is stored by the caller of the loop's function (see assemble: V8's OSR).
      w.loopResult = '$n';
      w.epilogue = [ranged ? '$segs[$seg] = $r - $lo;' : `$ev[${N}] = $r;`];
      break;
    }
    case 'reset': {
      w.capture('$ev', spec.eventSpace!.array);
      if (ranged) {
        w.open(RANGED_EVENTS);
        perEvent('$ev[$k]');
        w.close();
        break;
      }
      w.line(`const $n = $ev[${N}];`);
      w.markLoop();
      w.open('for (let $k = 0; $k < $n; $k++) {');
      perEvent('$ev[$k]');
      w.close();
      break;
    }
    case 'synapses': {
      if (ranged) {
        // The queue is partitioned by the key ranges (SpikeQueue.partition): the caller passes
        // range $seg's events as $evp[$from, $to) (its part's list, or one source's synapses of
        // its part's CSR), all with their key in [$lo, $hi) — or, without $evp, the synapses
        // $from … $to − 1 themselves (a source's synapses of the part that are consecutive).
        w.line('const $n = $to | 0;');
        w.open('for (let $k = $from | 0; $k < $n; $k++) {');
        perEvent('$evp === undefined ? $k : $evp[$k]');
        w.close();
        break;
      }
      // The queue's buffer can be replaced when it grows: read it at each execution.
      w.capture('$q', spec.queue!);
      if (spec.queue!.sourceCount === undefined) {
        w.line('const $ev = $q.peekBuffer();');
        w.line('const $n = $q.peekCount();');
        w.markLoop();
        w.open('for (let $k = 0; $k < $n; $k++) {');
        perEvent('$ev[$k]');
        w.close();
        break;
      }
      // Segment −1: the step's own list; segment j ≥ 0: recorded source j's synapses straight
      // from the CSR (SpikeQueue.sourceCount), as their index range where consecutive — the
      // serial order, no synapse list copied at push.
      w.line('const $qm = $q.sourceCount();');
      w.line('const $ev = $qm > 0 ? $q.ownBuffer() : $q.peekBuffer();');
      w.line('const $n = $qm > 0 ? $q.ownCount() : $q.peekCount();');
      w.line('const $qsrc = $q.sourceList(), $qoff = $q.csrOffsets, $qsyn = $q.csrSynapses, $qfst = $q.csrFirst;');
      w.markLoop();
      w.open('for (let $qj = -1; $qj < $qm; $qj++) {');
      w.line('let $qe = $ev, $qlo = 0, $qhi = $n;');
      w.open('if ($qj >= 0) {');
      w.line('const $qx = $qsrc[$qj], $qa = $qoff[$qx], $qf = $qfst[$qx];');
      w.line('$qhi = $qoff[$qx + 1] - $qa;');
      w.line('if ($qf >= 0) { $qe = undefined; $qlo = $qf; $qhi += $qf; } else { $qe = $qsyn; $qlo = $qa; $qhi += $qa; }');
      w.close();
      w.open('for (let $k = $qlo; $k < $qhi; $k++) {');
      perEvent('$qe === undefined ? $k : $qe[$k]');
      w.close();
      w.close();
      break;
    }
    case 'statemonitor': {
      w.capture('$ind', spec.indices!);
      w.capture('$ensure', ensureCapacity);
      captureStorage('$o_times', spec.times!);
      w.line(`{ const $len = $o_times.length; $ensure($o_times, $len + 1)[$len] = ${localOf('t')}; $o_times.length = $len + 1; }`);
      w.line('const $W = $ind.length;');
      spec.record!.forEach((r, k) => {
        captureStorage(`$o_rec${k}`, r.storage);
        w.line(`const $b${k} = $o_rec${k}.length; const $d${k} = $ensure($o_rec${k}, $b${k} + $W);`);
      });
      w.markLoop();
      w.open('for (let $k = 0; $k < $W; $k++) {');
      w.line('const $idx = $ind[$k];');
      loads();
      block.records.forEach((r, k) => {
        define(cse.records[k] ?? []);
        draws(r, '$idx');
        w.line(`$d${k}[$b${k} + $k] = ${printJs(r)};`);
      });
      w.close();
      w.markLoopEnd();
      spec.record!.forEach((_, k) => w.line(`$o_rec${k}.length = $b${k} + $W;`));
      break;
    }
    case 'spikemonitor': {
      const [lo, hi] = spec.eventRange ?? [0, N];
      const whole = lo === 0 && hi === N;
      if (spec.times === undefined) {
        // Count only (validated: no times, indices or values to store).
        w.capture('$ev', spec.eventSpace!.array);
        w.capture('$cnt', spec.counts!.array);
        if (ranged) {
          w.open(RANGED_EVENTS);
          w.line('$cnt[$ev[$k]]++;');
          w.close();
          break;
        }
        w.line(`const $n = $ev[${N}];`);
        w.markLoop();
        w.open('for (let $k = 0; $k < $n; $k++) {');
        w.line('const $idx = $ev[$k];');
        if (!whole) w.line(`if ($idx < ${lo} || $idx >= ${hi}) continue;`);
        w.line(`$cnt[$idx - ${lo}]++;`);
        w.close();
        break;
      }
      w.capture('$ev', spec.eventSpace!.array);
      w.capture('$ensure', ensureCapacity);
      captureStorage('$o_times', spec.times!);
      captureStorage('$o_events', spec.eventIndices!);
      if (spec.counts !== undefined) w.capture('$cnt', spec.counts.array);
      w.line(`const $n = $ev[${N}];`);
      if (whole) {
        w.line('const $m = $n;');
      } else {
        w.line('let $m = 0;');
        w.line(`for (let $k = 0; $k < $n; $k++) { const $e = $ev[$k]; if ($e >= ${lo} && $e < ${hi}) $m++; }`);
      }
      w.open('if ($m > 0) {');
      w.line('const $b = $o_times.length; const $dt = $ensure($o_times, $b + $m); const $di = $ensure($o_events, $b + $m);');
      (spec.record ?? []).forEach((r, k) => {
        captureStorage(`$o_rec${k}`, r.storage);
        w.line(`const $b${k} = $o_rec${k}.length; const $d${k} = $ensure($o_rec${k}, $b${k} + $m);`);
      });
      w.line('let $j = 0;');
      w.open('for (let $k = 0; $k < $n; $k++) {');
      w.line('const $idx = $ev[$k];');
      if (!whole) w.line(`if ($idx < ${lo} || $idx >= ${hi}) continue;`);
      loads();
      w.line(`$dt[$b + $j] = ${localOf('t')};`);
      w.line(`$di[$b + $j] = $idx - ${lo};`);
      if (spec.counts !== undefined) w.line(`$cnt[$idx - ${lo}]++;`);
      block.records.forEach((r, k) => {
        define(cse.records[k] ?? []);
        draws(r, '$idx');
        w.line(`$d${k}[$b${k} + $j] = ${printJs(r)};`);
      });
      w.line('$j++;');
      w.close();
      w.line('$o_times.length = $b + $m; $o_events.length = $b + $m;');
      (spec.record ?? []).forEach((_, k) => w.line(`$o_rec${k}.length = $b${k} + $m;`));
      w.close();
      break;
    }
    case 'ratemonitor': {
      const [lo, hi] = spec.eventRange ?? [0, N];
      w.capture('$ev', spec.eventSpace!.array);
      w.capture('$ensure', ensureCapacity);
      captureStorage('$o_times', spec.times!);
      captureStorage('$o_rates', spec.rates!);
      w.line(`const $n = $ev[${N}];`);
      if (lo === 0 && hi === N) {
        w.line('const $m = $n;');
      } else {
        w.line('let $m = 0;');
        w.line(`for (let $k = 0; $k < $n; $k++) { const $e = $ev[$k]; if ($e >= ${lo} && $e < ${hi}) $m++; }`);
      }
      w.line(`{ const $len = $o_times.length; $ensure($o_times, $len + 1)[$len] = ${localOf('t')}; $o_times.length = $len + 1; }`);
      w.line(`{ const $len = $o_rates.length; $ensure($o_rates, $len + 1)[$len] = $m / ${localOf('dt')} / ${hi - lo}; $o_rates.length = $len + 1; }`);
      break;
    }
  }
  // (The check reads the loop's accumulator: it stays in the loop's function.)
  if (finiteChecked.length > 0) w.line('if ($finite * 0 !== 0) $nonFinite();');
  // Blocks with random draws keep one function: their counter-based keys are int32 values outside
  // V8's small-integer range, which as parameters arrive boxed and cost a conversion at every use
  // in the loop (Brunel–Hakim's noisy LIF update: 1.45× slower split). Open: see docs/design.md.
  if (block.sites > 0) w.loopStart = undefined;
  if (w.loopStart !== undefined && w.loopEnd === undefined) w.markLoopEnd();
  if (w.loopResult !== undefined) w.line(`return ${w.loopResult};`);
  w.body.push('};');
  return true;
}

/**
 * Constants seen per code shape (object name, template and the lowered IR with every constant a
 * `const` node): their first values, and the names whose value has changed since. Only these
 * decide which constants become captured values, never a result.
 */
const constantsByShape = new Map<string, { readonly first: Map<string, number>; readonly varying: Set<string> }>();

/** The constants of a lowering with `const` nodes, and its code shape (object name, template and the IR with constants as names). */
function constantShape(spec: CodeBlockSpec, ir: Lowered['ir']): { shape: string | undefined; names: string[]; values: number[] } {
  const constants = new Map<string, number>();
  const exprs = [...ir.scalar.map((s) => s.value), ...ir.vector.map((s) => s.value), ...(ir.condition === undefined ? [] : [ir.condition]), ...ir.records];
  for (const e of exprs) walkIR(e, (n) => n.k === 'const' && constants.set(n.name, n.value));
  if (constants.size === 0) return { shape: undefined, names: [], values: [] };
  const shape = [spec.name, spec.template, ...ir.scalar.map((s) => `${s.target}${s.op}${irKey(s.value)}`), '|', ...ir.vector.map((s) => `${s.target}${s.op}${irKey(s.value)}`), '|', ...exprs.slice(ir.scalar.length + ir.vector.length).map(irKey)].join(';');
  return { shape, names: [...constants.keys()], values: [...constants.values()] };
}

/**
 * The constants of a code shape that stay captured values in `'varying'` mode: a constant stays a
 * value only once it has had two values for the same code shape in this thread — the first build
 * of a model is compiled with every constant folded (a single run's code is what it was:
 * `x/(taum*(-1/taui + 1/taum))` with the constants of CUBA folds to `-x`, a division saved), and a
 * rebuild with other parameter values (the next point of a sweep) compiles once more with the
 * changed ones captured, which later rebuilds then reuse. Only this decides which constants become
 * captured values, never a result.
 */
function varyingConstants(shape: string, names: readonly string[], values: readonly number[]): ReadonlySet<string> {
  const seen = constantsByShape.get(shape);
  if (seen === undefined) {
    if (constantsByShape.size > 1000) constantsByShape.clear();
    const varying = new Set<string>();
    constantsByShape.set(shape, { first: new Map(names.map((n, k) => [n, values[k]!])), varying });
    return varying;
  }
  names.forEach((name, k) => {
    if (!Object.is(seen.first.get(name), values[k])) seen.varying.add(name);
  });
  return seen.varying;
}

/**
 * Which constants of a lowering stay `const` nodes (captured values) under `mode`, and the key of
 * that choice with the values of those printed as literals (the build cache's render key).
 */
function capturedConstants(mode: boolean | 'varying', shape: string | undefined, names: readonly string[], values: readonly number[]): { captured: (name: string) => boolean; key: string } {
  if (mode !== 'varying' || shape === undefined) return { captured: () => mode !== false, key: String(mode) };
  const varying = varyingConstants(shape, names, values);
  return { captured: (name) => varying.has(name), key: names.map((n, k) => (varying.has(n) ? '*' : numberKey(values[k]!))).join(',') };
}

type Factory = (cap: readonly unknown[]) => (...args: never[]) => void;
/**
 * Compiled factories by source, with the storage their last instance captured. Measured with
 * Node 20's V8 (docs/design.md, "Per-step costs (session 7)"): closures made by one shared factory
 * share a feedback cell; the first is optimized with its captured arrays as constants, a later one
 * stays in baseline (Sparkplug) code for good — CUBA's second `run()` took 2.8× the first's time
 * per step, its state update 3.5×. So the same objects built again (a later run of a network)
 * get a factory of their own (its source ends in an instance number); other objects with the
 * same source (a sweep's next point, `prefs.codeReuse`) share the factory and skip V8's
 * recompilation, as designed in session 6.
 */
const factories = new Map<string, { factory: Factory; storage: readonly WeakRef<object>[] }>();
let instances = 0;

/** The captured arrays of an instance (weakly: a sweep's earlier points must not stay alive). */
function storageOf(captures: readonly unknown[]): WeakRef<object>[] {
  return captures.flatMap((c) => (ArrayBuffer.isView(c) ? [new WeakRef(c)] : []));
}

/** Whether an instance captures exactly the arrays of the earlier one (the same objects built again). */
function sameStorage(earlier: readonly WeakRef<object>[], captures: readonly unknown[]): boolean {
  let k = 0;
  for (const c of captures) {
    if (!ArrayBuffer.isView(c)) continue;
    if (k >= earlier.length || earlier[k]!.deref() !== c) return false;
    k++;
  }
  return k === earlier.length && k > 0;
}

/** Whether a multi-threaded run's hook is offered this block's ranged form. */
function wantsRanged(spec: CodeBlockSpec): boolean {
  return parallelHook !== undefined && RANGED_TEMPLATES.has(spec.template) && spec.N >= parallelMinElements;
}

let statics: Set<unknown> | undefined;
/** The library values exact-mode code captures, the same in every build (helpers, tables; fast mode is not cached). */
function staticCaptures(): ReadonlySet<unknown> {
  statics ??= new Set<unknown>([
    ...Object.values(OPERATOR_HELPERS),
    ...Object.values(POWER_HELPERS),
    ...PURE_FUNCTIONS.values(),
    ZIG_X,
    ZIG_RATIO,
    normalSlow,
    poissonAt,
    binomialInversion,
    ensureCapacity,
    toInt32Checked,
  ]);
  return statics;
}

/**
 * Generates and compiles the JavaScript function for one object's per-step work. Everything is
 * validated and checked before any source exists: hostile or wrong input throws a typed error
 * (`CodegenError`, `ExpressionError`, `DimensionMismatchError`, `ParseError` upstream).
 * @example
 * const update = compileCodeBlock({ name: 'neurongroup_stateupdater', template: 'stateupdate', statements, variables, N: 100 });
 * update.run();
 */
export function compileCodeBlock(spec: CodeBlockSpec, options: CompileOptions = {}): CodeObject {
  const fast = options.fastMath ?? ambientFastMath;
  // Fast mode keeps literals: folding a constant call uses the exact function, a hoisted one the fast one.
  const mode = fast ? false : (options.constantsAsValues ?? (constantsAsValuesSetting() ? 'varying' : false));
  // The build cache (build-cache.ts): exact code outside GSL and checkFinite, while the memo tables are on.
  const key = !fast && options.buildCache !== false && spec.template !== 'gsl_stateupdate' && spec.checkFinite !== true && memosEnabled() ? cacheKey(spec, options, mode) : undefined;
  if (key !== undefined) {
    const cached = fromCache(spec, key, mode);
    if (cached !== undefined) {
      codeCacheStats.hits++;
      return cached;
    }
    codeCacheStats.misses++;
  }
  const reads = new Map<string, Variable | undefined>();
  const literal = new Set<string>();
  const asValue = new Set<string>();
  const lowered0 = lower(key === undefined ? spec : { ...spec, variables: recordingVariables(spec.variables, reads) }, {
    constantsAsValues: mode !== false,
    onConstant: key === undefined ? undefined : (name, isLiteral) => (isLiteral ? literal : asValue).add(name),
  });
  const { shape, names, values } = mode === false ? { shape: undefined, names: [], values: [] } : constantShape(spec, lowered0.ir);
  const choice = capturedConstants(mode, shape, names, values);
  const lowered = mode !== 'varying' || shape === undefined ? lowered0 : { ...lowered0, ir: literalConstants(lowered0.ir, choice.captured) };
  const w = new Writer();
  render(spec, lowered, options, fast, w);
  const { source } = assemble(spec, w, '', fast);
  const run = instantiate(spec, source, w.captures) as () => void;
  const code: CodeObject = Object.freeze({ name: spec.name, template: spec.template, source, run });
  let result = code;
  // What a cache hit needs to rebuild the ranged form (null: there is none; undefined: not cacheable).
  let rangedEntry: CachedRanged | null | undefined = null;
  if (wantsRanged(spec)) {
    const r = new Writer();
    const info: RangedInfo = { rangeN: spec.N, dynamic: [] };
    if (render(spec, lowered, options, fast, r, true, info)) {
      const ranged = assemble(spec, r, RANGED_PARAMETERS, fast);
      const costNs = (info.inPlace === true ? KERNEL_IN_PLACE_NS : estimateCost(r.body.join('\n'))) + KERNEL_CALL_NS * (info.kernelCalls ?? 0);
      result = offerRanged(spec, code, ranged.source, ranged.used, r.names, r.captures, info, costNs);
      rangedEntry = key === undefined ? undefined : rangedToCache(spec, lowered.arrays, ranged.source, ranged.used, r, info, costNs);
    }
  }
  // Where exact mode may run the block as a WebAssembly kernel, the choice depends on where the
  // storage lives (one WebAssembly memory or not), which the reads' fingerprints do not show.
  const kernelPossible = (spec.template === 'stateupdate' || spec.template === 'stateupdate_threshold') && [...lowered.arrays.values()].some((v) => wasmMemoryOf(v.array) !== undefined);
  if (key !== undefined && rangedEntry !== undefined && !kernelPossible) {
    const valueFree = new Set([...asValue].filter((n) => !literal.has(n)));
    const entry = findLowering(key, spec.variables) ?? storeLowering(key, reads, valueFree, shape, names);
    const recipes = entry === undefined ? undefined : recipesFor(spec, streamName(spec), w.names, w.captures, w.kvNames, staticCaptures());
    if (entry !== undefined && recipes !== undefined && entry.renders.size < 64) entry.renders.set(choice.key, { source, recipes, kvNames: w.kvNames, ranged: rangedEntry });
  }
  return result;
}

/** Hands a block's ranged form to the multi-threaded run's hook (see {@link setParallelHook}). */
function offerRanged(
  spec: CodeBlockSpec,
  code: CodeObject,
  source: string,
  used: readonly (string | undefined)[],
  names: readonly string[],
  captures: readonly unknown[],
  info: RangedInfo,
  costNs: number,
): CodeObject {
  // (By every capture's name: an in-place kernel's threshold captures the event space without reading it.)
  const at = (name: string): unknown => {
    const k = names.indexOf(name);
    return k < 0 ? undefined : captures[k];
  };
  return parallelHook!(code, {
    source,
    captures: captures.map((c, k) => (used[k] === undefined ? undefined : c)),
    captureNames: used,
    run: instantiate(spec, source, captures) as RangedCode['run'],
    bind: () => boundSource(source, info.rangeN),
    N: info.rangeN,
    events: spec.template === 'synapses' ? spec.queue : undefined,
    key: info.key,
    maxEvents: spec.template === 'synapses' ? spec.N : 0,
    dynamic: info.dynamic,
    counter: at('$ctr') as Uint32Array | undefined,
    eventSpace: spec.template === 'threshold' || spec.template === 'stateupdate_threshold' ? (at('$ev') as Int32Array | undefined) : undefined,
    ...(EVENT_TEMPLATES.has(spec.template) ? { eventInput: spec.eventSpace!.array as Int32Array } : {}),
    access: info.access ?? new Map(),
    costNs,
  });
}

/**
 * The ranged form of a cached block: its source, capture recipes, and what rendering found out,
 * by names (storage is re-bound per build); `aliases`: which of the block's arrays (and the event
 * space) were the same storage, which the form depends on (a write through one name, a read
 * through another) and which the reads' fingerprints do not show.
 */
interface CachedRanged {
  readonly source: string;
  readonly used: readonly (string | undefined)[];
  readonly names: readonly string[];
  readonly recipes: readonly Recipe[];
  readonly kvNames: readonly string[];
  /** The range split: `'N'` the spec's N (a pathway's may differ between builds), else the postsynaptic size. */
  readonly rangeN: number | 'N';
  readonly kernelCalls: number | undefined;
  readonly inPlace: boolean | undefined;
  readonly dynamic: readonly string[];
  readonly key: string | undefined;
  readonly access: readonly (readonly [name: string | undefined, access: RangeAccess])[];
  readonly costNs: number;
  readonly arrayNames: readonly string[];
  readonly aliases: string;
}

/** Which of `arrays` (and the event space, last) share storage: the first index holding each one's array. */
function aliasKey(arrays: readonly unknown[]): string {
  return arrays.map((a, k) => arrays.indexOf(a, 0) === k ? '.' : String(arrays.indexOf(a))).join(',');
}

function rangedToCache(spec: CodeBlockSpec, arrays: ReadonlyMap<string, ArrayVariable>, source: string, used: readonly (string | undefined)[], r: Writer, info: RangedInfo, costNs: number): CachedRanged | undefined {
  const recipes = recipesFor(spec, streamName(spec), r.names, r.captures, r.kvNames, staticCaptures());
  if (recipes === undefined) return undefined;
  const arrayNames = [...arrays.keys()];
  const nameOf = (array: object): string | undefined => arrayNames.find((n) => arrays.get(n)!.array === array);
  const access: (readonly [string | undefined, RangeAccess])[] = [];
  for (const [array, a] of info.access ?? new Map<object, RangeAccess>()) {
    const name = nameOf(array);
    if (name === undefined && array !== spec.eventSpace?.array) return undefined;
    access.push([name, a]);
  }
  const dynamic = info.dynamic.map((v) => arrayNames.find((n) => arrays.get(n) === v));
  if (dynamic.some((n) => n === undefined)) return undefined;
  const key = info.key === undefined ? undefined : arrayNames.find((n) => arrays.get(n) === info.key);
  if (info.key !== undefined && key === undefined) return undefined;
  return {
    source,
    used,
    names: r.names,
    recipes,
    kvNames: r.kvNames,
    rangeN: info.key === undefined ? 'N' : info.rangeN,
    kernelCalls: info.kernelCalls,
    inPlace: info.inPlace,
    dynamic: dynamic as string[],
    key,
    access,
    costNs,
    arrayNames,
    aliases: aliasKey([...arrayNames.map((n) => arrays.get(n)!.array), spec.eventSpace?.array]),
  };
}

/** The build cache's structural key of a spec compiled with these options (undefined: not cached). */
function cacheKey(spec: CodeBlockSpec, options: CompileOptions, mode: boolean | 'varying'): string | undefined {
  const o = options.optimise;
  const optionsKey = `${String(mode)}|${wantsRanged(spec)}|${o === undefined ? '' : JSON.stringify(o)}`;
  return structuralKey(spec, optionsKey);
}

/** A cached block bound to this build's storage and constants, if the cache has one (see build-cache.ts). */
function fromCache(spec: CodeBlockSpec, key: string, mode: boolean | 'varying'): CodeObject | undefined {
  // The spec's shape is checked as lowering would first (its typed errors, the indices' range).
  validateSpec(spec);
  const entry = findLowering(key, spec.variables);
  if (entry === undefined) return undefined;
  const values = constantValues(spec.variables, entry.constNames);
  const choice = capturedConstants(mode, entry.shape, entry.constNames, values);
  const cached = entry.renders.get(choice.key) as (CachedRender & { readonly ranged: CachedRanged | null }) | undefined;
  if (cached === undefined) return undefined;
  const r = cached.ranged;
  const variables = spec.variables;
  const arrayOfName = (n: string): unknown => (variables.get(n) as ArrayVariable).array;
  if (r !== null && aliasKey([...r.arrayNames.map(arrayOfName), spec.eventSpace?.array]) !== r.aliases) return undefined;
  const stream = streamName(spec);
  const captures = cached.recipes.map((x) => bind(x, spec, cached.kvNames, stream));
  const run = instantiate(spec, cached.source, captures) as () => void;
  const code: CodeObject = Object.freeze({ name: spec.name, template: spec.template, source: cached.source, run });
  if (r === null) return code;
  const info: RangedInfo = {
    rangeN: r.rangeN === 'N' ? spec.N : r.rangeN,
    dynamic: r.dynamic.map((n) => variables.get(n) as ArrayVariable),
    key: r.key === undefined ? undefined : (variables.get(r.key) as ArrayVariable),
    access: new Map(r.access.map(([n, a]) => [(n === undefined ? spec.eventSpace!.array : arrayOfName(n)) as object, a])),
  };
  if (r.kernelCalls !== undefined) info.kernelCalls = r.kernelCalls;
  if (r.inPlace !== undefined) info.inPlace = r.inPlace;
  const rangedCaptures = r.recipes.map((x) => bind(x, spec, r.kvNames, stream));
  return offerRanged(spec, code, r.source, r.used, r.names, rangedCaptures, info, r.costNs);
}

/**
 * The library values generated code may capture, by a stable key: a worker thread builds the same
 * table from its own copy of this module, so captured helpers travel as keys, never as source.
 */
export function workerHelpers(): Map<string, unknown> {
  const table = new Map<string, unknown>([
    ['$floordiv', OPERATOR_HELPERS.floordiv],
    ['$mod', OPERATOR_HELPERS.mod],
    ['$pow', OPERATOR_HELPERS.pow],
    ['$zx', ZIG_X],
    ['$zr', ZIG_RATIO],
    ['$normalSlow', normalSlow],
    ['$poisson', poissonAt],
    ['$binv', binomialInversion],
    ['$ensure', ensureCapacity],
  ]);
  for (const [name, fn] of Object.entries(POWER_HELPERS)) table.set(name, fn);
  for (const [name, fn] of PURE_FUNCTIONS) table.set(`fn:${name}`, fn);
  for (const [name, fn] of fastMathFunctions()) table.set(`fast:${name}`, fn);
  for (const [name, value] of fastMathInline().captures) table.set(`fastinline:${name}`, value);
  table.set('wasm:kernel', kernelRunner);
  table.set('wasm:inplace', inPlaceKernel);
  table.set('$int32', toInt32Checked);
  return table;
}

/** Estimated kernel nanoseconds per exp/expm1/exprel call and element (HH: 10 calls, ≈ 47 ns). */
const KERNEL_CALL_NS = 5;
/** An in-place kernel's nanoseconds per element besides its calls (LIF's update + threshold: 0.25–0.35). */
const KERNEL_IN_PLACE_NS = 0.3;

function estimateCost(source: string): number {
  // Only the loop counts: hoisted values are computed once per execution.
  const body = source.slice(Math.max(0, source.indexOf('for (let $idx')));
  const chars = body.replace(/\s+/g, '').length;
  const calls = (body.match(/\$f_\w+\(/g) ?? []).length;
  return 0.003 * chars + 10 * calls;
}

/** The factory source of a rendered block, and the names of the captures it uses (by `$cap` index). */
function assemble(spec: CodeBlockSpec, w: Writer, parameters: string, fast: boolean): { source: string; used: (string | undefined)[] } {
  const body = w.body.join('\n');
  const epilogue = w.epilogue?.map((line) => `  ${line}`).join('\n');
  // Drop captures the body never uses (helpers are captured unconditionally).
  const used: (string | undefined)[] = [];
  const prelude = w.prelude.filter((line, k) => {
    const m = /^const (\S+) = /.exec(line);
    const keep = m === null || body.includes(m[1]!) || (epilogue?.includes(m[1]!) ?? false);
    used[k] = keep && m !== null ? m[1] : undefined;
    return keep;
  });
  // The markers keep fast and exact code, and code over float32 and float64 storage, apart in the
  // factory cache, which shares one compiled factory between different objects with the same
  // source (see instantiate; one function over both array types would be polymorphic).
  // (The float32 marker lists capture indices: numbers only, nothing from the user.)
  const float32 = w.captures.flatMap((c, k) => (c instanceof Float32Array || (typeof c === 'object' && c !== null && (c as { dtype?: unknown }).dtype === 'float32') ? [k] : []));
  const head = `'use strict';${fast ? ' // fast math' : ''}${float32.length > 0 ? ` // float32 $cap ${float32.join(' ')}` : ''}\n${prelude.join('\n')}\n`;
  const name = functionName(spec.name);
  if (parameters === '') {
    // The serial form: the long loop in a function of its own, everything before and after it in
    // a loop-free caller. Measured with Node 20's V8 (docs/design.md, Threads, session 9): the
    // first call of a generated function is usually long enough to be on-stack replaced (OSR) in
    // its loop, and code that ran only in that first call, before the function had a feedback
    // vector (the statements before the loop), or only after the OSR'd loop (the work after it),
    // has no type feedback. Regular optimized code compiled then deoptimizes there ("insufficient
    // type feedback"), and — the deopt being outside the loop — V8 keeps the loop's OSR code and
    // enters it at every later call, about 1.8× slower, for the rest of the process (LIF 10⁵: in
    // 4–6 of 6 processes pinned to one vCPU, at random unpinned). The loop's function now starts
    // with its loop (the caller passes what the loop reads as plain arguments) and ends in a plain
    // `return`; the caller, loop-free, is optimized normally, with full feedback.
    const split = splitLoop(w);
    if (split !== undefined) {
      const args = split.parameters.join(', ');
      const call = `${w.loopResult === undefined ? '' : 'const $r = '}$loop(${args});`;
      const caller = [...split.before, `  ${call}`, ...split.after, ...(epilogue === undefined ? [] : [epilogue])].join('\n');
      return { source: `${head}const $loop = function ${name}_loop(${args}) {\n${split.loop.join('\n')}\n};\nreturn function ${name}() {\n${caller}\n};\n`, used };
    }
  }
  if (epilogue === undefined) return { source: `${head}return function ${name}(${parameters}) {\n${body}\n`, used };
  if (parameters !== '') {
    // The ranged form keeps one function: the threads call it over an empty range first
    // (warmRanged, devices/thread-worker.ts), which gives the code before and after the loop its
    // feedback — measured, the two-function form's regular optimized code ran a worker's range at
    // 3–7× the time of its OSR code in 4 of 6 runs (LIF 10⁵, Node 20), the one-function form did not.
    const joined = body.replace(/\n\s*return \$n;\n\};$/, `\n${epilogue.replace('$r', '$n')}\n};`);
    return { source: `${head}return function ${name}(${parameters}) {\n${joined}\n`, used };
  }
  // A serial block that keeps one function (splitLoop declined: e.g. a threshold whose condition
  // draws random numbers, such as PoissonGroup's): the loop and what precedes it in one function
  // ending in a plain `return`, the epilogue in the caller.
  return {
    source: `${head}const $loop = function ${name}_loop() {\n${body}\nreturn function ${name}() {\n  const $r = $loop();\n${epilogue}\n};\n`,
    used,
  };
}

/**
 * The serial form's lines split around the marked loop (see {@link assemble}): `before` and `after`
 * run in the caller, `loop` (with its `return`) in the loop's function, whose parameters are the
 * caller's top-level names that the loop reads (the work after the loop uses only values declared
 * before it and the loop's result). Scratch variables declared before the loop with literal
 * values (random draws' state, `$finite`) move into the loop's function: as parameters that the loop
 * assigns they made V8 box every new value (a parameter enters tagged; measured 1.4–1.5× slower
 * noise updates). Undefined — the block keeps one function — where no loop is marked, where the
 * loop assigns a value it would receive as a parameter, or where a name would be declared twice.
 */
function splitLoop(w: Writer): { before: string[]; loop: string[]; after: string[]; parameters: string[] } | undefined {
  const start = w.loopStart;
  if (start === undefined) return undefined;
  const lines = w.body.slice(0, -1); // without the closing `};`
  const returns = w.loopResult === undefined ? 0 : 1;
  const end = Math.min(w.loopEnd ?? lines.length - returns, lines.length - returns);
  const after = lines.slice(end, lines.length - returns);
  const identifiers = (text: string): Set<string> => new Set(text.match(/[A-Za-z_$][\w$]*/g) ?? []);
  const before: string[] = [];
  const scratch: string[] = [];
  lines.slice(0, start).forEach((line, k, prologue) => {
    // A literal constant is copied (TurboFan folds it; as a parameter it would not be).
    if (/^ {2}const \$[\w$]+ = -?\d[\d.e+-]*;$/.test(line)) scratch.push(line);
    if (/^ {2}let \$[\w$]+ = (?:-?\d[\d.e+-]*|true|false)(?:, \$[\w$]+ = (?:-?\d[\d.e+-]*|true|false))*;$/.test(line)) {
      const others = identifiers([...prologue.slice(k + 1), ...after].join('\n'));
      if (!topLevelNames([line]).some((n) => others.has(n))) {
        scratch.push(line);
        return;
      }
    }
    before.push(line);
  });
  const loop = [...scratch, ...lines.slice(start, end), ...lines.slice(lines.length - returns)];
  const loopText = loop.join('\n');
  const used = identifiers(loopText);
  const own = new Set(topLevelNames(scratch));
  const parameters = topLevelNames(before).filter((n) => used.has(n) && !own.has(n));
  // The loop's own top-level declarations must not repeat a parameter, nor may it assign one.
  if (topLevelNames(loop.filter((l) => !scratch.includes(l))).some((n) => parameters.includes(n) || own.has(n))) return undefined;
  for (const name of parameters) {
    const n = name.replaceAll('$', '\\$');
    if (new RegExp(`(?<![\\w$.])${n}\\s*(?:[-+*/%&|^]|\\*\\*|<<|>>>?)?=(?!=)|(?<![\\w$.])${n}\\s*(?:\\+\\+|--)|(?:\\+\\+|--)\\s*${n}(?![\\w$])`).test(loopText)) return undefined;
  }
  return { before, loop, after, parameters };
}

/**
 * The names that `let`/`const` statements at the function's top level (lines of indentation 1,
 * outside brackets; a line may hold several statements) declare, in order.
 */
function topLevelNames(lines: readonly string[]): string[] {
  const names: string[] = [];
  for (const line of lines) {
    if (!/^ {2}\S/.test(line)) continue;
    const text = line.slice(2);
    // Statements split at `;`, declarators at `,`, both outside brackets: `const a = f(x, y), b = 0; let c = 1;`.
    let depth = 0;
    let from = 0;
    let declaring = false;
    for (let k = 0; k <= text.length; k++) {
      const c = text[k];
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') depth--;
      else if (depth === 0 && (k === text.length || c === ',' || c === ';')) {
        let part = text.slice(from, k).trim();
        const keyword = /^(?:let|const)\s/.exec(part);
        if (keyword !== null) {
          declaring = true;
          part = part.slice(keyword[0].length);
        }
        const d = declaring ? /^([A-Za-z_$][\w$]*)\s*=/.exec(part) : null;
        if (d !== null) names.push(d[1]!);
        if (c !== ',') declaring = false;
        from = k + 1;
      }
    }
  }
  return names;
}

let boundInstances = 0;

/**
 * A thread's own instance of the ranged form's factory source (see {@link RangedCode.bind}): the
 * loop's bounds clamped to the literal `[0, N]`, a threshold's first event position likewise,
 * and an instance number making the text unique.
 */
function boundSource(source: string, N: number): string {
  const bound = source
    .replaceAll(RANGED_LOOP, `for (let $idx = Math.max($lo | 0, 0), $end = Math.min($hi | 0, ${N}); $idx < $end; $idx++) {`)
    .replaceAll(RANGED_COUNT, 'let $n = Math.max($lo | 0, 0);');
  const eol = bound.indexOf('\n');
  return `${bound.slice(0, eol)} // thread instance ${++boundInstances}${bound.slice(eol)}`;
}

/** Compiles (once per distinct source) and instantiates a factory source with its captures. */
function instantiate(spec: CodeBlockSpec, source: string, captures: readonly unknown[]): (...args: never[]) => void {
  try {
    const cached = factories.get(source);
    if (cached !== undefined && !sameStorage(cached.storage, captures)) {
      factories.set(source, { factory: cached.factory, storage: storageOf(captures) });
      return cached.factory(captures);
    }
    // A fresh factory (the trailing comment is a number only: no user text reaches the source).
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- printed from validated IR only
    const factory = new Function('$cap', cached === undefined ? source : `${source}\n// instance ${++instances}`) as Factory;
    if (cached === undefined && factories.size > 1000) factories.clear();
    factories.set(source, { factory, storage: storageOf(captures) });
    return factory(captures);
  } catch (error) {
    throw new CodegenError('invalid-spec', spec.name, `Internal error compiling the code of '${spec.name}': ${String(error)}`, { cause: error });
  }
}
