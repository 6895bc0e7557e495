/**
 * Synapse creation (Brian2's `synapses_create_array` / `synapses_create_generator` templates):
 * turns a {@link ConnectSpec} into (pre, post) pairs in Brian2's order.
 *
 * The iteration itself (outer index ascending, then the iterator's order, `n` copies
 * consecutive) is fixed internal logic in TypeScript; every user expression (iterator arguments,
 * the element, the condition, `n`) is evaluated by generated code over typed arrays, in batches
 * of candidates. `sample(…, p=…)` uses Brian2's algorithm choice ({@link sampleIndices}: one draw
 * per candidate, or geometric jumps for small p), so sparse connectivity costs O(synapses).
 *
 * Direct path: when the candidates need no generated code — the element is the loop variable, `n`
 * a literal, and the only per-candidate condition `i != j` (`connect(p=0.1)`,
 * `connect('i != j', p=0.1)`, `connect('i < Ne', p=0.1)`, `j='k for k in sample(N_post, p=0.1)'`)
 * — the iterator's values go straight into the output (typed arrays, no batches), with the same
 * draws, pairs and errors as the batched path (checked by creation.test.ts).
 */
import { compileCodeBlock, streamKey } from '../codegen/index.ts';
import type { CodeObject, RandomState } from '../codegen/index.ts';
import { fillUniforms, uniformAt } from '../codegen/index.ts';
import { MAX_GROUP_SIZE, NameResolution } from '../groups/index.ts';
import type { Group, Namespace } from '../groups/index.ts';
import { DimensionMismatchError } from '../units/index.ts';
import { UndefinedIdentifierError } from '../inference/index.ts';
import { collectFunctionNames, collectIdentifiers, statement } from '../parsing/index.ts';
import type { Expr, Statement } from '../parsing/index.ts';
import { allocateChecked, BrianError, formatBytes, memoryProblem, RECYCLE_MIN_BYTES, recycledArray, recyclingOn, releaseArray } from '../util/index.ts';
import { allocateArray, createArrayVariable, Variables } from '../variables/index.ts';
import type { ArrayVariable, Variable } from '../variables/index.ts';
import type { ConnectSpec, GeneratorConnection } from './connect.ts';
import { ConnectError } from './errors.ts';
import { iteratorArguments } from './generator.ts';
import type { GeneratorIterator } from './generator.ts';
import { jumpTable } from './jump-table.ts';
import { addSideReferences } from './references.ts';
import { rangeLength, sampleIndices, sampleMethod } from './sample.ts';

/** What creation needs to know about the Synapses object. */
export interface CreationContext {
  readonly name: string;
  readonly source: Group;
  readonly target: Group;
  readonly groupNamespace: Namespace;
  readonly runNamespace: Namespace;
  readonly random: RandomState;
  /** Synapses the object already has (they count towards the size limit). Default 0. */
  readonly existingSynapses?: number;
  /** Bytes each new synapse will take in the object's per-synapse variables (for the memory check). Default 0. */
  readonly bytesPerSynapse?: number;
  /**
   * Where the pairs go: the Synapses' own dynamic `_synaptic_pre`/`_synaptic_post` arrays, the
   * new pairs written after their `length` existing ones (the arrays grow as needed; `length`
   * is left to the caller), and returned as views of them. Without it, createPairs returns
   * arrays of its own.
   */
  readonly storage?: PairStorage;
}

/** The dynamic int32 variables pairs are appended to (see {@link CreationContext.storage}). */
export interface PairStorage {
  readonly pre: ArrayVariable;
  readonly post: ArrayVariable;
}

/** Created pairs, absolute neuron indices (in the root groups), in creation order. */
export interface CreatedPairs {
  readonly pre: Int32Array;
  readonly post: Int32Array;
}

/** Options of {@link createPairs}. */
export interface CreationOptions {
  /**
   * Whether the direct path may be used for generators whose only user code is literal or
   * outer-index-only (see {@link directPlan}); `false` forces the batched generated-code path.
   * Both give the same pairs, draws and errors (default `true`).
   */
  readonly direct?: boolean;
}

/** Candidates per batch of generated-code evaluation. */
const BATCH = 8192;

/**
 * How many pairs a connect() call may create, checked before each allocation: at most
 * `MAX_GROUP_SIZE` synapses in all (indices are 32-bit), and no more than fit in the
 * machine's memory (two int32 buffers while creating, a copy, and the per-synapse variables).
 */
class PairLimit {
  private readonly maxPairs: number;
  private readonly bytesPerPair: number;
  constructor(private readonly ctx: CreationContext) {
    this.maxPairs = MAX_GROUP_SIZE - (ctx.existingSynapses ?? 0);
    this.bytesPerPair = 16 + (ctx.bytesPerSynapse ?? 0);
  }
  /** Throws a ConnectError when `pairs` pairs cannot be created. */
  check(pairs: number): void {
    const fail = (reason: string): never => {
      throw new ConnectError('too-many-synapses', 'MemoryError', this.ctx.name, `connect() cannot create ${pairs} or more synapses: ${reason}. Create fewer synapses (a smaller n or p).`);
    };
    if (pairs > this.maxPairs) fail(`the largest supported number of synapses is ${MAX_GROUP_SIZE} (indices are 32-bit integers), and ${formatBytes(pairs * this.bytesPerPair)} of memory would be needed`);
    const problem = memoryProblem(pairs * this.bytesPerPair);
    if (problem !== undefined) fail(problem);
  }
  /**
   * Allocates an int32 buffer of `size` pairs' worth (shared memory for a Synapses' storage), a
   * failed allocation being a ConnectError too. `zero`: it must start as zeros (else the caller
   * overwrites what it reads: the scratch, always, and storage without slack; see util/recycle.ts).
   */
  allocate(size: number, shared = false, zero = false): Int32Array {
    return allocateChecked(
      size * 4,
      () => recycledArray(Int32Array, size, shared, zero) ?? (shared ? (allocateArray('int32', size, true) as Int32Array) : new Int32Array(size)),
      (reason) => new ConnectError('too-many-synapses', 'MemoryError', this.ctx.name, `connect() cannot create ${size} synapses: ${reason}. Create fewer synapses (a smaller n or p).`),
    );
  }
}

