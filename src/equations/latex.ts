/**
 * LaTeX and Markdown renderings of equations (Brian2's `Equations._repr_latex_`, which prints
 * through sympy's LaTeX printer). Rendered from the parsed syntax tree only, in the order the user
 * wrote the terms: sympy reorders sums and products canonically, we do not (so an expression that
 * is already in sympy's order prints exactly as Brian2 prints it; see docs/design.md).
 *
 * The tree is first brought into sympy's shape — flat sums and products, division as a negative
 * power, a leading sign instead of nested negations — then printed with sympy's rules for
 * fractions, brackets, powers, function names and symbol names (`tau_m` → `\tau_{m}`).
 */
import type { Expr } from '../parsing/index.ts';
import { DIMENSIONLESS, findBaseUnit } from '../units/index.ts';
import type { Dimension } from '../units/index.ts';
import type { SingleEquation } from './single-equation.ts';

// ---------------------------------------------------------------------------------------------
// sympy-shaped terms

type Term =
  | { readonly t: 'num'; readonly value: number; readonly isInt: boolean }
  | { readonly t: 'sym'; readonly name: string }
  | { readonly t: 'const'; readonly tex: string }
  | { readonly t: 'add'; readonly terms: readonly Term[] }
  | { readonly t: 'mul'; readonly factors: readonly Term[] }
  | { readonly t: 'pow'; readonly base: Term; readonly exp: Term }
  | { readonly t: 'fn'; readonly name: string; readonly args: readonly Term[] }
  | { readonly t: 'mod'; readonly a: Term; readonly b: Term }
  | { readonly t: 'rel'; readonly op: string; readonly a: Term; readonly b: Term }
  | { readonly t: 'and' | 'or'; readonly args: readonly Term[] }
  | { readonly t: 'not'; readonly arg: Term };

const num = (value: number, isInt: boolean): Term => ({ t: 'num', value, isInt });
const MINUS_ONE = num(-1, true);

/** Brian's function names that sympy (through Brian2's `str_to_sympy`) knows under another name. */
const SYMPY_FUNCTION_NAMES: Readonly<Record<string, string>> = {
  arcsin: 'asin',
  arccos: 'acos',
  arctan: 'atan',
  int: 'int_',
};

/** Constants Brian2 maps to sympy's own (printed as symbols, not names). */
const CONSTANTS: Readonly<Record<string, string>> = { pi: '\\pi', e: 'e', inf: '\\infty' };

function toTerm(e: Expr): Term {
  switch (e.kind) {
    case 'number':
      return num(e.value, e.isInteger);
    case 'boolean':
      return { t: 'const', tex: `\\text{${e.value ? 'True' : 'False'}}` };
    case 'name': {
      const c = CONSTANTS[e.name];
      return c !== undefined ? { t: 'const', tex: c } : { t: 'sym', name: e.name };
    }
    case 'unary':
      if (e.op === '-') return negate(toTerm(e.operand));
      if (e.op === '+') return toTerm(e.operand);
      return { t: 'not', arg: toTerm(e.operand) };
    case 'binary': {
      const l = toTerm(e.left);
      const r = toTerm(e.right);
      switch (e.op) {
        case '+':
          return { t: 'add', terms: [...addends(l), ...addends(r)] };
        case '-':
          return { t: 'add', terms: [...addends(l), ...addends(negate(r))] };
        case '*':
          return mul([...factorsOf(l), ...factorsOf(r)]);
        case '/':
          return mul([...factorsOf(l), ...inverse(r)]);
        case '**':
          return { t: 'pow', base: l, exp: r };
        case '%':
          return { t: 'mod', a: l, b: r };
        case '//':
          // Brian2's `a // b` is sympy's floor(a/b)
          return { t: 'fn', name: 'floor', args: [mul([...factorsOf(l), ...inverse(r)])] };
      }
      break;
    }
    case 'compare':
      return { t: 'rel', op: e.op, a: toTerm(e.left), b: toTerm(e.right) };
    case 'logical': {
      const t = e.op;
      const parts = [toTerm(e.left), toTerm(e.right)].flatMap((p) => (p.t === t ? p.args : [p]));
      return { t, args: parts };
    }
    case 'call':
      return { t: 'fn', name: SYMPY_FUNCTION_NAMES[e.callee] ?? e.callee, args: e.args.map(toTerm) };
  }
  throw new Error('unreachable');
}

