/**
 * Stage 4a: printing IR expressions as JavaScript. Every emitted identifier is either a fixed
 * internal name or a validated Brian identifier behind a `$` prefix (`$v_v`, `$t_x`, `$u_f`):
 * Brian identifiers cannot contain `$`, so no emitted name can collide with a JavaScript global,
 * a keyword, or an `Object.prototype` member, and no user text is ever printed verbatim.
 */
import { InternalError } from '../util/index.ts';
import { MULTIPLIED_EXPONENTS } from './functions.ts';
import type { IRExpr } from './ir.ts';

/** A JavaScript literal for a number: exact (shortest round-trip form), with NaN/±Infinity/-0 spelled safely. */
export function jsNumber(value: number): string {
  if (typeof value !== 'number') throw new InternalError(`non-numeric literal ${String(value)}`);
  if (Number.isNaN(value)) return '(0/0)';
  if (value === Infinity) return '(1/0)';
  if (value === -Infinity) return '(-1/0)';
  if (Object.is(value, -0)) return '(-0)';
  const s = String(value);
  return value < 0 ? `(${s})` : s;
}

/** The local holding an array variable's current value. */
export const localOf = (name: string): string => `$v_${name}`;
/** The typed array of an array variable. */
export const arrayOf = (name: string): string => `$a_${name}`;
/** The local holding a temporary. */
export const tempOf = (name: string): string => `$t_${name}`;
/** A captured constant (see IRConst), loaded into this local at the function's start. */
export const constOf = (name: string): string => `$k_${name}`;
/** A hoisted loop invariant. */
export const hoistedOf = (id: number): string => `$h_${id}`;
/** A common subexpression of the per-element body. */
export const cseOf = (id: number): string => `$c_${id}`;
/** The value of random-draw site `site`. */
export const drawOf = (site: number): string => `$r_${site}`;
/** A user function. */
export const userFunctionOf = (name: string): string => `$u_${name}`;
/** A default function helper. */
export const functionOf = (name: string): string => `$f_${name}`;

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
function safe(name: string): string {
  // Validated during lowering; re-checked here so the printer can never emit anything else.
  if (!IDENT.test(name)) throw new InternalError(`unvalidated identifier reached the printer`);
  return name;
}

/**
 * Inlines a default-function call: given the function name and the printed arguments, emits the
 * statements computing it (before the expression being printed) and returns the local holding the
 * value, or returns undefined to print an ordinary call. Only for pure functions that cannot throw.
 */
export type CallInliner = (fn: string, args: readonly string[]) => string | undefined;

/** Prints an IR expression (fully parenthesised). */
export function printJs(e: IRExpr, inline?: CallInliner): string {
  const printJs = (x: IRExpr): string => printJsWith(x, inline);
  switch (e.k) {
    case 'num':
      return e.type === 'boolean' ? (e.value !== 0 ? 'true' : 'false') : jsNumber(e.value);
    case 'const':
      return constOf(safe(e.name));
    case 'array':
      return localOf(safe(e.name));
    case 'temp':
      return tempOf(safe(e.name));
    case 'hoisted':
      return hoistedOf(e.id);
    case 'cse':
      return cseOf(e.id);
    case 'random':
      return drawOf(e.site);
    case 'select':
      return `(${printJs(e.cond)} ? ${printJs(e.a)} : ${printJs(e.b)})`;
    case 'unary': {
      const a = printJs(e.a);
      return e.op === 'not' ? `(!${a})` : e.op === '-' ? `(-${a})` : `(+${a})`;
    }
    case 'binary': {
      const a = printJs(e.a);
      const b = printJs(e.b);
      switch (e.op) {
        case '+':
        case '-':
        case '*':
        case '/':
        case '<':
        case '<=':
        case '>':
        case '>=':
          return `(${a} ${e.op} ${b})`;
        // Loose equality: booleans (true/false) and stored booleans (0/1) must compare equal.
        case '==':
          return `(${a} == ${b})`;
        case '!=':
          return `(${a} != ${b})`;
        case 'and':
          return `(${a} && ${b})`;
        case 'or':
          return `(${a} || ${b})`;
        case '//':
          return `$floordiv(${a}, ${b})`;
        case '%':
          return `$mod(${a}, ${b})`;
        case '**': {
          if (e.b.k !== 'num' || !Number.isFinite(e.b.value)) return `$pow(${a}, ${b})`;
          // Small integer exponents as cPow's multiplication chains: inline on a leaf, else a helper.
          const n = e.b.value;
          if (MULTIPLIED_EXPONENTS.has(n)) {
            const leaf = e.a.k === 'array' || e.a.k === 'temp' || e.a.k === 'hoisted' || e.a.k === 'cse' || e.a.k === 'num' || e.a.k === 'const';
            if (!leaf) return `$pow${n === -1 ? 'm1' : n}(${a})`;
            return n === 2 ? `(${a} * ${a})` : n === 3 ? `((${a} * ${a}) * ${a})` : n === 4 ? `((${a} * ${a}) * (${a} * ${a}))` : `(1 / ${a})`;
          }
          // C pow's special cases (1**y, (-1)**±inf) only matter for non-finite exponents.
          return `(${a} ** ${b})`;
        }
      }
      throw new InternalError('unknown binary operator');
    }
    case 'call': {
      const printed = e.args.map(printJs);
      if (inline !== undefined && e.user === undefined) {
        const local = inline(e.fn, printed);
        if (local !== undefined) return local;
      }
      const args = printed.join(', ');
      return e.user === undefined ? `${functionOf(safe(e.fn))}(${args})` : `${userFunctionOf(safe(e.fn))}(${args})`;
    }
  }
}

const printJsWith = (e: IRExpr, inline: CallInliner | undefined): string => printJs(e, inline);
