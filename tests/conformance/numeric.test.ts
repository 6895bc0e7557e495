/** src/numeric against numpy (fixtures/numeric.json from generate/numeric.py): every value bit for bit. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { RandomState, arange, histogram, linspace, NumericError } from '../../src/numeric/index.ts';
import { DimensionMismatchError, QuantityArray, mV, ms } from '../../src/units/index.ts';

const fx = JSON.parse(readFileSync(new URL('./fixtures/numeric.json', import.meta.url), 'utf8')) as {
  random: Record<string, number[] | number>[];
  global: { seed: number; rand: number[]; randn: number[] };
  linspace: { args: [number, number, number, boolean]; values: number[] }[];
  arange: { args: number[]; values: number[] }[];
  histogram: { bins: number | number[]; range: [number, number] | null; density: boolean; counts: number[]; edges: number[] }[];
  histogram_data: number[];
};

/**
 * Within 2 units in the last place: the normal and exponential draws take a logarithm, and V8's
 * Math.log may differ from glibc's by one ulp (the uniforms under them are identical).
 */
function assertUlps(actual: Float64Array, expected: number[]): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((a, k) => {
    const e = expected[k]!;
    assert.ok(Math.abs(a - e) <= 2 * Number.EPSILON * Math.abs(e), `${a} vs ${e} at ${k}`);
  });
}

describe('RandomState equals numpy legacy RandomState (bit for bit; logarithms within 2 ulp)', () => {
  for (const c of fx.random) {
    it(`seed ${String(c.seed)}`, () => {
      const r = new RandomState(c.seed as number);
      assert.deepEqual(Array.from(r.rand(5)), c.rand);
      assertUlps(r.randn(7), c.randn as number[]);
      assert.deepEqual(Array.from(r.uniform(-70, -50, 5)), c.uniform);
      assertUlps(r.normal(2.0, 0.5, 5), c.normal as number[]);
      assertUlps(r.exponential(3.0, 5), c.exponential as number[]);
      assert.deepEqual(Array.from(r.randint(0, 10, 8)), c.randint);
      assert.deepEqual(Array.from(r.randint(-5, 100000, 8)), c.randint_big);
      assert.deepEqual(Array.from(r.permutation(10)), c.permutation);
      assert.deepEqual(Array.from(r.choice(20, 6)), c.choice);
      assert.deepEqual(Array.from(r.choice(20, 6, { replace: false })), c.choice_noreplace);
      assert.deepEqual(Array.from(r.rand(3)), c.after);
    });
  }
  it('seed(s) restarts the sequence (np.random.seed)', () => {
    const r = new RandomState(123);
    r.randn(1);
    r.seed(fx.global.seed);
    assert.deepEqual(Array.from(r.rand(3)), fx.global.rand);
    assertUlps(r.randn(3), fx.global.randn);
  });
  it('quantities give QuantityArrays; bad arguments are NumericErrors', () => {
    const r = new RandomState(0);
    const v = r.uniform(mV(-70), mV(-50), 3);
    assert.ok(v instanceof QuantityArray && v.dim === mV.dim);
    assert.throws(() => new RandomState(-1), NumericError);
    assert.throws(() => r.normal(mV(1), ms(1), 2), NumericError);
    assert.throws(() => r.rand(1.5), NumericError);
    assert.throws(() => r.choice(3, 5, { replace: false }), NumericError);
  });
});

describe('linspace, arange and histogram equal numpy bit for bit', () => {
  for (const c of fx.linspace) {
    it(`linspace(${c.args.join(', ')})`, () => {
      assert.deepEqual(Array.from(linspace(c.args[0], c.args[1], c.args[2], { endpoint: c.args[3] })), c.values);
    });
  }
  for (const c of fx.arange) {
    it(`arange(${c.args.join(', ')})`, () => {
      const got = c.args.length === 1 ? arange(c.args[0]!) : arange(c.args[0]!, c.args[1]!, c.args[2]);
      assert.deepEqual(Array.from(got), c.values);
    });
  }
  for (const c of fx.histogram) {
    it(`histogram(bins=${JSON.stringify(c.bins)}, range=${JSON.stringify(c.range)}, density=${c.density})`, () => {
      const h = histogram(fx.histogram_data, c.bins, { ...(c.range === null ? {} : { range: c.range }), density: c.density });
      assert.deepEqual(Array.from(h.edges), c.edges);
      assert.deepEqual(Array.from(h.counts), c.counts);
    });
  }
  it('quantities: linspace(mV(-70), mV(-50), 5) and arange(ms(0), ms(1), ms(0.25)) are QuantityArrays', () => {
    assert.equal(String(linspace(mV(-70), mV(-50), 5)), '[-70. -65. -60. -55. -50.] mV');
    assert.equal(arange(ms(0), ms(1), ms(0.25)).length, 4);
    // Mixed units are Brian2's DimensionMismatchError (test_units.py::test_arange_linspace)
    assert.throws(() => linspace(mV(1), ms(2), 3), DimensionMismatchError);
    assert.throws(() => arange(0, 1, 0), NumericError);
  });
});
