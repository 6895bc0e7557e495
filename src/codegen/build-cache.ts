/**
 * The code-generation part of the build cache (session 8): a rebuild of the same model — the next
 * point of a sweep, a second `run()` — reuses the generated source of each code block instead of
 * validating, checking (unit and type inference), lowering, optimising and printing it again, and
 * only binds the new build's storage, random state and constant values to it.
 *
 * What a block's source depends on, and how a rebuild is matched to an earlier one:
 * - the spec's structure ({@link structuralKey}): name, template, stream, N, the template's
 *   fields and flags, the statements, condition and recorded expressions (by a structural key of
 *   the trees, kept per tree for the parser's deep-frozen ones), the compile options;
 * - what lowering read from the Variables table (as session 7's state-updater cache): every name
 *   looked up and the answer's fingerprint (kind, dtype, dimension, scalar flag, size, index,
 *   conditional write, read-only and constant flags, a subexpression's tree, a function's
 *   identity; a constant's type and dimension, and its value where it was printed as a literal —
 *   a constant passed as a `const` node counts only by whether it is 0, which decides whether an
 *   integer division by it may throw);
 * - which constants are captured values (generate.ts's varying constants) and the values of
 *   those printed as literals.
 * The captures are re-bound by name: `$a_x` is the current storage of variable `x`, `$ev` the
 * spec's event space, `$kv` the current constant values, library helpers stay; a block with any
 * other capture (a closure of the spec: checkFinite, GSL; a WebAssembly kernel) is not cached, nor
 * is a state update whose storage lives in WebAssembly memory (exact mode's in-place kernels decide
 * by where the storage lives). Fast-math code and GSL are never cached; the ranged forms of
 * multi-threaded runs are, with the facts their splitting depends on.
 * Failures are never stored: input that does not match an earlier success goes through every
 * check and throws its typed error.
 */
import type { Expr, Statement } from '../parsing/index.ts';
import { Memo, isDeepFrozen, memosEnabled, numberKey } from '../util/index.ts';
import { wasmMemoryOf } from '../variables/index.ts';
import type { ConstantVariable, Variable, Variables } from '../variables/index.ts';
import { defaultRandomState } from './random.ts';
import type { CodeBlockSpec } from './spec.ts';

/** Where a capture of a cached block comes from in a new build. */
type Fixed = 'ev' | 'queue' | 'indices' | 'times' | 'eventIndices' | 'rates' | 'counts' | 'seed' | 'counter' | 'kv';
export type Recipe =
  | { readonly k: 'array' | 'variable' | 'userfn'; readonly name: string }
  | { readonly k: Fixed }
  | { readonly k: 'record'; readonly i: number }
  | { readonly k: 'static'; readonly value: unknown };

/** A rendered block: its factory source and how to bind its captures. */
export interface CachedRender {
  readonly source: string;
  readonly recipes: readonly Recipe[];
  /** The constants captured in `$kv`, in order. */
  readonly kvNames: readonly string[];
  /** The ranged form for multi-threaded runs (generate.ts's), or null. */
  readonly ranged: unknown;
}

/** One lowering of a structure, valid where the Variables table answers its reads the same. */
export interface CachedLowering {
  readonly names: readonly string[];
  readonly prints: readonly string[];
  /** Which constants were read as `const` nodes only (their value counts only by being 0). */
  readonly valueFree: ReadonlySet<string>;
  /** The constant shape (see generate.ts's varying constants) and its constants, in order; undefined if none. */
  readonly shape: string | undefined;
  readonly constNames: readonly string[];
  /** Renders by the constants' capture/literal key. */
  readonly renders: Map<string, CachedRender>;
}

/** Counts of compiled blocks served from the cache and compiled anew while it was on (for tests and benchmarks). */
export const codeCacheStats = { hits: 0, misses: 0 };

/** At most this many lowerings of one structure (different tables) are kept. */
const VARIANTS = 4;
const lowerings = new Memo<CachedLowering[]>();

let nextId = 0;
const ids = new WeakMap<object, number>();
/** A number that stays the same for one object (functions, dimensions) and differs between objects. */
function idOf(o: object): number {
  let id = ids.get(o);
  if (id === undefined) {
    id = ++nextId;
    ids.set(o, id);
  }
  return id;
}

