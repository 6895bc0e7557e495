/** Stack traces of bundled workers, mapped when formatted: lookups as Node's findEntry, frames as Node formats them. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DecodedMap, formatStack } from './stack-map.ts';
import { encodeMappings } from './sourcemap.ts';

// Generated line 0: [col 0 → lib.ts 0:0], [col 10 → user.ts 4:2 named 'model'], [col 30 → no source];
// line 1: none; line 2: [col 5 → user.ts 7:0].
const MAP = {
  version: 3,
  sources: ['../src/lib.ts', 'user.ts'],
  names: ['model'],
  mappings: encodeMappings([[[0, 0, 0, 0], [10, 1, 4, 2, 0], [30]], [], [[5, 1, 7, 0]]]),
};
const map = new DecodedMap(MAP, '/cache/dir/bundle.mjs.map');

/** A stand-in for V8's CallSite. */
function site(file: string, line: number, column: number, fn: string | null, options: { type?: string; enclosing?: [number, number]; text?: string } = {}) {
  return {
    getFileName: () => file,
    getLineNumber: () => line,
    getColumnNumber: () => column,
    getEnclosingLineNumber: () => options.enclosing?.[0] ?? line,
    getEnclosingColumnNumber: () => options.enclosing?.[1] ?? 1,
    getFunctionName: () => fn,
    getMethodName: () => null,
    getTypeName: () => options.type ?? null,
    toString: () => options.text ?? `${fn ?? '<anonymous>'} (${file}:${line}:${column})`,
  };
}

describe('stack traces of a bundled worker', () => {
  it('finds the entry at or before a generated position, as Node does (earlier lines included)', () => {
    assert.deepEqual(map.findEntry(0, 0), { originalSource: '/cache/src/lib.ts', originalLine: 0, originalColumn: 0 });
    assert.deepEqual(map.findEntry(0, 9), { originalSource: '/cache/src/lib.ts', originalLine: 0, originalColumn: 0 });
    assert.deepEqual(map.findEntry(0, 10), { originalSource: '/cache/dir/user.ts', originalLine: 4, originalColumn: 2, name: 'model' });
    assert.deepEqual(map.findEntry(0, 29), { originalSource: '/cache/dir/user.ts', originalLine: 4, originalColumn: 2, name: 'model' });
    assert.deepEqual(map.findEntry(0, 31), {}, 'a segment without a source maps to nothing');
    assert.deepEqual(map.findEntry(2, 4), {}, 'before the first segment of line 2: the last of line 0');
    assert.deepEqual(map.findEntry(2, 6), { originalSource: '/cache/dir/user.ts', originalLine: 7, originalColumn: 0 });
    assert.deepEqual(map.findEntry(9, 0), { originalSource: '/cache/dir/user.ts', originalLine: 7, originalColumn: 0 }, 'past the end: the last segment');
  });

  it("formats mapped frames as Node does (the map's name of the enclosing function) and leaves other frames to V8", () => {
    const B = '/cache/dir/bundle.mjs';
    const mapOf = (file: string | null | undefined): DecodedMap | null => (file === B ? map : null);
    const trace = [
      site(B, 1, 21, 'a', { enclosing: [1, 11] }), // in the user's model: minified name 'a', the map says 'model'
      site(B, 3, 6, 'b', { type: 'Xy', enclosing: [3, 1] }), // no name in the map there: V8's, with its type
      site('node:internal/x', 5, 1, 'run', { text: 'run (node:internal/x:5:1)' }),
    ];
    const error = new RangeError('bad');
    assert.equal(
      formatStack(error, trace, mapOf),
      'RangeError: bad\n' + '    at model (/cache/dir/user.ts:5:3)\n' + '    at Xy.b (/cache/dir/user.ts:8:1)\n' + '    at run (node:internal/x:5:1)',
    );
    assert.equal(formatStack(Object.assign(new TypeError('no'), { code: 'ERR_INVALID_ARG_TYPE' }), [], mapOf), 'TypeError [ERR_INVALID_ARG_TYPE]: no', "Node's own errors keep their code");
  });
});
