import { ParseError, parseExpression, walkExpr } from '../parsing/index.ts';
import type { Expr } from '../parsing/index.ts';
import { substitute as substituteNames } from '../symbolic/index.ts';
import type { Dimension } from '../units/index.ts';
import { Memo, describeValue } from '../util/index.ts';
import { EquationError } from './errors.ts';
import type { EquationLocation } from './errors.ts';
import { identifierProblem } from './identifiers.ts';
import { equationsLatex, equationsMarkdown } from './latex.ts';
import { noiseCoefficients } from './noise.ts';
import { parseRawEquations } from './parse-equations.ts';
import type { RawEquation } from './parse-equations.ts';
import { isNoiseName, SingleEquation } from './single-equation.ts';
import { formatSubstitutionValue } from './substitution-value.ts';
import type { SubstitutionValue } from './substitution-value.ts';
import { readUnitSpecification, UnitSpecificationProblem } from './unit-spec.ts';

/** A replacement for a name: another name (a string), or a value inserted with its unit. */
export type Substitution = string | SubstitutionValue;

/** Name → replacement, as in Brian2's `Equations(s, tau='tau_e', mu=-65*mV)`. */
export type Substitutions = ReadonlyMap<string, Substitution> | Readonly<Record<string, Substitution>>;

/** `'additive'` when no noise factor depends on `t` or on a state variable; `'multiplicative'` otherwise. */
export type StochasticType = 'additive' | 'multiplicative';

/** One entry of {@link Equations.dependencies}: an equation depended on, and the subexpressions it is reached through. */
export interface EquationDependency {
  /** The equation depended on. */
  readonly equation: SingleEquation;
  /** The subexpressions between (empty for a direct dependency). */
  readonly via: readonly string[];
}

/**
 * A set of model equations (Brian2's `Equations`): differential equations, subexpressions and
 * parameters, parsed from Brian's equation syntax and checked for naming rules, duplicate
 * definitions, variable types, misuse of the noise `xi` and cyclic subexpressions. Immutable.
 *
 * Dimensions are checked separately by `checkUnits` (they need the external names), and the
 * flags a group accepts by `checkFlags`.
 * @example
 * const eqs = new Equations(`
 *   dv/dt = (v0 - v)/tau : volt (unless refractory)  # leaky integrator
 *   v0 : volt
 * `, { tau: 'tau_m' });
 * eqs.diffEqNames   // Set { 'v' }
 */
export class Equations implements Iterable<SingleEquation> {
  /** The equations by variable name, in definition order. */
  private readonly byName: ReadonlyMap<string, SingleEquation>;
  /** Subexpressions in dependency order, then differential equations, then parameters (each alphabetical). */
  readonly ordered: readonly SingleEquation[];

  /**
   * @param eqs a model string, or equations to combine (these are not checked against the
   *   naming rules, so internal names such as `not_refractory` may be used, as in Brian2)
   * @param substitutions names to rename (string values) or to replace by a value (numbers,
   *   booleans, quantities) in the right-hand sides
   */
  constructor(eqs: string | Equations | Iterable<SingleEquation>, substitutions: Substitutions = {}) {
    let list: SingleEquation[];
    if (typeof eqs === 'string') {
      list = parseEquationsString(eqs);
      for (const eq of list) {
        const problem = identifierProblem(eq.varname);
        if (problem !== undefined) throw new EquationError('identifier', problem, { variable: eq.varname, ...at(eq, 'varname') });
      }
    } else {
      if (!(eqs instanceof Equations) && (typeof eqs !== 'object' || eqs === null || typeof (eqs as Partial<Iterable<unknown>>)[Symbol.iterator] !== 'function')) {
        throw new EquationError('argument', `Equations need a model string (such as 'dv/dt = -v/tau : volt'), an Equations object or a list of SingleEquations, got ${describeValue(eqs)}.`);
      }
      list = [];
      const seen = new Set<string>();
      for (const eq of eqs) {
        if (!(eq instanceof SingleEquation)) throw new EquationError('argument', `A list given to Equations has to hold SingleEquation objects, got ${describeValue(eq)}.`);
        if (seen.has(eq.varname)) {
          throw new EquationError('duplicate', `Duplicate definition of variable '${eq.varname}'`, { variable: eq.varname, ...at(eq, 'varname') });
        }
        seen.add(eq.varname);
        list.push(eq);
      }
    }
    list = applySubstitutions(list, toMap(substitutions));
    checkNoise(list);
    this.byName = new Map(list.map((eq) => [eq.varname, eq]));
    this.ordered = Object.freeze(orderEquations(list));
    Object.freeze(this);
  }

