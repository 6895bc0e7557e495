/**
 * Where in the program an error belongs. brian-ts's typed errors locate themselves inside the
 * model string they came from (`source` + `offset`, or an equation's `variable`); the program holds
 * that string as a literal, so the model-string position is found again in the program text. When
 * that fails, the place where the failing object was created, then the innermost stack frame in
 * the program, is used.
 */
import type { ErrorInfo, ProgramPosition } from './protocol.ts';

export interface Located extends ProgramPosition {
  /** Characters to underline from the column (at least 1). */
  readonly length: number;
  /** How the position was found (for tests and the status line). */
  readonly how: 'model-string' | 'equation' | 'created' | 'stack' | 'syntax';
}

function positionAt(text: string, offset: number): ProgramPosition {
  const before = text.slice(0, offset);
  const nl = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - nl };
}

function occurrences(text: string, needle: string): number[] {
  const out: number[] = [];
  if (needle === '') return out;
  for (let k = text.indexOf(needle); k >= 0; k = text.indexOf(needle, k + 1)) out.push(k);
  return out;
}

/** Of several candidate offsets, the one whose line is nearest the anchor line (the first if none). */
function nearest(text: string, offsets: readonly number[], anchor: number | undefined): number | undefined {
  if (offsets.length <= 1 || anchor === undefined) return offsets[0];
  let best = offsets[0]!;
  let bestDistance = Infinity;
  for (const o of offsets) {
    const d = Math.abs(positionAt(text, o).line - anchor);
    if (d < bestDistance) [best, bestDistance] = [o, d];
  }
  return best;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function locateError(program: string, info: ErrorInfo): Located | undefined {
  if (info.phase === 'transpile') return info.frame === undefined ? undefined : { ...info.frame, length: 1, how: 'syntax' };
  const anchor = info.createdAt?.line ?? info.frame?.line;
  for (const link of info.chain) {
    if (link.source === undefined || link.offset === undefined || link.source.trim() === '') continue;
    const length = Math.max(1, link.length ?? 1);
    // The whole model string, as written in the program (a template literal or a plain string).
    const whole = nearest(program, occurrences(program, link.source), anchor);
    if (whole !== undefined) return { ...positionAt(program, whole + link.offset), length, how: 'model-string' };
    // Otherwise the line of the model string that holds the error (strings built from pieces).
    const lineStart = link.source.lastIndexOf('\n', link.offset - 1) + 1;
    const lineEndRaw = link.source.indexOf('\n', link.offset);
    const sourceLine = link.source.slice(lineStart, lineEndRaw < 0 ? undefined : lineEndRaw);
    if (sourceLine.trim().length >= 3) {
      const at = nearest(program, occurrences(program, sourceLine), anchor);
      if (at !== undefined) return { ...positionAt(program, at + (link.offset - lineStart)), length, how: 'model-string' };
    }
  }
  for (const link of info.chain) {
    if (link.variable === undefined || !/^[A-Za-z_]\w*$/.test(link.variable)) continue;
    const v = escapeRegExp(link.variable);
    // The variable's defining equation: `dv/dt = …` or, for a subexpression, `v = … : unit`
    // (a line with a unit; a reset `v = -60*mV` is a statement, not an equation).
    const derivative = [...program.matchAll(new RegExp(`\\bd${v}\\s*/\\s*dt\\s*=`, 'g'))].map((m) => ({ at: m.index, length: m[0].replace(/\s*=$/, '').length }));
    const subexpression = [...program.matchAll(new RegExp(`(?:^|\\n|['"\`])[ \\t]*(${v})[ \\t]*=(?!=)[^\\n'"\`:]*:`, 'g'))].map((m) => ({ at: m.index + m[0].indexOf(m[1]!), length: link.variable!.length }));
    for (const candidates of [derivative, subexpression]) {
      const at = nearest(program, candidates.map((c) => c.at), anchor);
      if (at === undefined) continue;
      const length = candidates.find((c) => c.at === at)!.length;
      return { ...positionAt(program, at), length, how: 'equation' };
    }
  }
  if (info.createdAt !== undefined) return { ...info.createdAt, length: 1, how: 'created' };
  if (info.frame !== undefined) return { ...info.frame, length: 1, how: 'stack' };
  return undefined;
}
