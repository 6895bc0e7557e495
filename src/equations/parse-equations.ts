/**
 * The equation-structure parser: splits a model string into equations of the three forms
 *
 *     dx/dt = expr : unit (flags)      x = expr : unit (flags)      x : unit (flags)
 *
 * It is a hand-written scanner that accepts exactly the language of Brian2's pyparsing grammar
 * (`brian2/equations/equations.py`, `EQUATIONS`), including its layout rules:
 *
 * - Tokens may be separated by any whitespace, newlines included, and by `# comments`.
 * - An expression is a run of characters other than `:`, `#` and newline. It continues on the
 *   next line unless that line is empty; a line holding only a comment is skipped. So an
 *   expression ends only at the `:` that introduces its unit.
 * - The continued pieces are joined with a space and runs of whitespace collapse to one space.
 * - A unit is a run of letters, digits, spaces and `* / . -`; a flag is a letter followed by
 *   letters, digits, spaces and `_ -`.
 * - Tabs are expanded to 8-column tab stops before parsing (pyparsing does this).
 *
 * Every step is a linear scan, so there is no backtracking blow-up on any input.
 */
import { EquationError } from './errors.ts';
import type { EquationType } from './single-equation.ts';

/** One equation as written, before its unit and expression are interpreted. */
export interface RawEquation {
  readonly type: EquationType;
  readonly varname: string;
  /** Offset of the variable name in the original source. */
  readonly varnameOffset: number;
  /** The right-hand side with continuation lines joined and whitespace collapsed (Brian2's `expr.code`). */
  readonly exprSource?: string;
  /** For each character of `exprSource`, its offset in the original source (plus one entry for the end). */
  readonly exprOffsets?: readonly number[];
  /** The unit specification, trimmed. */
  readonly unitSource: string;
  /** Offset of the unit specification in the original source. */
  readonly unitOffset: number;
  /** For each character of `unitSource`, its offset in the original source (plus one entry for the end). */
  readonly unitOffsets: readonly number[];
  readonly flags: readonly string[];
  /** Offset where the equation starts in the original source. */
  readonly offset: number;
}

