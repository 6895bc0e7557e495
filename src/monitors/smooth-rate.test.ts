import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DimensionMismatchError, Quantity, hertz, ms, mV, second } from '../units/index.ts';
import { MonitorError } from './errors.ts';
import { convolveSame, smoothRate, smoothingKernel } from './smooth-rate.ts';

/** Full convolution by definition, for reference. */
function convolveFull(a: number[], v: number[]): number[] {
  const out = new Array<number>(a.length + v.length - 1).fill(0);
  for (let j = 0; j < a.length; j++) for (let k = 0; k < v.length; k++) out[j + k]! += a[j]! * v[k]!;
  return out;
}

describe('convolveSame', () => {
  it('convolveSame(a, v) matches numpy mode=same for odd kernels', () => {
    // np.convolve([1,2,3,4,5], [1,0,-1], 'same') == [2, 2, 2, 2, -4]
    assert.deepEqual(Array.from(convolveSame(Float64Array.of(1, 2, 3, 4, 5), Float64Array.of(1, 0, -1))), [2, 2, 2, 2, -4]);
  });

  it('convolveSame(a, v) centres even kernels as numpy does', () => {
    // np.convolve([1,2,3,4], [1,1], 'same') == [1, 3, 5, 7]
    assert.deepEqual(Array.from(convolveSame(Float64Array.of(1, 2, 3, 4), Float64Array.of(1, 1))), [1, 3, 5, 7]);
  });

  it('convolveSame(a, v) swaps the arguments when v is longer (numpy)', () => {
    // Values printed by numpy 1.x: np.convolve(a, v, 'same').
    assert.deepEqual(Array.from(convolveSame(Float64Array.of(1, 2), Float64Array.of(1, 1, 1, 1, 1))), [1, 3, 3, 3, 3]);
    assert.deepEqual(Array.from(convolveSame(Float64Array.of(1, 2, 3), Float64Array.of(1, 1, 0, 0, 0, 0))), [3, 5, 3, 0, 0, 0]);
    assert.deepEqual(Array.from(convolveSame(Float64Array.of(1, 2, 3, 4), Float64Array.of(1, 2, 0, 0, 3, 0))), [4, 7, 10, 11, 6, 9]);
  });

  it('convolveSame(a, v) is the centred slice of the full convolution (property)', () => {
    const arr = fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(arr, arr, (a, v) => {
        const full = convolveFull(a, v);
        const n = Math.min(a.length, v.length);
        const L = Math.max(a.length, v.length);
        const off = n - 1 - Math.floor(n / 2);
        const expected = full.slice(off, off + L);
        assert.deepEqual(Array.from(convolveSame(Float64Array.from(a), Float64Array.from(v))), expected);
      }),
    );
  });
});

describe('smoothingKernel', () => {
  it("smoothingKernel('gaussian', width, dt) spans round(2*width/dt) samples each side", () => {
    const k = smoothingKernel('gaussian', 1e-3, 1e-4).window;
    assert.equal(k.length, 41);
    assert.equal(k[20], 1);
    assert.ok(Math.abs(k[30]! - Math.exp(-0.5)) < 1e-15);
  });

  it("smoothingKernel('gaussian', …) rounds half to even like np.round", () => {
    // 2*width/dt = 2.5 → 2 ; 3.5 → 4
    assert.equal(smoothingKernel('gaussian', 1.25e-4, 1e-4).window.length, 5);
    assert.equal(smoothingKernel('gaussian', 1.75e-4, 1e-4).window.length, 9);
  });

  it("smoothingKernel('flat', width, dt) rounds to an odd number of samples", () => {
    assert.equal(smoothingKernel('flat', 2.5e-4, 1e-4).window.length, 3);
    assert.equal(smoothingKernel('flat', 4e-4, 1e-4).window.length, 5);
    assert.ok(Math.abs(smoothingKernel('flat', 2.5e-4, 1e-4).usedWidth! - 3e-4) < 1e-18);
  });
});

describe('smoothRate', () => {
  const rate = Float64Array.from({ length: 30 }, (_, k) => (k % 7 === 0 ? 1000 : 0));

  it("smoothRate(rate, dt, 'flat', width) averages over the window (sum preserved inside)", () => {
    const out = smoothRate(rate, 1e-4, 'flat', ms(0.3));
    assert.equal(out.dim, hertz.dim);
    assert.equal(out.length, 30);
    assert.ok(Math.abs(out.values[1]! - 1000 / 3) < 1e-9);
    assert.ok(Math.abs(out.values[2]! - 0) < 1e-12);
  });

  it("smoothRate(rate, dt, 'flat', width) reports an adjusted width", () => {
    let seen: [Quantity, Quantity] | undefined;
    smoothRate(rate, 1e-4, 'flat', ms(0.25), (a, b) => (seen = [a, b]));
    assert.ok(seen !== undefined);
    assert.equal(seen[1].toString(), '300. us');
    let called = false;
    smoothRate(rate, 1e-4, 'flat', ms(0.3), () => (called = true));
    assert.equal(called, false);
  });

  it("smoothRate(rate, dt, 'gaussian', width) normalises the kernel to sum 1", () => {
    const flatRate = new Float64Array(200).fill(5);
    const out = smoothRate(flatRate, 1e-4, 'gaussian', ms(1));
    assert.ok(Math.abs(out.values[100]! - 5) < 1e-12);
  });

  it('smoothRate(rate, dt, window) accepts a custom odd window and normalises it', () => {
    const out = smoothRate(Float64Array.of(0, 3, 0), 1e-4, [1, 2, 1], undefined);
    assert.deepEqual(Array.from(out.values), [0.75, 1.5, 0.75]);
  });

  it('smoothRate rejects a missing width with MonitorError', () => {
    assert.throws(() => smoothRate(rate, 1e-4, 'flat', undefined), { name: 'MonitorError', message: /^Need a width when using a predefined window\.$/ });
    assert.throws(() => smoothRate(rate, 1e-4, 'flat', undefined), MonitorError);
  });

  it('smoothRate rejects a width without time units with DimensionMismatchError', () => {
    assert.throws(() => smoothRate(rate, 1e-4, 'flat', mV(2)), (e: unknown) => {
      assert.ok(e instanceof DimensionMismatchError);
      assert.match(e.message, /^Function 'smooth_rate' expected a quantitity with unit second for argument 'width' but got '2\. mV' \(unit is V\)\.$/);
      return true;
    });
  });

  it('smoothRate rejects an unknown window, a width with a custom window and even windows', () => {
    assert.throws(() => smoothRate(rate, 1e-4, 'box' as 'flat', ms(1)), { name: 'MonitorError', message: /^Unknown pre-defined window "box"$/ });
    assert.throws(() => smoothRate(rate, 1e-4, [1, 1, 1], ms(1)), { name: 'MonitorError', message: /^Can only specify a width for a predefined window$/ });
    assert.throws(() => smoothRate(rate, 1e-4, [1, 1], undefined), { name: 'MonitorError', message: /^The window has to have an odd number of values\.$/ });
    assert.throws(() => smoothRate(rate, 1e-4, 'gaussian', second(0)), { name: 'MonitorError', message: /has to be positive/ });
    assert.throws(() => smoothRate(new Float64Array(0), 1e-4, 'flat', ms(1)), { name: 'MonitorError', message: /nothing has been recorded/ });
  });
});
