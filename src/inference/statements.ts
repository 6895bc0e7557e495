/**
 * Checks of abstract code (statements), conditions and equation right-hand sides, following
 * Brian2's `check_units_statements`, `make_statements` (temporaries, scalar-write order),
 * `Thresholder` and `check_dimensions`.
 */
import { binary, name, printExpr } from '../parsing/index.ts';
import type { AssignOp, Expr, Statement } from '../parsing/index.ts';
import { DIMENSIONLESS, DimensionMismatchError, getBaseUnit } from '../units/index.ts';
import type { Dimension } from '../units/index.ts';
import { ExpressionError, UndefinedIdentifierError, guardDepth } from './errors.ts';
import { ExpressionAnalyser } from './infer.ts';
import type { ExpressionInfo, InferenceOptions } from './infer.ts';
import { layerResolvers } from './scope.ts';
import type { Resolver, ValueSymbol } from './scope.ts';

/** What {@link checkStatement} found out about one statement. */
export interface StatementInfo {
  readonly target: string;
  readonly op: AssignOp;
  /** The symbol written: the existing variable, or the new temporary. */
  readonly symbol: ValueSymbol;
  /** True when the statement declares a new temporary (`x = …` with an unknown `x`). */
  readonly declaresTemporary: boolean;
  /** Inference result for the right-hand side as written (for `v += e`, of `e`). */
  readonly value: ExpressionInfo;
}

/** What {@link checkStatements} found out about a block. */
export interface StatementsInfo {
  readonly statements: readonly StatementInfo[];
  /** The temporaries the block declares, in order of declaration. */
  readonly temporaries: ReadonlyMap<string, ValueSymbol>;
  /** The scope extended with the temporaries (temporaries first). */
  readonly scope: Resolver;
}

function statementText(stmt: Statement, source: string | undefined): string {
  const { span } = stmt;
  if (source !== undefined && span !== undefined && span.end <= source.length) return source.slice(span.start, span.end).trim();
  return `${stmt.target} ${stmt.op} ${printExpr(stmt.value)}`;
}

/**
 * Checks one statement `target op value`: the target must be writable (not a constant, unit,
 * function, subexpression or read-only variable), and the right-hand side must have the
 * target's dimension. `+=`, `-=`, `%=` check `target op value` as an expression (so the
 * messages are Brian2's for `v + 3`); `*=` and `/=` need a dimensionless right-hand side. An
 * unknown target with `=` declares a temporary whose dimension, type and scalarity are those of
 * the right-hand side (semantics §2.6).
 */
export function checkStatement(stmt: Statement, scope: Resolver, options: InferenceOptions = {}): StatementInfo {
  return guardDepth(() => checkOneStatement(stmt, scope, options), options.source);
}

function checkOneStatement(stmt: Statement, scope: Resolver, options: InferenceOptions): StatementInfo {
  const line = statementText(stmt, options.source);
  const fail: (message: string) => never = (message) => {
    throw new ExpressionError('invalid-target', message, line, stmt.targetSpan ?? stmt.span);
  };
  const analyser = new ExpressionAnalyser(stmt.value, scope, options);
  // Names on the right resolve first, as Brian2 resolves a block's identifiers before checking it.
  analyser.checkNamesResolve();

  const existing = scope(stmt.target);
  if (existing === undefined && stmt.op !== '=') {
    throw new UndefinedIdentifierError(stmt.target, line, stmt.targetSpan ?? stmt.span);
  }
  if (existing !== undefined) {
    const what = `'${stmt.target}' in "${line}"`;
    switch (existing.kind) {
      case 'function':
        fail(`Cannot assign to ${what}: '${stmt.target}' is a function.`);
        break;
      case 'unit':
        fail(`Cannot assign to ${what}: '${stmt.target}' is a unit; units cannot be used as variable names.`);
        break;
      case 'constant':
        fail(`Cannot assign to ${what}: '${stmt.target}' is a constant.`);
        break;
      case 'subexpression':
        fail(`Illegal line '${line}' in abstract code. Cannot write to subexpression '${stmt.target}'.`);
        break;
      case 'variable':
        if (existing.readOnly === true) fail(`Cannot assign to ${what}: '${stmt.target}' is a read-only variable.`);
        break;
    }
  }

  const value = analyser.analyse();
  if (existing === undefined) {
    const symbol: ValueSymbol = Object.freeze({ kind: 'variable', dim: value.dim, type: value.type, scalar: value.scalar, readOnly: false });
    return { target: stmt.target, op: stmt.op, symbol, declaresTemporary: true, value };
  }

  let resultDim: Dimension;
  let expected = existing.dim;
  switch (stmt.op) {
    case '=':
      resultDim = value.dim;
      break;
    case '*=':
    case '/=':
      // `v *= e` keeps v's dimension exactly when e is dimensionless.
      resultDim = value.dim;
      expected = DIMENSIONLESS;
      break;
    default: {
      const targetNode: Expr = stmt.targetSpan === undefined ? name(stmt.target) : { ...name(stmt.target), span: stmt.targetSpan };
      const combined = binary(stmt.op === '+=' ? '+' : stmt.op === '-=' ? '-' : '%', targetNode, stmt.value);
      resultDim = new ExpressionAnalyser(combined, scope, options).dimension();
    }
  }
  if (resultDim !== expected && options.checkDimensions !== false) {
    throw new DimensionMismatchError(
      `The right-hand-side of code statement "${line}" does not have the expected unit ${expected}`,
      resultDim,
    );
  }
  return { target: stmt.target, op: stmt.op, symbol: existing, declaresTemporary: false, value };
}

