/**
 * A group's state in one shared WebAssembly memory (session 7): which arrays move, that their
 * values, types and lengths are kept, that they are aligned and do not overlap, and that small
 * tables, scalars, dynamic arrays and other tables' variables stay where they are.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Variables, addIndexVariables, createArrayVariable, packWasmStorage, wasmMemoryOf, wasmStorageAvailable, WASM_STORAGE_MIN_ELEMENTS } from './index.ts';

const skip = !wasmStorageAvailable && 'no shared WebAssembly memory here';

function table(N: number): Variables {
  const vars = new Variables('g');
  addIndexVariables(vars, N);
  vars.addArray('v', { size: N, values: Array.from({ length: N }, (_, i) => i / 7) });
  vars.addArray('nr', { dtype: 'bool', size: N, values: Array.from({ length: N }, (_, i) => i % 2) });
  vars.addArray('f', { dtype: 'float32', size: N, values: Array.from({ length: N }, (_, i) => i / 3) });
  vars.addArray('_spikespace', { dtype: 'int32', size: N + 1, values: 5 });
  vars.addArray('s', { size: 1, scalar: true, values: 2 });
  vars.addArray('d', { size: 'dynamic', values: [1, 2, 3] });
  return vars;
}

test('packWasmStorage moves the fixed-size element arrays into one shared memory, keeping values, types and lengths', { skip }, () => {
  const N = 1037;
  const vars = table(N);
  const before = new Map([...vars].filter(([, v]) => v.kind === 'array').map(([n, v]) => [n, Array.from((v as { array: ArrayLike<number> }).array)]));
  const other = createArrayVariable('t', { size: 1, scalar: true });
  vars.add(other);
  const memory = packWasmStorage(vars, 1);
  assert.ok(memory !== undefined);
  assert.ok(memory.buffer instanceof SharedArrayBuffer);
  // Exactly sized (whole pages), never grown.
  assert.equal(memory.buffer.byteLength % 65536, 0);
  const moved: { name: string; start: number; end: number }[] = [];
  for (const [name, v] of vars) {
    if (v.kind !== 'array') continue;
    assert.deepEqual(Array.from(v.array), before.get(name) ?? Array.from(v.array), `${name}: values kept`);
    const inside: boolean = wasmMemoryOf(v.array) === memory;
    assert.equal(inside, !v.scalar && v.size !== 'dynamic', `${name}: moved ${inside}`);
    if (!inside) continue;
    assert.equal(v.array.length, v.size, `${name}: length`);
    assert.equal(v.array.byteOffset % 64, 0, `${name}: aligned`);
    moved.push({ name, start: v.array.byteOffset, end: v.array.byteOffset + v.array.byteLength });
  }
  assert.deepEqual(moved.map((m) => m.name).sort(), ['_spikespace', 'f', 'i', 'nr', 'v'].sort());
  assert.ok(vars.getArray('f').array instanceof Float32Array && vars.getArray('nr').array instanceof Uint8Array && vars.getArray('i').array instanceof Int32Array);
  moved.sort((a, b) => a.start - b.start);
  for (let k = 1; k < moved.length; k++) assert.ok(moved[k]!.start >= moved[k - 1]!.end, 'no overlap');
  // Room after the last array (a kernel's odd last element loads one lane past it).
  assert.ok(memory.buffer.byteLength >= moved.at(-1)!.end + 16);
  // Writes go to the memory.
  vars.getArray('v').array[3] = 42;
  assert.equal(new Float64Array(memory.buffer, vars.getArray('v').array.byteOffset, N)[3], 42);
  // A second call finds nothing left to move.
  assert.equal(packWasmStorage(vars, 1), undefined);
});

test('tables below the size threshold keep their storage', { skip }, () => {
  const small = table(WASM_STORAGE_MIN_ELEMENTS - 1);
  assert.equal(packWasmStorage(small), undefined);
  assert.equal(wasmMemoryOf(small.getArray('v').array), undefined);
  const large = table(WASM_STORAGE_MIN_ELEMENTS);
  assert.ok(packWasmStorage(large) !== undefined);
  assert.ok(wasmMemoryOf(large.getArray('v').array) !== undefined);
});
