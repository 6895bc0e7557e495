/**
 * FunctionBody's capture / rename / interleave (session 13, s13-sched): the parts of captured code end where the
 * operand stack is empty outside any block, a copy with its written locals renamed is independent of the original,
 * and the two interleaved compute what they compute one after the other.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FunctionBody, SIMD, instantiate, moduleBytes, wasmSimd } from './wasm-emit.ts';
import { InternalError } from '../util/index.ts';

const skip = !wasmSimd && 'no WebAssembly SIMD';

test('capture: parts end where the stack is empty (a block is one part), the written locals are listed, unknown stack effects throw', { skip }, () => {
  const f = new FunctionBody();
  const x = f.v128();
  const y = f.v128();
  const c = f.capture(() => {
    f.get(0).mem(SIMD.load, 0).f64x2(2).simd(SIMD.f64x2Mul).set(x);
    f.get(x).get(x).simd(SIMD.f64x2Add).tee(y).set(x);
    f.i32Const(1).when(() => f.get(y).set(x));
    f.get(0).get(x).mem(SIMD.store, 16);
  });
  assert.equal(c.parts.length, 4);
  assert.deepEqual([...c.written].sort(), [x, y].sort());
  assert.throws(() => f.capture(() => f.op(0x99).op(0x1a)), InternalError);
  assert.throws(() => f.capture(() => f.get(x)), InternalError, 'a value left on the stack');
});

test('interleave: a captured pair and its renamed copy at another address, alternately, give both pairs\' values', { skip }, () => {
  const f = new FunctionBody();
  const b = f.i32();
  const x = f.v128();
  const y = f.v128();
  f.get(0).i32Const(16).op(0x6a).set(b);
  // (x·x + x) / 3 at address a, stored 32 bytes on: three parts, x and y written.
  const a = f.capture(() => {
    f.get(0).mem(SIMD.load, 0).set(x);
    f.get(x).get(x).simd(SIMD.f64x2Mul).get(x).simd(SIMD.f64x2Add).set(y);
    f.get(0).get(y).f64x2(3).simd(SIMD.f64x2Div).mem(SIMD.store, 32);
  });
  const copy = f.renamed(a, new Map([[0, b], [x, f.like(x)], [y, f.like(y)]]));
  assert.ok(![...copy.written].some((l) => a.written.has(l)), 'the copy writes none of the original\'s locals');
  f.interleave(a, copy);
  const { buffer, k } = instantiate(moduleBytes(f, 1));
  const m = new Float64Array(buffer);
  m.set([1, 2, 3, 4]);
  k(0);
  assert.deepEqual([...m.subarray(4, 8)], [1, 2, 3, 4].map((v) => (v * v + v) / 3));
});
