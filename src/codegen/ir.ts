/**
 * The intermediate representation between the checked AST and the printers: every name is
 * resolved (array variable, temporary, hoisted value, or folded into a literal), every call bound
 * to an implementation, and every random draw numbered. The generated-code printer and the
 * reference evaluator both consume it.
 */
import type { ArithmeticOp, AssignOp, CompareOp, LogicalOp, UnaryOp } from '../parsing/index.ts';
import type { ValueType } from '../inference/index.ts';
import type { ArrayVariable, FunctionImplementation } from '../variables/index.ts';
import type { BinomialParameters } from './binomial.ts';

/** A literal (constants, units and `pi`/`e`/`inf` become literals during lowering). */
export interface IRNumber {
  readonly k: 'num';
  readonly value: number;
  readonly type: ValueType;
}

/**
 * A named constant of the Variables table (a namespace value, `N`) passed to generated code as a
 * captured value instead of a printed literal, so that code differing only in constant values has
 * one source — one compiled function reused from build to build (sweeps, rebuild loops; see
 * lower's `constantsAsValues`). Loop-invariant like a scalar variable, never folded.
 */
export interface IRConst {
  readonly k: 'const';
  readonly name: string;
  readonly value: number;
  readonly type: ValueType;
}

/** A read of an array variable's current element (or its single value, for scalars). */
export interface IRArray {
  readonly k: 'array';
  readonly name: string;
  readonly variable: ArrayVariable;
}

/** A read of a temporary declared in the block. */
export interface IRTemp {
  readonly k: 'temp';
  readonly name: string;
}

/** A loop-invariant value computed once before the loop (made by the optimiser). */
export interface IRHoisted {
  readonly k: 'hoisted';
  readonly id: number;
}

/** A common subexpression computed once per element, earlier in the body (made by the optimiser). */
export interface IRCse {
  readonly k: 'cse';
  readonly id: number;
}

export interface IRUnary {
  readonly k: 'unary';
  readonly op: UnaryOp;
  readonly a: IRExpr;
}

export interface IRBinary {
  readonly k: 'binary';
  readonly op: ArithmeticOp | CompareOp | LogicalOp;
  readonly a: IRExpr;
  readonly b: IRExpr;
}

/** A call of a pure default function (by name) or of a user function. */
export interface IRCall {
  readonly k: 'call';
  readonly fn: string;
  readonly args: readonly IRExpr[];
  /** Set for user functions. */
  readonly user?: FunctionImplementation;
  /** A user function declared stateful: never folded or hoisted. */
  readonly stateful: boolean;
}

/** A random draw: site `site` of the block (its stream key is derived from the site number). */
export interface IRRandom {
  readonly k: 'random';
  readonly fn: 'rand' | 'randn' | 'poisson' | 'binomial';
  readonly site: number;
  readonly args: readonly IRExpr[];
  /** `binomial` (inversion sampling of a BinomialFunction): its baked-in constants. */
  readonly binomial?: BinomialParameters;
}

/**
 * `cond ? a : b` (made by the optimiser's boolean specialisation: `a`/`b` are the values of one
 * subtree precomputed for each value of the boolean input `cond`).
 */
export interface IRSelect {
  readonly k: 'select';
  readonly cond: IRExpr;
  readonly a: IRExpr;
  readonly b: IRExpr;
}

export type IRExpr = IRNumber | IRConst | IRArray | IRTemp | IRHoisted | IRCse | IRUnary | IRBinary | IRCall | IRRandom | IRSelect;

/** One statement of a block. */
export interface IRStatement {
  readonly target: string;
  readonly op: AssignOp;
  readonly value: IRExpr;
  /** The written array variable, or undefined for a temporary. */
  readonly variable: ArrayVariable | undefined;
  /** Name of the boolean variable gating the write (conditional write), if any. */
  readonly gate: IRArray | undefined;
  /** Whether the statement runs once (scalar block) rather than per element. */
  readonly scalar: boolean;
}

/** A lowered code block. */
export interface IRBlock {
  /** Statements run once per execution, before the loop. */
  readonly scalar: readonly IRStatement[];
  /** Statements run per element, in order. */
  readonly vector: readonly IRStatement[];
  /** threshold / set_expression condition. */
  readonly condition: IRExpr | undefined;
  /** Monitor records. */
  readonly records: readonly IRExpr[];
  /** Number of random-draw sites. */
  readonly sites: number;
  /** Temporaries computed in the scalar block. */
  readonly scalarTemps: ReadonlySet<string>;
}

/** Helper constructors. */
export const irNum = (value: number, type: ValueType): IRNumber => ({ k: 'num', value, type });

/**
 * The block with every `const` node whose name `keep` rejects turned back into a literal (the
 * form lowering gives without `constantsAsValues`): see generate.ts's varying constants.
 */
export function literalConstants(block: IRBlock, keep: (name: string) => boolean): IRBlock {
  const map = (e: IRExpr): IRExpr => {
    switch (e.k) {
      case 'const':
        return keep(e.name) ? e : irNum(e.value, e.type);
      case 'unary': {
        const a = map(e.a);
        return a === e.a ? e : { ...e, a };
      }
      case 'binary': {
        const a = map(e.a);
        const b = map(e.b);
        return a === e.a && b === e.b ? e : { ...e, a, b };
      }
      case 'call':
      case 'random': {
        const args = e.args.map(map);
        return args.every((x, k) => x === e.args[k]) ? e : { ...e, args };
      }
      case 'select': {
        const cond = map(e.cond);
        const a = map(e.a);
        const b = map(e.b);
        return cond === e.cond && a === e.a && b === e.b ? e : { ...e, cond, a, b };
      }
      default:
        return e;
    }
  };
  const statement = (s: IRStatement): IRStatement => {
    const value = map(s.value);
    return value === s.value ? s : { ...s, value };
  };
  return {
    ...block,
    scalar: block.scalar.map(statement),
    vector: block.vector.map(statement),
    condition: block.condition === undefined ? undefined : map(block.condition),
    records: block.records.map(map),
  };
}

/** Visits every node (pre-order). */
export function walkIR(e: IRExpr, visit: (e: IRExpr) => void): void {
  visit(e);
  switch (e.k) {
    case 'unary':
      walkIR(e.a, visit);
      return;
    case 'binary':
      walkIR(e.a, visit);
      walkIR(e.b, visit);
      return;
    case 'call':
    case 'random':
      for (const a of e.args) walkIR(a, visit);
      return;
    case 'select':
      walkIR(e.cond, visit);
      walkIR(e.a, visit);
      walkIR(e.b, visit);
      return;
    default:
      return;
  }
}
