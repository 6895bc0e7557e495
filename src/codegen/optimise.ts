/**
 * Stage 3: optimisation of the IR, without changing any result bit. Constant folding evaluates
 * subtrees whose operands are all literals with the very functions generated code would call, so
 * folding cannot change a value. Loop-invariant hoisting moves maximal scalar subtrees of
 * per-element code (`exp(-dt/tau)`) before the loop, computed once per execution (Brian2's
 * `_lio_` variables); it never reassociates, so `a*b*v` keeps `(a*b)*v` and hoists `a*b`.
 * Boolean specialisation extends hoisting to subtrees whose only per-element inputs are one or two
 * boolean variables (`exp(-dt*int(not_refractory)/taum)`): the subtree is computed before the loop
 * for each combination of their values and selected per element (`$v_b ? $h_1 : $h_0`).
 */
import { InternalError } from '../util/index.ts';
import { highestType } from '../inference/index.ts';
import { applyCompare } from '../symbolic/index.ts';
import type { ValueType } from '../inference/index.ts';
import { OPERATOR_HELPERS, PURE_FUNCTIONS } from './functions.ts';
import type { IRArray, IRBlock, IRExpr, IRStatement } from './ir.ts';
import { irNum, walkIR } from './ir.ts';
import { TIMESTEP_BOUND_FUNCTIONS } from './timestep-bounds.ts';
import type { TimestepBoundOp } from './timestep-bounds.ts';

const INTEGER_FUNCTIONS = new Set(['int', 'timestep']);
const HIGHEST_FUNCTIONS = new Set(['abs', 'sign', 'clip']);

/** Evaluates an arithmetic, comparison or logical operator exactly as generated code does. */
export function applyOperator(op: string, a: number, b: number): number | boolean {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '//':
      return OPERATOR_HELPERS.floordiv(a, b);
    case '%':
      return OPERATOR_HELPERS.mod(a, b);
    case '**':
      return OPERATOR_HELPERS.pow(a, b);
    case '<':
    case '<=':
    case '>':
    case '>=':
    case '==':
    case '!=':
      return applyCompare(op, a, b);
    default:
      throw new InternalError(`unknown operator ${op}`);
  }
}

/** Whether `e` is certainly a JS number (not a boolean local), so `e*1` may become `e`. */
function certainlyNumber(e: IRExpr): boolean {
  switch (e.k) {
    case 'num':
    case 'const':
      return e.type !== 'boolean';
    case 'array':
      return e.variable.dtype !== 'bool';
    case 'unary':
      return e.op === '-' && certainlyNumber(e.a);
    case 'binary':
      return e.op === '+' || e.op === '-' || e.op === '*' || e.op === '/';
    case 'call':
      return e.user === undefined && PURE_FUNCTIONS.has(e.fn);
    default:
      return false;
  }
}

/**
 * `x*1`, `1*x`, `x/1` → `x` and `x*-1`, `-1*x`, `x/-1` → `-x`: exact in IEEE arithmetic for
 * every number (signed zeros and infinities included; only a NaN's sign bit may differ, and
 * no result reads it), so folding them changes no value. Exact integration leaves such factors
 * (`ge*int(not_refractory)` with the boolean known, `/(-1)`).
 */
function exactIdentity(op: string, a: IRExpr, b: IRExpr): IRExpr | undefined {
  const unit = (x: IRExpr, v: number): boolean => x.k === 'num' && x.type !== 'boolean' && x.value === v;
  if (op === '*' || op === '/') {
    if (unit(b, 1) && certainlyNumber(a)) return a;
    if (unit(b, -1) && certainlyNumber(a)) return { k: 'unary', op: '-', a };
  }
  if (op === '*') {
    if (unit(a, 1) && certainlyNumber(b)) return b;
    if (unit(a, -1) && certainlyNumber(b)) return { k: 'unary', op: '-', a: b };
  }
  return undefined;
}