const addends = (t: Term): readonly Term[] => (t.t === 'add' ? t.terms : [t]);
const factorsOf = (t: Term): readonly Term[] => (t.t === 'mul' ? t.factors : [t]);

/** A product with the signs of its numeric factors gathered into one leading coefficient. */
function mul(factors: readonly Term[]): Term {
  let sign = 1;
  const rest: Term[] = [];
  for (const f of factors) {
    if (f.t === 'num' && f.value === -1 && f.isInt) sign = -sign;
    else rest.push(f);
  }
  if (sign < 0) {
    const first = rest[0];
    if (first !== undefined && first.t === 'num') rest[0] = num(-first.value, first.isInt);
    else rest.unshift(MINUS_ONE);
  }
  if (rest.length === 0) return num(sign, true);
  return rest.length === 1 ? rest[0]! : { t: 'mul', factors: rest };
}

/** `-t` the way sympy forms it: a negated number, a negated coefficient, a sum of negated terms. */
function negate(t: Term): Term {
  if (t.t === 'num') return num(-t.value, t.isInt);
  if (t.t === 'add') return { t: 'add', terms: t.terms.map(negate) };
  if (t.t === 'mul') {
    const [first, ...rest] = t.factors;
    if (first !== undefined && first.t === 'num') {
      if (first.value === -1 && first.isInt) return rest.length === 1 ? rest[0]! : { t: 'mul', factors: rest };
      return { t: 'mul', factors: [num(-first.value, first.isInt), ...rest] };
    }
    return { t: 'mul', factors: [MINUS_ONE, ...t.factors] };
  }
  return { t: 'mul', factors: [MINUS_ONE, t] };
}

/** The factors of `1/t`. */
const inverse = (t: Term): readonly Term[] => factorsOf(t).flatMap((f) => factorsOf(invert(f)));

/** `1/t` as a factor: a power with negated numeric exponent, or `t**-1`. */
function invert(t: Term): Term {
  if (t.t === 'pow' && t.exp.t === 'num') {
    return t.exp.value === -1 ? t.base : { t: 'pow', base: t.base, exp: num(-t.exp.value, t.exp.isInt) };
  }
  if (t.t === 'num' && t.value === -1) return t;
  if (t.t === 'num' && t.value < 0) return mul([MINUS_ONE, { t: 'pow', base: num(-t.value, t.isInt), exp: MINUS_ONE }]);
  return { t: 'pow', base: t, exp: MINUS_ONE };
}

// ---------------------------------------------------------------------------------------------
// Printing (sympy's LatexPrinter rules)

const PREC = { or: 20, and: 30, rel: 35, add: 40, mul: 50, pow: 60, fn: 70, not: 100, atom: 1000 } as const;

function couldExtractMinus(t: Term): boolean {
  if (t.t === 'num') return t.value < 0 || Object.is(t.value, -0);
  if (t.t === 'mul') {
    const first = t.factors[0];
    return first !== undefined && first.t === 'num' && first.value < 0;
  }
  return false;
}

function precedence(t: Term): number {
  switch (t.t) {
    case 'num':
      return t.value < 0 ? PREC.add : PREC.atom;
    case 'sym':
    case 'const':
      return PREC.atom;
    case 'add':
      return PREC.add;
    case 'mul':
      return couldExtractMinus(t) ? PREC.add : PREC.mul;
    case 'pow':
      return PREC.pow;
    case 'fn':
      return PREC.fn;
    case 'mod':
      return PREC.mul;
    case 'rel':
      return PREC.rel;
    case 'and':
      return PREC.and;
    case 'or':
      return PREC.or;
    case 'not':
      return PREC.not;
  }
}