/**
 * Checks a block of statements in order: each as {@link checkStatement}, with the temporaries
 * declared so far visible to later statements, and all writes to scalar (shared) variables
 * before the first write to a vector variable (Brian2's `make_statements`).
 */
export function checkStatements(stmts: readonly Statement[], scope: Resolver, options: InferenceOptions = {}): StatementsInfo {
  const temporaries = new Map<string, ValueSymbol>();
  const blockScope = layerResolvers((identifier) => temporaries.get(identifier), scope);
  const infos: StatementInfo[] = [];
  let vectorWritten = false;
  for (const stmt of stmts) {
    const info = checkStatement(stmt, blockScope, options);
    if (info.declaresTemporary) {
      temporaries.set(stmt.target, info.symbol);
    } else if (info.symbol.scalar && vectorWritten) {
      throw new ExpressionError(
        'scalar-write-order',
        `All writes to scalar variables in a code block have to be made before writes to vector variables. ` +
          `Illegal write to '${stmt.target}'.`,
        statementText(stmt, options.source),
        stmt.targetSpan ?? stmt.span,
      );
    }
    if (!info.symbol.scalar) vectorWritten = true;
    infos.push(info);
  }
  return { statements: infos, temporaries, scope: blockScope };
}

/**
 * Checks that a condition (threshold, reset condition, synaptic condition) is a boolean
 * expression, then checks its units. `what` names it in the message, as Brian2's
 * `Threshold condition 'v' is not a boolean expression`.
 */
export function checkBooleanExpression(
  expr: Expr,
  scope: Resolver,
  what = 'Condition',
  options: InferenceOptions = {},
): ExpressionInfo {
  return guardDepth(() => checkBoolean(expr, scope, what, options), options.source);
}

/** Whether an arithmetic operation stands where `and`/`or`/`not` or the whole condition needs a truth value. */
function arithmeticAsCondition(expr: Expr): boolean {
  switch (expr.kind) {
    case 'binary':
      return true;
    case 'unary':
      return expr.op === 'not' ? arithmeticAsCondition(expr.operand) : true;
    case 'logical':
      return arithmeticAsCondition(expr.left) || arithmeticAsCondition(expr.right);
    default:
      return false;
  }
}

function checkBoolean(expr: Expr, scope: Resolver, what: string, options: InferenceOptions): ExpressionInfo {
  const analyser = new ExpressionAnalyser(expr, scope, options);
  analyser.checkNamesResolve();
  // Brian2 asks "is it boolean?" before checking units, so that question is answered first.
  const { type } = analyser.typeInfo();
  // Brian2's is_boolean_expression is syntactic: arithmetic (`a + b`, `-a`) where a truth value is
  // expected is not boolean even when its operands are booleans.
  if (type !== 'boolean' || arithmeticAsCondition(expr)) {
    throw new ExpressionError(
      'not-boolean',
      `${what} '${analyser.expression}' is not a boolean expression (its type is ${type}).`,
      analyser.expression,
      expr.span,
    );
  }
  return analyser.analyse();
}

/**
 * Checks that an expression has the expected dimension, as Brian2's `check_dimensions` does for
 * equation right-hand sides: `Expression '-v' does not have the expected unit volt (unit is …).`
 */
export function checkDimensions(expr: Expr, expected: Dimension, scope: Resolver, options: InferenceOptions = {}): ExpressionInfo {
  const analyser = new ExpressionAnalyser(expr, scope, options);
  const info = guardDepth(() => analyser.analyse(), options.source);
  if (info.dim !== expected) {
    // Brian2 names the expected unit by its Python repr: `volt`, or `metre ** 2 * …` when no unit has that dimension.
    const unitName = expected.isDimensionless ? '1' : (getBaseUnit(expected)?.name ?? expected.toPythonString());
    throw new DimensionMismatchError(
      `Expression '${analyser.expression}' does not have the expected unit ${unitName}`,
      info.dim,
    );
  }
  return info;
}