/** Folds constant subtrees (bottom-up). Random draws and user functions are never folded. */
export function fold(e: IRExpr): IRExpr {
  switch (e.k) {
    case 'unary': {
      const a = fold(e.a);
      if (a.k === 'num') {
        if (e.op === 'not') return irNum(a.value === 0 ? 1 : 0, 'boolean');
        if (a.type !== 'boolean') return irNum(e.op === '-' ? -a.value : a.value, a.type);
      }
      return a === e.a ? e : { ...e, a };
    }
    case 'binary': {
      const a = fold(e.a);
      const b = fold(e.b);
      if (a.k === 'num' && b.k === 'num') {
        if (e.op === 'and' || e.op === 'or') {
          if (a.type === 'boolean' && b.type === 'boolean') {
            const v = e.op === 'and' ? a.value !== 0 && b.value !== 0 : a.value !== 0 || b.value !== 0;
            return irNum(v ? 1 : 0, 'boolean');
          }
        } else {
          const r = applyOperator(e.op, a.value, b.value);
          if (typeof r === 'boolean') return irNum(r ? 1 : 0, 'boolean');
          const type: ValueType = e.op === '/' || e.op === '**' ? 'float' : highestType([a.type, b.type, 'integer']);
          return irNum(r, type);
        }
      }
      const identity = exactIdentity(e.op, a, b);
      if (identity !== undefined) return identity;
      return a === e.a && b === e.b ? e : { ...e, a, b };
    }
    case 'call': {
      const args = e.args.map(fold);
      const impl = PURE_FUNCTIONS.get(e.fn);
      if (e.user === undefined && impl !== undefined && args.every((x) => x.k === 'num')) {
        const values = args.map((x) => (x as { value: number }).value);
        const type: ValueType = INTEGER_FUNCTIONS.has(e.fn)
          ? 'integer'
          : HIGHEST_FUNCTIONS.has(e.fn)
            ? highestType(args.map((x) => (x as { type: ValueType }).type))
            : 'float';
        return irNum(impl(...values), type);
      }
      return args.every((x, k) => x === e.args[k]) ? e : { ...e, args };
    }
    case 'random': {
      const args = e.args.map(fold);
      return args.every((x, k) => x === e.args[k]) ? e : { ...e, args };
    }
    case 'select': {
      const cond = fold(e.cond);
      const a = fold(e.a);
      const b = fold(e.b);
      if (cond.k === 'num' && cond.type === 'boolean') return cond.value !== 0 ? a : b;
      return cond === e.cond && a === e.a && b === e.b ? e : { ...e, cond, a, b };
    }
    default:
      return e;
  }
}

/**
 * Rewrites `timestep(t, dt)` as `int((t + 0.001*dt)/dt)`: the same operations as the runtime's
 * {@link timestep} helper (so the same bits), but inline, and with `0.001*dt` hoistable.
 */
export function expandTimestep(e: IRExpr): IRExpr {
  switch (e.k) {
    case 'unary': {
      const a = expandTimestep(e.a);
      return a === e.a ? e : { ...e, a };
    }
    case 'binary': {
      const a = expandTimestep(e.a);
      const b = expandTimestep(e.b);
      return a === e.a && b === e.b ? e : { ...e, a, b };
    }
    case 'call': {
      const args = e.args.map(expandTimestep);
      if (e.fn === 'timestep' && e.user === undefined && args.length === 2) {
        const [t, dt] = args as [IRExpr, IRExpr];
        const scaled: IRExpr = { k: 'binary', op: '*', a: irNum(1e-3, 'float'), b: dt };
        const ratio: IRExpr = { k: 'binary', op: '/', a: { k: 'binary', op: '+', a: t, b: scaled }, b: dt };
        return { k: 'call', fn: 'int', args: [ratio], stateful: false };
      }
      return args.every((x, k) => x === e.args[k]) ? e : { ...e, args };
    }
    case 'random': {
      const args = e.args.map(expandTimestep);
      return args.every((x, k) => x === e.args[k]) ? e : { ...e, args };
    }
    case 'select': {
      const cond = expandTimestep(e.cond);
      const a = expandTimestep(e.a);
      const b = expandTimestep(e.b);
      return cond === e.cond && a === e.a && b === e.b ? e : { ...e, cond, a, b };
    }
    default:
      return e;
  }
}

const BOUNDED_COMPARISONS: ReadonlyMap<string, TimestepBoundOp> = new Map([
  ['>=', '>='],
  ['>', '>'],
  ['<=', '<='],
  ['<', '<'],
]);
const MIRRORED: Readonly<Record<TimestepBoundOp, TimestepBoundOp>> = { '>=': '<=', '>': '<', '<=': '>=', '<': '>' };

const isTimestepOfDt = (e: IRExpr): e is IRExpr & { k: 'call' } =>
  e.k === 'call' && e.fn === 'timestep' && e.user === undefined && e.args.length === 2 && e.args[1]!.k === 'array' && e.args[1]!.name === 'dt' && e.args[1]!.variable.scalar;

/**
 * Rewrites `timestep(a, dt) OP k` (or `k OP timestep(a, dt)`), OP one of `>= > <= <`, with `a`
 * per-element and `k` loop-invariant, as `a >= bound(k, dt)` (`>=`, `>`) or `a <= bound(k, dt)`
 * (`<=`, `<`): the bound is hoisted, so the refractoriness check `timestep(t - lastspike, dt) >=
 * timestep(refractory, dt)` needs no division per element. Every result bit is kept (see
 * timestep-bounds.ts); only the clock's `dt`, always positive and finite, qualifies as divisor.
 */