/**
 * Pair buffers kept between connect() calls (up to {@link RETAINED_SCRATCH} pairs, 4 MiB): pairs are
 * written there first and copied once into storage of exactly the right size, so the
 * Synapses' arrays carry no slack and need no trimming copy, and a repeated connect() writes
 * into memory it has written before (first writes to fresh memory are the costly part of
 * storing a synapse: ≈ 12 µs per 4 KiB page on the benchmark VM, 8 bytes per synapse here).
 */
let scratch: { pre: Int32Array; post: Int32Array } | undefined;
const RETAINED_SCRATCH = 1 << 19;

/**
 * The output of one connect() call: pairs in `pre`/`post` (a scratch buffer, growing as needed),
 * `length` of them; `result()` hands them over. Into a Synapses' empty storage (its first
 * connect()) the pairs are written in shared memory that becomes the storage itself (no copy;
 * session 10: 2 × 20 MB less written and copied per point of the paper-size sweep).
 */
class PairBuffer {
  pre: Int32Array;
  post: Int32Array;
  length = 0;
  /** Whether the buffers are to become the storage's arrays (see the class comment). */
  private readonly direct: boolean;
  constructor(
    private readonly limit: PairLimit,
    capacity = 64,
    private readonly storage?: PairStorage,
  ) {
    this.direct = storage !== undefined && storage.pre.length === 0 && storage.post.length === 0;
    if (this.direct) {
      this.pre = limit.allocate(capacity, true);
      this.post = limit.allocate(capacity, true);
      return;
    }
    const reused = scratch;
    scratch = undefined; // taken (a nested connect() gets a buffer of its own)
    if (reused !== undefined && reused.pre.length >= capacity) {
      this.pre = reused.pre;
      this.post = reused.post;
    } else {
      this.pre = limit.allocate(capacity);
      this.post = limit.allocate(capacity);
    }
  }
  push(a: number, b: number, n: number): void {
    if (this.length + n > this.pre.length) this.reserve(n);
    for (let k = 0; k < n; k++) {
      this.pre[this.length] = a;
      this.post[this.length++] = b;
    }
  }
  /** Makes room for `n` more pairs (geometric growth). */
  reserve(n: number): void {
    if (this.length + n <= this.pre.length) return;
    this.limit.check(this.length + n);
    const size = Math.min(Math.max(2 * this.pre.length, this.length + n), MAX_GROUP_SIZE);
    const pre = this.limit.allocate(size, this.direct);
    const post = this.limit.allocate(size, this.direct);
    pre.set(this.pre.subarray(0, this.length));
    post.set(this.post.subarray(0, this.length));
    releaseArray(this.pre);
    releaseArray(this.post);
    this.pre = pre;
    this.post = post;
  }
  /**
   * The pairs: appended to the storage's arrays (after their `length` existing pairs; grown to
   * exactly the new total, or by half when the call adds less than an eighth, so that many
   * small calls stay linear), returned as views of them; without storage, as copies.
   */
  result(): CreatedPairs {
    const n = this.length;
    // Direct: the buffers become the storage when at most 1/8 of them is unused, else copied to exact size below.
    if (this.direct && n >= this.pre.length - (this.pre.length >> 3)) {
      const own = (side: ArrayVariable, pairs: Int32Array): Int32Array => {
        // The storage is `n` long (no slack, as below); the rest of the buffer is zeroed (a recycled one held an earlier point's).
        new Int32Array(pairs.buffer, pairs.byteOffset + 4 * n).fill(0);
        side.array = pairs.length === n ? pairs : new Int32Array(pairs.buffer, pairs.byteOffset, n);
        return side.array as Int32Array;
      };
      return { pre: own(this.storage!.pre, this.pre), post: own(this.storage!.post, this.post) };
    }
    let out: CreatedPairs;
    if (this.storage === undefined) {
      out = { pre: this.pre.slice(0, n), post: this.post.slice(0, n) };
    } else {
      const start = this.storage.pre.length;
      const total = start + n;
      const capacity = this.storage.pre.array.length;
      const size = total <= capacity ? capacity : n >= start >> 3 ? total : Math.min(Math.max(total, capacity + (capacity >> 1)), MAX_GROUP_SIZE);
      const append = (side: ArrayVariable, pairs: Int32Array): Int32Array => {
        let array = side.array as Int32Array;
        if (array.length < size) {
          // Only the slack after the new pairs is read before being written (as zeros: resizeDynamic).
          const bigger = this.limit.allocate(size, true, size > total);
          bigger.set(array.subarray(0, start));
          side.array = array = bigger;
        }
        array.set(pairs.subarray(0, n), start);
        return array.subarray(start, total);
      };
      out = { pre: append(this.storage.pre, this.pre), post: append(this.storage.post, this.post) };
    }
    if (this.direct || (recyclingOn() && this.pre.byteLength >= RECYCLE_MIN_BYTES)) {
      // Shared buffers are never kept as the scratch, nor pooled ones: a sweep worker's pool takes
      // them back (and may hand them to this point's spike queue).
      releaseArray(this.pre);
      releaseArray(this.post);
    } else if (this.pre.length <= RETAINED_SCRATCH && (scratch === undefined || scratch.pre.length < this.pre.length)) {
      scratch = { pre: this.pre, post: this.post };
    }
    return out;
  }
}

