/**
 * Unit and type inference over the expression AST, following Brian2's
 * `parse_expression_dimensions` (dimensions), `BrianASTRenderer` (types, scalarity) and
 * `check_expression_for_multiple_stateful_functions`.
 */
import { printExpr } from '../parsing/index.ts';
import type { Binary, Call, Expr, Name, Span } from '../parsing/index.ts';
import { DIMENSIONLESS, DimensionMismatchError, getUnitForDisplay } from '../units/index.ts';
import type { Dimension } from '../units/index.ts';
import { tryEvaluateConstant } from './evaluate.ts';
import { ExpressionError, UndefinedIdentifierError, guardDepth } from './errors.ts';
import type { ExpressionErrorCode } from './errors.ts';
import { returnDimension } from './functions.ts';
import type { FunctionDescriptor } from './functions.ts';
import type { Resolver, ScopeSymbol, ValueSymbol } from './scope.ts';
import { highestType } from './types.ts';
import type { ValueType } from './types.ts';

/** What inference found out about an expression. */
export interface ExpressionInfo {
  /** The physical dimension of the value. */
  readonly dim: Dimension;
  /** The value type: `float`, `integer` or `boolean`. */
  readonly type: ValueType;
  /** The value is the same for every element: no vector variables and no auto-vectorised calls (`rand()`). */
  readonly scalar: boolean;
  /** The expression calls a stateful function (`rand`, `randn`, `poisson`, …). */
  readonly stateful: boolean;
}

/** Options shared by the inference entry points. */
export interface InferenceOptions {
  /**
   * The source text the AST was parsed from. Messages then quote the user's own text (sliced by
   * the nodes' spans) instead of the printed AST, and errors carry spans into it.
   */
  readonly source?: string;
  /**
   * False for code generated from equations that were checked already (state updaters; Brian2's
   * `check_units=False`): rewriting can lose a unit (`0*mV` folds to `0`), so a mismatch found
   * in the generated code is not the user's error. Names, types and writability are still checked.
   */
  readonly checkDimensions?: boolean;
}

interface TypeInfo {
  readonly type: ValueType;
  readonly scalar: boolean;
  readonly stateful: boolean;
}

/**
 * One inference run over one expression. The passes mirror Brian2's order, so the first error
 * reported is the one Brian2 reports: name resolution, then dimensions, then types, then the
 * stateful-function rule.
 * @internal
 */
export class ExpressionAnalyser {
  readonly root: Expr;
  private readonly resolver: Resolver;
  private readonly source: string | undefined;
  private readonly checkDimensions: boolean;
  private readonly dims = new Map<Expr, Dimension>();

  constructor(root: Expr, resolve: Resolver, options: InferenceOptions = {}) {
    this.root = root;
    this.resolver = resolve;
    this.source = options.source;
    this.checkDimensions = options.checkDimensions !== false;
  }

  /** The text of a node: the user's source when known, the printed AST otherwise. */
  text(node: Expr): string {
    const { span } = node;
    if (this.source !== undefined && span !== undefined && span.end <= this.source.length) {
      return this.source.slice(span.start, span.end).trim();
    }
    return printExpr(node);
  }

  /** The text of the whole expression. */
  get expression(): string {
    return this.text(this.root);
  }

  fail(code: ExpressionErrorCode, message: string, node: Expr | undefined, span: Span | undefined = node?.span): never {
    throw new ExpressionError(code, message, this.expression, span);
  }

  resolve(identifier: string, span: Span | undefined): ScopeSymbol {
    const symbol = this.resolver(identifier);
    if (symbol === undefined) throw new UndefinedIdentifierError(identifier, this.expression, span);
    return symbol;
  }

  /** Every name and callee must resolve before anything else is checked (Brian2 resolves first). */
  checkNamesResolve(node: Expr = this.root): void {
    switch (node.kind) {
      case 'name':
        this.resolve(node.name, node.span);
        return;
      case 'call':
        this.resolve(node.callee, node.calleeSpan ?? node.span);
        for (const arg of node.args) this.checkNamesResolve(arg);
        return;
      case 'unary':
        this.checkNamesResolve(node.operand);
        return;
      case 'binary':
      case 'compare':
      case 'logical':
        this.checkNamesResolve(node.left);
        this.checkNamesResolve(node.right);
        return;
      default:
        return;
    }
  }