  /** The number of equations. */
  get size(): number {
    return this.byName.size;
  }

  /** The equations in definition order. */
  [Symbol.iterator](): Iterator<SingleEquation> {
    return this.byName.values();
  }

  /** The equation defining `name`, if any (Brian2's `eqs[name]`). */
  get(name: string): SingleEquation | undefined {
    return this.byName.get(name);
  }

  /** Whether a variable `name` is defined. */
  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** All variable names. */
  get names(): ReadonlySet<string> {
    return new Set(this.byName.keys());
  }

  /** Names defined by differential equations. */
  get diffEqNames(): ReadonlySet<string> {
    return this.namesOf('differential equation');
  }

  /** Names defined by subexpressions. */
  get subexprNames(): ReadonlySet<string> {
    return this.namesOf('subexpression');
  }

  /** Names defined by differential equations or subexpressions. */
  get eqNames(): ReadonlySet<string> {
    return new Set([...this.byName.values()].filter((eq) => eq.type !== 'parameter').map((eq) => eq.varname));
  }

  /** Names of parameters. */
  get parameterNames(): ReadonlySet<string> {
    return this.namesOf('parameter');
  }

  private namesOf(type: SingleEquation['type']): ReadonlySet<string> {
    return new Set([...this.byName.values()].filter((eq) => eq.type === type).map((eq) => eq.varname));
  }

  /** `[varname, rhs]` of every differential equation, in definition order. */
  get diffEqExpressions(): readonly (readonly [string, Expr])[] {
    return [...this.byName.values()].filter((eq) => eq.type === 'differential equation').map((eq) => [eq.varname, eq.expr!] as const);
  }

  /** `[varname, rhs]` of every differential equation and subexpression, in definition order. */
  get eqExpressions(): readonly (readonly [string, Expr])[] {
    return [...this.byName.values()].filter((eq) => eq.expr !== undefined).map((eq) => [eq.varname, eq.expr!] as const);
  }

  /** Every name the right-hand sides use that the equations do not define (external constants, units, functions, `t`, `xi`). */
  get identifiers(): ReadonlySet<string> {
    const out = new Set<string>();
    for (const eq of this.byName.values()) for (const id of eq.identifiers) if (!this.byName.has(id)) out.add(id);
    return out;
  }

  /**
   * What each differential equation and subexpression depends on within these equations (Brian2's
   * `Equations.dependencies`): the equations its right-hand side names directly (`via` empty),
   * then, through subexpressions, what those depend on (`via` the chain of subexpressions, e.g.
   * `v` depends on itself via `['I_m', 'I_pas']`). A name reached directly is not repeated.
   */
  get dependencies(): ReadonlyMap<string, readonly EquationDependency[]> {
    const deps = new Map<string, EquationDependency[]>();
    // Subexpressions in dependency order, then differential equations (as Brian2's topological sort).
    for (const eq of this.ordered) {
      if (eq.type !== 'subexpression' && eq.type !== 'differential equation') continue;
      const direct = [...eq.identifiers].filter((id) => this.byName.has(id));
      const list: EquationDependency[] = direct.map((id) => ({ equation: this.byName.get(id)!, via: [] }));
      for (const dep of direct) {
        for (const indirect of deps.get(dep) ?? []) {
          if (indirect.equation.varname === dep) continue; // a variable depending on itself
          if (list.some((d) => d.equation.varname === indirect.equation.varname)) continue; // already there directly
          list.push({ equation: indirect.equation, via: [dep, ...indirect.via] });
        }
      }
      deps.set(eq.varname, list);
    }
    return deps;
  }