/**
 * The key and execution counter of the connect stream for one connect() call (advances the
 * stream's counter): draw `c0` of the call is `uniformAt(k0, k1, c0 | 0, c1)`.
 */
function connectStream(ctx: CreationContext): { readonly k0: number; readonly k1: number; readonly c1: number } {
  const stream = `${ctx.name}:connect`;
  const counter = ctx.random.counter(stream);
  const c1 = counter[0]! | 0;
  counter[0] = c1 + 1;
  return { k0: ctx.random.seedWord[0]! | 0, k1: streamKey(stream), c1 };
}

/** A uniform source on the connect stream of one connect() call. */
function uniformSource(ctx: CreationContext): () => number {
  const { k0, k1, c1 } = connectStream(ctx);
  // A local binding: an imported binding can be an accessor per call (tsx's module transform).
  const draw = uniformAt;
  let c0 = 0;
  return () => draw(k0, k1, c0++ | 0, c1);
}

/** Re-throws errors of user expressions as ConnectErrors naming the Synapses object. */
function compileOrFail(ctx: CreationContext, what: string, build: () => CodeObject): CodeObject {
  try {
    return build();
  } catch (e) {
    if (e instanceof ConnectError || !(e instanceof BrianError)) throw e;
    const cls = e instanceof UndefinedIdentifierError ? 'KeyError' : e instanceof DimensionMismatchError ? 'DimensionMismatchError' : 'TypeError';
    throw new ConnectError('expression', cls, ctx.name, `Error in the ${what} of connect(): ${e.message}`, { cause: e });
  }
}

/** Creates the pairs a connect() spec describes. */
export function createPairs(spec: ConnectSpec, ctx: CreationContext, options: CreationOptions = {}): CreatedPairs {
  if (spec.kind === 'none') return { pre: new Int32Array(0), post: new Int32Array(0) };
  if (spec.kind === 'arrays') {
    const limit = new PairLimit(ctx);
    // The number of pairs is known before any is drawn: at most the sum of the n's.
    let most = 0;
    for (let k = 0; k < spec.i.length; k++) most += Math.max(0, spec.n[k]!);
    limit.check(Math.ceil(most * Math.min(1, Math.max(0, spec.p))));
    const out = new PairBuffer(limit, spec.p < 1 ? initialCapacity(most * Math.max(0, spec.p)) : Math.min(Math.max(most, 1), MAX_GROUP_SIZE), ctx.storage);
    const uniform = spec.p < 1 ? uniformSource(ctx) : undefined;
    const s0 = ctx.source.start;
    const t0 = ctx.target.start;
    for (let k = 0; k < spec.i.length; k++) {
      if (uniform !== undefined && !(uniform() < spec.p)) continue;
      out.push(spec.i[k]! + s0, spec.j[k]! + t0, spec.n[k]!);
    }
    return out.result();
  }
  return createFromGenerator(spec, ctx, options);
}

interface Side {
  readonly group: Group;
  readonly rel: 'i' | 'j';
  readonly abs: '_presynaptic_idx' | '_postsynaptic_idx';
  readonly suffix: '_pre' | '_post';
}

function int32(name: string, size: number, owner: string): ArrayVariable {
  return createArrayVariable(name, { dtype: 'int32', size }, owner);
}

