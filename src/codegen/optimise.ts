/**
 * Stage 3: optimisation of the IR, without changing any result bit. Constant folding evaluates
 * subtrees whose operands are all literals with the very functions generated code would call, so
 * folding cannot change a value. Loop-invariant hoisting moves maximal scalar subtrees of
 * per-element code (`exp(-dt/tau)`) before the loop, computed once per execution (Brian2's
 * `_lio_` variables); it never reassociates, so `a*b*v` keeps `(a*b)*v` and hoists `a*b`.
 */
import { highestType } from '../inference/index.ts';
import type { ValueType } from '../inference/index.ts';
import { OPERATOR_HELPERS, PURE_FUNCTIONS } from './functions.ts';
import type { IRBlock, IRExpr, IRStatement } from './ir.ts';
import { irNum } from './ir.ts';

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
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    default:
      throw new Error(`unknown operator ${op}`);
  }
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
    default:
      return e;
  }
}

/** A structural key of an expression (for deduplicating hoisted values). */
export function irKey(e: IRExpr): string {
  switch (e.k) {
    case 'num':
      return `${e.type[0]}${Object.is(e.value, -0) ? '-0' : String(e.value)}`;
    case 'array':
      return `a:${e.name}`;
    case 'temp':
      return `t:${e.name}`;
    case 'hoisted':
      return `h:${e.id}`;
    case 'unary':
      return `(${e.op} ${irKey(e.a)})`;
    case 'binary':
      return `(${e.op} ${irKey(e.a)} ${irKey(e.b)})`;
    case 'call':
      return `(${e.user === undefined ? 'f' : 'u'}:${e.fn} ${e.args.map(irKey).join(' ')})`;
    case 'random':
      return `(r${e.site})`;
  }
}

/** The block after folding and hoisting, plus the hoisted values in order. */
export interface OptimisedBlock {
  readonly block: IRBlock;
  readonly hoisted: readonly IRExpr[];
}

/** Options of {@link optimise} (both on by default; tests turn them off to compare). */
export interface OptimiseOptions {
  readonly fold?: boolean;
  readonly hoist?: boolean;
}

/** Folds and hoists a lowered block. */
export function optimise(block: IRBlock, options: OptimiseOptions = {}): OptimisedBlock {
  const doFold = options.fold ?? true;
  const doHoist = options.hoist ?? true;
  const f = (e: IRExpr): IRExpr => (doFold ? fold(e) : e);
  const hoisted: IRExpr[] = [];
  const byKey = new Map<string, number>();
  const isScalar = (e: IRExpr): boolean => {
    switch (e.k) {
      case 'num':
      case 'hoisted':
        return true;
      case 'array':
        return e.variable.scalar;
      case 'temp':
        return block.scalarTemps.has(e.name);
      case 'unary':
        return isScalar(e.a);
      case 'binary':
        return isScalar(e.a) && isScalar(e.b);
      case 'call':
        return !e.stateful && e.args.every(isScalar);
      case 'random':
        return false;
    }
  };
  const hoist = (e: IRExpr): IRExpr => {
    if (!doHoist) return e;
    if ((e.k === 'unary' || e.k === 'binary' || e.k === 'call') && isScalar(e)) {
      const key = irKey(e);
      let id = byKey.get(key);
      if (id === undefined) {
        id = hoisted.length;
        hoisted.push(e);
        byKey.set(key, id);
      }
      return { k: 'hoisted', id };
    }
    switch (e.k) {
      case 'unary':
        return { ...e, a: hoist(e.a) };
      case 'binary':
        return { ...e, a: hoist(e.a), b: hoist(e.b) };
      case 'call':
      case 'random':
        return { ...e, args: e.args.map(hoist) };
      default:
        return e;
    }
  };
  const scalar = block.scalar.map((s): IRStatement => ({ ...s, value: f(s.value) }));
  const vector = block.vector.map((s): IRStatement => ({ ...s, value: hoist(f(s.value)) }));
  const condition = block.condition === undefined ? undefined : hoist(f(block.condition));
  const records = block.records.map((r) => hoist(f(r)));
  return { block: { ...block, scalar, vector, condition, records }, hoisted };
}