  private valueSymbol(node: Name): ValueSymbol {
    const symbol = this.resolve(node.name, node.span);
    if (symbol.kind === 'function') {
      this.fail('function-as-value', `${node.name} was used like a variable/constant, but it is a function.`, node);
    }
    return symbol;
  }

  private functionOf(node: Call): FunctionDescriptor {
    const symbol = this.resolve(node.callee, node.calleeSpan ?? node.span);
    if (symbol.kind !== 'function') {
      this.fail(
        'not-a-function',
        `'${node.callee}' is not a function (it is a ${symbol.kind}), so it cannot be called in '${this.text(node)}'.`,
        node,
        node.calleeSpan ?? node.span,
      );
    }
    return symbol.fn;
  }

  /** The dimension of `node` (Brian2's `parse_expression_dimensions`). */
  dimension(node: Expr = this.root): Dimension {
    const known = this.dims.get(node);
    if (known !== undefined) return known;
    let dim: Dimension;
    try {
      dim = this.computeDimension(node);
    } catch (e) {
      // Unchecked code: a mismatch counts as dimensionless (the dimension is then never used).
      if (this.checkDimensions || !(e instanceof DimensionMismatchError)) throw e;
      dim = DIMENSIONLESS;
    }
    this.dims.set(node, dim);
    return dim;
  }

  private computeDimension(node: Expr): Dimension {
    switch (node.kind) {
      case 'number':
      case 'boolean':
        return DIMENSIONLESS;
      case 'name':
        return this.valueSymbol(node).dim;
      case 'unary': {
        const dim = this.dimension(node.operand);
        return node.op === 'not' ? DIMENSIONLESS : dim;
      }
      case 'logical':
        this.dimension(node.left);
        this.dimension(node.right);
        return DIMENSIONLESS;
      case 'compare': {
        const left = this.dimension(node.left);
        const right = this.dimension(node.right);
        // No exemption for a literal 0 here, unlike Quantity arithmetic: `v > 0` is an error.
        if (left !== right) {
          throw new DimensionMismatchError(
            `Comparison of expressions with different units. Expression '${this.text(node.left)}' has unit (${left}), ` +
              `while expression '${this.text(node.right)}' has units (${right}).`,
          );
        }
        return DIMENSIONLESS;
      }
      case 'binary':
        return this.binaryDimension(node);
      case 'call':
        return this.callDimension(node);
    }
  }

  private binaryDimension(node: Binary): Dimension {
    const left = this.dimension(node.left);
    const right = this.dimension(node.right);
    switch (node.op) {
      case '+':
      case '-':
      case '%': {
        if (left !== right) {
          const l = this.text(node.left);
          const r = this.text(node.right);
          throw new DimensionMismatchError(
            `Expression '${this.text(node)}' uses inconsistent units ('${l}' has unit ${getUnitForDisplay(left)}; ` +
              `'${r}' has unit ${getUnitForDisplay(right)}).`,
          );
        }
        return left;
      }
      case '*':
        return left.times(right);
      case '/':
        return left.div(right);
      case '//': {
        if (!left.isDimensionless || !right.isDimensionless) {
          const culprit = left.isDimensionless ? node.right : node.left;
          this.fail(
            'floor-division-units',
            `Floor division can only be used on dimensionless values. '${this.text(culprit)}' in ` +
              `'${this.text(node)}' has unit ${getUnitForDisplay(this.dimension(culprit))}.`,
            culprit,
          );
        }
        return DIMENSIONLESS;
      }
      case '**':
        return this.powerDimension(node, left, right);
    }
  }

  private powerDimension(node: Binary, base: Dimension, exponentDim: Dimension): Dimension {
    if (base.isDimensionless && exponentDim.isDimensionless) return DIMENSIONLESS;
    // The result's dimension depends on the exponent's value, so it must be known statically.
    const exponent = tryEvaluateConstant(node.right, this.resolver);
    if (!('value' in exponent)) {
      const reason = exponent.reason.endsWith('.') ? exponent.reason : `${exponent.reason}.`;
      this.fail(
        'non-constant-exponent',
        `The exponent of '${this.text(node)}' has to be a constant (a literal or a constant scalar name), because ` +
          `the base '${this.text(node.left)}' has unit ${getUnitForDisplay(base)}. ${reason}`,
        exponent.node,
      );
    }
    // Brian2 does not check this here and computes e.g. `volt ** 0.001` for `v ** ms`.
    if (!exponentDim.isDimensionless) {
      throw new DimensionMismatchError(
        `Cannot calculate '${this.text(node)}', the exponent '${this.text(node.right)}' has to be dimensionless`,
        exponentDim,
      );
    }
    if (!Number.isFinite(exponent.value)) {
      this.fail(
        'non-constant-exponent',
        `The exponent of '${this.text(node)}' evaluates to ${exponent.value}; a base with units needs a finite exponent.`,
        node.right,
      );
    }
    return base.pow(exponent.value);
  }

