import { ParseError } from './errors.ts';
import { PYTHON_KEYWORDS } from './identifiers.ts';

/**
 * Token kinds. `name` covers identifiers and keywords (`keyword` tells them apart); `op` is any
 * operator or punctuation, including ones Brian does not support (so the parser can explain
 * them); `newline` is a line break that ends a logical line; `comment` is `# …` without the `#`.
 */
export type TokenKind = 'number' | 'name' | 'op' | 'newline' | 'comment' | 'eof';

/** One token; `start`/`end` are offsets into the lexed source (end exclusive). */
export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Numeric value of a `number` token (NaN otherwise). */
  readonly value: number;
  /** For `number`: written without `.` or exponent. For `name`: the name is a Python keyword. */
  readonly flag: boolean;
}

/** Options for {@link tokenize}. */
export interface LexOptions {
  /** First offset to lex (default 0); token offsets stay relative to the whole source. */
  readonly start?: number;
  /** Offset to stop at (default: end of source). */
  readonly end?: number;
  /**
   * Python's implicit line joining: a newline inside `()`, `[]` or `{}` is whitespace, and so is
   * a backslash directly before a newline. Off for statements, which Brian2 splits line by line.
   */
  readonly joinLines?: boolean;
}

// Operators, longest first within each leading character, so that maximal munch picks `**=`
// before `**` before `*`. Unsupported Python operators are lexed too, for precise error messages.
const OPERATORS: readonly string[] = [
  '**=', '//=', '>>=', '<<=', '...',
  '**', '//', '<=', '>=', '==', '!=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=', ':=',
  '<<', '>>', '->',
  '+', '-', '*', '/', '%', '<', '>', '=', '(', ')', '[', ']', '{', '}', ',', ';', ':', '.', '^', '&',
  '|', '~', '@', '!',
];
const OPS_BY_FIRST = new Map<string, string[]>();
for (const op of OPERATORS) {
  const list = OPS_BY_FIRST.get(op[0]!) ?? [];
  list.push(op);
  OPS_BY_FIRST.set(op[0]!, list);
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isIdStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isIdChar = (c: number): boolean => isIdStart(c) || isDigit(c);
const isHex = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

function describeChar(source: string, at: number): string {
  const cp = source.codePointAt(at)!;
  const ch = String.fromCodePoint(cp);
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  // Invisible characters are named by code point only.
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(ch) ? `'${ch}' (${hex})` : hex;
}

/** Splits `source` (or `source[start, end)`) into tokens, ending with one `eof` token. */
export function tokenize(source: string, options: LexOptions = {}): Token[] {
  const begin = options.start ?? 0;
  const stop = options.end ?? source.length;
  const joinLines = options.joinLines ?? true;
  const tokens: Token[] = [];
  let depth = 0; // open brackets, for implicit line joining
  let i = begin;

  const fail = (reason: string, at: number, length = 1): never => {
    throw new ParseError(reason, source, at, length);
  };
  const push = (kind: TokenKind, start: number, end: number, value = Number.NaN, flag = false): void => {
    tokens.push({ kind, text: source.slice(start, end), start, end, value, flag });
  };

  // Consumes digits with single underscores between them (Python's `digitpart`); returns false if none.
  const digits = (test: (c: number) => boolean): boolean => {
    if (i >= stop || !test(source.charCodeAt(i))) return false;
    i++;
    while (i < stop) {
      const c = source.charCodeAt(i);
      if (test(c)) i++;
      else if (c === 95 && i + 1 < stop && test(source.charCodeAt(i + 1))) i += 2;
      else break;
    }
    return true;
  };

  const lexNumber = (start: number): void => {
    let isInteger = true;
    const c0 = source.charCodeAt(start);
    const c1 = start + 1 < stop ? source.charCodeAt(start + 1) | 0x20 : 0;
    if (c0 === 48 && (c1 === 0x78 || c1 === 0x6f || c1 === 0x62)) {
      // 0x…, 0o…, 0b… integers; Python allows `0x_1f`.
      const test = c1 === 0x78 ? isHex : c1 === 0x6f ? (c: number) => c >= 48 && c <= 55 : (c: number) => c === 48 || c === 49;
      i = start + 2;
      if (i < stop && source.charCodeAt(i) === 95) i++;
      if (!digits(test)) badNumber(start);
    } else {
      const intDigits = digits(isDigit);
      if (i < stop && source.charCodeAt(i) === 46) {
        i++;
        isInteger = false;
        const fracDigits = digits(isDigit);
        if (!intDigits && !fracDigits) badNumber(start);
      }
      if (i < stop && (source.charCodeAt(i) | 0x20) === 0x65) {
        isInteger = false;
        i++;
        if (i < stop && (source.charCodeAt(i) === 43 || source.charCodeAt(i) === 45)) i++;
        if (!digits(isDigit)) badNumber(start);
      }
      if (isInteger && c0 === 48 && /[1-9]/.test(source.slice(start, i))) {
        fail(
          'Leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers',
          start,
          i - start,
        );
      }
    }
    if (i < stop) {
      const c = source.charCodeAt(i);
      if ((c | 0x20) === 0x6a) fail('Complex number literals are not supported', start, i + 1 - start);
      if (isIdChar(c) || c === 46) badNumber(start);
    }
    const text = source.slice(start, i).replace(/_/g, '');
    push('number', start, i, Number(text), isInteger);
  };

  const badNumber = (start: number): never => {
    // Report the whole run of number-like characters, e.g. all of `1.2.3` or `1e`.
    let end = i;
    while (end < stop && (isIdChar(source.charCodeAt(end)) || source.charCodeAt(end) === 46)) end++;
    if (end === i) end = Math.min(i + 1, stop);
    return fail(`Invalid number literal '${source.slice(start, Math.max(end, start + 1))}'`, start, Math.max(end - start, 1));
  };

  while (i < stop) {
    const c = source.charCodeAt(i);
    if (c === 32 || c === 9 || c === 12 || c === 13) {
      i++;
    } else if (c === 10) {
      if (!(joinLines && depth > 0)) push('newline', i, i + 1);
      i++;
    } else if (c === 35) {
      let end = source.indexOf('\n', i);
      if (end === -1 || end > stop) end = stop;
      push('comment', i, end);
      i = end;
    } else if (isDigit(c) || (c === 46 && i + 1 < stop && isDigit(source.charCodeAt(i + 1)))) {
      lexNumber(i);
    } else if (isIdStart(c)) {
      const start = i;
      while (i < stop && isIdChar(source.charCodeAt(i))) i++;
      // Python reads `b'..'`, `f'..'`, `r'..'` etc. as (unsupported) string literals.
      const next = i < stop ? source.charCodeAt(i) : 0;
      if ((next === 34 || next === 39) && i - start <= 2 && /^[bfru]+$/i.test(source.slice(start, i))) {
        fail('String literals are not supported', start, i - start + 1);
      }
      const text = source.slice(start, i);
      push('name', start, i, Number.NaN, PYTHON_KEYWORDS.has(text));
    } else if (c === 34 || c === 39) {
      fail('String literals are not supported', i);
    } else if (c === 92) {
      // Explicit line joining: a backslash directly followed by a newline.
      const nl = source.charCodeAt(i + 1) === 13 && source.charCodeAt(i + 2) === 10 ? 2 : 1;
      if (joinLines && i + nl < stop && source.charCodeAt(i + nl) === 10) {
        i += nl + 1;
      } else if (i + nl < stop && source.charCodeAt(i + nl) === 10) {
        fail('A statement cannot be continued on the next line with a backslash', i);
      } else {
        fail("Unexpected character '\\' (a backslash only continues a line when it ends the line)", i);
      }
    } else {
      const candidates = OPS_BY_FIRST.get(source[i]!);
      const op = candidates?.find((o) => source.startsWith(o, i) && i + o.length <= stop);
      if (op === undefined) fail(`Unexpected character ${describeChar(source, i)}`, i, c >= 0xd800 && c <= 0xdbff ? 2 : 1);
      const start = i;
      i += op!.length;
      if (op === '(' || op === '[' || op === '{') depth++;
      else if ((op === ')' || op === ']' || op === '}') && depth > 0) depth--;
      push('op', start, i);
    }
  }
  push('eof', stop, stop);
  return tokens;
}