export function boundTimestepComparisons(e: IRExpr, isScalar: (e: IRExpr) => boolean): IRExpr {
  switch (e.k) {
    case 'unary': {
      const a = boundTimestepComparisons(e.a, isScalar);
      return a === e.a ? e : { ...e, a };
    }
    case 'binary': {
      const a = boundTimestepComparisons(e.a, isScalar);
      const b = boundTimestepComparisons(e.b, isScalar);
      const op = BOUNDED_COMPARISONS.get(e.op);
      if (op !== undefined) {
        const left = isTimestepOfDt(a) && !isScalar(a.args[0]!) && isScalar(b);
        const right = !left && isTimestepOfDt(b) && !isScalar(b.args[0]!) && isScalar(a);
        if (left || right) {
          const [call, k, normalised] = left ? [a as IRExpr & { k: 'call' }, b, op] : [b as IRExpr & { k: 'call' }, a, MIRRORED[op]];
          const bound: IRExpr = { k: 'call', fn: TIMESTEP_BOUND_FUNCTIONS[normalised], args: [k, call.args[1]!], stateful: false };
          return { k: 'binary', op: normalised === '>=' || normalised === '>' ? '>=' : '<=', a: call.args[0]!, b: bound };
        }
      }
      return a === e.a && b === e.b ? e : { ...e, a, b };
    }
    case 'call':
    case 'random': {
      const args = e.args.map((x) => boundTimestepComparisons(x, isScalar));
      return args.every((x, k) => x === e.args[k]) ? e : { ...e, args };
    }
    case 'select': {
      const cond = boundTimestepComparisons(e.cond, isScalar);
      const a = boundTimestepComparisons(e.a, isScalar);
      const b = boundTimestepComparisons(e.b, isScalar);
      return cond === e.cond && a === e.a && b === e.b ? e : { ...e, cond, a, b };
    }
    default:
      return e;
  }
}

/**
 * Fast-math rewrites (bottom-up; only with `fastMath`): `a / b` with `b` loop-invariant (or
 * depending only on boolean inputs, which boolean specialisation then selects) becomes
 * `a * (1 / b)`, and a product's loop-invariant factors are gathered into one trailing factor
 * (`(c1 * v) * c2` → `v * (c1 * c2)`), so hoisting computes them once per step. Changes last bits.
 */
export function fastRewrite(e: IRExpr, isScalar: (e: IRExpr) => boolean, invariantByBooleans: (e: IRExpr) => boolean): IRExpr {
  const r = (x: IRExpr): IRExpr => fastRewrite(x, isScalar, invariantByBooleans);
  switch (e.k) {
    case 'unary':
      return { ...e, a: r(e.a) };
    case 'call':
    case 'random':
      return { ...e, args: e.args.map(r) };
    case 'select':
      return { ...e, cond: r(e.cond), a: r(e.a), b: r(e.b) };
    case 'binary': {
      const a = r(e.a);
      const b = r(e.b);
      const same = (): IRExpr => (a === e.a && b === e.b ? e : { ...e, a, b });
      if (isScalar(a) && isScalar(b)) return same();
      if (e.op === '+' || e.op === '-') return regroupSum({ ...e, a, b }, isScalar) ?? same();
      if (e.op !== '*' && e.op !== '/') return same();
      if (e.op === '/' && !(isScalar(b) || invariantByBooleans(b))) return same();
      const right: IRExpr = e.op === '/' ? { k: 'binary', op: '/', a: irNum(1, 'float'), b } : b;
      // Flatten the product and split its factors into per-element and invariant ones (order kept).
      const factors: IRExpr[] = [];
      const collect = (x: IRExpr): void => {
        if (x.k === 'binary' && x.op === '*') {
          collect(x.a);
          collect(x.b);
        } else factors.push(x);
      };
      collect(a);
      collect(right);
      const varying = factors.filter((x) => !isScalar(x));
      const invariant = factors.filter((x) => isScalar(x));
      if (e.op === '*' && invariant.length < 2) return same();
      const product = (xs: readonly IRExpr[]): IRExpr => xs.reduce((p, x) => ({ k: 'binary', op: '*', a: p, b: x }));
      return invariant.length === 0 ? product(varying) : product([...varying, product(invariant)]);
    }
    default:
      return e;
  }
}

/** `(c1 - x) + c2` → `(c1 + c2) - x`: a sum's loop-invariant terms (two or more) gathered in front, or undefined. */
function regroupSum(e: IRExpr, isScalar: (e: IRExpr) => boolean): IRExpr | undefined {
  const terms: { readonly plus: boolean; readonly x: IRExpr }[] = [];
  const collect = (x: IRExpr, plus: boolean): void => {
    if (x.k === 'binary' && (x.op === '+' || x.op === '-')) {
      collect(x.a, plus);
      collect(x.b, x.op === '+' ? plus : !plus);
    } else terms.push({ plus, x });
  };
  collect(e, true);
  const invariant = terms.filter((t) => isScalar(t.x));
  if (invariant.length < 2) return undefined;
  const add = (sum: IRExpr | undefined, t: { readonly plus: boolean; readonly x: IRExpr }): IRExpr =>
    sum === undefined ? (t.plus ? t.x : { k: 'unary', op: '-', a: t.x }) : { k: 'binary', op: t.plus ? '+' : '-', a: sum, b: t.x };
  const front = invariant.reduce<IRExpr | undefined>(add, undefined)!;
  return terms.filter((t) => !isScalar(t.x)).reduce<IRExpr>((sum, t) => add(sum, t), front);
}