function hasMod(t: Term): boolean {
  switch (t.t) {
    case 'mod':
      return true;
    case 'add':
      return t.terms.some(hasMod);
    case 'mul':
      return t.factors.some(hasMod);
    case 'pow':
      return hasMod(t.base) || hasMod(t.exp);
    case 'fn':
    case 'and':
    case 'or':
      return t.args.some(hasMod);
    case 'rel':
      return hasMod(t.a) || hasMod(t.b);
    case 'not':
      return hasMod(t.arg);
    default:
      return false;
  }
}

const isBoolean = (t: Term): boolean => t.t === 'rel' || t.t === 'and' || t.t === 'or' || t.t === 'not';
const paren = (s: string): string => `\\left(${s}\\right)`;

function parenthesize(t: Term, level: number, strict = false): string {
  const p = precedence(t);
  return p < level || (!strict && p <= level) ? paren(print(t)) : print(t);
}

function print(t: Term): string {
  switch (t.t) {
    case 'num':
      return t.isInt ? String(t.value) : formatFloat(t.value);
    case 'sym':
      return symbolLatex(t.name);
    case 'const':
      return t.tex;
    case 'add':
      return printAdd(t.terms);
    case 'mul':
      return printMul(t.factors);
    case 'pow':
      return printPow(t);
    case 'fn':
      return printFunction(t.name, t.args);
    case 'mod':
      return `${parenthesize(t.a, PREC.mul, true)} \\bmod ${parenthesize(t.b, PREC.mul, true)}`;
    case 'rel':
      return `${print(t.a)} ${RELATIONS[t.op]} ${print(t.b)}`;
    case 'and':
    case 'or':
      return t.args.map((a, k) => (k > 0 ? ` ${t.t === 'and' ? '\\wedge' : '\\vee'} ` : '') + (isBoolean(a) && a.t !== 'not' ? paren(print(a)) : print(a))).join('');
    case 'not':
      return isBoolean(t.arg) ? `\\neg ${paren(print(t.arg))}` : `\\neg ${print(t.arg)}`;
  }
}

const RELATIONS: Readonly<Record<string, string>> = { '==': '=', '>': '>', '<': '<', '>=': '\\geq', '<=': '\\leq', '!=': '\\neq' };

function printAdd(terms: readonly Term[]): string {
  let tex = '';
  terms.forEach((term, i) => {
    let shown = term;
    if (i > 0) {
      if (couldExtractMinus(term)) {
        tex += ' - ';
        shown = negate(term);
      } else tex += ' + ';
    }
    const s = print(shown);
    tex += shown.t === 'add' || shown.t === 'rel' || hasMod(shown) ? paren(s) : s;
  });
  return tex;
}

function needsMulBrackets(t: Term, first: boolean): boolean {
  if (t.t === 'mul') {
    if (!first && couldExtractMinus(t)) return true;
  } else if (precedence(t) < PREC.mul || t.t === 'rel') return true;
  return hasMod(t);
}

/** Whether sympy's `str(term)` starts with a digit (it then separates two numbers by `\cdot`). */
function startsWithDigit(t: Term): boolean {
  if (t.t === 'num') return t.value >= 0;
  if (t.t === 'pow') return t.base.t === 'num' && t.base.value >= 0;
  if (t.t === 'mul') return t.factors[0] !== undefined && startsWithDigit(t.factors[0]);
  if (t.t === 'add') return t.terms[0] !== undefined && startsWithDigit(t.terms[0]);
  return false;
}

function convertArgs(args: readonly Term[]): string {
  let tex = '';
  let last = '';
  args.forEach((term, i) => {
    let s = print(term);
    if (needsMulBrackets(term, i === 0)) s = paren(s);
    if (/[0-9][} ]*$/.test(last) && startsWithDigit(term)) tex += ' \\cdot ';
    else if (tex !== '') tex += ' ';
    tex += s;
    last = s;
  });
  return tex;
}

