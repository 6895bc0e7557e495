import type { Expr, Statement } from './ast.ts';
import { walkExpr as walk } from './tree.ts';

/**
 * Python 3's reserved keywords (`keyword.kwlist`), which Brian2's Python-based parser cannot
 * accept as names. Includes `True`, `False` and `None`. Soft keywords (`match`, `case`, `type`, `_`)
 * are ordinary identifiers, as in Python.
 */
export const PYTHON_KEYWORDS: ReadonlySet<string> = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue',
  'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in',
  'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * True when `name` can name a variable in a Brian model string: ASCII letters, digits and `_`,
 * not starting with a digit, and not a Python keyword. (Brian2's statement grammar only accepts
 * ASCII names, so non-ASCII identifiers are rejected everywhere for consistency.)
 */
export function isValidIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && !PYTHON_KEYWORDS.has(name);
}

function roots(x: Expr | Statement | readonly Statement[]): Expr[] {
  if (Array.isArray(x)) return (x as readonly Statement[]).map((s) => s.value);
  const one = x as Expr | Statement;
  return one.kind === 'statement' ? [one.value] : [one];
}

/**
 * The variable/constant/unit names an expression reads, in order of first appearance.
 * Function names (callees) are excluded; names inside call arguments are included. For
 * statements only the right-hand sides are searched (targets are written, not read).
 */
export function collectIdentifiers(x: Expr | Statement | readonly Statement[]): Set<string> {
  const names = new Set<string>();
  for (const r of roots(x)) walk(r, (e) => e.kind === 'name' && names.add(e.name));
  return names;
}

/** The names of the functions an expression calls, in order of first appearance. */
export function collectFunctionNames(x: Expr | Statement | readonly Statement[]): Set<string> {
  const names = new Set<string>();
  for (const r of roots(x)) walk(r, (e) => e.kind === 'call' && names.add(e.callee));
  return names;
}
