/** Parsing and checking of a group's code strings, with errors that name the group, the code's role and the line. */
import { checkBooleanExpression, checkStatements, analyse } from '../inference/index.ts';
import type { ExpressionInfo, Resolver, StatementsInfo } from '../inference/index.ts';
import { collectFunctionNames, collectIdentifiers, parseExpression, parseStatements } from '../parsing/index.ts';
import type { Expr, Statement } from '../parsing/index.ts';
import { GroupError, withCodeContext } from './errors.ts';

/** Suggests close matches for an undefined name. */
export type Suggest = (name: string) => readonly string[];

const noSuggestions: Suggest = () => [];

/** Parses a statement block (`reset`, `run_regularly` code); syntax errors name the group and role. */
export function parseCodeStatements(objectName: string, role: string, source: string): Statement[] {
  try {
    return parseStatements(source);
  } catch (error) {
    throw withCodeContext(error, objectName, role, source, undefined, noSuggestions);
  }
}

/** Parses a single expression (threshold, condition, refractory); syntax errors name the group and role. */
export function parseCodeExpression(objectName: string, role: string, source: string): Expr {
  try {
    return parseExpression(source);
  } catch (error) {
    throw withCodeContext(error, objectName, role, source, undefined, noSuggestions);
  }
}

/**
 * Checks a statement block against `scope`: names, units, assignment targets. The error of the
 * first bad statement is thrown with the group, role and that statement's line.
 */
export function checkCodeStatements(
  objectName: string,
  role: string,
  source: string,
  statements: readonly Statement[],
  scope: Resolver,
  suggest: Suggest = noSuggestions,
): StatementsInfo {
  try {
    return checkStatements(statements, scope, { source });
  } catch (error) {
    // Find the statement that fails: checking prefixes keeps temporaries and write-order rules intact.
    let span = statements[0]?.span;
    for (let k = 1; k <= statements.length; k++) {
      try {
        checkStatements(statements.slice(0, k), scope, { source });
      } catch {
        span = statements[k - 1]!.span;
        break;
      }
    }
    throw withCodeContext(error, objectName, role, source, span, suggest);
  }
}

/** Checks that a condition is boolean (then its units), naming the group, role and line. */
export function checkCodeCondition(
  objectName: string,
  role: string,
  what: string,
  source: string,
  expr: Expr,
  scope: Resolver,
  suggest: Suggest = noSuggestions,
): ExpressionInfo {
  try {
    return checkBooleanExpression(expr, scope, what, { source });
  } catch (error) {
    throw withCodeContext(error, objectName, role, source, expr.span, suggest);
  }
}

/** Analyses an expression (dimension, type), naming the group, role and line on errors. */
export function analyseCode(objectName: string, role: string, source: string, expr: Expr, scope: Resolver, suggest: Suggest = noSuggestions): ExpressionInfo {
  try {
    return analyse(expr, scope, { source });
  } catch (error) {
    throw withCodeContext(error, objectName, role, source, expr.span, suggest);
  }
}

/** Every name used by statements (targets, right-hand sides, called functions) and expressions. */
export function identifiersOf(statements: readonly Statement[], ...exprs: readonly (Expr | undefined)[]): Set<string> {
  const names = new Set<string>();
  const add = (x: Expr | Statement): void => {
    for (const n of collectIdentifiers(x)) names.add(n);
    for (const n of collectFunctionNames(x)) names.add(n);
  };
  for (const s of statements) {
    names.add(s.target);
    add(s);
  }
  for (const e of exprs) if (e !== undefined) add(e);
  return names;
}

/**
 * Brian2's `check_subexpressions`: a subexpression calling a stateful function (`rand()`) must be
 * `(constant over dt)`, else it would draw anew wherever it is used (Brian2: SyntaxError at run).
 */
export function checkStatefulSubexpressions(
  objectName: string,
  equations: Iterable<{ readonly type: string; readonly varname: string; readonly flags: readonly string[]; readonly expr?: Expr | undefined }>,
  resolution: { lookup(name: string): { readonly kind: string; readonly descriptor?: { readonly stateful: boolean } } | undefined },
): void {
  for (const eq of equations) {
    if (eq.type !== 'subexpression' || eq.expr === undefined || eq.flags.includes('constant over dt') || eq.flags.includes('summed')) continue;
    for (const fn of collectFunctionNames(eq.expr)) {
      const v = resolution.lookup(fn);
      if (v?.kind === 'function' && v.descriptor?.stateful === true) {
        throw new GroupError(
          'invalid-model',
          objectName,
          `The subexpression '${eq.varname}' of '${objectName}' refers to a stateful function (e.g. rand()). Such expressions should only be evaluated once per timestep, add the 'constant over dt' flag.`,
          { variable: eq.varname },
        );
      }
    }
  }
}
