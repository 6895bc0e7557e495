import { BrianError } from '../util/index.ts';

/** 1-based line and column of a UTF-16 offset into `source`. */
export function locate(source: string, offset: number): { line: number; column: number } {
  const clamped = Math.max(0, Math.min(offset, source.length));
  let line = 1;
  let lineStart = 0;
  for (let k = source.indexOf('\n'); k !== -1 && k < clamped; k = source.indexOf('\n', k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return { line, column: clamped - lineStart + 1 };
}

// Lines longer than this are shown as a window around the error so messages stay readable.
const MAX_EXCERPT = 100;
const CONTEXT_BEFORE = 40;

/**
 * The source line containing `offset`, followed by a caret line under `[offset, offset+length)`.
 * Each line is indented by two spaces; tabs become single spaces so the caret stays aligned.
 */
export function caretExcerpt(source: string, offset: number, length = 1): string {
  const clamped = Math.max(0, Math.min(offset, source.length));
  // (lastIndexOf treats a negative start as 0: at offset 0 a leading newline would count as before it)
  const lineStart = clamped === 0 ? 0 : source.lastIndexOf('\n', clamped - 1) + 1;
  let lineEnd = source.indexOf('\n', clamped);
  if (lineEnd === -1) lineEnd = source.length;
  let text = source.slice(lineStart, lineEnd).replace(/[\t\r\f\v]/g, ' ');
  let col = clamped - lineStart;
  // The caret covers at least one column (so an error at end of input points just past the text)
  // and never runs past the end of this line.
  let width = Math.max(1, Math.min(length, text.length - col));
  if (text.length > MAX_EXCERPT) {
    const from = Math.max(0, col - CONTEXT_BEFORE);
    const to = Math.min(text.length, from + MAX_EXCERPT);
    const prefix = from > 0 ? '...' : '';
    const suffix = to < text.length ? '...' : '';
    text = prefix + text.slice(from, to) + suffix;
    col = col - from + prefix.length;
    width = Math.max(1, Math.min(width, to - clamped + lineStart));
  }
  return `  ${text}\n  ${' '.repeat(col)}${'^'.repeat(width)}`;
}

/**
 * A syntax error in an expression or statement string. `line` and `column` are 1-based;
 * `offset` (0-based) and `length` give the offending range in `source`. `reason` is the
 * message without the location and excerpt. The message reads:
 *
 * ```text
 * Line 1, column 10: Expected ')' but found end of input
 *   (a + b * c
 *             ^
 * ```
 */
export class ParseError extends BrianError {
  /** What went wrong, without the position. */
  readonly reason: string;
  /** The text that was parsed. */
  readonly source: string;
  /** Offset of the error in `source` (0-based). */
  readonly offset: number;
  /** Length of the offending text (at least 1). */
  readonly length: number;
  /** Line of the error (1-based). */
  readonly line: number;
  /** Column of the error (1-based). */
  readonly column: number;

  constructor(reason: string, source: string, offset: number, length = 1, options?: { cause?: unknown }) {
    const clamped = Math.max(0, Math.min(offset, source.length));
    const { line, column } = locate(source, clamped);
    super(`Line ${line}, column ${column}: ${reason}\n${caretExcerpt(source, clamped, length)}`, options);
    this.reason = reason;
    this.source = source;
    this.offset = clamped;
    this.length = Math.max(0, length);
    this.line = line;
    this.column = column;
  }

  /**
   * The same error located in a larger or rewritten `source`: for callers that parsed a piece of
   * their own text (e.g. an equation's right-hand side after joining continuation lines).
   * `mapOffset` is either the offset at which the parsed string starts inside `source`, or a
   * function mapping an offset in the parsed string to an offset in `source`.
   */
  rebase(source: string, mapOffset: number | ((offset: number) => number)): ParseError {
    const map = typeof mapOffset === 'number' ? (o: number) => o + mapOffset : mapOffset;
    const start = map(this.offset);
    const end = this.length > 0 ? map(this.offset + this.length - 1) + 1 : start;
    return new ParseError(this.reason, source, start, Math.max(end - start, 0), { cause: this });
  }
}