  /** The dimension of every variable. */
  get dimensions(): ReadonlyMap<string, Dimension> {
    return new Map([...this.byName.values()].map((eq) => [eq.varname, eq.dim]));
  }

  /** The noise variables used (`xi`, `xi_*`). */
  get stochasticVariables(): ReadonlySet<string> {
    return new Set([...this.identifiers].filter(isNoiseName));
  }

  /** Whether any equation uses noise. */
  get isStochastic(): boolean {
    return this.stochasticVariables.size > 0;
  }

  /**
   * `null` without noise; `'multiplicative'` when some noise factor (after inlining the
   * subexpressions) depends on `t` or on a variable defined by a differential equation;
   * `'additive'` otherwise.
   */
  get stochasticType(): StochasticType | null {
    if (!this.isStochastic) return null;
    const stateNames = this.diffEqNames;
    for (const [varname, expr] of this.substitutedExpressions()) {
      const coefficients = noiseCoefficients(expr, varname);
      for (const names of coefficients.values()) {
        for (const name of names) if (name === 't' || stateNames.has(name)) return 'multiplicative';
      }
    }
    return 'additive';
  }

  /**
   * `[varname, rhs]` for every differential equation (and, if asked, subexpression) with the
   * subexpressions they use inlined (Brian2's `get_substituted_expressions`), in update order.
   */
  substitutedExpressions(includeSubexpressions = false): readonly (readonly [string, Expr])[] {
    if (!substitutedCache.has(this)) {
      const inlined = new Map<string, Expr>();
      const out: (readonly [string, Expr])[] = [];
      for (const eq of this.ordered) {
        if (eq.expr === undefined) continue;
        const expr = inlined.size === 0 ? eq.expr : substituteNames(eq.expr, inlined);
        if (eq.type === 'subexpression') inlined.set(eq.varname, expr);
        out.push([eq.varname, expr]);
      }
      // A frozen instance cannot cache on itself; the cache lives in a side table.
      substitutedCache.set(this, out);
    }
    const all = substitutedCache.get(this)!;
    return includeSubexpressions ? all : all.filter(([name]) => this.byName.get(name)!.type === 'differential equation');
  }

  /** These equations followed by `other` (Brian2's `eqs + other`); a name defined twice is an EquationError. */
  plus(other: Equations | string): Equations {
    if (typeof other !== 'string' && !(other instanceof Equations)) {
      throw new EquationError('argument', `Equations can only be added to Equations or a model string, got ${describeValue(other)}.`);
    }
    const more = typeof other === 'string' ? new Equations(other) : other;
    return new Equations([...this.byName.values(), ...more.byName.values()]);
  }

  /** A copy with names renamed or replaced by values (see the constructor). */
  substitute(substitutions: Substitutions): Equations {
    return new Equations(this, substitutions);
  }

  /**
   * The equations in LaTeX (Brian2's `eqs._repr_latex_()`): an `align*` block with one row per
   * equation, in definition order, each with its unit and flags. Terms keep the order written.
   * @example new Equations('dv/dt = -v/tau_m : volt').toLatex()
   * // '\\begin{align*}\\frac{\\mathrm{d}v}{\\mathrm{d}t} &= - \\frac{v}{\\tau_{m}} && \\text{(unit of $v$: $\\mathrm{V}$)}\\end{align*}'
   */
  toLatex(): string {
    return equationsLatex(this);
  }

  /** The equations as a Markdown list, one item per equation with its maths in `$…$`, its unit and flags. */
  toMarkdown(): string {
    return equationsMarkdown(this);
  }

  /** Brian2's `str(eqs)`: one equation per line, in {@link ordered} order. */
  toString(): string {
    return this.ordered.map(String).join('\n');
  }
}

