/**
 * Sweep workers recycle large buffers between points (src/util/recycle.ts, session 10): the same
 * table with recycling on (1 and 2 workers) and off, buffers actually reused, and a point's fresh
 * synaptic variable all zeros although the previous point on that worker filled the buffer it gets
 * (fails when the zero-fill of a reused buffer is removed).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { sweep, type SweepResult } from 'brian-ts/sweep';

const script = fileURLToPath(new URL('./fixtures/recycle.ts', import.meta.url));
// fill alternates 1, 0, 1, 0: on one worker each fill-0 point runs right after a fill-1 point.
const GRID = { p: [0.5, 0.48], fill: [1, 0] };
const table = (r: SweepResult): unknown[] =>
  r.rows.map((row) => {
    const { reused: _reused, ...values } = row.values;
    return [row.index, row.seed, row.params, values, row.error];
  });

async function run(workers: number, recycle: boolean): Promise<SweepResult> {
  const saved = process.env['BRIAN_TS_SWEEP_RECYCLE'];
  const savedOrder = process.env['BRIAN_TS_SWEEP_ORDER'];
  process.env['BRIAN_TS_SWEEP_RECYCLE'] = recycle ? '1' : '0'; // worker threads start with a copy of the environment
  // Index order (src/sweep/order.ts would run 0, 3, 1, 2): the fill-1/fill-0 alternation above.
  process.env['BRIAN_TS_SWEEP_ORDER'] = 'index';
  try {
    return await sweep(script, GRID, { workers, seed: 2, progress: false });
  } finally {
    if (saved === undefined) delete process.env['BRIAN_TS_SWEEP_RECYCLE'];
    else process.env['BRIAN_TS_SWEEP_RECYCLE'] = saved;
    if (savedOrder === undefined) delete process.env['BRIAN_TS_SWEEP_ORDER'];
    else process.env['BRIAN_TS_SWEEP_ORDER'] = savedOrder;
  }
}

describe('sweep workers recycle large buffers between points', () => {
  it('gives the same table with recycling on (1 and 2 workers) and off; fresh arrays never hold an earlier point\'s values', async () => {
    const on = await run(1, true);
    const off = await run(1, false);
    const two = await run(2, true);
    assert.equal(on.failed, 0);
    assert.deepEqual(on.rows.map((r) => r.params['fill']), [1, 0, 1, 0]);
    assert.ok(on.rows.every((r) => r.values['synapses']! * 8 > 1 << 16), 'w is large enough to be pooled');
    assert.deepEqual(on.rows.map((r) => r.values['fresh_w_nonzero']), [0, 0, 0, 0]);
    // Buffers were reused from the second point on (the first reuses only its own connect() scratch);
    // 3 a point, not 4, since connect() makes the pairs in source order and the spike queue then
    // keeps no synapse list of its own (SpikeQueue's identity CSR, session 11).
    const reused = on.rows.map((r) => r.values['reused']!);
    assert.ok(reused[1]! - reused[0]! >= 3 && reused[3]! > reused[2]!, `reused ${reused.join(', ')}`);
    assert.deepEqual(off.rows.map((r) => r.values['reused']), [-1, -1, -1, -1]);
    assert.deepEqual(table(on), table(off));
    assert.deepEqual(table(two), table(off));
    // A fill-1 point's w differs from a fresh one's (so the comparison above can fail).
    assert.notEqual(on.rows[0]!.values['w_checksum'], on.rows[1]!.values['w_checksum']);
  });
});