function createFromGenerator(spec: GeneratorConnection, ctx: CreationContext, options: CreationOptions): CreatedPairs {
  const pre: Side = { group: ctx.source, rel: 'i', abs: '_presynaptic_idx', suffix: '_pre' };
  const post: Side = { group: ctx.target, rel: 'j', abs: '_postsynaptic_idx', suffix: '_post' };
  const [outer, result] = spec.outerIndex === 'i' ? [pre, post] : [post, pre];
  const nOuter = outer.group.N;
  const nResult = result.group.N;
  const gen = spec.generator;
  const inner = gen.innerVariable;
  const owner = ctx.name;

  const baseTable = (): Variables => {
    const t = new Variables(owner);
    t.addConstant('N_pre', { value: ctx.source.N, type: 'integer' });
    t.addConstant('N_post', { value: ctx.target.N, type: 'integer' });
    return t;
  };
  const addSide = (t: Variables, side: Side, relVar: ArrayVariable, absVar: ArrayVariable): void => {
    t.set(side.rel, relVar);
    t.set(side.abs, absVar);
    addSideReferences(t, { group: side.group, suffix: side.suffix, index: side.abs, relativeIndex: side.rel, unsuffixed: false });
  };
  const compile = (what: string, table: Variables, n: number, build: (vars: Variables) => Parameters<typeof compileCodeBlock>[0]): CodeObject =>
    compileOrFail(ctx, what, () => compileCodeBlock(build(table)));
  const resolve = (table: Variables, statements: readonly Statement[], extraExprs: readonly Expr[], extra: Variable[]): Variables => {
    const resolution = new NameResolution(owner, table, ctx.groupNamespace, ctx.runNamespace);
    const ids = new Set<string>();
    for (const x of [...statements, ...extraExprs]) {
      for (const n of collectIdentifiers(x)) ids.add(n);
      for (const n of collectFunctionNames(x)) ids.add(n);
    }
    return resolution.variablesFor(ids, extra);
  };

  // 1. Per outer index: the iterator's arguments and a condition that does not depend on the candidate.
  const it = gen.iterator;
  const args = iteratorArguments(it);
  let outerCond = gen.condition !== undefined && !spec.conditionPerCandidate && !isTrue(gen.condition) ? gen.condition : undefined;
  const plan = options.direct === false ? undefined : directPlan(spec);
  // An outer condition `i < Ne` (a comparison with a number) selects a range of outer indices:
  // the direct path then needs no generated code for it.
  let outerRange: readonly [number, number] = [0, nOuter];
  if (plan !== undefined && outerCond !== undefined) {
    const resolution = new NameResolution(owner, baseTable(), ctx.groupNamespace, ctx.runNamespace);
    const range = indexRange(outerCond, outer.rel, nOuter, (id) => {
      const v = resolution.lookup(id);
      return v !== undefined && v.kind === 'constant' && typeof v.value === 'number' && v.dim.isDimensionless ? v.value : undefined;
    });
    if (range !== undefined) {
      outerRange = range;
      outerCond = undefined;
    }
  }
  // Literal arguments (`sample(N_post, p=0.1)`) need no generated code when the direct path runs.
  const constants = plan !== undefined && outerCond === undefined ? constantArguments(args, ctx) : undefined;
  const argVars = args.map(([argName]) => createArrayVariable(`_${argName}`, { size: constants === undefined ? nOuter : 1, dtype: 'float64' }, owner));
  const condVar = createArrayVariable('_cond', { size: constants === undefined ? nOuter : 1, dtype: 'bool' }, owner);
  if (constants !== undefined) {
    constants.forEach((value, k) => (argVars[k]!.array[0] = value));
  } else {
    const outerRel = int32(outer.rel, nOuter, owner);
    const outerAbs = int32(outer.abs, nOuter, owner);
    for (let k = 0; k < nOuter; k++) {
      outerRel.array[k] = k;
      outerAbs.array[k] = k + outer.group.start;
    }
    const outerTable = baseTable();
    addSide(outerTable, outer, outerRel, outerAbs);
    const argStatements = args.map(([argName, e]) => statement(`_${argName}`, '=', e));
    const outerStatements = outerCond === undefined ? argStatements : [...argStatements, statement('_cond', '=', outerCond)];
    if (nOuter > 0) {
      compile('iterator arguments', outerTable, nOuter, (t) => ({
        name: owner,
        template: 'set_expression',
        statements: outerStatements,
        variables: resolve(t, outerStatements, [], [...argVars, condVar]),
        N: nOuter,
        stream: `${owner}:connect_outer`,
      })).run();
    }
  }
  const argArrays = argVars.map((v) => v.array as Float64Array);
  const argOf = (argName: string, o: number): number => argArrays[args.findIndex(([a]) => a === argName)]![constants === undefined ? o : 0]!;
  const integerArg = (argName: string, o: number): number => {
    const x = argOf(argName, o);
    if (!Number.isInteger(x)) {
      throw new ConnectError('iterator-type', 'TypeError', owner, `The '${argName}' argument of the ${it.kind} function has to be an integer, got ${x}.`);
    }
    return x;
  };
  const conds = condVar.array as Uint8Array;
  if (plan !== undefined) {
    return createDirect(spec, plan, ctx, {
      nOuter,
      nResult,
      outerStart: outer.group.start,
      resultStart: result.group.start,
      outerIsPre: outer === pre,
      selected: outerCond === undefined ? undefined : conds,
      outerRange,
      integerArg,
      argOf,
      constants: constants !== undefined,
    });
  }

  // 2. Candidate evaluation code, over batches of BATCH candidates.
  const bOuterRel = int32(outer.rel, BATCH, owner);
  const bOuterAbs = int32(outer.abs, BATCH, owner);
  const bInner = int32(inner, BATCH, owner);
  const bResRel = int32(result.rel, BATCH, owner);
  const bResAbs = int32(result.abs, BATCH, owner);
  const bN = int32('_n', BATCH, owner);
  const elementIsInner = gen.element.kind === 'name' && gen.element.name === inner;
  let elementCode: CodeObject | undefined;
  if (!elementIsInner) {
    const t = baseTable();
    addSide(t, outer, bOuterRel, bOuterAbs);
    t.set(inner, bInner);
    const stmts = [statement('_result', '=', gen.element)];
    const out = createArrayVariable('_result', { size: BATCH, dtype: 'int32' }, owner);
    // `_result` is written into the result-side relative array directly.
    (out as { array: Int32Array }).array = bResRel.array as Int32Array;
    elementCode = compile('generator element', t, BATCH, (tt) => ({
      name: owner,
      template: 'set_expression',
      statements: stmts,
      variables: resolve(tt, stmts, [], [out]),
      N: BATCH,
      stream: `${owner}:connect_element`,
    }));
  }
  const fullTable = (): Variables => {
    const t = baseTable();
    if (outer === pre) {
      addSide(t, pre, bOuterRel, bOuterAbs);
      addSide(t, post, bResRel, bResAbs);
    } else {
      addSide(t, pre, bResRel, bResAbs);
      addSide(t, post, bOuterRel, bOuterAbs);
    }
    if (inner !== 'i' && inner !== 'j') t.set(inner, bInner);
    return t;
  };
  const candCond = gen.condition !== undefined && spec.conditionPerCandidate && !isTrue(gen.condition) ? gen.condition : undefined;
  const space = createArrayVariable('_condspace', { dtype: 'int32', size: BATCH + 1 }, owner);
  let condCode: CodeObject | undefined;
  if (candCond !== undefined) {
    condCode = compile('condition', fullTable(), BATCH, (t) => ({
      name: owner,
      template: 'threshold',
      condition: candCond,
      variables: resolve(t, [], [candCond], []),
      N: BATCH,
      eventSpace: space,
      stream: `${owner}:connect_condition`,
    }));
  }
  const nLiteral = spec.n.kind === 'number' ? spec.n.value : undefined;
  let nCode: CodeObject | undefined;
  if (nLiteral === undefined) {
    const stmts = [statement('_n', '=', spec.n)];
    nCode = compile('number of synapses n', fullTable(), BATCH, (t) => ({
      name: owner,
      template: 'set_expression',
      statements: stmts,
      variables: resolve(t, stmts, [], [bN]),
      N: BATCH,
      stream: `${owner}:connect_n`,
    }));
  }

  const out = new PairBuffer(new PairLimit(ctx), 64, ctx.storage);
  const oRel = bOuterRel.array as Int32Array;
  const oAbs = bOuterAbs.array as Int32Array;
  const inn = bInner.array as Int32Array;
  const rRel = bResRel.array as Int32Array;
  const rAbs = bResAbs.array as Int32Array;
  const ev = space.array as Int32Array;
  const nArr = bN.array as Int32Array;
  const resultName = result.rel;
  let m = 0;

  const outOfRange = (r: number): never => {
    throw new ConnectError('index-out-of-range', 'IndexError', owner, `index _${resultName}=${r} outside allowed range from 0 to ${nResult - 1}`);
  };
  const flush = (): void => {
    if (m === 0) return;
    // Padding: valid indices, so padded candidates read in-range memory; their results are ignored.
    for (let k = m; k < BATCH; k++) {
      oRel[k] = 0;
      oAbs[k] = outer.group.start;
      inn[k] = 0;
    }
    if (elementCode !== undefined) elementCode.run();
    else rRel.set(inn);
    let count = m;
    const checkEarly = spec.conditionUsesResultIndex || condCode === undefined;
    if (checkEarly) {
      let w = 0;
      for (let k = 0; k < count; k++) {
        const r = rRel[k]!;
        if (r < 0 || r >= nResult) {
          if (!spec.skipIfInvalid) outOfRange(r);
          continue;
        }
        oRel[w] = oRel[k]!;
        oAbs[w] = oAbs[k]!;
        inn[w] = inn[k]!;
        rRel[w++] = r;
      }
      count = w;
    }
    for (let k = 0; k < BATCH; k++) {
      const r = k < count ? rRel[k]! : 0;
      rAbs[k] = (r >= 0 && r < nResult ? r : 0) + result.group.start;
      if (k >= count) rRel[k] = 0;
    }
    let selected: Int32Array | undefined;
    let nSelected = count;
    if (condCode !== undefined) {
      condCode.run();
      selected = ev;
      nSelected = 0;
      const total = ev[BATCH]!;
      for (let q = 0; q < total && ev[q]! < count; q++) nSelected++;
    }
    if (!checkEarly) {
      for (let q = 0; q < nSelected; q++) {
        const k = selected === undefined ? q : selected[q]!;
        const r = rRel[k]!;
        if ((r < 0 || r >= nResult) && !spec.skipIfInvalid) outOfRange(r);
      }
    }
    if (nCode !== undefined) nCode.run();
    for (let q = 0; q < nSelected; q++) {
      const k = selected === undefined ? q : selected[q]!;
      const r = rRel[k]!;
      if (r < 0 || r >= nResult) continue; // dropped by skipIfInvalid
      const copies = nLiteral ?? nArr[k]!;
      if (copies < 0) throw new ConnectError('invalid-value', 'ValueError', owner, `The number of synapses n must not be negative, got ${copies}.`);
      const a = oAbs[k]!;
      const b = rAbs[k]!;
      if (outer === pre) out.push(a, b, copies);
      else out.push(b, a, copies);
    }
    m = 0;
  };
  const add = (o: number, v: number): void => {
    oRel[m] = o;
    oAbs[m] = o + outer.group.start;
    inn[m++] = v;
    if (m === BATCH) flush();
  };

  const uniform = it.kind === 'sample' ? uniformSource(ctx) : undefined;
  for (let o = 0; o < nOuter; o++) {
    if (outerCond !== undefined && conds[o] === 0) continue;
    const low = integerArg('low', o);
    const high = integerArg('high', o);
    const step = integerArg('step', o);
    if (it.kind === 'range') {
      const n = rangeLength(low, high, step);
      for (let c = 0; c < n; c++) add(o, low + c * step);
    } else {
      const values =
        it.sampleSize === 'random'
          ? sampleIndices(low, high, step, { p: argOf('p', o), objectName: owner }, uniform!)
          : sampleIndices(low, high, step, { size: integerArg('size', o), skipIfInvalid: spec.skipIfInvalid, objectName: owner }, uniform!);
      for (const v of values) add(o, v);
    }
  }
  flush();
  return out.result();
}

