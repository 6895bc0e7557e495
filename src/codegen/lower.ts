/**
 * Stage 1 and 2 of code generation: validation (spec shape, identifiers, operators, literals —
 * nothing unvalidated ever reaches the printer), checking with unit/type inference, then
 * lowering the AST to the IR: names resolved against the Variables table (constants, units and
 * `pi`/`e`/`inf` become literals, subexpressions are inlined), calls bound, random draws numbered.
 */
import { collectIdentifiers, isValidIdentifier } from '../parsing/index.ts';
import type { Expr, Statement } from '../parsing/index.ts';
import {
  analyse,
  checkBooleanExpression,
  checkStatements,
  inferType,
  createScope,
  DEFAULT_FUNCTIONS,
  UndefinedIdentifierError,
} from '../inference/index.ts';
import type { Resolver, StatementInfo } from '../inference/index.ts';
import type { ArrayVariable, Variables } from '../variables/index.ts';
import { InternalError } from '../util/index.ts';
import { CodegenError } from './errors.ts';
import { binomialOf } from './binomial.ts';
import { PURE_FUNCTIONS, RANDOM_FUNCTIONS } from './functions.ts';
import type { IRArray, IRBlock, IRExpr, IRStatement } from './ir.ts';
import { irNum, walkIR } from './ir.ts';
import { TEMPLATE_NAMES } from './spec.ts';
import type { CodeBlockSpec, TemplateName } from './spec.ts';

const UNARY_OPS = new Set(['-', '+', 'not']);
const ARITHMETIC_OPS = new Set(['+', '-', '*', '/', '//', '%', '**']);
const COMPARE_OPS = new Set(['<', '<=', '>', '>=', '==', '!=']);
const LOGICAL_OPS = new Set(['and', 'or']);
const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=']);

/** Templates whose statements run for every element (conditional writes apply). */
const ALL_ELEMENT_TEMPLATES: ReadonlySet<TemplateName> = new Set(['stateupdate', 'stateupdate_threshold', 'run_regularly', 'set_expression', 'subexpression_update', 'gsl_stateupdate']);

function fail(spec: { readonly name: string }, message: string, code: ConstructorParameters<typeof CodegenError>[0] = 'invalid-spec'): never {
  throw new CodegenError(code, spec.name, message);
}

/** Checks the spec's shape: known template, sizes, the fields the template needs. */
export function validateSpec(spec: CodeBlockSpec): void {
  const name = typeof spec.name === 'string' ? spec.name : '<unnamed>';
  const s = { name };
  if (!TEMPLATE_NAMES.includes(spec.template)) {
    fail(s, `Unknown template '${String(spec.template)}' for '${name}'; known templates: ${TEMPLATE_NAMES.join(', ')}.`, 'unknown-template');
  }
  if (!Number.isInteger(spec.N) || spec.N < 0) fail(s, `'${name}': N must be a non-negative integer, got ${String(spec.N)}.`);
  const need = (field: keyof CodeBlockSpec, why: string): void => {
    if (spec[field] === undefined) fail(s, `'${name}': template '${spec.template}' needs '${field}' (${why}).`);
  };
  const t = spec.template;
  if (ALL_ELEMENT_TEMPLATES.has(t) || t === 'reset' || t === 'synapses') need('statements', 'the abstract code to run');
  if (t === 'synapses') need('queue', 'the synaptic events to deliver');
  if (t === 'gsl_stateupdate') need('gsl', 'the GSL integration settings');
  if (t === 'threshold' || t === 'stateupdate_threshold') need('condition', 'the event condition');
  if (t === 'threshold' || t === 'stateupdate_threshold' || t === 'reset' || t === 'spikemonitor' || t === 'ratemonitor') {
    need('eventSpace', `an Int32Array(N+1) event space`);
    const ev = spec.eventSpace!;
    if (ev.dtype !== 'int32' || ev.array.length < spec.N + 1) {
      fail(s, `'${name}': the event space must be an int32 variable with N+1 = ${spec.N + 1} elements, got ${ev.dtype}[${ev.array.length}].`);
    }
  }
  if (t === 'statemonitor') {
    need('indices', 'the recorded elements');
    need('times', 'storage for t');
    need('record', 'the recorded values');
  }
  if (t === 'spikemonitor') {
    // Count-only monitors (`record: false`, no values) store neither times nor indices.
    if (spec.times !== undefined || spec.eventIndices !== undefined || (spec.record ?? []).length > 0 || spec.counts === undefined) {
      need('times', 'storage for event times');
      need('eventIndices', 'storage for event indices');
    }
  }
  if (t === 'ratemonitor') {
    need('times', 'storage for t');
    need('rates', 'storage for the rates');
  }
  if (spec.indices !== undefined) {
    if (!(spec.indices instanceof Int32Array)) fail(s, `'${name}': indices must be an Int32Array.`);
    for (const k of spec.indices) if (k < 0 || k >= spec.N) fail(s, `'${name}': index ${k} is out of range for N = ${spec.N}.`);
  }
  if (spec.eventRange !== undefined) {
    const [a, b] = spec.eventRange;
    if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b < a || b > spec.N) fail(s, `'${name}': invalid eventRange [${a}, ${b}) for N = ${spec.N}.`);
  }
  for (const [field, dtype] of [['times', 'float64'], ['eventIndices', 'int32'], ['rates', 'float64']] as const) {
    const v = spec[field];
    if (v !== undefined && (v.size !== 'dynamic' || v.dtype !== dtype)) fail(s, `'${name}': '${field}' must be a dynamic ${dtype} variable.`);
  }
  for (const r of spec.record ?? []) {
    if (r.storage.size !== 'dynamic') fail(s, `'${name}': recorded storage '${r.storage.name}' must be a dynamic variable.`);
  }
  if (spec.counts !== undefined) {
    const [a, b] = spec.eventRange ?? [0, spec.N];
    if (spec.counts.dtype !== 'int32' || spec.counts.array.length < b - a) fail(s, `'${name}': 'counts' must be an int32 variable with ${b - a} elements.`);
  }
}

