import assert from 'node:assert/strict';
import type { NeuronGroup, SpikeMonitor, StateMonitor } from 'brian-ts';

/** A network's recorded results: its spikes, a group's `v` and a trace of `v`. */
export interface RunRecord {
  readonly M: SpikeMonitor;
  readonly G: NeuronGroup;
  readonly V: StateMonitor<'v'>;
}

/** Asserts that two runs gave the same bits (spikes, final `v`, `v` traces), with more than `minSpikes` spikes. */
export function assertSameRun(a: RunRecord, b: RunRecord, minSpikes: number): void {
  assert.ok(a.M.numSpikes > minSpikes, `spikes: ${a.M.numSpikes}`);
  assert.deepEqual([...a.M.i], [...b.M.i]);
  assert.deepEqual([...a.M.t], [...b.M.t]);
  assert.deepEqual([...(a.G.state('v').values as Float64Array)], [...(b.G.state('v').values as Float64Array)]);
  assert.deepEqual(a.V.v.values.map((row) => [...row]), b.V.v.values.map((row) => [...row]));
}