/**
 * What the direct path of {@link createDirect} needs from a generator connection: the element
 * is the loop variable itself, `n` is a literal, and any condition evaluated per candidate is
 * `OUTER != inner` (`connect(condition='i != j', p=…)`). Other user code (iterator arguments, a
 * condition on the outer index only) is evaluated by generated code per outer index as before.
 */
interface DirectPlan {
  /** Skip candidates whose value equals the outer index (`i != j`). */
  readonly excludeSelf: boolean;
  /** Synapses per created pair (a literal `n`). */
  readonly copies: number;
}

/** The direct-path plan of a connection, or `undefined` when it needs the batched generated code. */
function directPlan(spec: GeneratorConnection): DirectPlan | undefined {
  const gen = spec.generator;
  const inner = gen.innerVariable;
  if (inner === 'i' || inner === 'j' || gen.element.kind !== 'name' || gen.element.name !== inner) return undefined;
  if (spec.n.kind !== 'number' || !(spec.n.value >= 0)) return undefined;
  let excludeSelf = false;
  const cond = gen.condition;
  if (cond !== undefined && spec.conditionPerCandidate && !isTrue(cond)) {
    if (cond.kind !== 'compare' || cond.op !== '!=' || cond.left.kind !== 'name' || cond.right.kind !== 'name') return undefined;
    const names = [cond.left.name, cond.right.name];
    if (!names.includes(spec.outerIndex) || !names.includes(inner)) return undefined;
    excludeSelf = true;
  }
  return { excludeSelf, copies: spec.n.value };
}

