// A thread's own instance of a ranged code object (RangedCode.bind): loop bounds clamped to the
// literal [0, N]. It must give the bits of the unbound form over any range, do nothing over an
// empty range (the threads' warm-up calls), and be a new text at every call.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NeuronGroup } from 'brian-ts';
import type { RangedCode } from '../../src/codegen/index.ts';
import { compileCodeBlock, setParallelHook } from '../../src/codegen/index.ts';
import { parseStatements } from '../../src/parsing/index.ts';

type Fn = RangedCode['run'];

function rangedOf(N: number): { ranged: RangedCode; v: Float64Array } {
  const G = new NeuronGroup(N, 'v : 1', { name: `bound_host_${N}` });
  const variables = (G as unknown as { variables: Map<string, { array: Float64Array }> }).variables;
  let ranged: RangedCode | undefined;
  setParallelHook((c, r) => {
    ranged = r;
    return c;
  }, 2);
  try {
    compileCodeBlock({ name: `bound_${N}`, template: 'stateupdate', statements: parseStatements('v = v + (1.2 - v) * 0.01 + sin(v)'), variables: variables as never, N });
  } finally {
    setParallelHook(undefined);
  }
  assert.ok(ranged !== undefined, 'the ranged form was rendered');
  return { ranged, v: variables.get('v')!.array };
}

const instantiate = (r: RangedCode, source: string): Fn => (new Function('$cap', source) as (c: readonly unknown[]) => Fn)(r.captures);

describe('RangedCode.bind', () => {
  it("gives the unbound form's bits over any range, nothing over an empty range, and a unique text", () => {
    const N = 1001;
    const { ranged, v } = rangedOf(N);
    assert.ok(ranged.bind !== undefined);
    const initial = Float64Array.from({ length: N }, (_, i) => Math.sin(i) * 1.5);
    const segs = new Int32Array(4);
    const a = ranged.bind();
    assert.notEqual(a, ranged.bind(), 'every call is a new text');
    const f = instantiate(ranged, a);
    v.set(initial);
    for (let k = 0; k < 25; k++) f(500, 500, 0, segs); // warm-up calls: nothing changes
    assert.deepEqual([...v], [...initial]);
    // One instance runs any chunk (the threads take chunks dynamically).
    for (const [lo, hi] of [[0, 500], [500, 1001], [0, 1001], [333, 334], [1000, 1001]] as const) {
      v.set(initial);
      f(lo, hi, 0, segs);
      const bound = Float64Array.from(v);
      v.set(initial);
      ranged.run(lo, hi, 0, segs);
      assert.deepEqual([...bound], [...v], `[${lo}, ${hi})`);
      assert.deepEqual([...bound.slice(0, lo)], [...initial.slice(0, lo)], 'nothing before the range');
      assert.deepEqual([...bound.slice(hi)], [...initial.slice(hi)], 'nothing after the range');
      assert.notDeepEqual([...bound.slice(lo, hi)], [...initial.slice(lo, hi)], 'the range changed');
    }
    // Bounds outside [0, N] are clamped: no element outside the arrays is ever touched.
    v.set(initial);
    f(-5, N + 7, 0, segs);
    const clamped = Float64Array.from(v);
    v.set(initial);
    ranged.run(0, N, 0, segs);
    assert.deepEqual([...clamped], [...v]);
  });
});
