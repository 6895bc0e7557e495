/**
 * Static evaluation of constant expressions, as Brian2's `_get_value_from_expression` does for
 * the exponent of `base ** exponent` when the base has units.
 */
import { pythonDivmod, pythonFloorDiv, pythonMod } from '../util/index.ts';
import type { Expr } from '../parsing/index.ts';
import { guardDepth } from './errors.ts';
import type { Resolver } from './scope.ts';

export { pythonDivmod, pythonFloorDiv, pythonMod };

/** The outcome of a static evaluation: a value, or why there is none and which node is to blame. */
export type ConstantResult = { readonly value: number } | { readonly reason: string; readonly node: Expr };

/**
 * Evaluates `expr` using only literals, `True`/`False`, and names whose symbol carries a scalar
 * `value`, with `+ - * / // % **` and unary `-`/`+`. Follows Python's arithmetic (floor
 * division and modulo round toward −∞). Reasons use Brian2's wording (`Value n is not constant`).
 */
export function tryEvaluateConstant(expr: Expr, resolve: Resolver): ConstantResult {
  return guardDepth(() => evaluateNode(expr, resolve), undefined);
}

function evaluateNode(expr: Expr, resolve: Resolver): ConstantResult {
  const fail = (reason: string, node: Expr = expr): ConstantResult => ({ reason, node });
  switch (expr.kind) {
    case 'number':
      return { value: expr.value };
    case 'boolean':
      return { value: expr.value ? 1 : 0 };
    case 'name': {
      const symbol = resolve(expr.name);
      if (symbol === undefined) return fail(`Unknown identifier ${expr.name}`);
      if (symbol.kind === 'function') return fail(`${expr.name} is a function, not a value`);
      if (symbol.value === undefined) return fail(`Value ${expr.name} is not constant`);
      if (!symbol.scalar) return fail(`Value ${expr.name} is not scalar`);
      return { value: symbol.value };
    }
    case 'call':
      return fail('Cannot determine the numerical value for a function call.');
    case 'compare':
    case 'logical':
      return fail('Cannot determine the numerical value for a boolean operation.');
    case 'unary': {
      if (expr.op === 'not') return fail('Cannot determine the numerical value for a boolean operation.');
      const operand = evaluateNode(expr.operand, resolve);
      if (!('value' in operand)) return operand;
      return { value: expr.op === '-' ? -operand.value : operand.value };
    }
    case 'binary': {
      const left = evaluateNode(expr.left, resolve);
      if (!('value' in left)) return left;
      const right = evaluateNode(expr.right, resolve);
      if (!('value' in right)) return right;
      const a = left.value;
      const b = right.value;
      // Python raises ZeroDivisionError where JS returns ±Infinity or NaN.
      if (b === 0 && (expr.op === '/' || expr.op === '//' || expr.op === '%')) return fail('Division by zero.');
      if (a === 0 && b < 0 && expr.op === '**') return fail('0 cannot be raised to a negative power.');
      switch (expr.op) {
        case '+':
          return { value: a + b };
        case '-':
          return { value: a - b };
        case '*':
          return { value: a * b };
        case '/':
          return { value: a / b };
        case '//':
          return { value: pythonFloorDiv(a, b) };
        case '%':
          return { value: pythonMod(a, b) };
        case '**': {
          // Python: 1 ** anything and (-1) ** ±inf are 1; JS gives NaN.
          if (a === 1 || (a === -1 && !Number.isFinite(b) && !Number.isNaN(b))) return { value: 1 };
          const value = a ** b;
          // Python gives a complex number for a negative base and a fractional exponent.
          if (Number.isNaN(value)) return fail(`${a} ** ${b} is not a real number.`);
          return { value };
        }
      }
    }
  }
}

/**
 * The value of a constant expression (literals, constants, units, `+ - * / // % **`), or
 * `undefined` when it is not constant.
 * @example evaluateConstant(parseExpression('(7 // 2) ** 2'), createScope())   // 9
 */
export function evaluateConstant(expr: Expr, resolve: Resolver): number | undefined {
  const result = tryEvaluateConstant(expr, resolve);
  return 'value' in result ? result.value : undefined;
}
