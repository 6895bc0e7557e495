/**
 * Stack traces of a bundled sweep worker, mapped to the script's lines when they are formatted
 * (issue 12, session 12). Node's own source maps (`process.setSourceMapsEnabled(true)`) read the
 * bundle's map and index every line of the bundle (≈ 660 kB) as it is compiled: 15–40 ms of each
 * worker's ≈ 140 ms start-up, for stack traces a sweep formats only when something fails (a
 * creation site in an error message, an error the model prints). Here the map is read and decoded
 * at the first trace of a frame in the bundle; frames are formatted exactly as Node formats
 * source-mapped ones (lib/internal/source_map/prepare_stack_trace.js in Node 20), others as V8 does.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeMappings } from './sourcemap.ts';

/** What a generated position maps to (Node's `SourceMap.findEntry`); empty when nothing. */
export interface MapEntry {
  readonly originalSource?: string;
  readonly originalLine?: number;
  readonly originalColumn?: number;
  readonly name?: string;
}

/** A decoded source map: the entry at or before a generated position (0-based), as Node's `findEntry`. */
export class DecodedMap {
  private readonly lines: number[][][];
  private readonly sources: string[];
  private readonly names: readonly string[];

  /** `map`: the parsed JSON; `mapFile`: its path (sources are relative to its folder). */
  constructor(map: { mappings: string; sources: readonly string[]; names?: readonly string[]; sourceRoot?: string }, mapFile: string) {
    this.lines = decodeMappings(map.mappings);
    const root = resolve(dirname(mapFile), map.sourceRoot ?? '');
    this.sources = map.sources.map((s) => (s.startsWith('file://') ? fileURLToPath(s) : isAbsolute(s) ? s : resolve(root, s)));
    this.names = map.names ?? [];
  }

  findEntry(line: number, column: number): MapEntry {
    // The last segment at or before (line, column): on this line, else the last of an earlier one.
    for (let l = Math.min(line, this.lines.length - 1), col = line < this.lines.length ? column : Infinity; l >= 0; l--, col = Infinity) {
      const segments = this.lines[l]!;
      let lo = 0;
      let hi = segments.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (segments[mid]![0]! <= col) {
          found = mid;
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      if (found < 0) continue;
      const s = segments[found]!;
      if (s.length < 4) return {};
      return { originalSource: this.sources[s[1]!], originalLine: s[2], originalColumn: s[3], ...(s.length >= 5 ? { name: this.names[s[4]!] } : {}) };
    }
    return {};
  }
}

/** The parts of V8's CallSite used here. */
interface CallSite {
  getFileName(): string | null | undefined;
  getLineNumber(): number | null;
  getColumnNumber(): number | null;
  getEnclosingLineNumber?(): number | null;
  getEnclosingColumnNumber?(): number | null;
  getFunctionName(): string | null;
  getMethodName(): string | null;
  getTypeName(): string | null;
  toString(): string;
}

/** Node's `getOriginalSymbolName`: the enclosing function's name in the map, else the name at the next frame's call. */
function originalSymbolName(map: DecodedMap, trace: readonly CallSite[], k: number): string | undefined {
  const t = trace[k]!;
  const enclosing = map.findEntry((t.getEnclosingLineNumber?.() ?? 0) - 1, (t.getEnclosingColumnNumber?.() ?? 0) - 1);
  if (enclosing.name) return enclosing.name;
  const next = trace[k + 1];
  if (next !== undefined && t.getFileName() === next.getFileName()) return map.findEntry((next.getLineNumber() ?? 0) - 1, (next.getColumnNumber() ?? 0) - 1).name;
  return undefined;
}

/** One frame as Node formats it with source maps on (`mapOf`: the map of a file, or null). */
function formatFrame(trace: readonly CallSite[], k: number, mapOf: (file: string | null | undefined) => DecodedMap | null): string {
  const t = trace[k]!;
  const map = mapOf(t.getFileName());
  if (map !== null) {
    const e = map.findEntry((t.getLineNumber() ?? 0) - 1, (t.getColumnNumber() ?? 0) - 1);
    if (e.originalSource !== undefined && e.originalLine !== undefined && e.originalColumn !== undefined) {
      const name = originalSymbolName(map, trace, k);
      const fnName = t.getFunctionName() ?? t.getMethodName();
      const typeName = t.getTypeName();
      const originalName = `${typeName !== null && typeName !== 'global' ? `${typeName}.` : ''}${fnName || '<anonymous>'}`;
      const prefix = name && name !== originalName ? name : originalName;
      return `${prefix} (${e.originalSource}:${e.originalLine + 1}:${e.originalColumn + 1})`;
    }
  }
  return String(t);
}

/** The first line of a stack: `Name: message` (Node's own errors: `Name [CODE]: message`). */
function errorLine(error: unknown): string {
  try {
    const e = error as { name?: unknown; code?: unknown; message?: unknown };
    if (typeof e.code === 'string' && /^ERR_[A-Z0-9_]+$/.test(e.code)) return `${String(e.name)} [${e.code}]: ${String(e.message)}`;
    return Error.prototype.toString.call(error);
  } catch {
    return '<error>';
  }
}

/** A stack as Node formats it, frames in files with a map (`mapOf`) mapped. */
export function formatStack(error: unknown, trace: readonly CallSite[], mapOf: (file: string | null | undefined) => DecodedMap | null): string {
  const head = errorLine(error);
  if (trace.length === 0) return head;
  return `${head}\n    at ${trace.map((_, k) => formatFrame(trace, k, mapOf)).join('\n    at ')}`;
}

/**
 * Maps this thread's stack traces through the bundle's linked map (`<bundle>.map`), read and
 * decoded at the first trace of a frame in the bundle. A map that cannot be read leaves frames as
 * they are. Replaces `Error.prepareStackTrace` (V8 calls it when a stack is first read).
 */
export function installStackMapper(bundleUrl: string): void {
  const bundlePath = fileURLToPath(bundleUrl);
  let map: DecodedMap | null | undefined;
  const mapOf = (file: string | null | undefined): DecodedMap | null => {
    if (file !== bundleUrl && file !== bundlePath) return null;
    if (map === undefined) {
      try {
        const mapFile = `${bundlePath}.map`;
        map = new DecodedMap(JSON.parse(readFileSync(mapFile, 'utf8')) as { mappings: string; sources: string[] }, mapFile);
      } catch {
        map = null;
      }
    }
    return map;
  };
  Error.prepareStackTrace = (error: Error, trace: NodeJS.CallSite[]): string => formatStack(error, trace as unknown as CallSite[], mapOf);
}