function reads(e: IRExpr, name: string, kind: 'temp' | 'array'): boolean {
  let found = false;
  walkIR(e, (n) => {
    if (n.k === kind && n.name === name) found = true;
  });
  return found;
}

function pure(e: IRExpr): boolean {
  let ok = true;
  walkIR(e, (n) => {
    if (n.k === 'random' || (n.k === 'call' && (n.stateful || mayThrow(n)))) ok = false;
  });
  return ok;
}

/**
 * Integer `//` and `%` raise on a zero divisor (Brian2's Cython target), so unless the divisor is
 * a non-zero literal they are evaluated only where and when the unoptimised code would: never
 * hoisted, specialised or merged (a hoisted or speculative `n // 0` would raise a different error,
 * or raise where the original never evaluates it).
 */
function mayThrow(e: IRExpr & { k: 'call' }): boolean {
  if (e.fn !== '_int_floordiv' && e.fn !== '_int_mod') return false;
  const divisor = e.args[1];
  // A captured constant counts as known too: only its value's being 0 changes the source.
  return !(divisor !== undefined && (divisor.k === 'num' || divisor.k === 'const') && divisor.value !== 0);
}

function substituteBoolean(e: IRExpr, name: string, value: boolean): IRExpr {
  switch (e.k) {
    case 'array':
      return e.name === name && !e.variable.scalar ? irNum(value ? 1 : 0, 'boolean') : e;
    case 'unary':
      return { ...e, a: substituteBoolean(e.a, name, value) };
    case 'binary':
      return { ...e, a: substituteBoolean(e.a, name, value), b: substituteBoolean(e.b, name, value) };
    case 'call':
    case 'random':
      return { ...e, args: e.args.map((x) => substituteBoolean(x, name, value)) };
    case 'select':
      return { ...e, cond: substituteBoolean(e.cond, name, value), a: substituteBoolean(e.a, name, value), b: substituteBoolean(e.b, name, value) };
    default:
      return e;
  }
}

/**
 * A temporary assigned once, from a pure expression, and read only by later writes gated on the
 * same boolean `b` (with no write to `b` in between) — the state updater's `_v` of
 * `(unless refractory)` — becomes `b ? value[b := true] : 0`: computed only where it is used, and
 * with `b` known inside (boolean specialisation's selects fold away). Unread values are never
 * observed and pure expressions have no effects, so no result changes.
 */
export function gateTemporaries(vector: readonly IRStatement[]): readonly IRStatement[] {
  return vector.map((s, k) => {
    if (s.variable !== undefined || s.gate !== undefined || s.op !== '=' || !pure(s.value)) return s;
    if (vector.some((o, m) => m !== k && o.variable === undefined && o.target === s.target)) return s;
    let gate: IRArray | undefined;
    for (let m = k + 1; m < vector.length; m++) {
      const later = vector[m]!;
      if (!reads(later.value, s.target, 'temp')) continue;
      if (later.gate === undefined || (gate !== undefined && later.gate.name !== gate.name)) return s;
      gate = later.gate;
    }
    if (gate === undefined || reads(s.value, s.target, 'temp')) return s;
    const g = gate;
    let lastUse = k;
    for (let m = k + 1; m < vector.length; m++) if (reads(vector[m]!.value, s.target, 'temp')) lastUse = m;
    for (let m = k; m < lastUse; m++) {
      const o = vector[m]!;
      if (o.variable !== undefined && o.target === g.name) return s;
    }
    return { ...s, value: { k: 'select', cond: g, a: substituteBoolean(s.value, g.name, true), b: irNum(0, 'integer') } };
  });
}

/** A structural key of an expression (for deduplicating hoisted values). */
export function irKey(e: IRExpr): string {
  switch (e.k) {
    case 'num':
      return `${e.type[0]}${Object.is(e.value, -0) ? '-0' : String(e.value)}`;
    case 'const':
      return `k:${e.name}`;
    case 'array':
      return `a:${e.name}`;
    case 'temp':
      return `t:${e.name}`;
    case 'hoisted':
      return `h:${e.id}`;
    case 'cse':
      return `c:${e.id}`;
    case 'unary':
      return `(${e.op} ${irKey(e.a)})`;
    case 'binary':
      return `(${e.op} ${irKey(e.a)} ${irKey(e.b)})`;
    case 'call':
      return `(${e.user === undefined ? 'f' : 'u'}:${e.fn} ${e.args.map(irKey).join(' ')})`;
    case 'random':
      return `(r${e.site})`;
    case 'select':
      return `(? ${irKey(e.cond)} ${irKey(e.a)} ${irKey(e.b)})`;
  }
}