/**
 * The iterator's arguments when each is a number literal or `N_pre`/`N_post` (the values the
 * generated code would compute for every outer index), else `undefined`.
 */
function constantArguments(args: readonly (readonly [string, Expr])[], ctx: CreationContext): number[] | undefined {
  const values: number[] = [];
  for (const [, e] of args) {
    if (e.kind === 'number') values.push(e.value);
    else if (e.kind === 'name' && e.name === 'N_pre') values.push(ctx.source.N);
    else if (e.kind === 'name' && e.name === 'N_post') values.push(ctx.target.N);
    else return undefined;
  }
  return values;
}

/** What {@link createDirect} needs from the generator setup (step 1 of createFromGenerator). */
interface DirectInput {
  readonly nOuter: number;
  readonly nResult: number;
  readonly outerStart: number;
  readonly resultStart: number;
  readonly outerIsPre: boolean;
  /** Per outer index, whether its (outer-only) condition holds; `undefined`: no such condition. */
  readonly selected: Uint8Array | undefined;
  /** The outer indices `[first, end)` that can be selected (all, or those of a range condition). */
  readonly outerRange: readonly [number, number];
  readonly integerArg: (argName: string, o: number) => number;
  readonly argOf: (argName: string, o: number) => number;
  /** Whether the arguments are the same for every outer index. */
  readonly constants: boolean;
}

/** Largest initial capacity of the direct path's output (it grows beyond). */
const MAX_INITIAL_CAPACITY = 1 << 26;

/**
 * The direct path for generators whose candidates need no generated code (see {@link DirectPlan}):
 * the iterator's values — Brian2's geometric jumps or per-candidate draws for `sample(…, p=…)`,
 * exactly as {@link sampleIndices}, on the same stream and counters — are written straight into
 * the output as pairs, without candidate arrays or batches.
 *
 * It gives the pairs, random draws and errors of the batched path, including which error comes
 * first: the batched path reports an out-of-range result index when it evaluates the batch of
 * {@link BATCH} candidates holding it, so such an error is deferred here until as many
 * candidates have been produced (an error of a later outer index's arguments can come first).
 */
function createDirect(spec: GeneratorConnection, plan: DirectPlan, ctx: CreationContext, input: DirectInput): CreatedPairs {
  const { nResult, outerStart, resultStart, outerIsPre, selected, integerArg, argOf } = input;
  const [first, end] = input.outerRange;
  const { excludeSelf, copies } = plan;
  const skipIfInvalid = spec.skipIfInvalid;
  const it = spec.generator.iterator;
  const owner = ctx.name;
  const draws = it.kind === 'sample' ? new UniformDraws(ctx) : undefined;

  const limit = new PairLimit(ctx);
  // The mean number of pairs is known before any is drawn (exact for range and fixed-size samples).
  const mean = meanPairs(input, it, copies);
  limit.check(Math.ceil(mean));
  const sink = new DirectSink(new PairBuffer(limit, initialCapacity(mean), ctx.storage), { nResult, outerStart, resultStart, outerIsPre, excludeSelf, copies, skipIfInvalid });
  const outOfRange = (r: number): never => {
    throw new ConnectError('index-out-of-range', 'IndexError', owner, `index _${outerIsPre ? 'j' : 'i'}=${r} outside allowed range from 0 to ${nResult - 1}`);
  };

  for (let o = first; o < end; o++) {
    if (sink.reportDue()) outOfRange(sink.pendingValue);
    if (selected !== undefined && selected[o] === 0) continue;
    const low = integerArg('low', o);
    const high = integerArg('high', o);
    const step = integerArg('step', o);
    if (it.kind === 'range') {
      const n = rangeLength(low, high, step);
      for (let c = 0; c < n; c++) sink.accept(o, low + c * step);
      continue;
    }
    if (it.sampleSize === 'fixed') {
      // Floyd's algorithm: as the batched path, through sampleIndices.
      const values = sampleIndices(low, high, step, { size: integerArg('size', o), skipIfInvalid, objectName: owner }, () => draws!.next());
      for (const v of values) sink.accept(o, v);
      continue;
    }
    // sample(low, high, step, p=p): sampleIndices's algorithm, inline.
    const p = argOf('p', o);
    if (Number.isNaN(p)) throw new ConnectError('invalid-value', 'ValueError', owner, 'The sample probability p is NaN');
    if (p <= 0) continue;
    const n = rangeLength(low, high, step);
    if (p >= 1) {
      for (let c = 0; c < n; c++) sink.accept(o, low + c * step);
      continue;
    }
    if (n <= 0) continue;
    const dense = sampleMethod(n, p) === 'dense';
    const last = low + (n - 1) * step;
    if (copies === 1 && Math.min(low, last) >= 0 && Math.max(low, last) < nResult) {
      // Every candidate is a valid index and makes one pair: write the pairs here.
      const self = excludeSelf ? o : -1;
      const hits = dense ? denseRun(draws!, sink.out, o + outerStart, outerIsPre, p, n, low, step, resultStart, self) : jumpRun(draws!, sink.out, o + outerStart, outerIsPre, p, n, low, step, resultStart, self);
      sink.candidates += hits;
      continue;
    }
    if (dense) {
      for (let c = 0; c < n; c++) if (draws!.next() < p) sink.accept(o, low + c * step);
      continue;
    }
    const scale = 1 / Math.log(1 - p);
    for (let c = -1; ; ) {
      const jump = Math.ceil(Math.log(draws!.next()) * scale);
      if (!(jump >= 1 && jump < n - c)) break;
      c += jump;
      sink.accept(o, low + c * step);
    }
  }
  if (sink.pendingAt >= 0) outOfRange(sink.pendingValue);
  return sink.out.result();
}