  private callDimension(node: Call): Dimension {
    const fn = this.functionOf(node);
    const expected = fn.argUnits.length;
    if (node.args.length !== expected) {
      this.fail(
        'argument-count',
        `Function '${node.callee}' was called with ${node.args.length} parameters, needs ${expected}.`,
        node,
      );
    }
    const argDims = node.args.map((arg, k) => {
      const dim = this.dimension(arg);
      const rule = fn.argUnits[k]!;
      switch (rule.kind) {
        case 'any':
          break;
        case 'same-as': {
          const other = node.args[rule.index]!;
          const otherDim = this.dimension(other);
          if (dim !== otherDim) {
            throw new DimensionMismatchError(
              `Argument number ${k + 1} for function ${node.callee} was supposed to have the same units as argument ` +
                `number ${rule.index + 1}, but '${this.text(arg)}' has unit ${getUnitForDisplay(dim)}, while ` +
                `'${this.text(other)}' has unit ${getUnitForDisplay(otherDim)}`,
            );
          }
          break;
        }
        case 'boolean':
          if (this.typeInfo(arg).type !== 'boolean') {
            this.fail(
              'argument-type',
              `Argument number ${k + 1} for function '${node.callee}' was expected to be a boolean value, but is '${this.text(arg)}'.`,
              arg,
            );
          }
          break;
        case 'dimension':
          if (dim !== rule.dim) {
            throw new DimensionMismatchError(
              `Argument number ${k + 1} for function ${node.callee} does not have the correct units. Expression ` +
                `'${this.text(arg)}' has units (${dim}), but should be (${rule.dim}).`,
            );
          }
          break;
      }
      return dim;
    });
    return returnDimension(fn, argDims);
  }

  /** Type, scalarity and statefulness of `node` (Brian2's `brian_ast`). */
  typeInfo(node: Expr = this.root): TypeInfo {
    switch (node.kind) {
      case 'number':
        return { type: node.isInteger ? 'integer' : 'float', scalar: true, stateful: false };
      case 'boolean':
        return { type: 'boolean', scalar: true, stateful: false };
      case 'name': {
        const symbol = this.valueSymbol(node);
        return { type: symbol.type, scalar: symbol.scalar, stateful: false };
      }
      case 'unary': {
        const operand = this.typeInfo(node.operand);
        if (node.op === 'not') {
          // Brian2 lets `not x` through for a float x; Python truthiness is not part of Brian's language.
          if (operand.type !== 'boolean') {
            this.fail(
              'boolean-operand',
              `The operand of 'not' has to be boolean, but '${this.text(node.operand)}' in '${this.text(node)}' is ${article(operand.type)}.`,
              node.operand,
            );
          }
          return operand;
        }
        if (operand.type === 'boolean') {
          this.fail(
            'boolean-arithmetic',
            `Unary operator '${node.op}' does not apply to boolean types: '${this.text(node)}'. Use int(${this.text(node.operand)}) for 0 or 1.`,
            node,
          );
        }
        return operand;
      }
      case 'binary': {
        const left = this.typeInfo(node.left);
        const right = this.typeInfo(node.right);
        // `/` is true division; `**` is always a float power (see the conformance deviations).
        const type = node.op === '/' || node.op === '**' ? 'float' : highestType([left.type, right.type]);
        return { type, scalar: left.scalar && right.scalar, stateful: left.stateful || right.stateful };
      }
      case 'compare': {
        const left = this.typeInfo(node.left);
        const right = this.typeInfo(node.right);
        return { type: 'boolean', scalar: left.scalar && right.scalar, stateful: left.stateful || right.stateful };
      }
      case 'logical': {
        const left = this.typeInfo(node.left);
        const right = this.typeInfo(node.right);
        for (const [operand, info] of [[node.left, left], [node.right, right]] as const) {
          if (info.type !== 'boolean') {
            this.fail(
              'boolean-operand',
              `Boolean operator acting on non-booleans: '${this.text(operand)}' in '${this.text(node)}' is ` +
                `${article(info.type)}, but '${node.op}' needs boolean operands.`,
              operand,
            );
          }
        }
        return { type: 'boolean', scalar: left.scalar && right.scalar, stateful: left.stateful || right.stateful };
      }
      case 'call':
        return this.callType(node);
    }
  }