/**
 * Checks every identifier, operator and literal of a tree built by the parser or by code:
 * identifiers must be valid Brian identifiers, operators from the language, literals numbers.
 * This is what makes printing safe: the printer only ever emits validated pieces.
 */
export function validateExpr(expr: Expr, owner: string): void {
  const bad = (what: string): never => {
    throw new CodegenError('invalid-identifier', owner, `Invalid ${what} in the code of '${owner}'.`);
  };
  const stack: unknown[] = [expr];
  while (stack.length > 0) {
    const e = stack.pop() as Record<string, unknown> | null;
    if (typeof e !== 'object' || e === null) bad('expression node');
    switch (e!['kind']) {
      case 'number':
        if (typeof e!['value'] !== 'number') bad('numeric literal');
        break;
      case 'boolean':
        if (typeof e!['value'] !== 'boolean') bad('boolean literal');
        break;
      case 'name': {
        const n = e!['name'];
        if (typeof n !== 'string' || !isValidIdentifier(n)) bad(`identifier ${JSON.stringify(String(n)).slice(0, 60)}`);
        break;
      }
      case 'unary':
        if (!UNARY_OPS.has(e!['op'] as string)) bad(`operator ${JSON.stringify(String(e!['op']))}`);
        stack.push(e!['operand']);
        break;
      case 'binary':
      case 'compare':
      case 'logical': {
        const ops = e!['kind'] === 'binary' ? ARITHMETIC_OPS : e!['kind'] === 'compare' ? COMPARE_OPS : LOGICAL_OPS;
        if (!ops.has(e!['op'] as string)) bad(`operator ${JSON.stringify(String(e!['op']))}`);
        stack.push(e!['left'], e!['right']);
        break;
      }
      case 'call': {
        const c = e!['callee'];
        if (typeof c !== 'string' || !isValidIdentifier(c)) bad(`function name ${JSON.stringify(String(c)).slice(0, 60)}`);
        const args = e!['args'];
        if (!Array.isArray(args)) bad('call');
        stack.push(...(args as unknown[]));
        break;
      }
      default:
        bad(`expression node kind ${JSON.stringify(String(e!['kind']))}`);
    }
  }
}