const WS = new Set([' ', '\n', '\r', '\t']);
const LETTERS = /[A-Za-z]/;
const IDENT_START = /[A-Za-z_]/;
const IDENT_BODY = /[A-Za-z0-9_]/;
const UNIT_CHAR = /[A-Za-z0-9*/.\- ]/;
const FLAG_BODY = /[A-Za-z0-9_\- ]/;
// Python's `\s`, used by Brian2 to collapse whitespace in expressions (`re.sub(r'\s{2,}', ' ')`).
const PY_SPACE = /[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/** Python's `str.expandtabs()`: tabs to 8-column stops, columns restarting after `\n` or `\r`. */
function expandTabs(source: string): { text: string; origin: number[] } {
  let text = '';
  const origin: number[] = [];
  let column = 0;
  for (let k = 0; k < source.length; k++) {
    const c = source[k]!;
    if (c === '\t') {
      const n = 8 - (column % 8);
      text += ' '.repeat(n);
      for (let j = 0; j < n; j++) origin.push(k);
      column += n;
    } else {
      text += c;
      origin.push(k);
      column = c === '\n' || c === '\r' ? 0 : column + 1;
    }
  }
  origin.push(source.length);
  return { text, origin };
}

/** How far the scanner got when an equation could not be parsed, and what it wanted there. */
interface Failure {
  readonly at: number;
  readonly expected: string;
  readonly variable?: string;
}

class Fail {
  constructor(readonly failure: Failure) {}
}

class Scanner {
  private furthest: Failure | undefined;

  constructor(readonly s: string) {}

  fail(at: number, expected: string, variable?: string): never {
    const failure: Failure = variable === undefined ? { at, expected } : { at, expected, variable };
    if (this.furthest === undefined || at >= this.furthest.at) this.furthest = failure;
    throw new Fail(failure);
  }

  takeFurthest(): Failure | undefined {
    const f = this.furthest;
    this.furthest = undefined;
    return f;
  }

  skipWs(p: number): number {
    while (p < this.s.length && WS.has(this.s[p]!)) p++;
    return p;
  }

  /** pyparsing's ignorable skipping: whitespace followed by a `# comment`, repeatedly. */
  skipComments(p: number): number {
    for (;;) {
      const q = this.skipWs(p);
      if (this.s[q] !== '#') return p;
      const nl = this.s.indexOf('\n', q);
      p = nl === -1 ? this.s.length : nl;
    }
  }

  /** What every whitespace-skipping token does before matching. */
  pre(p: number): number {
    return this.skipWs(this.skipComments(p));
  }

  literal(p: number, text: string, expected: string, variable?: string): number {
    const q = this.pre(p);
    if (this.s.startsWith(text, q)) return q + text.length;
    return this.fail(q, expected, variable);
  }

  word(p: number, first: RegExp, body: RegExp, expected: string, variable?: string): [number, number] {
    const q = this.pre(p);
    if (q >= this.s.length || !first.test(this.s[q]!)) this.fail(q, expected, variable);
    let e = q + 1;
    while (e < this.s.length && body.test(this.s[e]!)) e++;
    return [q, e];
  }

  /**
   * The expression after `=`: pieces of `[^:#\n]+`, each optionally followed by a comment and
   * one newline. Returns the joined text with each character's position, and where it ended.
   */
  expression(p: number, variable: string): { text: string; positions: number[]; end: number } {
    let q = this.pre(p);
    const pieces: [number, number][] = [];
    for (;;) {
      const start = this.skipComments(q);
      let e = start;
      while (e < this.s.length && !':#\n'.includes(this.s[e]!)) e++;
      if (e === start) {
        if (pieces.length === 0) this.fail(start, "an expression after '='", variable);
        break;
      }
      pieces.push([start, e]);
      q = this.skipComments(e);
      if (this.s[q] === '\n') q++;
    }
    // Join with single spaces, then collapse whitespace runs as Brian2 does, keeping positions.
    const chars: string[] = [];
    const positions: number[] = [];
    pieces.forEach(([a, b], k) => {
      if (k > 0) {
        chars.push(' ');
        positions.push(a);
      }
      for (let j = a; j < b; j++) {
        chars.push(this.s[j]!);
        positions.push(j);
      }
    });
    let text = '';
    const kept: number[] = [];
    for (let j = 0; j < chars.length; j++) {
      const c = chars[j]!;
      if (PY_SPACE.test(c)) {
        let run = j;
        while (run + 1 < chars.length && PY_SPACE.test(chars[run + 1]!)) run++;
        text += run > j ? ' ' : c;
        kept.push(positions[j]!);
        j = run;
      } else {
        text += c;
        kept.push(positions[j]!);
      }
    }
    // Python's str.strip() (Brian2's CodeString strips the code).
    let a = 0;
    let b = text.length;
    while (a < b && PY_SPACE.test(text[a]!)) a++;
    while (b > a && PY_SPACE.test(text[b - 1]!)) b--;
    const end = b < text.length ? kept[b]! : (pieces.at(-1)?.[1] ?? q);
    const out = kept.slice(a, b);
    out.push(end);
    return { text: text.slice(a, b), positions: out, end: q };
  }

  /** `(flag, flag, ...)` or nothing; a malformed flag list counts as no flags (as in Brian2). */
  flags(p: number, variable: string): { flags: string[]; end: number } {
    const saved = this.furthest;
    try {
      let q = this.literal(p, '(', "'('");
      const flags: string[] = [];
      let [a, b] = this.word(q, LETTERS, FLAG_BODY, 'a flag (a name such as "constant" or "unless refractory")', variable);
      flags.push(this.s.slice(a, b));
      q = b;
      for (;;) {
        try {
          const c = this.literal(q, ',', "',' or ')'", variable);
          [a, b] = this.word(c, LETTERS, FLAG_BODY, "a flag after ','", variable);
          flags.push(this.s.slice(a, b));
          q = b;
        } catch (err) {
          if (err instanceof Fail) break;
          throw err;
        }
      }
      q = this.literal(q, ')', "',' or ')' to end the flags", variable);
      this.furthest = saved;
      return { flags, end: q };
    } catch (err) {
      if (!(err instanceof Fail)) throw err;
      // Remember the failure only when the flag list had started, so it can explain a later error.
      this.flagFailure = this.s[this.pre(p)] === '(' ? this.takeFurthest() : undefined;
      this.furthest = saved;
      return { flags: [], end: p };
    }
  }

  flagFailure: Failure | undefined;
}

/** Parses a model string into raw equations; throws EquationError (reason 'syntax') on malformed structure. */
export function parseRawEquations(source: string): RawEquation[] {
  const hasTabs = source.includes('\t');
  const { text, origin } = hasTabs ? expandTabs(source) : { text: source, origin: undefined };
  const orig = (p: number): number => (origin === undefined ? p : origin[Math.min(p, origin.length - 1)]!);
  const sc = new Scanner(text);
  const equations: RawEquation[] = [];
  let loc = 0;
  for (;;) {
    const start = sc.pre(loc);
    if (start >= text.length) break;
    const flagFailure = sc.flagFailure;
    sc.flagFailure = undefined;
    const eq = parseOne(sc, start);
    if (eq === undefined) {
      // Report the flag list that failed to parse if this is where it began; otherwise the
      // furthest point any equation form reached.
      const furthest = sc.takeFurthest();
      const f = flagFailure !== undefined && text[start] === '(' ? flagFailure : furthest;
      const at = f?.at ?? start;
      const found = at >= text.length ? 'end of input' : `'${text[at] === '\n' ? '\\n' : text[at]}'`;
      const what = f?.expected ?? 'an equation';
      const about = f?.variable !== undefined ? ` in the definition of '${f.variable}'` : '';
      throw new EquationError('syntax', `Parsing failed: expected ${what}${about}, but found ${found}.`, {
        ...(f?.variable !== undefined ? { variable: f.variable } : {}),
        location: { source, offset: orig(at) },
      });
    }
    const { raw, end } = eq;
    equations.push({
      ...raw,
      varnameOffset: orig(raw.varnameOffset),
      unitOffset: orig(raw.unitOffset),
      unitOffsets: raw.unitOffsets.map(orig),
      offset: orig(raw.offset),
      ...(raw.exprOffsets !== undefined ? { exprOffsets: raw.exprOffsets.map(orig) } : {}),
    });
    loc = end;
  }
  return equations;
}

const EQUATION_FORMS = "an equation ('dx/dt = expr : unit', 'x = expr : unit' or 'x : unit')";

function parseOne(sc: Scanner, start: number): { raw: RawEquation; end: number } | undefined {
  // The three forms are tried in Brian2's order; each either matches fully or not at all.
  for (const form of ['parameter', 'subexpression', 'differential equation'] as const) {
    try {
      return parseForm(sc, start, form);
    } catch (err) {
      if (!(err instanceof Fail)) throw err;
    }
  }
  return undefined;
}

function parseForm(sc: Scanner, start: number, form: EquationType): { raw: RawEquation; end: number } {
  let p = start;
  let name: [number, number];
  if (form === 'differential equation') {
    p = sc.literal(p, 'd', EQUATION_FORMS);
    name = sc.word(p, IDENT_START, IDENT_BODY, 'a variable name after "d"');
    const v = sc.s.slice(...name);
    p = sc.literal(name[1], '/', `'/dt' after 'd${v}'`, v);
    p = sc.literal(p, 'dt', `'dt' after 'd${v}/'`, v);
  } else {
    name = sc.word(p, IDENT_START, IDENT_BODY, EQUATION_FORMS);
    p = name[1];
  }
  const varname = sc.s.slice(...name);
  let exprSource: string | undefined;
  let exprOffsets: number[] | undefined;
  if (form === 'parameter') {
    p = sc.literal(p, ':', "':' or '='", varname);
  } else {
    p = sc.literal(p, '=', form === 'subexpression' ? "':' or '='" : "'='", varname);
    const expr = sc.expression(p, varname);
    exprSource = expr.text;
    exprOffsets = expr.positions;
    p = sc.literal(expr.end, ':', "':' and the unit after the expression", varname);
  }
  const [ua, ub] = sc.word(p, UNIT_CHAR, UNIT_CHAR, "a unit after ':' (e.g. 'volt', 'siemens/metre**2', '1', 'boolean')", varname);
  const unitRaw = sc.s.slice(ua, ub);
  const unitSource = unitRaw.trim(); // the unit starts with a non-space, so only the end is trimmed
  const unitOffsets = Array.from({ length: unitSource.length + 1 }, (_, k) => ua + k);
  const { flags, end } = sc.flags(ub, varname);
  const raw: RawEquation = {
    type: form,
    varname,
    varnameOffset: name[0],
    ...(exprSource !== undefined ? { exprSource, exprOffsets: exprOffsets! } : {}),
    unitSource,
    unitOffset: ua,
    unitOffsets,
    flags,
    offset: start,
  };
  return { raw, end };
}