const substitutedCache = new WeakMap<Equations, readonly (readonly [string, Expr])[]>();

function toMap(substitutions: Substitutions): ReadonlyMap<string, Substitution> {
  if (substitutions instanceof Map) return substitutions;
  if (typeof substitutions !== 'object' || substitutions === null || Array.isArray(substitutions)) {
    throw new EquationError('argument', `The substitutions of Equations have to be an object such as { tau: 'tau_e' } or a Map, got ${describeValue(substitutions)}.`);
  }
  return new Map(Object.entries(substitutions as Readonly<Record<string, Substitution>>));
}

/** Error-location details pointing at a part of an equation, when it came from a string. */
function at(eq: SingleEquation, part: 'varname' | 'unit' | 'start'): { location?: EquationLocation } {
  const o = eq.origin;
  if (o === undefined) return {};
  const offset = part === 'varname' ? o.varnameOffset : part === 'unit' ? o.unitOffset : o.offset;
  return { location: { source: o.source, offset, length: part === 'varname' ? eq.varname.length : 1 } };
}

/** Checked single equations by model string (immutable, shared by every build of a model); errors are not stored. */
const parsedModels = new Memo<readonly SingleEquation[]>();

/** Parses a model string into checked single equations (structure, units, expressions, types, duplicates). */
function parseEquationsString(source: string): SingleEquation[] {
  return [...(parsedModels.get(source) ?? parsedModels.set(source, Object.freeze(parseEquationsText(source))))];
}

function parseEquationsText(source: string): SingleEquation[] {
  const raws = parseRawEquations(source);
  const seen = new Set<string>();
  const list: SingleEquation[] = [];
  for (const raw of raws) {
    const origin = {
      source,
      offset: raw.offset,
      varnameOffset: raw.varnameOffset,
      unitOffset: raw.unitOffset,
      ...(raw.exprOffsets !== undefined ? { exprOffsets: raw.exprOffsets } : {}),
    };
    const unit = readUnitSpecification(raw.unitSource);
    if (unit instanceof UnitSpecificationProblem) {
      const bool = raw.unitSource === 'bool';
      throw new EquationError(
        'unit-specification',
        bool ? unit.message : `Error parsing the unit specification for variable '${raw.varname}': ${unit.message}`,
        {
          variable: raw.varname,
          location: {
            source,
            offset: raw.unitOffsets[unit.offset ?? 0]!,
            length: raw.unitOffsets[(unit.offset ?? 0) + (unit.length ?? raw.unitSource.length)]! - raw.unitOffsets[unit.offset ?? 0]!,
          },
        },
      );
    }
    const expr = raw.exprSource === undefined ? undefined : parseRhs(raw, source);
    const eq = new SingleEquation({
      type: raw.type,
      varname: raw.varname,
      dim: unit.dim,
      varType: unit.varType,
      ...(expr !== undefined ? { expr, exprSource: raw.exprSource! } : {}),
      flags: raw.flags,
      origin,
    });
    if (seen.has(raw.varname)) {
      throw new EquationError('duplicate', `Duplicate definition of variable '${raw.varname}'`, { variable: raw.varname, ...at(eq, 'varname') });
    }
    seen.add(raw.varname);
    list.push(eq);
  }
  return list;
}

/** Parses an equation's right-hand side; syntax errors are located in the full model string. */
function parseRhs(raw: RawEquation, source: string): Expr {
  const text = raw.exprSource!;
  try {
    return parseExpression(text);
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    const offsets = raw.exprOffsets!;
    const rebased = err.rebase(source, (o) => offsets[Math.min(o, offsets.length - 1)]!);
    // A missing unit makes the expression run into the next line(s); say so, it is the usual cause.
    const firstLine = source.slice(0, offsets[0]!).split('\n').length;
    const lastLine = source.slice(0, offsets.at(-2) ?? offsets[0]!).split('\n').length;
    const hint =
      lastLine > firstLine
        ? ` (in the right-hand side of '${raw.varname}', which continues from line ${firstLine} to line ${lastLine}: an expression only ends at the ':' before its unit)`
        : ` (in the right-hand side of '${raw.varname}')`;
    throw new ParseError(rebased.reason + hint, source, rebased.offset, rebased.length, { cause: err });
  }
}