/** {@link validateExpr} for a statement, including its target and operator. */
export function validateStatement(stmt: Statement, owner: string): void {
  if (typeof stmt !== 'object' || stmt === null || stmt.kind !== 'statement') {
    throw new CodegenError('invalid-identifier', owner, `Invalid statement in the code of '${owner}'.`);
  }
  if (typeof stmt.target !== 'string' || !isValidIdentifier(stmt.target)) {
    throw new CodegenError('invalid-identifier', owner, `Invalid assignment target ${JSON.stringify(String(stmt.target)).slice(0, 60)} in the code of '${owner}'.`);
  }
  if (!ASSIGN_OPS.has(stmt.op)) {
    throw new CodegenError('invalid-identifier', owner, `Invalid assignment operator ${JSON.stringify(String(stmt.op))} in the code of '${owner}'.`);
  }
  validateExpr(stmt.value, owner);
}

/** The scope model strings of a spec resolve in: the table, then `pi`/`e`/`inf`, units and default functions. */
export function specScope(variables: Variables): Resolver {
  return createScope({ variables: variables.toResolver() });
}

/** The result of lowering: the IR plus what templates need to know. */
export interface Lowered {
  readonly ir: IRBlock;
  /** Every array variable the block reads or writes (including gates and index variables). */
  readonly arrays: ReadonlyMap<string, ArrayVariable>;
}

/** Options of {@link lower}. */
export interface LowerOptions {
  /**
   * Numeric constants of the Variables table (namespace values, `N`) become `const` nodes, which
   * generated code reads from a captured array, instead of literals: a model rebuilt with other
   * parameter values then prints the same source and reuses its compiled function. Boolean
   * constants and every constant inside an exponent (`v**n`: literal small exponents print as
   * multiplications) stay literals. Default false (the reference evaluator's form).
   */
  readonly constantsAsValues?: boolean;
  /**
   * Told of every use of a constant of the Variables table: as a `const` node (`literal` false)
   * or as a literal (the build cache keys a literal's value, a `const` node's only by being 0).
   */
  readonly onConstant?: (name: string, literal: boolean) => void;
}

