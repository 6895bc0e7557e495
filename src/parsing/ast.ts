/**
 * The typed syntax tree of Brian's expression and statement language. Every later stage
 * (unit inference, symbolic manipulation, state updaters, code generation) works on these
 * nodes; generated code is printed from them, never from user text.
 *
 * Nodes are immutable plain objects. `span` (offsets into the parsed source, end exclusive)
 * is present on nodes made by the parser and absent on nodes built by transformations.
 */

/** Half-open character range `[start, end)` into the source string that was parsed. */
export interface Span {
  /** Offset of the first character (0-based). */
  readonly start: number;
  /** Offset after the last character. */
  readonly end: number;
}

export type UnaryOp = '-' | '+' | 'not';
export type ArithmeticOp = '+' | '-' | '*' | '/' | '//' | '%' | '**';
export type CompareOp = '<' | '<=' | '>' | '>=' | '==' | '!=';
export type LogicalOp = 'and' | 'or';
export type AssignOp = '=' | '+=' | '-=' | '*=' | '/=' | '%=';

/** A numeric literal. `isInteger` is true for literals written without `.` or exponent (`3`, not `3.` or `3e0`). */
export interface NumberLiteral {
  readonly kind: 'number';
  readonly value: number;
  readonly isInteger: boolean;
  readonly span?: Span;
}

/** `True` / `False`. */
export interface BooleanLiteral {
  readonly kind: 'boolean';
  readonly value: boolean;
  readonly span?: Span;
}

/** An identifier: a variable, constant, unit or (as a call's callee) function name. */
export interface Name {
  readonly kind: 'name';
  readonly name: string;
  readonly span?: Span;
}

export interface Unary {
  readonly kind: 'unary';
  readonly op: UnaryOp;
  readonly operand: Expr;
  readonly span?: Span;
}

export interface Binary {
  readonly kind: 'binary';
  readonly op: ArithmeticOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly span?: Span;
}

/** A single comparison; Brian rejects chained comparisons such as `1 < x < 3`. */
export interface Compare {
  readonly kind: 'compare';
  readonly op: CompareOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly span?: Span;
}

export interface Logical {
  readonly kind: 'logical';
  readonly op: LogicalOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly span?: Span;
}

/** A function call with positional arguments (Brian has no keyword arguments in strings). */
export interface Call {
  readonly kind: 'call';
  readonly callee: string;
  readonly args: readonly Expr[];
  readonly span?: Span;
  /** Span of the callee name alone. */
  readonly calleeSpan?: Span;
}

/** Any expression node of Brian's string language. */
export type Expr = NumberLiteral | BooleanLiteral | Name | Unary | Binary | Compare | Logical | Call;

/** One line of abstract code: `target op value`, e.g. `v = -60*mV` or `ge += w`. */
export interface Statement {
  /** Node tag. */
  readonly kind: 'statement';
  /** The assigned variable. */
  readonly target: string;
  /** The assignment operator (`=`, `+=`, …). */
  readonly op: AssignOp;
  /** The right-hand side. */
  readonly value: Expr;
  /** Trailing `# comment` text (without `#`), kept so code can be printed back faithfully. */
  readonly comment?: string;
  /** Position of the whole statement in the source. */
  readonly span?: Span;
  /** Position of the target name in the source. */
  readonly targetSpan?: Span;
}

// Constructors, used by transformations (symbolic layer, state updaters) that build new trees.

export const num = (value: number, isInteger = Number.isInteger(value)): NumberLiteral => ({
  kind: 'number',
  value,
  isInteger,
});
export const bool = (value: boolean): BooleanLiteral => ({ kind: 'boolean', value });
export const name = (identifier: string): Name => ({ kind: 'name', name: identifier });
export const unary = (op: UnaryOp, operand: Expr): Unary => ({ kind: 'unary', op, operand });
export const binary = (op: ArithmeticOp, left: Expr, right: Expr): Binary => ({ kind: 'binary', op, left, right });
export const compare = (op: CompareOp, left: Expr, right: Expr): Compare => ({ kind: 'compare', op, left, right });
export const logical = (op: LogicalOp, left: Expr, right: Expr): Logical => ({ kind: 'logical', op, left, right });
export const call = (callee: string, args: readonly Expr[]): Call => ({ kind: 'call', callee, args });
export const statement = (target: string, op: AssignOp, value: Expr): Statement => ({
  kind: 'statement',
  target,
  op,
  value,
});
