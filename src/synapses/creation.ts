/**
 * Synapse creation (Brian2's `synapses_create_array` / `synapses_create_generator` templates):
 * turns a {@link ConnectSpec} into (pre, post) pairs in Brian2's order.
 *
 * The iteration itself (outer index ascending, then the iterator's order, `n` copies
 * consecutive) is fixed internal logic in TypeScript; every user expression (iterator arguments,
 * the element, the condition, `n`) is evaluated by generated code over typed arrays, in batches
 * of candidates. `sample(…, p=…)` uses Brian2's algorithm choice ({@link sampleIndices}: one draw
 * per candidate, or geometric jumps for small p), so sparse connectivity costs O(synapses).
 */
import { compileCodeBlock, streamKey } from '../codegen/index.ts';
import type { CodeObject, RandomState } from '../codegen/index.ts';
import { uniformAt } from '../codegen/index.ts';
import { NameResolution } from '../groups/index.ts';
import type { Group, Namespace } from '../groups/index.ts';
import { DimensionMismatchError } from '../units/index.ts';
import { UndefinedIdentifierError } from '../inference/index.ts';
import { collectFunctionNames, collectIdentifiers, statement } from '../parsing/index.ts';
import type { Expr, Statement } from '../parsing/index.ts';
import { BrianError } from '../util/index.ts';
import { createArrayVariable, Variables } from '../variables/index.ts';
import type { ArrayVariable, Variable } from '../variables/index.ts';
import type { ConnectSpec, GeneratorConnection } from './connect.ts';
import { ConnectError } from './errors.ts';
import { iteratorArguments } from './generator.ts';
import { addSideReferences } from './references.ts';
import { rangeLength, sampleIndices } from './sample.ts';

/** What creation needs to know about the Synapses object. */
export interface CreationContext {
  readonly name: string;
  readonly source: Group;
  readonly target: Group;
  readonly groupNamespace: Namespace;
  readonly runNamespace: Namespace;
  readonly random: RandomState;
}

/** Created pairs, absolute neuron indices (in the root groups), in creation order. */
export interface CreatedPairs {
  readonly pre: Int32Array;
  readonly post: Int32Array;
}

/** Candidates per batch of generated-code evaluation. */
const BATCH = 8192;

class PairBuffer {
  pre = new Int32Array(64);
  post = new Int32Array(64);
  length = 0;
  push(a: number, b: number, n: number): void {
    if (this.length + n > this.pre.length) {
      const size = Math.max(2 * this.pre.length, this.length + n);
      const pre = new Int32Array(size);
      const post = new Int32Array(size);
      pre.set(this.pre.subarray(0, this.length));
      post.set(this.post.subarray(0, this.length));
      this.pre = pre;
      this.post = post;
    }
    for (let k = 0; k < n; k++) {
      this.pre[this.length] = a;
      this.post[this.length++] = b;
    }
  }
  result(): CreatedPairs {
    return { pre: this.pre.slice(0, this.length), post: this.post.slice(0, this.length) };
  }
}

/** A uniform source on the connect stream of one connect() call. */
function uniformSource(ctx: CreationContext): () => number {
  const stream = `${ctx.name}:connect`;
  const counter = ctx.random.counter(stream);
  const c1 = counter[0]! | 0;
  counter[0] = c1 + 1;
  const k0 = ctx.random.seedWord[0]! | 0;
  const k1 = streamKey(stream);
  let c0 = 0;
  return () => uniformAt(k0, k1, c0++ | 0, c1);
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
export function createPairs(spec: ConnectSpec, ctx: CreationContext): CreatedPairs {
  if (spec.kind === 'none') return { pre: new Int32Array(0), post: new Int32Array(0) };
  if (spec.kind === 'arrays') {
    const out = new PairBuffer();
    const uniform = spec.p < 1 ? uniformSource(ctx) : undefined;
    const s0 = ctx.source.start;
    const t0 = ctx.target.start;
    for (let k = 0; k < spec.i.length; k++) {
      if (uniform !== undefined && !(uniform() < spec.p)) continue;
      out.push(spec.i[k]! + s0, spec.j[k]! + t0, spec.n[k]!);
    }
    return out.result();
  }
  return createFromGenerator(spec, ctx);
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

function createFromGenerator(spec: GeneratorConnection, ctx: CreationContext): CreatedPairs {
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
  const outerRel = int32(outer.rel, nOuter, owner);
  const outerAbs = int32(outer.abs, nOuter, owner);
  for (let k = 0; k < nOuter; k++) {
    outerRel.array[k] = k;
    outerAbs.array[k] = k + outer.group.start;
  }
  const outerTable = baseTable();
  addSide(outerTable, outer, outerRel, outerAbs);
  const args = iteratorArguments(gen.iterator);
  const argVars = args.map(([argName]) => createArrayVariable(`_${argName}`, { size: nOuter, dtype: 'float64' }, owner));
  const argStatements = args.map(([argName, e]) => statement(`_${argName}`, '=', e));
  const outerCond = gen.condition !== undefined && !spec.conditionPerCandidate && !isTrue(gen.condition) ? gen.condition : undefined;
  const condVar = createArrayVariable('_cond', { size: nOuter, dtype: 'bool' }, owner);
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

  const out = new PairBuffer();
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

  const it = gen.iterator;
  const argArrays = argVars.map((v) => v.array as Float64Array);
  const argOf = (argName: string, o: number): number => argArrays[args.findIndex(([a]) => a === argName)]![o]!;
  const integerArg = (argName: string, o: number): number => {
    const x = argOf(argName, o);
    if (!Number.isInteger(x)) {
      throw new ConnectError('iterator-type', 'TypeError', owner, `The '${argName}' argument of the ${it.kind} function has to be an integer, got ${x}.`);
    }
    return x;
  };
  const uniform = it.kind === 'sample' ? uniformSource(ctx) : undefined;
  const conds = condVar.array as Uint8Array;
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

function isTrue(e: Expr): boolean {
  return e.kind === 'boolean' && e.value;
}