const treeKeys = new WeakMap<object, string>();
/** A structural key of an expression tree: equal keys, equal trees; undefined for anything malformed. */
export function exprKey(e: Expr): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const frozen = isDeepFrozen(e);
  if (frozen) {
    const known = treeKeys.get(e);
    if (known !== undefined) return known;
  }
  let key: string | undefined;
  switch (e.kind) {
    case 'number':
      key = typeof e.value === 'number' ? `#${e.isInteger ? 'i' : 'f'}${numberKey(e.value)}` : undefined;
      break;
    case 'boolean':
      key = e.value === true ? 'T' : e.value === false ? 'F' : undefined;
      break;
    case 'name':
      key = typeof e.name === 'string' ? `N${JSON.stringify(e.name)}` : undefined;
      break;
    case 'unary': {
      const a = exprKey(e.operand);
      key = a === undefined ? undefined : `U${JSON.stringify(e.op)}(${a})`;
      break;
    }
    case 'binary':
    case 'compare':
    case 'logical': {
      const a = exprKey(e.left);
      const b = a === undefined ? undefined : exprKey(e.right);
      key = b === undefined ? undefined : `${e.kind[0]}${JSON.stringify(e.op)}(${a},${b})`;
      break;
    }
    case 'call': {
      if (!Array.isArray(e.args) || typeof e.callee !== 'string') return undefined;
      const args: string[] = [];
      for (const a of e.args) {
        const k = exprKey(a);
        if (k === undefined) return undefined;
        args.push(k);
      }
      key = `C${JSON.stringify(e.callee)}(${args.join(',')})`;
      break;
    }
    default:
      return undefined;
  }
  if (frozen && key !== undefined) treeKeys.set(e, key);
  return key;
}

function statementKey(s: Statement): string | undefined {
  if (typeof s !== 'object' || s === null || typeof s.target !== 'string' || typeof s.op !== 'string') return undefined;
  const v = exprKey(s.value);
  return v === undefined ? undefined : `${JSON.stringify(s.target)}${JSON.stringify(s.op)}${v}`;
}

/**
 * Everything of a spec, besides its Variables table, that its generated source depends on;
 * undefined where the block is not cached (or a tree is malformed: the checks then report it).
 */
export function structuralKey(spec: CodeBlockSpec, optionsKey: string): string | undefined {
  // A pathway's N (its number of synapses) is printed nowhere: a rebuild with other synapses (random
  // connectivity) has the same source (generate.ts takes N from the spec where a ranged form needs it).
  const n = spec.template === 'synapses' ? '-' : String(spec.N);
  const parts: string[] = [optionsKey, JSON.stringify(spec.name), spec.template, JSON.stringify(spec.stream ?? null), n, JSON.stringify(spec.source ?? null)];
  parts.push(`${spec.refractory === true}${spec.checkUnits !== false}${spec.checkFinite === true}${spec.indices !== undefined}`);
  parts.push(spec.eventRange === undefined ? '-' : `${spec.eventRange[0]}:${spec.eventRange[1]}`);
  // Storage the templates capture: present or not, and dtypes where the source depends on them.
  for (const v of [spec.eventSpace, spec.times, spec.eventIndices, spec.counts, spec.rates]) parts.push(v === undefined ? '-' : v.dtype);
  parts.push(spec.queue === undefined ? '-' : spec.queue.sourceCount === undefined ? 'q' : 'qs');
  for (const s of spec.statements ?? []) {
    const k = statementKey(s);
    if (k === undefined) return undefined;
    parts.push(k);
  }
  parts.push('|');
  if (spec.condition !== undefined) {
    const k = exprKey(spec.condition);
    if (k === undefined) return undefined;
    parts.push(k);
  }
  parts.push('|');
  for (const r of spec.record ?? []) {
    const k = exprKey(r.expr);
    if (k === undefined || typeof r.storage !== 'object' || r.storage === null) return undefined;
    parts.push(`${k}:${r.storage.dtype}`);
  }
  return parts.join('\n');
}

/** The fingerprint of a lookup's answer (see the module comment); `valueFree`: a constant counts only by being 0. */
export function fingerprint(v: Variable | undefined, valueFree: boolean): string | undefined {
  if (v === undefined) return '-';
  switch (v.kind) {
    case 'array':
      return `a${v.dtype}|${v.scalar ? 1 : 0}${v.constant ? 1 : 0}${v.readOnly ? 1 : 0}${wasmMemoryOf(v.array) === undefined ? 0 : 1}|${v.size}|${JSON.stringify(v.index)}|${JSON.stringify(v.conditionalWrite ?? null)}|${idOf(v.dim)}`;
    case 'constant': {
      const value = typeof v.value === 'boolean' ? String(v.value) : valueFree ? (Number(v.value) === 0 ? 'zero' : 'nonzero') : numberKey(Number(v.value));
      return `c${v.type}|${idOf(v.dim)}|${typeof v.value}|${value}`;
    }
    case 'subexpression': {
      const e = exprKey(v.expr);
      return e === undefined ? undefined : `s${v.type}|${v.scalar ? 1 : 0}|${idOf(v.dim)}|${e}`;
    }
    case 'function':
      return `f${idOf(v.descriptor)}|${v.implementation === undefined ? '-' : idOf(v.implementation)}`;
    default:
      return undefined;
  }
}

/**
 * A view of a Variables table that records every lookup (name → answer), for storing a lowering
 * with what it read. Lowering reads the table only through `get` and `toResolver`.
 */
export function recordingVariables(variables: Variables, reads: Map<string, Variable | undefined>): Variables {
  const view = Object.create(variables) as Variables;
  const get = (name: string): Variable | undefined => {
    const v = variables.get(name);
    if (!reads.has(name)) reads.set(name, v);
    return v;
  };
  Object.defineProperty(view, 'get', { value: get });
  Object.defineProperty(view, 'toResolver', {
    value: () => {
      const resolve = variables.toResolver();
      return (name: string) => {
        get(name);
        return resolve(name);
      };
    },
  });
  return view;
}