/** Uniform draws per block (see {@link UniformDraws}). */
const DRAW_BLOCK = 256;

/**
 * The connect stream of one connect() call (draw `c` is `uniformAt(k0, k1, c | 0, c1)`, as
 * {@link uniformSource}), computed {@link DRAW_BLOCK} at a time by `fillUniforms`: `buf[pos]`
 * is the next draw. Draws computed past the call's last one are never used.
 */
class UniformDraws {
  readonly buf = new Float64Array(DRAW_BLOCK);
  pos = DRAW_BLOCK;
  private readonly k0: number;
  private readonly k1: number;
  private readonly c1: number;
  private nextBlock = 0;
  constructor(ctx: CreationContext) {
    const { k0, k1, c1 } = connectStream(ctx);
    this.k0 = k0;
    this.k1 = k1;
    this.c1 = c1;
  }
  /** Computes the next block; `pos` back to 0. */
  refill(): void {
    fillUniforms(this.k0, this.k1, this.nextBlock, this.c1, this.buf);
    this.nextBlock = (this.nextBlock + DRAW_BLOCK) | 0;
    this.pos = 0;
  }
  next(): number {
    if (this.pos === DRAW_BLOCK) this.refill();
    return this.buf[this.pos++]!;
  }
}

/**
 * `sample(low, …, p=p)` over `n` candidates, all valid indices, one pair each, by one draw per
 * candidate (`u < p`), appended to `out` with outer neuron `a` (absolute); candidate value
 * `self` (relative) left out. Returns the candidates sampled (before that exclusion).
 */
function denseRun(draws: UniformDraws, out: PairBuffer, a: number, outerIsPre: boolean, p: number, n: number, low: number, step: number, resultStart: number, self: number): number {
  let outerSide = outerIsPre ? out.pre : out.post;
  let resultSide = outerIsPre ? out.post : out.pre;
  let len = out.length;
  let capacity = outerSide.length;
  let hits = 0;
  const buf = draws.buf;
  let pos = draws.pos;
  for (let c = 0; c < n; c++) {
    if (pos === DRAW_BLOCK) {
      draws.refill();
      pos = 0;
    }
    if (!(buf[pos++]! < p)) continue;
    hits++;
    const v = low + c * step;
    if (v === self) continue;
    if (len === capacity) {
      out.length = len;
      out.reserve(1);
      outerSide = outerIsPre ? out.pre : out.post;
      resultSide = outerIsPre ? out.post : out.pre;
      capacity = outerSide.length;
    }
    outerSide[len] = a;
    resultSide[len++] = v + resultStart;
  }
  draws.pos = pos;
  out.length = len;
  return hits;
}

/**
 * As {@link denseRun} by Brian2's jump method: the gap to the next hit is geometric with
 * parameter p, `ceil(log(u) / log(1 - p))` (at least 1), looked up in the {@link jumpTable}
 * for `scale` (the same integers; `Math.log` where the table cannot tell).
 */
function jumpRun(draws: UniformDraws, out: PairBuffer, a: number, outerIsPre: boolean, p: number, n: number, low: number, step: number, resultStart: number, self: number): number {
  const scale = 1 / Math.log(1 - p);
  const table = jumpTable(scale);
  const cells = table.cells;
  const octaves = table.octaves;
  const bits = table.bits;
  const shift = 32 - bits;
  let outerSide = outerIsPre ? out.pre : out.post;
  let resultSide = outerIsPre ? out.post : out.pre;
  let len = out.length;
  let capacity = outerSide.length;
  let hits = 0;
  const base = low + resultStart;
  const buf = draws.buf;
  let pos = draws.pos;
  for (let c = -1; ; ) {
    if (pos === DRAW_BLOCK) {
      draws.refill();
      pos = 0;
    }
    const u = buf[pos++]!;
    // jumpLength(u, table), inline (a call here costs as much as the logarithm).
    let jump: number;
    const h = (u * 4294967296) | 0; // int32, as in jumpLength (Maglev's deopt loop on a uint32)
    const z = Math.clz32(h);
    if (z < octaves) {
      const g = 3 * ((z << bits) | (((h << z) << 1) >>> shift));
      if (u >= cells[g]!) jump = cells[g + 2]!;
      else if (u < cells[g + 1]!) jump = cells[g + 2]! + 1;
      else jump = Math.ceil(Math.log(u) * scale);
    } else {
      jump = Math.ceil(Math.log(u) * scale);
    }
    if (!(jump >= 1 && jump < n - c)) break; // as sampleIndices (u == 0, p < 2^-53)
    c += jump;
    hits++;
    if (low + c * step === self) continue;
    if (len === capacity) {
      out.length = len;
      out.reserve(1);
      outerSide = outerIsPre ? out.pre : out.post;
      resultSide = outerIsPre ? out.post : out.pre;
      capacity = outerSide.length;
    }
    outerSide[len] = a;
    resultSide[len++] = base + c * step;
  }
  draws.pos = pos;
  out.length = len;
  return hits;
}