const convert = (factors: readonly Term[]): string => (factors.length === 1 ? print(factors[0]!) : convertArgs(factors));

function isNegativeNumber(t: Term): t is { t: 'num'; value: number; isInt: boolean } {
  return t.t === 'num' && t.value < 0;
}

function printMul(factors: readonly Term[]): string {
  // A number after the first factor (`x*2`): sympy prints such an unevaluated product as written.
  if (factors.slice(1).some((f) => f.t === 'num')) return convertArgs(factors);
  let tex = '';
  let rest = factors;
  if (couldExtractMinus({ t: 'mul', factors })) {
    tex = '- ';
    const negated = negate({ t: 'mul', factors });
    rest = factorsOf(negated);
  }
  const numer: Term[] = [];
  const denom: Term[] = [];
  for (const f of rest) {
    if (f.t === 'pow' && isNegativeNumber(f.exp)) {
      denom.push(f.exp.value === -1 ? f.base : { t: 'pow', base: f.base, exp: num(-f.exp.value, f.exp.isInt) });
    } else numer.push(f);
  }
  if (denom.length === 0) return tex + convert(numer);
  return `${tex}\\frac{${numer.length === 0 ? '1' : convert(numer)}}{${convert(denom)}}`;
}

/** Functions whose printer puts an exponent after the closing bracket. */
const EXPONENT_AFTER = new Set(['log', 'floor', 'ceil', 'abs']);

function printPow(t: { base: Term; exp: Term }): string {
  const { base, exp } = t;
  // Integer negative powers print as fractions; other negative powers (floats, symbols) as powers.
  if (exp.t === 'num' && exp.isInt && exp.value < 0) return printMul([t as Term]);
  if (base.t === 'fn') return printFunction(base.name, base.args, print(exp));
  if (base.t === 'mod') {
    return `\\left(${parenthesize(base.a, PREC.mul, true)} \\bmod ${parenthesize(base.b, PREC.mul, true)}\\right)^{${print(exp)}}`;
  }
  let b = parenthesize(base, PREC.pow);
  if (base.t === 'sym' && b.includes('^')) b = paren(b);
  return `${b}^{${print(exp)}}`;
}

const LATEX_FUNCTIONS = new Set(['arcsin', 'arccos', 'arctan', 'sin', 'cos', 'tan', 'sinh', 'cosh', 'tanh', 'sqrt', 'ln', 'log', 'sec', 'csc', 'cot', 'coth', 're', 'im', 'frac', 'root', 'arg']);

function printFunction(name: string, args: readonly Term[], exp?: string): string {
  const arg = (k: number): string => print(args[k] ?? { t: 'const', tex: '' });
  let tex: string;
  switch (name) {
    case 'exp':
      tex = `e^{${arg(0)}}`;
      return exp === undefined ? tex : `${paren(tex)}^{${exp}}`;
    case 'abs':
      tex = `\\left|{${arg(0)}}\\right|`;
      break;
    case 'floor':
      tex = `\\left\\lfloor{${arg(0)}}\\right\\rfloor`;
      break;
    case 'ceil':
      tex = `\\left\\lceil{${arg(0)}}\\right\\rceil`;
      break;
    case 'log':
      tex = `\\log{\\left(${arg(0)} \\right)}`;
      break;
    default: {
      let head = functionName(name);
      if (exp !== undefined) head = `${head.includes('^') ? paren(head) : head}^{${exp}}`;
      return `${head}{\\left(${args.map(print).join(',')} \\right)}`;
    }
  }
  return exp !== undefined && EXPONENT_AFTER.has(name) ? `${tex}^{${exp}}` : tex;
}