  private callType(node: Call): TypeInfo {
    const fn = this.functionOf(node);
    const args = node.args.map((arg) => this.typeInfo(arg));
    const argTypes = fn.argTypes;
    if (argTypes !== undefined) {
      args.forEach((arg, k) => {
        const wanted = argTypes[k];
        if (wanted !== undefined && wanted !== 'any' && wanted !== arg.type) {
          const list = (types: readonly string[]): string => `[${types.map((t) => `'${t}'`).join(', ')}]`;
          this.fail(
            'argument-type',
            `Function '${node.callee}' takes arguments with types ${list(argTypes)} but received ${list(args.map((a) => a.type))}: ` +
              `argument number ${k + 1} '${this.text(node.args[k]!)}' should be ${article(wanted)}.`,
            node.args[k],
          );
        }
      });
    }
    const type = fn.returnType === 'highest' ? highestType(args.map((a) => a.type)) : fn.returnType;
    const scalar = !fn.stateful && !fn.autoVectorise && args.every((a) => a.scalar);
    return { type, scalar, stateful: fn.stateful || args.some((a) => a.stateful) };
  }

  /** At most one call of each stateful function (Brian2 raises `NotImplementedError`). */
  checkStatefulCalls(): void {
    const counts = new Map<string, number>();
    const visit = (node: Expr): void => {
      switch (node.kind) {
        case 'call': {
          const symbol = this.resolver(node.callee);
          if (symbol?.kind === 'function' && symbol.fn.stateful) {
            const count = (counts.get(node.callee) ?? 0) + 1;
            counts.set(node.callee, count);
            if (count > 1) {
              this.fail(
                'multiple-stateful-calls',
                `The expression '${this.expression}' contains more than one call of ${node.callee}. This is currently ` +
                  `not supported since ${node.callee} is a stateful function and its multiple calls might be treated ` +
                  `incorrectly (e.g. 'rand() - rand()' could be simplified to '0.0'). Assign each call to its own ` +
                  `variable first.`,
                node,
              );
            }
          }
          node.args.forEach(visit);
          return;
        }
        case 'unary':
          visit(node.operand);
          return;
        case 'binary':
        case 'compare':
        case 'logical':
          visit(node.left);
          visit(node.right);
          return;
        default:
          return;
      }
    };
    visit(this.root);
  }

  /** All passes, in Brian2's order. */
  analyse(): ExpressionInfo {
    this.checkNamesResolve();
    const dim = this.dimension();
    const { type, scalar, stateful } = this.typeInfo();
    this.checkStatefulCalls();
    return { dim, type, scalar, stateful };
  }
}

function article(type: string): string {
  return type === 'integer' ? 'an integer' : `a ${type}`;
}

/**
 * Infers the dimension, type and scalarity of an expression and checks it against Brian2's
 * rules: same dimensions for `+ - %` and comparisons (a bare `0` included), dimensionless `//`,
 * constant exponents for bases with units, function signatures, boolean operands for
 * `and`/`or`/`not`, at most one call per stateful function.
 * Throws `DimensionMismatchError` for dimension problems and {@link ExpressionError} otherwise.
 * @example
 * analyse(parseExpression('(v0 - v)/tau'), scope)   // { dim: V/s, type: 'float', scalar: false, stateful: false }
 */
export function analyse(expr: Expr, scope: Resolver, options: InferenceOptions = {}): ExpressionInfo {
  return guardDepth(() => new ExpressionAnalyser(expr, scope, options).analyse(), options.source);
}

/** The dimension of an expression (checking everything {@link analyse} checks). */
export function inferDimensions(expr: Expr, scope: Resolver, options: InferenceOptions = {}): Dimension {
  return analyse(expr, scope, options).dim;
}

/** The type (`'boolean' | 'integer' | 'float'`) of an expression (checking everything {@link analyse} checks). */
export function inferType(expr: Expr, scope: Resolver, options: InferenceOptions = {}): ValueType {
  return analyse(expr, scope, options).type;
}