/** Renames and value replacements, applied simultaneously (each name once, whatever the order). */
function applySubstitutions(list: SingleEquation[], substitutions: ReadonlyMap<string, Substitution>): SingleEquation[] {
  if (substitutions.size === 0) return list;
  const defined = new Set(list.map((eq) => eq.varname));
  const renamed = new Set<string>();
  const out: SingleEquation[] = [];
  for (const [from, to] of substitutions) {
    if (typeof to === 'string' && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(to)) {
      throw new EquationError(
        'substitution',
        `Cannot replace '${from}' with '${to}': a string replacement must be a name. To insert a value, pass a number or a quantity.`,
        { variable: from },
      );
    }
  }
  for (const eq of list) {
    let varname = eq.varname;
    const replacement = substitutions.get(eq.varname);
    if (replacement !== undefined) {
      if (typeof replacement !== 'string') {
        throw new EquationError('substitution', `Cannot replace model variable '${eq.varname}' with a value.`, { variable: eq.varname });
      }
      if (defined.has(replacement) || renamed.has(replacement)) {
        throw new EquationError(
          'duplicate',
          `Cannot replace model variable '${eq.varname}' with '${replacement}', duplicate definition of '${replacement}'.`,
          { variable: eq.varname },
        );
      }
      const problem = identifierProblem(replacement);
      if (problem !== undefined) throw new EquationError('identifier', problem, { variable: replacement });
      varname = replacement;
      renamed.add(replacement);
    }
    if (eq.expr === undefined || eq.exprSource === undefined) {
      out.push(varname === eq.varname ? eq : eq.with({ varname }));
      continue;
    }
    const text = replaceNamesInSource(eq, substitutions);
    if (text === eq.exprSource) {
      out.push(varname === eq.varname ? eq : eq.with({ varname }));
      continue;
    }
    let expr: Expr;
    try {
      expr = parseExpression(text);
    } catch (err) {
      throw new EquationError('substitution', `Substituting names in the equation defining '${eq.varname}' gave an invalid expression '${text}'.`, {
        variable: eq.varname,
        cause: err,
      });
    }
    out.push(eq.with({ varname, expr, exprSource: text }));
  }
  return out;
}

/**
 * Brian2 substitutes in the expression's text (`re.sub(r'\bname\b', ...)`), so `str(eqs)` keeps
 * the user's spelling. We do the same, but by token (using the parsed names' spans), so every
 * name is replaced once and nothing else is touched.
 */
function replaceNamesInSource(eq: SingleEquation, substitutions: ReadonlyMap<string, Substitution>): string {
  const source = eq.exprSource!;
  const edits: { start: number; end: number; text: string }[] = [];
  walkExpr(eq.expr!, (e) => {
    if (e.kind === 'name') {
      const r = substitutions.get(e.name);
      if (r !== undefined && e.span !== undefined) {
        edits.push({ ...e.span, text: typeof r === 'string' ? r : `(${formatSubstitutionValue(r, e.name)})` });
      }
    } else if (e.kind === 'call') {
      const r = substitutions.get(e.callee);
      if (r !== undefined && e.calleeSpan !== undefined) {
        if (typeof r !== 'string') {
          throw new EquationError('substitution', `Cannot replace the function '${e.callee}' with a value.`, { variable: eq.varname });
        }
        edits.push({ ...e.calleeSpan, text: r });
      }
    }
  });
  edits.sort((a, b) => b.start - a.start);
  let text = source;
  for (const edit of edits) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  return text;
}