/** The common subexpressions to define before each evaluated expression of an optimised block. */
export interface CseDefinitions {
  /** Before each hoisted value. */
  readonly hoisted: readonly (readonly CseDefinition[])[];
  /** Before the condition (visible to the statements too). */
  readonly condition: readonly CseDefinition[];
  /** Before each per-element statement. */
  readonly vector: readonly (readonly CseDefinition[])[];
  /** Before each record. */
  readonly records: readonly (readonly CseDefinition[])[];
}

/** The block after folding, hoisting and CSE, plus the hoisted values in order. */
export interface OptimisedBlock {
  readonly block: IRBlock;
  readonly hoisted: readonly IRExpr[];
  readonly cse: CseDefinitions;
}

/** Options of {@link optimise} (all on by default; tests turn them off to compare). */
export interface OptimiseOptions {
  readonly fold?: boolean;
  readonly hoist?: boolean;
  /** Common-subexpression elimination (see {@link eliminateCommon}). */
  readonly cse?: boolean;
  /** Boolean specialisation (only with `hoist`; see {@link optimise}). */
  readonly specialise?: boolean;
  /** `timestep(t, dt)` as inline arithmetic (see {@link expandTimestep}). */
  readonly expandTimestep?: boolean;
  /** `timestep(a, dt) >= k` with invariant `k` as `a >= bound` (see {@link boundTimestepComparisons}). */
  readonly timestepBounds?: boolean;
  /** Temporaries read only by writes gated on `b` are computed only where `b` holds (see {@link gateTemporaries}). */
  readonly gateTemporaries?: boolean;
  /** The condition is evaluated after the statements (a threshold fused with the state update), not before. */
  readonly conditionLast?: boolean;
  /**
   * Fast-math rewrites, which change last bits (see {@link fastRewrite}): division by a
   * loop-invariant value becomes multiplication by its hoisted reciprocal, and the loop-invariant
   * factors of a product are grouped so that they are hoisted as one. Default false.
   */
  readonly fastMath?: boolean;
}

/**
 * Folds, hoists and eliminates common subexpressions of a lowered block.
 *
 * Boolean specialisation: a pure per-element subtree whose only per-element inputs are one or two
 * boolean array variables, and that costs at least two operations per element beyond what
 * hoisting already removes (so not `int(b)` or `x*int(b)`), is replaced by a select over its
 * values for each combination of the inputs; each value is the subtree with the input replaced by
 * a boolean literal (which generated code treats exactly as the boolean local: `true + 1`,
 * `int(true)`, `true == 1`), folded and hoisted, so every bit is the same. The largest such
 * subtrees are taken (top-down), before ordinary hoisting of their parts.
 */
