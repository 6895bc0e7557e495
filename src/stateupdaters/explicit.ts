/**
 * Explicit integration methods described as data, as Brian2's `ExplicitStateUpdater`: a few
 * lines such as `k = dt*f(x,t)` … `x_new = x + …` in terms of the deterministic part `f(x,t)`,
 * the noise factor `g(x,t)` and the Wiener increment `dW`, turned into abstract code for a
 * whole system of equations exactly as Brian2 does it (same temporaries, same treatment of
 * several noise variables).
 */
import { binary, call, name, num, parseStatements, printExpr, statement } from '../parsing/index.ts';
import type { Expr, Statement } from '../parsing/index.ts';
import { dependsOn, expand, simplify, substitute, whyNotConstantOverDt } from '../symbolic/index.ts';
import type { Equations } from '../equations/index.ts';
import { ExplicitDescriptionError, UnsupportedEquationsError } from './errors.ts';
import { checkMethodOptions, finalAssignments, prepareSystem, ZERO } from './prepare.ts';
import type { PreparedEquation, PreparedSystem } from './prepare.ts';
import type { StateUpdateMethod, StateUpdaterOptions, VariableLookup } from './types.ts';

/** Which stochastic equations an explicit method integrates: none, additive noise only, or any. */
export type StochasticSupport = 'additive' | 'multiplicative' | null;

/** One line of a description, split (as Brian2's `split_expression`) into its parts. */
interface DescriptionLine {
  readonly target: string;
  readonly expr: Expr;
  /** Terms without `g` or `dW` (they may contain `f`). */
  readonly deterministic: Expr;
  /** Terms with `g` or `dW`; `null` when there are none. */
  readonly stochastic: Expr | null;
}

const RESERVED = new Set(['x', 't', 'dt', 'dW', 'f', 'g', 'x_new']);

/** The top-level terms of a sum. */
function terms(e: Expr): Expr[] {
  if (e.kind === 'binary' && e.op === '+') return [...terms(e.left), ...terms(e.right)];
  if (e.kind === 'binary' && e.op === '-') return [...terms(e.left), ...terms(e.right).map((t) => simplify(binary('*', num(-1), t)))];
  return [e];
}

function mentions(e: Expr, test: (n: Expr) => boolean): boolean {
  if (test(e)) return true;
  switch (e.kind) {
    case 'unary':
      return mentions(e.operand, test);
    case 'binary':
    case 'compare':
    case 'logical':
      return mentions(e.left, test) || mentions(e.right, test);
    case 'call':
      return e.args.some((a) => mentions(a, test));
    default:
      return false;
  }
}

const isCallOf = (fn: string) => (e: Expr) => e.kind === 'call' && e.callee === fn;
const isName = (n: string) => (e: Expr) => e.kind === 'name' && e.name === n;
const sum = (xs: readonly Expr[]): Expr => (xs.length === 0 ? ZERO : xs.reduce((a, b) => binary('+', a, b)));

/** How temporaries of the description are renamed in one generated statement. */
type NoiseContext = { readonly kind: 'none' } | { readonly kind: 'one'; readonly xi: string } | { readonly kind: 'all'; readonly xis: readonly string[] };

/**
 * An explicit state update method given by a description (Brian2's `ExplicitStateUpdater`).
 * @example new ExplicitStateUpdater('rk2', 'k = dt*f(x,t)\nx_new = x + dt*f(x + k/2, t + dt/2)')
 */
export class ExplicitStateUpdater implements StateUpdateMethod {
  private parsed: { readonly lines: readonly DescriptionLine[]; readonly output: DescriptionLine; readonly temporaries: readonly string[] } | undefined;

  constructor(
    readonly name: string,
    /** The description text (one assignment per line, the last one `x_new = …`). */
    readonly description: string,
    readonly stochastic: StochasticSupport = null,
    /** An extra applicability check (milstein's "diagonal noise"). */
    private readonly customCheck?: (system: PreparedSystem) => void,
  ) {
    // User descriptions are checked at once; the built-in ones on first use (cheaper module load).
    if (!deferParsing) this.parse();
  }

  /** The intermediate lines, in order. */
  get lines(): readonly DescriptionLine[] {
    return this.parse().lines;
  }

  /** The `x_new = …` line. */
  get output(): DescriptionLine {
    return this.parse().output;
  }

  private get temporaries(): readonly string[] {
    return this.parse().temporaries;
  }