/** Validates, checks and lowers a spec (shared by the generated-code and reference backends). */
export function lower(spec: CodeBlockSpec, lowerOptions: LowerOptions = {}): Lowered {
  validateSpec(spec);
  const owner = spec.name;
  const statements = spec.statements ?? [];
  for (const stmt of statements) validateStatement(stmt, owner);
  if (spec.condition !== undefined) validateExpr(spec.condition, owner);
  for (const r of spec.record ?? []) validateExpr(r.expr, owner);

  const variables = spec.variables;
  const scope = specScope(variables);
  const options = spec.source === undefined ? {} : { source: spec.source };
  // Inference first: undefined names, units, types, writability — all typed errors.
  if (spec.condition !== undefined) {
    checkBooleanExpression(spec.condition, scope, spec.template === 'threshold' || spec.template === 'stateupdate_threshold' ? 'Threshold condition' : 'Condition', options);
  }
  const checked = checkStatements(statements, scope, { ...options, checkDimensions: spec.checkUnits !== false });
  const infos: readonly StatementInfo[] = checked.statements;
  // Types of expressions that may read the block's temporaries (integer // and % below).
  const typeScope: Resolver = (n) => checked.temporaries.get(n) ?? scope(n);
  for (const r of spec.record ?? []) analyse(r.expr, scope, options);

  const arrays = new Map<string, ArrayVariable>();
  const useArray = (name: string, variable: ArrayVariable): IRArray => {
    arrays.set(name, variable);
    if (variable.index !== '_idx' && variable.index !== '0') {
      const index = variables.get(variable.index);
      if (index?.kind !== 'array' || index.dtype !== 'int32' || index.index !== '_idx') {
        fail(spec, `Variable '${name}' of '${owner}' is indexed by '${variable.index}', which is not an int32 array variable of '${owner}'.`);
      }
      arrays.set(variable.index, index);
    }
    return { k: 'array', name, variable };
  };

  let sites = 0;
  const temps = new Set<string>();
  const constantsAsValues = lowerOptions.constantsAsValues === true;
  // > 0 while lowering an exponent, whose constants stay literals.
  let literalDepth = 0;
  const lowerLiteral = (expr: Expr, inlining: readonly string[]): IRExpr => {
    literalDepth++;
    try {
      return lowerExpr(expr, inlining);
    } finally {
      literalDepth--;
    }
  };
  const lowerExpr = (expr: Expr, inlining: readonly string[] = []): IRExpr => {
    switch (expr.kind) {
      case 'number':
        return irNum(expr.value, expr.isInteger ? 'integer' : 'float');
      case 'boolean':
        return irNum(expr.value ? 1 : 0, 'boolean');
      case 'name': {
        const n = expr.name;
        if (temps.has(n)) return { k: 'temp', name: n };
        const variable = variables.get(n);
        if (variable !== undefined) {
          switch (variable.kind) {
            case 'array':
              return useArray(n, variable);
            case 'constant':
              if (constantsAsValues && literalDepth === 0 && variable.type !== 'boolean') {
                lowerOptions.onConstant?.(n, false);
                return { k: 'const', name: n, value: Number(variable.value), type: variable.type };
              }
              lowerOptions.onConstant?.(n, true);
              return irNum(Number(variable.value), variable.type);
            case 'subexpression': {
              if (inlining.includes(n)) {
                fail(spec, `Subexpression '${n}' of '${owner}' refers to itself (${[...inlining, n].join(' -> ')}).`, 'invalid-subexpression');
              }
              const before = sites;
              const inlined = lowerExpr(variable.expr, [...inlining, n]);
              if (sites !== before) {
                fail(
                  spec,
                  `Subexpression '${n}' of '${owner}' calls a stateful function such as rand(); give it the flag (constant over dt) so it is evaluated once per step.`,
                  'invalid-subexpression',
                );
              }
              return inlined;
            }
            case 'function':
              break;
          }
        }
        const symbol = scope(n);
        if (symbol !== undefined && symbol.kind !== 'function' && symbol.value !== undefined) return irNum(symbol.value, symbol.type);
        // Inference checks a subexpression by its declared unit only; its own names are resolved
        // here, with the using object's namespace (Brian2: an external name of `x_pre` must be
        // known to the synapses, not only to the source group).
        if (inlining.length > 0) throw new UndefinedIdentifierError(n, `subexpression '${inlining[inlining.length - 1]!}' used by '${owner}'`);
        throw new InternalError(`'${n}' passed inference but cannot be lowered in '${owner}'.`);
      }
      case 'unary':
        return { k: 'unary', op: expr.op, a: lowerExpr(expr.operand, inlining) };
      case 'binary':
        // Integer // and % raise on a zero divisor (Brian2's Cython target); float ones follow numpy.
        if ((expr.op === '//' || expr.op === '%') && inferType(expr, typeScope, options) === 'integer') {
          return { k: 'call', fn: expr.op === '//' ? '_int_floordiv' : '_int_mod', args: [lowerExpr(expr.left, inlining), lowerExpr(expr.right, inlining)], stateful: false };
        }
        if (expr.op === '**') return { k: 'binary', op: expr.op, a: lowerExpr(expr.left, inlining), b: lowerLiteral(expr.right, inlining) };
        return { k: 'binary', op: expr.op, a: lowerExpr(expr.left, inlining), b: lowerExpr(expr.right, inlining) };
      case 'compare':
      case 'logical':
        return { k: 'binary', op: expr.op, a: lowerExpr(expr.left, inlining), b: lowerExpr(expr.right, inlining) };
      case 'call': {
        const args = expr.args.map((a) => lowerExpr(a, inlining));
        const fv = variables.get(expr.callee);
        if (fv?.kind === 'function' && fv.implementation !== undefined) {
          // A BinomialFunction: a draw from the counter-based streams, not a call.
          const binomial = binomialOf(fv.implementation);
          if (binomial?.normal === true) {
            const draw: IRExpr = { k: 'random', fn: 'randn', site: sites++, args: [] };
            const scaled: IRExpr = { k: 'binary', op: '*', a: draw, b: irNum(binomial.scale, 'float') };
            return { k: 'binary', op: '+', a: scaled, b: irNum(binomial.loc, 'float') };
          }
          if (binomial !== undefined) return { k: 'random', fn: 'binomial', site: sites++, args: [], binomial };
          return { k: 'call', fn: expr.callee, args, user: fv.implementation, stateful: fv.descriptor.stateful };
        }
        if (RANDOM_FUNCTIONS.has(expr.callee) && (fv === undefined || fv.kind === 'function')) {
          return { k: 'random', fn: expr.callee as 'rand' | 'randn' | 'poisson', site: sites++, args };
        }
        if (PURE_FUNCTIONS.has(expr.callee) && (fv === undefined || fv.kind === 'function') && DEFAULT_FUNCTIONS.has(expr.callee)) {
          return { k: 'call', fn: expr.callee, args, stateful: false };
        }
        return fail(spec, `Function '${expr.callee}' used by '${owner}' has no JavaScript implementation.`, 'no-implementation');
      }
    }
  };

  const condition = spec.condition === undefined ? undefined : lowerExpr(spec.condition);
  if (condition !== undefined && spec.template === 'stateupdate_threshold') {
    // Fused into the state update only when the threshold draws nothing: its draws would change keys.
    walkIR(condition, (n) => {
      if (n.k === 'random' || (n.k === 'call' && n.stateful)) fail(spec, `'${owner}': a threshold fused with the state update cannot draw random numbers or call stateful functions.`);
    });
  }

  // A temporary can run once per execution only if it is assigned once, from a scalar value.
  const assignments = new Map<string, number>();
  for (const info of infos) assignments.set(info.target, (assignments.get(info.target) ?? 0) + 1);
  const scalarTemps = new Set<string>();
  const subset = !ALL_ELEMENT_TEMPLATES.has(spec.template);
  const scalar: IRStatement[] = [];
  const vector: IRStatement[] = [];
  infos.forEach((info, k) => {
    const stmt = statements[k]!;
    const value = lowerExpr(stmt.value);
    let variable: ArrayVariable | undefined;
    let isScalar: boolean;
    if (temps.has(stmt.target) || info.declaresTemporary) {
      if (info.declaresTemporary) temps.add(stmt.target);
      isScalar = info.declaresTemporary && info.value.scalar && assignments.get(stmt.target) === 1;
      if (isScalar) scalarTemps.add(stmt.target);
    } else {
      const v = variables.get(stmt.target);
      if (v?.kind !== 'array') throw new InternalError(`'${stmt.target}' passed inference but is not an array variable of '${owner}'.`);
      variable = v;
      useArray(stmt.target, v);
      isScalar = v.scalar;
      if (isScalar && subset) {
        fail(spec, `Writing to scalar variable '${stmt.target}' is not allowed in this context ('${owner}', template '${spec.template}').`, 'invalid-write');
      }
      // Only per-element variables make a value per-element here: a stateful call (`x = rand()`)
      // written to a scalar is drawn once, as in Brian2.
      if (isScalar && !info.value.scalar && refersToVectorVariable(stmt.value, variables)) {
        fail(spec, `Cannot assign a per-element value to the scalar variable '${stmt.target}' of '${owner}'.`, 'invalid-write');
      }
    }
    let gate: IRArray | undefined;
    if (variable?.conditionalWrite !== undefined && spec.template !== 'reset') {
      const g = variables.get(variable.conditionalWrite);
      if (g?.kind !== 'array' || g.dtype !== 'bool') {
        fail(spec, `Variable '${stmt.target}' of '${owner}' is written conditionally on '${variable.conditionalWrite}', which is not a boolean array variable.`);
      }
      gate = useArray(variable.conditionalWrite, g);
    }
    const lowered: IRStatement = { target: stmt.target, op: stmt.op, value, variable, gate, scalar: isScalar };
    (isScalar ? scalar : vector).push(lowered);
  });

  const records = (spec.record ?? []).map((r) => lowerExpr(r.expr));
  // Monitors and the refractory threshold need the clock's variables.
  const needArray = (n: string, why: string): void => {
    const v = variables.get(n);
    if (v?.kind !== 'array') fail(spec, `'${owner}' needs the array variable '${n}' (${why}).`);
    useArray(n, v);
  };
  if (spec.template === 'statemonitor' || spec.template === 'spikemonitor' || spec.template === 'ratemonitor' || ((spec.template === 'threshold' || spec.template === 'stateupdate_threshold') && spec.refractory === true)) {
    needArray('t', 'the time of the current step');
  }
  if (spec.template === 'ratemonitor') needArray('dt', 'the time step');
  if (spec.template === 'gsl_stateupdate') checkGsl(spec, needArray, arrays, sites);
  if ((spec.template === 'threshold' || spec.template === 'stateupdate_threshold') && spec.refractory === true) {
    needArray('not_refractory', 'refractoriness');
    needArray('lastspike', 'refractoriness');
  }
  return { ir: { scalar, vector, condition, records, sites, scalarTemps }, arrays };
}

