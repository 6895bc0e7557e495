// The step loop allocates nothing (design rule): a value merged from a fast path and a helper's
// return (randn's Ziggurat: inline fast path, normalSlow otherwise) must stay an unboxed double,
// or V8 boxes every draw — 16 bytes per neuron-step, 16 MB per 10⁶ (a sweep point of the sweep
// bench allocated 19 MB, 16 of them here; garbage collections and cache traffic per point).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session } from 'node:inspector/promises';
import { parseStatements } from '../parsing/index.ts';
import { Variables, addIndexVariables } from '../variables/index.ts';
import { compileCodeBlock, RandomState } from './index.ts';

/** Bytes allocated on the JS heap while `f` runs (V8's sampling heap profiler, every 1 KiB on average). */
async function allocated(f: () => void): Promise<number> {
  const session = new Session();
  session.connect();
  try {
    await session.post('HeapProfiler.enable');
    await session.post('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as never);
    f();
    const { profile } = await session.post('HeapProfiler.stopSampling');
    let total = 0;
    const walk = (n: { selfSize: number; children: unknown[] }): void => {
      total += n.selfSize;
      for (const c of n.children) walk(c as typeof n);
    };
    walk(profile.head as never);
    return total;
  } finally {
    session.disconnect();
  }
}

test('a noisy state update (randn per element) allocates nothing per step', async () => {
  const N = 1000;
  const vars = new Variables('g');
  addIndexVariables(vars, N);
  vars.addArray('v', { size: N, values: 0 });
  vars.addArray('dt', { size: 1, scalar: true, values: 1e-4, readOnly: true });
  vars.addConstant('tau', { value: 0.01 });
  const code = compileCodeBlock({ name: 'g', template: 'stateupdate', statements: parseStatements('v = v - dt*v/tau + 0.1*randn()'), variables: vars, N, random: new RandomState(1) });
  for (let k = 0; k < 300; k++) code.run(); // optimised by now
  const steps = 500;
  const bytes = await allocated(() => {
    for (let k = 0; k < steps; k++) code.run();
  });
  // Boxed draws would be 16 bytes × 500,000 = 8 MB; allow the profiler's own noise.
  assert.ok(bytes < 1_000_000, `${(bytes / 1e6).toFixed(2)} MB allocated in ${steps} steps of ${N} draws`);
});