/** The cached lowering of a structure whose reads the table answers the same now, if any. */
export function findLowering(key: string, variables: Variables): CachedLowering | undefined {
  const variants = lowerings.get(key);
  if (variants === undefined) return undefined;
  for (const c of variants) {
    let same = true;
    for (let k = 0; k < c.names.length && same; k++) {
      const name = c.names[k]!;
      same = fingerprint(variables.get(name), c.valueFree.has(name)) === c.prints[k];
    }
    if (same) return c;
  }
  return undefined;
}

/** Stores a lowering (undefined: it read something without a fingerprint, not cached). */
export function storeLowering(
  key: string,
  reads: ReadonlyMap<string, Variable | undefined>,
  valueFree: ReadonlySet<string>,
  shape: string | undefined,
  constNames: readonly string[],
): CachedLowering | undefined {
  if (!memosEnabled()) return undefined;
  const names: string[] = [];
  const prints: string[] = [];
  for (const [name, v] of reads) {
    const p = fingerprint(v, valueFree.has(name));
    if (p === undefined) return undefined;
    names.push(name);
    prints.push(p);
  }
  const entry: CachedLowering = { names, prints, valueFree, shape, constNames, renders: new Map() };
  const variants = lowerings.get(key) ?? [];
  lowerings.set(key, [entry, ...variants.slice(0, VARIANTS - 1)]);
  return entry;
}

/** The current values of a lowering's constants (numbers; booleans are literals, never `const` nodes). */
export function constantValues(variables: Variables, names: readonly string[]): number[] {
  return names.map((n) => Number((variables.get(n) as ConstantVariable).value));
}

/**
 * How to bind each capture of a rendered block in a later build, by capture name (see the module
 * comment), checked against this build's values; undefined where a capture has no recipe.
 */
export function recipesFor(
  spec: CodeBlockSpec,
  stream: string,
  names: readonly string[],
  captures: readonly unknown[],
  kvNames: readonly string[],
  statics: ReadonlySet<unknown>,
): Recipe[] | undefined {
  const recipes: Recipe[] = [];
  for (let k = 0; k < names.length; k++) {
    const name = names[k]!;
    const value = captures[k];
    let r: Recipe | undefined;
    const fixed = FIXED[name];
    if (fixed !== undefined) r = { k: fixed };
    else if (/^\$o_rec\d+$/.test(name)) r = { k: 'record', i: Number(name.slice(6)) };
    else if (name.startsWith('$a_')) r = { k: 'array', name: name.slice(3) };
    else if (name.startsWith('$o_')) r = { k: 'variable', name: name.slice(3) };
    else if (name.startsWith('$u_')) r = { k: 'userfn', name: name.slice(3) };
    // Binomial parameters come from the function implementation, whose identity the reads pin.
    else if (name.startsWith('$bp_') || statics.has(value)) r = { k: 'static', value };
    if (r === undefined) return undefined;
    const again = bind(r, spec, kvNames, stream);
    const same = r.k === 'kv' ? sameValues(again as Float64Array, value as Float64Array) : again === value;
    if (!same) return undefined;
    recipes.push(r);
  }
  return recipes;
}

const FIXED: Readonly<Record<string, Fixed>> = {
  $ev: 'ev',
  $q: 'queue',
  $ind: 'indices',
  $o_times: 'times',
  $o_events: 'eventIndices',
  $o_rates: 'rates',
  $cnt: 'counts',
  $seed: 'seed',
  $ctr: 'counter',
  $kv: 'kv',
};

function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (!(a instanceof Float64Array) || !(b instanceof Float64Array) || a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (!Object.is(a[k], b[k])) return false;
  return true;
}

/** A capture's value in the build of `spec` (`stream`: its random stream name). */
export function bind(r: Recipe, spec: CodeBlockSpec, kvNames: readonly string[], stream: string): unknown {
  switch (r.k) {
    case 'array': {
      const v = spec.variables.get(r.name);
      return v?.kind === 'array' ? v.array : undefined;
    }
    case 'variable':
      return spec.variables.get(r.name);
    case 'userfn': {
      const v = spec.variables.get(r.name);
      return v?.kind === 'function' ? v.implementation : undefined;
    }
    case 'ev':
      return spec.eventSpace?.array;
    case 'queue':
      return spec.queue;
    case 'indices':
      return spec.indices;
    case 'times':
      return spec.times;
    case 'eventIndices':
      return spec.eventIndices;
    case 'rates':
      return spec.rates;
    case 'counts':
      return spec.counts?.array;
    case 'record':
      return spec.record?.[r.i]?.storage;
    case 'seed':
      return (spec.random ?? defaultRandomState).seedWord;
    case 'counter':
      return (spec.random ?? defaultRandomState).counter(stream);
    case 'kv':
      return Float64Array.from(constantValues(spec.variables, kvNames));
    case 'static':
      return r.value;
  }
}
