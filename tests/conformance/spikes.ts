/** Helpers shared by the simulation conformance tests: spike-train comparison in time steps. */
import assert from 'node:assert/strict';

/** Groups (i, t) spike lists into per-neuron trains of times. */
export function trainsOf(i: ArrayLike<number>, t: ArrayLike<number>, N: number): number[][] {
  const trains = Array.from({ length: N }, (): number[] => []);
  for (let k = 0; k < i.length; k++) trains[i[k]!]!.push(t[k]!);
  return trains;
}

/**
 * Asserts the same number of spikes per neuron and each spike time within `steps` time steps of
 * Brian2's (`steps = 0`: the very same step). Times are compared per neuron, in order.
 */
export function assertSpikeTrains(
  actual: { i: ArrayLike<number>; t: ArrayLike<number> },
  expected: { i: ArrayLike<number>; t: ArrayLike<number> },
  { N, dt, steps = 0, label = '' }: { N: number; dt: number; steps?: number; label?: string },
): void {
  const a = trainsOf(actual.i, actual.t, N);
  const e = trainsOf(expected.i, expected.t, N);
  for (let n = 0; n < N; n++) {
    const an = a[n]!;
    const en = e[n]!;
    assert.equal(an.length, en.length, `${label}: neuron ${n} fired ${an.length} spikes, Brian2 ${en.length}`);
    for (let k = 0; k < en.length; k++) {
      const diff = Math.abs(Math.round(an[k]! / dt) - Math.round(en[k]! / dt));
      assert.ok(
        diff <= steps,
        `${label}: spike ${k} of neuron ${n} at ${an[k]} s, Brian2 ${en[k]} s (${diff} steps apart, allowed ${steps})`,
      );
    }
  }
}