export function optimise(block: IRBlock, options: OptimiseOptions = {}): OptimisedBlock {
  const doFold = options.fold ?? true;
  const doHoist = options.hoist ?? true;
  const doCse = options.cse ?? true;
  const doSpecialise = doHoist && (options.specialise ?? true);
  const doExpand = options.expandTimestep ?? true;
  const doBound = options.timestepBounds ?? true;
  const fast = doHoist && options.fastMath === true;
  const f = (e: IRExpr): IRExpr => {
    const bounded = doBound ? boundTimestepComparisons(e, isScalar) : e;
    const x = doExpand ? expandTimestep(bounded) : bounded;
    const folded = doFold ? fold(x) : x;
    return fast ? fold(fastRewrite(folded, isScalar, (b) => booleanInputs(b, new Map()))) : folded;
  };
  const hoisted: IRExpr[] = [];
  const byKey = new Map<string, number>();
  const isScalar = (e: IRExpr): boolean => {
    switch (e.k) {
      case 'num':
      case 'const':
      case 'hoisted':
        return true;
      case 'cse':
        return false;
      case 'array':
        return e.variable.scalar;
      case 'temp':
        return block.scalarTemps.has(e.name);
      case 'unary':
        return isScalar(e.a);
      case 'binary':
        return isScalar(e.a) && isScalar(e.b);
      case 'call':
        return !e.stateful && !mayThrow(e) && e.args.every(isScalar);
      case 'random':
        return false;
      case 'select':
        return isScalar(e.cond) && isScalar(e.a) && isScalar(e.b);
    }
  };
  const composite = (e: IRExpr): boolean => e.k === 'unary' || e.k === 'binary' || e.k === 'call';
  const hoistScalar = (e: IRExpr): IRExpr => {
    if (!composite(e)) return e;
    const key = irKey(e);
    let id = byKey.get(key);
    if (id === undefined) {
      id = hoisted.length;
      hoisted.push(e);
      byKey.set(key, id);
    }
    return { k: 'hoisted', id };
  };
  // Boolean specialisation. A non-scalar array inside a specialisable subtree is a boolean input.
  const booleanInputs = (e: IRExpr, out: Map<string, IRArray>): boolean => {
    switch (e.k) {
      case 'num':
      case 'const':
      case 'hoisted':
        return true;
      case 'array':
        if (e.variable.scalar) return true;
        if (e.variable.dtype !== 'bool') return false;
        out.set(e.name, e);
        return true;
      case 'temp':
        return block.scalarTemps.has(e.name);
      case 'unary':
        return booleanInputs(e.a, out);
      case 'binary':
        return booleanInputs(e.a, out) && booleanInputs(e.b, out);
      case 'call':
        return !e.stateful && !mayThrow(e) && e.args.every((x) => booleanInputs(x, out));
      default:
        return false;
    }
  };
  const isInput = (e: IRExpr): boolean => e.k === 'array' && !e.variable.scalar;
  // Per-element operations left after hoisting: `int(…)` (a truncation) and `not b`/`-b` are
  // free, other operators cost 1, calls 2.
  const cost = (e: IRExpr): number => {
    if (isScalar(e)) return 0;
    switch (e.k) {
      case 'unary':
        return (isInput(e.a) ? 0 : 1) + cost(e.a);
      case 'binary':
        return 1 + cost(e.a) + cost(e.b);
      case 'call':
        return (e.fn === 'int' && e.user === undefined ? 0 : 2) + e.args.reduce((sum, x) => sum + cost(x), 0);
      default:
        return 0;
    }
  };
  const substitute = (e: IRExpr, values: ReadonlyMap<string, boolean>): IRExpr => {
    switch (e.k) {
      case 'array': {
        const v = values.get(e.name);
        return v === undefined || e.variable.scalar ? e : irNum(v ? 1 : 0, 'boolean');
      }
      case 'unary':
        return { ...e, a: substitute(e.a, values) };
      case 'binary':
        return { ...e, a: substitute(e.a, values), b: substitute(e.b, values) };
      case 'call':
        return { ...e, args: e.args.map((x) => substitute(x, values)) };
      default:
        return e;
    }
  };
  const specialise = (e: IRExpr): IRExpr | undefined => {
    const inputs = new Map<string, IRArray>();
    // A reciprocal made by fastRewrite is worth a select even at cost 1 (it replaces a division).
    const minCost = fast && e.k === 'binary' && e.op === '/' && e.a.k === 'num' && e.a.value === 1 ? 1 : 2;
    if (!booleanInputs(e, inputs) || inputs.size === 0 || inputs.size > 2 || cost(e) < minCost) return undefined;
    const [first, second] = [...inputs.values()] as [IRArray, IRArray | undefined];
    const valueFor = (values: ReadonlyMap<string, boolean>): IRExpr => hoistScalar(f(substitute(e, values)));
    const select = (cond: IRArray, a: IRExpr, b: IRExpr): IRExpr => (irKey(a) === irKey(b) ? a : { k: 'select', cond, a, b });
    if (second === undefined) return select(first, valueFor(new Map([[first.name, true]])), valueFor(new Map([[first.name, false]])));
    const inner = (x: boolean): IRExpr =>
      select(second, valueFor(new Map([[first.name, x], [second.name, true]])), valueFor(new Map([[first.name, x], [second.name, false]])));
    return select(first, inner(true), inner(false));
  };
  const hoist = (e: IRExpr): IRExpr => {
    if (!doHoist) return e;
    if (composite(e) && isScalar(e)) return hoistScalar(e);
    if (doSpecialise && composite(e)) {
      const s = specialise(e);
      if (s !== undefined) return s;
    }
    switch (e.k) {
      case 'unary':
        return { ...e, a: hoist(e.a) };
      case 'binary':
        return { ...e, a: hoist(e.a), b: hoist(e.b) };
      case 'call':
      case 'random':
        return { ...e, args: e.args.map(hoist) };
      case 'select':
        return { ...e, a: hoist(e.a), b: hoist(e.b) };
      default:
        return e;
    }
  };
  const scalar = block.scalar.map((s): IRStatement => ({ ...s, value: f(s.value) }));
  const gated = (options.gateTemporaries ?? true) ? gateTemporaries(block.vector) : block.vector;
  const vector = gated.map((s): IRStatement => ({ ...s, value: hoist(f(s.value)) }));
  const condition = block.condition === undefined ? undefined : hoist(f(block.condition));
  const records = block.records.map((r) => hoist(f(r)));
  const none = (n: number): CseDefinition[][] => Array.from({ length: n }, () => []);
  if (!doCse) {
    return { block: { ...block, scalar, vector, condition, records }, hoisted, cse: { hoisted: none(hoisted.length), condition: [], vector: none(vector.length), records: none(records.length) } };
  }
  const next = { id: 0 };
  // A hoisted value inside a later one is read from its `$h_<id>`; other repeats become CSEs.
  const hoistedIds = new Map<string, number>();
  const reuseHoisted = (e: IRExpr): IRExpr => {
    if (e.k !== 'unary' && e.k !== 'binary' && e.k !== 'call') return e;
    const id = hoistedIds.get(irKey(e));
    if (id !== undefined) return { k: 'hoisted', id };
    if (e.k === 'unary') return { ...e, a: reuseHoisted(e.a) };
    if (e.k === 'binary') return { ...e, a: reuseHoisted(e.a), b: reuseHoisted(e.b) };
    return e.stateful ? e : { ...e, args: e.args.map(reuseHoisted) };
  };
  const hoistedValues = hoisted.map((value, id) => {
    const reused = value.k === 'unary' ? { ...value, a: reuseHoisted(value.a) } : value.k === 'binary' ? { ...value, a: reuseHoisted(value.a), b: reuseHoisted(value.b) } : value.k === 'call' && !value.stateful ? { ...value, args: value.args.map(reuseHoisted) } : value;
    hoistedIds.set(irKey(value), id);
    return reused;
  });
  const h = eliminateCommon(hoistedValues.map((value) => ({ value, conditional: false })), next);
  // The condition runs first, then the statements (set_expression) or the records (monitors);
  // a fused threshold's condition runs after the statements.
  const conditionItems: CseItem[] = condition === undefined ? [] : [{ value: condition, conditional: false }];
  const vectorItems = vector.map((s): CseItem => ({ value: s.value, conditional: s.gate !== undefined, writes: `${s.variable === undefined ? 't' : 'a'}:${s.target}` }));
  const last = options.conditionLast === true;
  const items: CseItem[] = [
    ...(last ? vectorItems : conditionItems),
    ...(last ? conditionItems : vectorItems),
    ...records.map((value): CseItem => ({ value, conditional: false })),
  ];
  const r = eliminateCommon(items, next);
  const c = condition === undefined ? 0 : 1;
  const vectorStart = last ? 0 : c;
  const conditionAt = last ? vector.length : 0;
  const v1 = c + vector.length;
  return {
    block: {
      ...block,
      scalar,
      vector: vector.map((s, k) => ({ ...s, value: r.values[vectorStart + k]! })),
      condition: condition === undefined ? undefined : r.values[conditionAt]!,
      records: records.map((_, k) => r.values[v1 + k]!),
    },
    hoisted: h.values,
    cse: {
      hoisted: h.definitions,
      condition: condition === undefined ? [] : r.definitions[conditionAt]!,
      vector: r.definitions.slice(vectorStart, vectorStart + vector.length),
      records: r.definitions.slice(v1),
    },
  };
}