/** `xi` only in differential equations, and plain `xi` in only one of them. */
function checkNoise(list: readonly SingleEquation[]): void {
  let usesXi: SingleEquation | undefined;
  for (const eq of list) {
    if (!eq.identifiers.has('xi')) continue;
    const where = { variable: eq.varname, ...at(eq, 'varname') };
    if (eq.type !== 'differential equation') {
      throw new EquationError('noise', `The equation defining '${eq.varname}' contains the symbol 'xi' but is not a differential equation.`, where);
    }
    if (usesXi !== undefined) {
      throw new EquationError(
        'noise',
        `The equation defining ${eq.varname} contains the symbol 'xi', but it is already used in the equation defining ${usesXi.varname}. ` +
          "Rename the variables to 'xi_...' to make clear whether they are the same or independent random variables. " +
          'Using the same name twice will lead to identical noise realizations whereas using different names will lead to independent noise realizations.',
        where,
      );
    }
    usesXi = eq;
  }
}

/**
 * Subexpressions in dependency order, then differential equations, then parameters, the last
 * two alphabetically (Brian2's `ordered`). The subexpression order is that of Python's
 * `graphlib.TopologicalSorter` on the definition order, which Brian2 uses, so `str(eqs)` matches.
 */
function orderEquations(list: readonly SingleEquation[]): SingleEquation[] {
  const subexpressions = list.filter((eq) => eq.type === 'subexpression');
  const isSub = new Set(subexpressions.map((eq) => eq.varname));
  const info = new Map<string, { preds: number; succs: string[] }>();
  const node = (n: string): { preds: number; succs: string[] } => {
    let i = info.get(n);
    if (i === undefined) info.set(n, (i = { preds: 0, succs: [] }));
    return i;
  };
  for (const eq of subexpressions) {
    const me = node(eq.varname);
    for (const dep of eq.identifiers) {
      if (!isSub.has(dep)) continue;
      node(dep).succs.push(eq.varname);
      me.preds++;
    }
  }
  const sorted: string[] = [];
  let ready = [...info].filter(([, i]) => i.preds === 0).map(([n]) => n);
  while (ready.length > 0) {
    const group = ready;
    ready = [];
    sorted.push(...group);
    for (const n of group) {
      for (const s of info.get(n)!.succs) if (--info.get(s)!.preds === 0) ready.push(s);
    }
  }
  if (sorted.length < info.size) {
    const cycle = findCycle(subexpressions, isSub, new Set(sorted));
    const first = subexpressions.find((eq) => eq.varname === cycle[0])!;
    throw new EquationError('cycle', 'Cannot resolve dependencies between static equations, dependencies contain a cycle.', {
      variable: first.varname,
      ...at(first, 'varname'),
      diagnostics: [`The subexpressions use each other in a cycle: ${[...cycle, cycle[0]].join(' uses ')}.`],
    });
  }
  const byName = new Map(list.map((eq) => [eq.varname, eq]));
  const alphabetical = (type: SingleEquation['type']): SingleEquation[] =>
    list.filter((eq) => eq.type === type).sort((a, b) => (a.varname < b.varname ? -1 : a.varname > b.varname ? 1 : 0));
  return [...sorted.map((n) => byName.get(n)!), ...alphabetical('differential equation'), ...alphabetical('parameter')];
}

/** One dependency cycle among the subexpressions that could not be sorted, as a list of names. */
function findCycle(subexpressions: readonly SingleEquation[], isSub: ReadonlySet<string>, sorted: ReadonlySet<string>): string[] {
  const deps = new Map(subexpressions.map((eq) => [eq.varname, [...eq.identifiers].filter((d) => isSub.has(d) && !sorted.has(d))]));
  const start = subexpressions.find((eq) => !sorted.has(eq.varname))!.varname;
  // Every unsorted node has an unsorted dependency, so walking dependencies must revisit a node.
  const path: string[] = [];
  const index = new Map<string, number>();
  let n = start;
  while (!index.has(n)) {
    index.set(n, path.length);
    path.push(n);
    n = deps.get(n)![0]!;
  }
  return path.slice(index.get(n)!);
}