  private parse(): NonNullable<ExplicitStateUpdater['parsed']> {
    if (this.parsed !== undefined) return this.parsed;
    const description = this.description;
    let parsed: Statement[];
    try {
      parsed = parseStatements(description.split('\n').map((l) => l.trim()).join('\n'));
    } catch (cause) {
      throw new ExplicitDescriptionError(description, cause instanceof Error ? cause.message : String(cause));
    }
    const last = parsed.at(-1);
    if (last === undefined || last.target !== 'x_new') throw new ExplicitDescriptionError(description, "the last line must be 'x_new = ...'");
    const lines: DescriptionLine[] = [];
    for (const s of parsed) {
      if (s.op !== '=') throw new ExplicitDescriptionError(description, `'${s.target} ${s.op} ...' is not an assignment`);
      if (s !== last && RESERVED.has(s.target)) throw new ExplicitDescriptionError(description, `'${s.target}' cannot be assigned`);
      // Brian2's split_expression: every term is deterministic (may use f) or stochastic (g, dW), never both.
      const mixed = terms(expand(s.value)).find((t) => mentions(t, isCallOf('f')) && (mentions(t, isCallOf('g')) || mentions(t, isName('dW'))));
      if (mixed !== undefined) {
        throw new ExplicitDescriptionError(description, `'${printExpr(s.value)}' cannot be separated into a non-stochastic part (using f) and a stochastic part (using g or dW)`);
      }
      lines.push(splitLine(s.target, s.value));
    }
    const output = lines.pop()!;
    this.parsed = { lines, output, temporaries: lines.map((l) => l.target) };
    return this.parsed;
  }

  /** Abstract code for one step of `equations`. */
  apply(equations: Equations, variables?: VariableLookup, options?: StateUpdaterOptions): Statement[] {
    checkMethodOptions(options?.methodOptions, {});
    const system = prepareSystem(equations, variables, options, this.name);
    const stochastic = system.noiseNames.length > 0;
    if (stochastic && this.stochastic === null) {
      throw new UnsupportedEquationsError('Cannot integrate stochastic equations with this state updater.', this.name);
    }
    this.customCheck?.(system);
    const out: Statement[] = [];
    // dW for each noise name: one draw per element and step, shared by every equation using it.
    for (const xi of system.noiseNames) {
      out.push(statement(xi, '=', binary('*', binary('**', name('dt'), num(0.5, false)), call('randn', []))));
    }
    for (const line of this.lines) {
      for (const eq of system.diffEqs) {
        if (stochastic) {
          for (const xi of system.noiseNames) {
            out.push(statement(`__${line.target}_${eq.name}_${xi}`, '=', this.rhs(system, eq, line, { kind: 'one', xi })));
          }
        } else {
          out.push(statement(`__${line.target}_${eq.name}`, '=', this.rhs(system, eq, line, { kind: 'none' })));
        }
      }
    }
    if (stochastic && this.stochastic !== 'multiplicative') checkAdditive(system, this.name);
    const ctx: NoiseContext = stochastic ? { kind: 'all', xis: system.noiseNames } : { kind: 'none' };
    for (const eq of system.diffEqs) out.push(statement(`_${eq.name}`, '=', this.rhs(system, eq, this.output, ctx)));
    out.push(...finalAssignments(system.diffEqs.map((e) => e.name)));
    return out;
  }

  /** Brian2's `_generate_RHS`: one line of the description instantiated for variable `eq`. */
  private rhs(system: PreparedSystem, eq: PreparedEquation, line: DescriptionLine, ctx: NoiseContext): Expr {
    const parts: Expr[] = [this.instantiate(system, eq, line.deterministic, ctx, undefined)];
    if (eq.g !== null && line.stochastic !== null) {
      // A noise name this variable does not use contributes nothing (its g is 0); leaving the term
      // out keeps a dimensionless 0 temporary out of a sum with units (x has no xi_2 in dx/dt).
      const xis = (ctx.kind === 'one' ? [ctx.xi] : ctx.kind === 'all' ? ctx.xis : []).filter((xi) => eq.g!.has(xi));
      for (const xi of xis) parts.push(this.instantiate(system, eq, line.stochastic, { kind: 'one', xi }, xi));
    }
    return simplify(sum(parts));
  }

  /** Temporary `T` of variable `v` in context `ctx` (`__T_v`, `__T_v_xi`, or Σ over xi for the output). */
  private temporary(t: string, v: string, ctx: NoiseContext): Expr {
    if (ctx.kind === 'none') return name(`__${t}_${v}`);
    if (ctx.kind === 'one') return name(`__${t}_${v}_${ctx.xi}`);
    return sum(ctx.xis.map((xi) => name(`__${t}_${v}_${xi}`)));
  }

  /**
   * Replaces, in a description expression, `x` by the variable, temporaries by the variable's
   * temporaries, `dW` by the noise name, and `f(a, b)`/`g(a, b)` by the equation's
   * deterministic part/noise factor evaluated at state `a` (for every variable) and time `b`.
   */
  private instantiate(system: PreparedSystem, eq: PreparedEquation, e: Expr, ctx: NoiseContext, xi: string | undefined): Expr {
    const temps = new Set(this.temporaries);
    const go = (node: Expr): Expr => {
      switch (node.kind) {
        case 'name':
          if (node.name === 'x') return name(eq.name);
          if (node.name === 'dW') return xi === undefined ? ZERO : name(xi);
          if (temps.has(node.name)) return this.temporary(node.name, eq.name, ctx);
          return node;
        case 'number':
        case 'boolean':
          return node;
        case 'unary':
          return { ...node, operand: go(node.operand) };
        case 'binary':
        case 'compare':
        case 'logical':
          return { ...node, left: go(node.left), right: go(node.right) } as Expr;
        case 'call': {
          if ((node.callee === 'f' || node.callee === 'g') && node.args.length === 2) {
            const target = node.callee === 'f' ? eq.f : (xi !== undefined ? eq.g?.get(xi) : undefined) ?? ZERO;
            // Inside f/g the state is `a` for every variable; temporaries there are per noise name
            // only for intermediate lines (Brian2 names them `__k_w_xi`), `__k_w` otherwise.
            const argCtx: NoiseContext = ctx.kind === 'one' ? ctx : { kind: 'none' };
            const [a, b] = node.args as [Expr, Expr];
            const subs = new Map<string, Expr>();
            for (const w of system.diffEqNames) subs.set(w, this.stateAt(a, w, argCtx, temps));
            if (!(b.kind === 'name' && b.name === 't')) subs.set('t', b);
            return substitute(target, subs);
          }
          return { ...node, args: node.args.map(go) };
        }
      }
    };
    return go(e);
  }