/** A common subexpression to compute (as `const $c_<id>`) just before the item that first needs it. */
export interface CseDefinition {
  readonly id: number;
  readonly value: IRExpr;
}

/** One evaluated expression of a body, in execution order, for {@link eliminateCommon}. */
export interface CseItem {
  readonly value: IRExpr;
  /** Evaluated only sometimes (a gated write): reuses earlier values but defines none. */
  readonly conditional: boolean;
  /** The variable written after evaluating it (`a:<name>` array, `t:<name>` temporary), if any. */
  readonly writes?: string;
}

/** The items rewritten to read common subexpressions, and the definitions to emit before each. */
export interface CseResult {
  readonly values: readonly IRExpr[];
  readonly definitions: readonly (readonly CseDefinition[])[];
}

interface Annotation {
  readonly key: string;
  /** No random draw and no stateful call anywhere inside. */
  readonly pure: boolean;
}

/**
 * Common-subexpression elimination over a sequence of items (a loop body's statements, or the
 * hoisted values). A pure composite subtree (arithmetic, comparison, logic, calls of pure
 * functions) evaluated unconditionally two or more times is computed once, before the first item
 * using it. Keys include a version of every variable read, bumped at each write, so a value is
 * never reused across a write to something it reads. Random draws and stateful calls are never
 * merged; right operands of `and`/`or` and gated writes only reuse values already computed.
 * Pure functions of the same inputs give the same bits, so no result changes.
 */