/** sympy's `_hprint_Function`: `\sin`, a single letter as is, otherwise `\operatorname{name}` plus sub/superscripts. */
function functionName(name: string): string {
  const f = symbolLatex(name);
  const sup = f.indexOf('^');
  const sub = f.indexOf('_');
  if (LATEX_FUNCTIONS.has(f)) return `\\${f}`;
  if (f.length === 1 || f.startsWith('\\') || sub === 1 || sup === 1) return f;
  const cut = sup > 0 && sub > 0 ? Math.min(sup, sub) : sup > 0 ? sup : sub > 0 ? sub : -1;
  return cut > 0 ? `\\operatorname{${f.slice(0, cut)}}${f.slice(cut)}` : `\\operatorname{${f}}`;
}

// ---------------------------------------------------------------------------------------------
// Numbers and names

/**
 * A float as sympy prints it (mpmath's 15 significant digits, trailing zeros stripped but one kept,
 * fixed notation for decimal exponents -5 < e < 15, otherwise `m \cdot 10^{e}`).
 */
export function formatFloat(x: number): string {
  if (x === Infinity) return '\\infty';
  if (x === -Infinity) return '- \\infty';
  if (Number.isNaN(x)) return '\\text{NaN}';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mantissa, expPart] = Math.abs(x).toExponential(14).split('e') as [string, string];
  const e = Number(expPart);
  const digits = mantissa.replace('.', '').replace(/0+$/, '') || '0';
  if (e > -5 && e < 15) {
    let s: string;
    if (e >= 0) {
      const intPart = digits.slice(0, e + 1).padEnd(e + 1, '0');
      const frac = digits.slice(e + 1);
      s = `${intPart}.${frac === '' ? '0' : frac}`;
    } else s = `0.${'0'.repeat(-e - 1)}${digits}`;
    return sign + s;
  }
  const m = digits.length === 1 ? `${digits}.0` : `${digits[0]}.${digits.slice(1)}`;
  return `${sign}${m} \\cdot 10^{${e}}`;
}

const GREEK = new Set(['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu', 'nu', 'xi', 'omicron', 'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega']);
const GREEK_SPECIAL: Readonly<Record<string, string>> = {
  Alpha: '\\mathrm{A}', Beta: '\\mathrm{B}', Gamma: '\\Gamma', Delta: '\\Delta', Epsilon: '\\mathrm{E}', Zeta: '\\mathrm{Z}',
  Eta: '\\mathrm{H}', Theta: '\\Theta', Iota: '\\mathrm{I}', Kappa: '\\mathrm{K}', Lambda: '\\Lambda', Mu: '\\mathrm{M}',
  Nu: '\\mathrm{N}', Xi: '\\Xi', omicron: 'o', Omicron: '\\mathrm{O}', Pi: '\\Pi', Rho: '\\mathrm{P}', Sigma: '\\Sigma',
  Tau: '\\mathrm{T}', Upsilon: '\\Upsilon', Phi: '\\Phi', Chi: '\\mathrm{X}', Psi: '\\Psi', Omega: '\\Omega',
  lamda: '\\lambda', Lamda: '\\Lambda', khi: '\\chi', Khi: '\\mathrm{X}', varepsilon: '\\varepsilon', varkappa: '\\varkappa',
  varphi: '\\varphi', varpi: '\\varpi', varrho: '\\varrho', varsigma: '\\varsigma', vartheta: '\\vartheta',
};
const OTHER_SYMBOLS = new Set(['aleph', 'beth', 'daleth', 'gimel', 'ell', 'eth', 'hbar', 'hslash', 'mho', 'wp']);
const wrap = (pre: string, post = '}') => (s: string): string => `${pre}${s}${post}`;
const MODIFIERS: readonly (readonly [string, (s: string) => string])[] = (
  [
    ['mathring', wrap('\\mathring{')], ['ddddot', wrap('\\ddddot{')], ['dddot', wrap('\\dddot{')], ['ddot', wrap('\\ddot{')],
    ['dot', wrap('\\dot{')], ['check', wrap('\\check{')], ['breve', wrap('\\breve{')], ['acute', wrap('\\acute{')],
    ['grave', wrap('\\grave{')], ['tilde', wrap('\\tilde{')], ['hat', wrap('\\hat{')], ['bar', wrap('\\bar{')], ['vec', wrap('\\vec{')],
    ['prime', wrap('{', "}'")], ['prm', wrap('{', "}'")], ['bold', wrap('\\boldsymbol{')], ['bm', wrap('\\boldsymbol{')],
    ['cal', wrap('\\mathcal{')], ['scr', wrap('\\mathscr{')], ['frak', wrap('\\mathfrak{')], ['norm', wrap('\\left\\|{', '}\\right\\|')],
    ['avg', wrap('\\left\\langle{', '}\\right\\rangle')], ['abs', wrap('\\left|{', '}\\right|')], ['mag', wrap('\\left|{', '}\\right|')],
  ] as const
)
  .map(([k, f]) => [k, f] as const)
  // sympy tries the longest modifiers first (a stable sort keeps its order among equal lengths)
  .sort((a, b) => b[0].length - a[0].length);