/**
 * The expected number of pairs (exact for `range` and fixed-size samples). Outer indices with
 * invalid arguments are left out (the main loop reports them).
 */
function meanPairs(input: DirectInput, it: GeneratorIterator, copies: number): number {
  const { selected, argOf } = input;
  const [first, end] = input.outerRange;
  const perOuter = (o: number): number => {
    const low = argOf('low', o);
    const high = argOf('high', o);
    const step = argOf('step', o);
    if (!Number.isInteger(low) || !Number.isInteger(high) || !Number.isInteger(step) || step === 0) return 0;
    const n = rangeLength(low, high, step);
    if (it.kind === 'range') return n;
    if (it.sampleSize === 'fixed') return Math.min(n, Math.max(0, argOf('size', o)));
    const p = argOf('p', o);
    return p >= 1 ? n : p > 0 ? n * p : 0;
  };
  let expected = 0;
  if (input.constants && selected === undefined) expected = (end - first) * perOuter(0);
  else for (let o = first; o < end; o++) if (selected === undefined || selected[o] !== 0) expected += perOuter(o);
  expected *= Math.ceil(copies);
  return expected >= 0 ? expected : 0;
}

/** A first buffer size for `expected` pairs: enough for 5 standard deviations more, capped. */
function initialCapacity(expected: number): number {
  return Math.ceil(Math.max(64, Math.min(expected + 5 * Math.sqrt(expected) + 64, MAX_INITIAL_CAPACITY)));
}

/** The direct path's output: candidates → pairs, with the batched path's out-of-range bookkeeping. */
class DirectSink {
  /** Candidates produced so far (the batched path's candidate count). */
  candidates = 0;
  /** Position of the first out-of-range candidate the batched path would report (-1: none), and its value. */
  pendingAt = -1;
  pendingValue = 0;
  private readonly nResult: number;
  private readonly outerStart: number;
  private readonly resultStart: number;
  private readonly outerIsPre: boolean;
  private readonly excludeSelf: boolean;
  private readonly copies: number;
  private readonly skipIfInvalid: boolean;

  constructor(
    readonly out: PairBuffer,
    o: { nResult: number; outerStart: number; resultStart: number; outerIsPre: boolean; excludeSelf: boolean; copies: number; skipIfInvalid: boolean },
  ) {
    this.nResult = o.nResult;
    this.outerStart = o.outerStart;
    this.resultStart = o.resultStart;
    this.outerIsPre = o.outerIsPre;
    this.excludeSelf = o.excludeSelf;
    this.copies = o.copies;
    this.skipIfInvalid = o.skipIfInvalid;
  }

  /** One candidate: value `v` (relative result index) of outer index `o`. */
  accept(o: number, v: number): void {
    const q = this.candidates++;
    if (this.excludeSelf && v === o) return;
    if (v < 0 || v >= this.nResult) {
      if (!this.skipIfInvalid && this.pendingAt < 0) {
        this.pendingAt = q;
        this.pendingValue = v;
      }
      return;
    }
    if (this.outerIsPre) this.out.push(o + this.outerStart, v + this.resultStart, this.copies);
    else this.out.push(v + this.resultStart, o + this.outerStart, this.copies);
  }

  /** Whether the batched path would have reported the pending out-of-range candidate by now. */
  reportDue(): boolean {
    return this.pendingAt >= 0 && this.candidates >= (Math.floor(this.pendingAt / BATCH) + 1) * BATCH;
  }
}

/**
 * The outer indices `o` in `[0, n)` for which `cond` holds, as a range `[first, end)`, when
 * `cond` compares the outer index (named `index`) with a number (a literal, or a name that
 * `constant` resolves to a dimensionless number): `i < Ne`, `i >= 3200`, `10 > i`, `i == 5`.
 * `undefined` for any other condition (left to generated code).
 */
export function indexRange(cond: Expr, index: string, n: number, constant: (name: string) => number | undefined): readonly [number, number] | undefined {
  if (cond.kind !== 'compare') return undefined;
  const valueOf = (e: Expr): number | undefined => (e.kind === 'number' ? e.value : e.kind === 'name' && e.name !== index ? constant(e.name) : undefined);
  let op = cond.op;
  let c: number | undefined;
  if (cond.left.kind === 'name' && cond.left.name === index) c = valueOf(cond.right);
  else if (cond.right.kind === 'name' && cond.right.name === index) {
    c = valueOf(cond.left);
    // `c < i` is `i > c`.
    op = op === '<' ? '>' : op === '<=' ? '>=' : op === '>' ? '<' : op === '>=' ? '<=' : op;
  }
  if (c === undefined) return undefined;
  if (Number.isNaN(c)) return op === '!=' ? undefined : [0, 0];
  const clamp = (x: number): number => Math.min(Math.max(x, 0), n);
  let lo = 0;
  let hi = n;
  switch (op) {
    case '<':
      hi = Math.ceil(c);
      break;
    case '<=':
      hi = Math.floor(c) + 1;
      break;
    case '>':
      lo = Math.floor(c) + 1;
      break;
    case '>=':
      lo = Math.ceil(c);
      break;
    case '==':
      if (!Number.isInteger(c)) return [0, 0];
      lo = c;
      hi = c + 1;
      break;
    default:
      return undefined;
  }
  lo = clamp(lo);
  hi = clamp(hi);
  return lo < hi ? [lo, hi] : [0, 0];
}

function isTrue(e: Expr): boolean {
  return e.kind === 'boolean' && e.value;
}