/** True when the expression contains a random draw. */
export function hasRandom(e: IRExpr): boolean {
  let found = false;
  walkIR(e, (n) => {
    if (n.k === 'random') found = true;
  });
  return found;
}

/** Whether `expr` reads a per-element variable (an array or subexpression that is not scalar, directly or through subexpressions). */
function refersToVectorVariable(expr: Expr, variables: Variables, depth = 0): boolean {
  for (const id of collectIdentifiers(expr)) {
    const v = variables.get(id);
    if (v === undefined) continue;
    if (v.kind === 'array' && !v.scalar) return true;
    if (v.kind === 'subexpression' && (!v.scalar || (depth < 50 && refersToVectorVariable(v.expr, variables, depth + 1)))) return true;
  }
  return false;
}

/** The GSL template's needs: the clock, the integrated variables and Brian2's extra arrays; and what it cannot run. */
function checkGsl(spec: CodeBlockSpec, needArray: (n: string, why: string) => void, arrays: ReadonlyMap<string, ArrayVariable>, sites: number): void {
  const g = spec.gsl!;
  // Everything the template prints from the settings is checked here (trees built by code included).
  if (!['rk2', 'rk4', 'rkf45', 'rkck', 'rk8pd'].includes(g.integrator)) fail(spec, `'${spec.name}': unknown GSL stepper '${String(g.integrator)}'.`);
  if (!(typeof g.hStart === 'number' && Number.isFinite(g.hStart) && g.hStart > 0)) fail(spec, `'${spec.name}': the GSL start step must be a positive number, got ${String(g.hStart)}.`);
  if (!(Number.isSafeInteger(g.maxSteps) && g.maxSteps >= 0)) fail(spec, `'${spec.name}': GSL's max_steps must be a non-negative integer, got ${String(g.maxSteps)}.`);
  if (!g.absoluteErrors.every((x) => typeof x === 'number' && Number.isFinite(x) && x > 0)) fail(spec, `'${spec.name}': GSL's absolute errors must be positive numbers.`);
  const assigned = new Set((spec.statements ?? []).map((st) => st.target));
  for (const d of g.derivatives) {
    if (typeof d !== 'string' || !isValidIdentifier(d) || !assigned.has(d) || spec.variables.get(d) !== undefined) fail(spec, `'${spec.name}': the GSL derivative '${String(d)}' is not a temporary the statements assign.`, 'invalid-identifier');
  }
  needArray('t', 'the time of the current step');
  needArray('dt', 'the time step');
  if (g.variables.length === 0 || g.variables.length !== g.derivatives.length || g.variables.length !== g.absoluteErrors.length) {
    fail(spec, `'${spec.name}': the GSL settings need one derivative and one absolute error per integrated variable.`);
  }
  for (const v of g.variables) needArray(v, 'an integrated variable');
  for (const n of [g.lastTimestep, g.failedSteps, g.stepCount]) if (n !== undefined) needArray(n, 'GSL integration data');
  for (const [n, v] of arrays) {
    if (v.index !== '_idx' && v.index !== '0') {
      fail(
        spec,
        `Equations result in state updater code with indexing other than '_idx' (variable '${n}' of '${spec.name}' is indexed by '${v.index}'), which is currently not supported in combination with the GSL stateupdater.`,
        'unsupported',
      );
    }
    if (g.variables.includes(n) && ((v.dtype !== 'float64' && v.dtype !== 'float32') || v.scalar)) fail(spec, `'${spec.name}': the GSL integrated variable '${n}' must be a float per-element variable.`, 'unsupported');
  }
  if (sites > 0) fail(spec, `'${spec.name}': the GSL state updater cannot integrate equations that draw random numbers.`, 'unsupported');
}
