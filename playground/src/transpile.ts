/**
 * A program's TypeScript → the JavaScript the worker runs: sucrase strips the types only, then
 * imports.ts turns the static imports into `require` calls and drops `export`s (line numbers kept,
 * so stack lines map to program lines). This runs in the page, not in the worker (session 6): it
 * parses text and runs nothing, and sucrase (≈ 190 KiB minified) then costs the page, which is idle
 * while the worker starts, instead of every fresh worker's start-up.
 */
import { transform } from 'sucrase';
import { rewriteImports, stripExports } from './imports.ts';
import { SOURCE_URL } from './protocol.ts';
import type { ErrorInfo, ErrorLink, ProgramPosition } from './protocol.ts';

export type Transpiled = { readonly ok: true; readonly code: string } | { readonly ok: false; readonly error: ErrorInfo };

function positionOf(text: string, offset: number): ProgramPosition {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/** The program as JavaScript, or why it does not parse (with its position when sucrase gives one). */
export function transpile(program: string): Transpiled {
  try {
    const js = transform(program, { transforms: ['typescript'], filePath: SOURCE_URL, production: true, disableESTransforms: true }).code;
    return { ok: true, code: stripExports(rewriteImports(js)) };
  } catch (e) {
    const chain: ErrorLink[] = [];
    for (let c: unknown = e; c !== undefined && c !== null && chain.length < 8; c = c instanceof Error ? c.cause : undefined) {
      chain.push(c instanceof Error ? { name: c.name, message: c.message } : { name: 'Error', message: String(c) });
    }
    const pos = (e as { pos?: unknown }).pos;
    return { ok: false, error: { phase: 'transpile', chain, ...(typeof pos === 'number' ? { frame: positionOf(program, pos) } : {}) } };
  }
}