export function eliminateCommon(items: readonly CseItem[], next: { id: number }): CseResult {
  const versions = new Map<string, number>();
  const annotate = (e: IRExpr, memo: Map<IRExpr, Annotation>): Annotation => {
    let a = memo.get(e);
    if (a !== undefined) return a;
    switch (e.k) {
      case 'array':
      case 'temp': {
        const name = `${e.k === 'array' ? 'a' : 't'}:${e.name}`;
        a = { key: `${name}@${versions.get(name) ?? 0}`, pure: true };
        break;
      }
      case 'random':
        a = { key: irKey(e), pure: false };
        e.args.forEach((x) => annotate(x, memo));
        break;
      case 'unary': {
        const x = annotate(e.a, memo);
        a = { key: `(${e.op} ${x.key})`, pure: x.pure };
        break;
      }
      case 'binary': {
        const x = annotate(e.a, memo);
        const y = annotate(e.b, memo);
        a = { key: `(${e.op} ${x.key} ${y.key})`, pure: x.pure && y.pure };
        break;
      }
      case 'call': {
        const args = e.args.map((x) => annotate(x, memo));
        a = { key: `(${e.user === undefined ? 'f' : 'u'}:${e.fn} ${args.map((x) => x.key).join(' ')})`, pure: !e.stateful && !mayThrow(e) && args.every((x) => x.pure) };
        break;
      }
      case 'select': {
        const c = annotate(e.cond, memo);
        const x = annotate(e.a, memo);
        const y = annotate(e.b, memo);
        a = { key: `(? ${c.key} ${x.key} ${y.key})`, pure: c.pure && x.pure && y.pure };
        break;
      }
      default:
        a = { key: irKey(e), pure: true };
    }
    memo.set(e, a);
    return a;
  };
  const candidate = (e: IRExpr, a: Annotation): boolean => a.pure && (e.k === 'unary' || e.k === 'binary' || e.k === 'call' || e.k === 'select');
  const children = (e: IRExpr, visit: (x: IRExpr, conditional: boolean) => void, conditional: boolean): void => {
    switch (e.k) {
      case 'unary':
        visit(e.a, conditional);
        return;
      case 'binary':
        visit(e.a, conditional);
        visit(e.b, conditional || e.op === 'and' || e.op === 'or');
        return;
      case 'call':
      case 'random':
        e.args.forEach((x) => visit(x, conditional));
        return;
      case 'select':
        visit(e.cond, conditional);
        visit(e.a, true);
        visit(e.b, true);
        return;
      default:
        return;
    }
  };
  const bump = (item: CseItem): void => {
    if (item.writes !== undefined) versions.set(item.writes, (versions.get(item.writes) ?? 0) + 1);
  };

  // Pass 1: count unconditional occurrences; a repeated subtree's own subtrees count once.
  const counts = new Map<string, number>();
  for (const item of items) {
    const memo = new Map<IRExpr, Annotation>();
    const visit = (e: IRExpr, conditional: boolean): void => {
      if (conditional) return;
      const a = annotate(e, memo);
      if (candidate(e, a)) {
        const c = counts.get(a.key);
        counts.set(a.key, (c ?? 0) + 1);
        if (c !== undefined) return;
      }
      children(e, visit, conditional);
    };
    visit(item.value, item.conditional);
    bump(item);
  }

  // Pass 2: replay the same versions; define each repeated subtree at its first occurrence.
  versions.clear();
  const defined = new Map<string, number>();
  const values: IRExpr[] = [];
  const definitions: CseDefinition[][] = [];
  for (const item of items) {
    const memo = new Map<IRExpr, Annotation>();
    const defs: CseDefinition[] = [];
    const rewrite = (e: IRExpr, conditional: boolean): IRExpr => {
      const a = annotate(e, memo);
      if (candidate(e, a)) {
        const known = defined.get(a.key);
        if (known !== undefined) return { k: 'cse', id: known };
        if (!conditional && (counts.get(a.key) ?? 0) >= 2) {
          const value = rewriteChildren(e, conditional);
          const id = next.id++;
          defs.push({ id, value });
          defined.set(a.key, id);
          return { k: 'cse', id };
        }
      }
      return rewriteChildren(e, conditional);
    };
    const rewriteChildren = (e: IRExpr, conditional: boolean): IRExpr => {
      switch (e.k) {
        case 'unary': {
          const a = rewrite(e.a, conditional);
          return a === e.a ? e : { ...e, a };
        }
        case 'binary': {
          const a = rewrite(e.a, conditional);
          const b = rewrite(e.b, conditional || e.op === 'and' || e.op === 'or');
          return a === e.a && b === e.b ? e : { ...e, a, b };
        }
        case 'call':
        case 'random': {
          const args = e.args.map((x) => rewrite(x, conditional));
          return args.every((x, k) => x === e.args[k]) ? e : { ...e, args };
        }
        case 'select': {
          const cond = rewrite(e.cond, conditional);
          const a = rewrite(e.a, true);
          const b = rewrite(e.b, true);
          return cond === e.cond && a === e.a && b === e.b ? e : { ...e, cond, a, b };
        }
        default:
          return e;
      }
    };
    values.push(rewrite(item.value, item.conditional));
    definitions.push(defs);
    bump(item);
  }
  return { values, definitions };
}