  /** The description's state expression `a` for variable `w`. */
  private stateAt(a: Expr, w: string, ctx: NoiseContext, temps: ReadonlySet<string>): Expr {
    const subs = new Map<string, Expr>([['x', name(w)]]);
    for (const t of temps) subs.set(t, this.temporary(t, w, ctx));
    return substitute(a, subs);
  }

  toString(): string {
    return `ExplicitStateUpdater('${this.name}')`;
  }
}

/** Brian2's `split_expression`: deterministic terms (with `f`) and stochastic terms (with `g` or `dW`). */
function splitLine(target: string, expr: Expr): DescriptionLine {
  const det: Expr[] = [];
  const sto: Expr[] = [];
  for (const t of terms(expand(expr))) {
    if (mentions(t, isCallOf('g')) || mentions(t, isName('dW'))) sto.push(t);
    else det.push(t);
  }
  return { target, expr, deterministic: simplify(sum(det)), stochastic: sto.length > 0 ? simplify(sum(sto)) : null };
}

/** Euler–Maruyama and other additive-only methods: the noise factors must not depend on the state or `t`. */
function checkAdditive(system: PreparedSystem, method: string): void {
  if (system.equations.stochasticType !== 'multiplicative') return;
  for (const eq of system.diffEqs) {
    if (eq.g === null) continue;
    for (const g of eq.g.values()) {
      const why = whyNotConstantOverDt(g, {
        statefulFunctions: system.statefulFunctions,
        locallyConstantFunctions: system.locallyConstantFunctions,
      });
      if (why !== undefined || dependsOn(g, system.diffEqNames)) {
        throw new UnsupportedEquationsError('Cannot integrate equations with multiplicative noise with this state updater.', method);
      }
    }
  }
}

/** Milstein's check: each equation has at most one noise name and no name is shared (Brian2's `diagonal_noise`). */
function diagonalNoise(system: PreparedSystem): void {
  const seen = new Set<string>();
  for (const eq of system.diffEqs) {
    if (eq.g === null) continue;
    const fail = () =>
      new UnsupportedEquationsError('Cannot integrate stochastic equations with non-diagonal noise with this state updater.', 'milstein');
    if (eq.g.size > 1) throw fail();
    for (const xi of eq.g.keys()) {
      if (seen.has(xi)) throw fail();
      seen.add(xi);
    }
  }
}

let deferParsing = false;
/** A built-in method: its (known-good) description is parsed on first use, not at module load. */
function builtIn(...args: ConstructorParameters<typeof ExplicitStateUpdater>): ExplicitStateUpdater {
  deferParsing = true;
  try {
    return new ExplicitStateUpdater(...args);
  } finally {
    deferParsing = false;
  }
}

/** Forward Euler (Euler–Maruyama for additive noise). */
export const euler = builtIn('euler', 'x_new = x + dt * f(x,t) + g(x,t) * dW', 'additive');

/** Second-order Runge–Kutta (midpoint). */
export const rk2 = builtIn(
  'rk2',
  `k = dt * f(x,t)
   x_new = x + dt*f(x +  k/2, t + dt/2)`,
);

/** Classical fourth-order Runge–Kutta. */
export const rk4 = builtIn(
  'rk4',
  `k_1 = dt*f(x,t)
   k_2 = dt*f(x+k_1/2,t+dt/2)
   k_3 = dt*f(x+k_2/2,t+dt/2)
   k_4 = dt*f(x+k_3,t+dt)
   x_new = x+(k_1+2*k_2+2*k_3+k_4)/6`,
);

/** Derivative-free Milstein (Stratonovich), diagonal noise only. */
export const milstein = builtIn(
  'milstein',
  `x_support = x + dt*f(x, t) + dt**.5 * g(x, t)
   g_support = g(x_support, t)
   k = 1/(2*dt**.5)*(g_support - g(x, t))*(dW**2)
   x_new = x + dt*f(x,t) + g(x, t) * dW + k`,
  'multiplicative',
  diagonalNoise,
);

/** Stochastic Heun (Stratonovich), any noise. */
export const heun = builtIn(
  'heun',
  `x_support = x + g(x,t) * dW
   g_support = g(x_support,t+dt)
   x_new = x + dt*f(x,t) + .5*dW*(g(x,t)+g_support)`,
  'multiplicative',
);