/** sympy's `translate`: Greek letters, other symbols and trailing modifiers (`xdot` → `\dot{x}`). */
function translate(s: string): string {
  const special = GREEK_SPECIAL[s];
  if (special !== undefined) return special;
  if (GREEK.has(s.toLowerCase())) return `\\${s.toLowerCase()}`;
  if (OTHER_SYMBOLS.has(s)) return `\\${s}`;
  for (const [key, f] of MODIFIERS) {
    if (s.toLowerCase().endsWith(key) && s.length > key.length) return f(translate(s.slice(0, -key.length)));
  }
  return s;
}

/** sympy's `split_super_sub`: `a_x^1` → name `a`, supers `['1']`, subs `['x']`; trailing digits are a subscript. */
function splitSuperSub(text: string): [string, string[], string[]] {
  let pos = 0;
  let name: string | undefined;
  const supers: string[] = [];
  const subs: string[] = [];
  while (pos < text.length) {
    let start = pos + 1;
    if (text.slice(pos, pos + 2) === '__') start++;
    let hat = text.indexOf('^', start);
    if (hat < 0) hat = text.length;
    let usc = text.indexOf('_', start);
    if (usc < 0) usc = text.length;
    const next = Math.min(hat, usc);
    const part = text.slice(pos, next);
    pos = next;
    if (name === undefined) name = part;
    else if (part.startsWith('^')) supers.push(part.slice(1));
    else if (part.startsWith('__')) supers.push(part.slice(2));
    else subs.push(part.slice(1));
  }
  name ??= '';
  const m = /^([^\W\d_]+)(\d+)$/u.exec(name);
  if (m !== null) {
    name = m[1]!;
    subs.unshift(m[2]!);
  }
  return [name, supers, subs];
}

/** A variable name as sympy's LaTeX printer shows a symbol: `tau_m` → `\tau_{m}`, `v1` → `v_{1}`. */
export function symbolLatex(identifier: string): string {
  const [name, supers, subs] = splitSuperSub(identifier);
  let tex = translate(name);
  if (supers.length > 0) tex += `^{${supers.map(translate).join(' ')}}`;
  if (subs.length > 0) tex += `_{${subs.map(translate).join(' ')}}`;
  return tex;
}

/** An expression in LaTeX, in sympy's notation (`exp(-t/tau)` → `e^{- \frac{t}{\tau}}`). */
export function exprToLatex(expr: Expr): string {
  return print(toTerm(expr));
}

// ---------------------------------------------------------------------------------------------
// Units

/** A compound unit's display name (`W/(m^2)`, `N m`) in LaTeX, as Brian2 builds its `latexname`. */
function compoundUnitLatex(dispname: string): string {
  const product = (s: string): string =>
    s
      .replace(/^\((.*)\)$/, '$1')
      .trim()
      .split(/\s+/)
      .map((token) => {
        const [base, power] = token.split('^') as [string, string | undefined];
        return power === undefined ? `\\mathrm{${base}}` : `\\mathrm{${base}}^{${power}}`;
      })
      .join('\\,');
  const slash = dispname.indexOf('/');
  return slash < 0 ? product(dispname) : `\\frac{${product(dispname.slice(0, slash))}}{${product(dispname.slice(slash + 1))}}`;
}

