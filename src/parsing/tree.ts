import type { Expr, Span, Statement } from './ast.ts';

/** A copy of `expr` without any `span`/`calleeSpan` fields (for structural comparison). */
export function stripSpans(expr: Expr): Expr {
  switch (expr.kind) {
    case 'number':
      return { kind: 'number', value: expr.value, isInteger: expr.isInteger };
    case 'boolean':
      return { kind: 'boolean', value: expr.value };
    case 'name':
      return { kind: 'name', name: expr.name };
    case 'unary':
      return { kind: 'unary', op: expr.op, operand: stripSpans(expr.operand) };
    case 'binary':
      return { kind: 'binary', op: expr.op, left: stripSpans(expr.left), right: stripSpans(expr.right) };
    case 'compare':
      return { kind: 'compare', op: expr.op, left: stripSpans(expr.left), right: stripSpans(expr.right) };
    case 'logical':
      return { kind: 'logical', op: expr.op, left: stripSpans(expr.left), right: stripSpans(expr.right) };
    case 'call':
      return { kind: 'call', callee: expr.callee, args: expr.args.map(stripSpans) };
  }
}

/** A copy of `s` without spans (the comment is kept). */
export function stripStatementSpans(s: Statement): Statement {
  const out: Statement = { kind: 'statement', target: s.target, op: s.op, value: stripSpans(s.value) };
  return s.comment === undefined ? out : { ...out, comment: s.comment };
}

/**
 * Structural equality of two expressions, ignoring spans. Numbers compare by value (with
 * `Object.is`, so `0` ≠ `-0` and NaN = NaN) and literal kind.
 */
export function exprEquals(a: Expr, b: Expr): boolean {
  switch (a.kind) {
    case 'number':
      return b.kind === 'number' && Object.is(a.value, b.value) && a.isInteger === b.isInteger;
    case 'boolean':
      return b.kind === 'boolean' && a.value === b.value;
    case 'name':
      return b.kind === 'name' && a.name === b.name;
    case 'unary':
      return b.kind === 'unary' && a.op === b.op && exprEquals(a.operand, b.operand);
    case 'binary':
    case 'compare':
    case 'logical':
      return b.kind === a.kind && a.op === b.op && exprEquals(a.left, b.left) && exprEquals(a.right, b.right);
    case 'call':
      return (
        b.kind === 'call' &&
        a.callee === b.callee &&
        a.args.length === b.args.length &&
        a.args.every((arg, k) => exprEquals(arg, b.args[k]!))
      );
  }
}

/** A copy of `expr` with every span passed through `f` (e.g. to shift spans into a larger source). */
export function mapSpans(expr: Expr, f: (span: Span) => Span): Expr {
  const s = expr.span === undefined ? {} : { span: f(expr.span) };
  switch (expr.kind) {
    case 'number':
    case 'boolean':
    case 'name':
      return { ...expr, ...s };
    case 'unary':
      return { ...expr, ...s, operand: mapSpans(expr.operand, f) };
    case 'binary':
    case 'compare':
    case 'logical':
      return { ...expr, ...s, left: mapSpans(expr.left, f), right: mapSpans(expr.right, f) } as Expr;
    case 'call': {
      const c = expr.calleeSpan === undefined ? {} : { calleeSpan: f(expr.calleeSpan) };
      return { ...expr, ...s, ...c, args: expr.args.map((a) => mapSpans(a, f)) };
    }
  }
}

/**
 * Visits every node of `root` in pre-order, left to right (so names come in order of
 * appearance). Uses an explicit stack, so even very deep transformed trees cannot overflow
 * the call stack.
 */
export function walkExpr(root: Expr, visit: (node: Expr) => void): void {
  const stack: Expr[] = [root];
  while (stack.length > 0) {
    const e = stack.pop()!;
    visit(e);
    switch (e.kind) {
      case 'unary':
        stack.push(e.operand);
        break;
      case 'binary':
      case 'compare':
      case 'logical':
        stack.push(e.right, e.left);
        break;
      case 'call':
        for (let k = e.args.length - 1; k >= 0; k--) stack.push(e.args[k]!);
        break;
      default:
        break;
    }
  }
}