/** SI dimensions in LaTeX, as Brian2 names an unregistered unit: `\mathrm{m}^{5}\,\mathrm{A}`. */
const dimensionLatex = (dim: Dimension): string => compoundUnitLatex(dim.toString());

/**
 * The unit of a dimension in LaTeX, like sympy's `latex(get_unit(dim))` in Brian2: `\mathrm{V}`,
 * `\frac{\mathrm{S}}{\mathrm{m}^{2}}`. Dimensionless is `1` (Brian2 shows `\mathrm{rad}`, the
 * first dimensionless unit it finds).
 */
export function unitLatex(dim: Dimension): string {
  if (dim === DIMENSIONLESS) return '1';
  const unit = findBaseUnit(dim);
  // Brian2's get_unit registers unknown dimensions as anonymous units named by their dimensions.
  if (unit === undefined || (unit.name.includes('*') && unit.name === dim.toPythonString())) return dimensionLatex(dim);
  // The one prefixed unit of scale 1 (millimolar = mol/m^3): Brian2 writes the prefix apart.
  if (unit.name === 'mmolar') return '\\mathrm{m}\\mathrm{M}';
  return unit.isCompound ? compoundUnitLatex(unit.dispname) : `\\mathrm{${unit.dispname}}`;
}

// ---------------------------------------------------------------------------------------------
// Equations

/** The left-hand side: `\frac{\mathrm{d}v}{\mathrm{d}t}`, or the variable itself. */
function lhsLatex(eq: SingleEquation): string {
  const v = symbolLatex(eq.varname);
  return eq.type === 'differential equation' ? `\\frac{\\mathrm{d}${v}}{\\mathrm{d}t}` : v;
}

/** One equation alone: `\frac{\mathrm{d}v}{\mathrm{d}t} = - \frac{v}{\tau}` (Brian2's `SingleEquation._latex`). */
export function singleEquationLatex(eq: SingleEquation): string {
  return eq.expr === undefined ? lhsLatex(eq) : `${lhsLatex(eq)} = ${exprToLatex(eq.expr)}`;
}

/** Brian2's `Equations._latex`: an `align*` block, one row per equation with its unit and flags. */
export function equationsLatex(eqs: Iterable<SingleEquation>): string {
  const rows: string[] = [];
  for (const eq of eqs) {
    const flags = eq.flags.length > 0 ? `, flags: ${eq.flags.join(', ')}` : '';
    const unit = unitLatex(eq.dim);
    rows.push(
      eq.expr === undefined
        ? `${lhsLatex(eq)} &&& \\text{(unit: $${unit}$${flags})}`
        : `${lhsLatex(eq)} &= ${exprToLatex(eq.expr)} && \\text{(unit of $${symbolLatex(eq.varname)}$: $${unit}$${flags})}`,
    );
  }
  return `\\begin{align*}${rows.join('\\\\\n')}\\end{align*}`;
}

/**
 * A Markdown list with one item per equation, its maths in `$…$` (rendered by GitHub, MathJax or
 * KaTeX): `- $\frac{\mathrm{d}v}{\mathrm{d}t} = - \frac{v}{\tau}$ — unit $\mathrm{V}$ (unless refractory)`.
 */
export function equationsMarkdown(eqs: Iterable<SingleEquation>): string {
  const items: string[] = [];
  for (const eq of eqs) {
    const flags = eq.flags.length > 0 ? ` (${eq.flags.join(', ')})` : '';
    const kind = eq.type === 'parameter' ? 'parameter, ' : '';
    items.push(`- $${singleEquationLatex(eq)}$ — ${kind}unit $${unitLatex(eq.dim)}$${flags}`);
  }
  return items.join('\n');
}
