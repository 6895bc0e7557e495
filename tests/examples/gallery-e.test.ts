/**
 * Gallery E (the last Brian2 examples issue 14 lists), the examples that run at full length here
 * (gallery-e-scaled.test.ts has the shortened ones): each runs, writes a non-empty PNG, and matches Brian2 (fixture gallery_e.json from
 * tests/conformance/generate/gallery_e.py, which also renders Brian2's own figures for the
 * gallery page). Random examples are seeded here before their import.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { assertClose } from '../conformance/fixture.ts';
import { NeuronGroup, StateMonitor } from '../../src/index.ts';
import { assertPNG, every, fixture, runExample, scratchDir } from './gallery-e-util.ts';

interface Fixture {
  COBAHH_approximated: { stride: number; samples: number } & Record<string, number[]>;
}

describe('examples gallery E (against Brian2)', () => {
  const { dir, enter, leave } = scratchDir();
  const fx = fixture<Fixture>();
  before(enter);
  after(leave);

  it('advanced/COBAHH_approximated.ts: all 13 recorded traces and the steady states / time constants over v equal Brian2’s', async () => {
    const objects = await runExample('advanced/COBAHH_approximated.ts');
    const f = fx.COBAHH_approximated;
    const mon = objects.find((o): o is StateMonitor => o instanceof StateMonitor)!;
    assert.equal(mon.t.length, f.samples);
    for (const name of ['v', 'I_ext', 'm', 'n', 'h', 'g_K', 'g_Na', 'I_K', 'I_Na', 'I_L', 'tau_m', 'tau_n', 'tau_h']) {
      const trace = mon.get(name).values[0]!;
      // euler, the same expression order: only rounding differs (the spike's steep parts amplify it a little)
      assertClose(every(trace, f.stride), f[name]!, { rtol: 1e-9, atol: 1e-12 * Math.max(...f[name]!.map(Math.abs)), label: name });
    }
    const groups = objects.filter((o): o is NeuronGroup => o instanceof NeuronGroup && o.N === 100);
    const tauGroup = groups.find((g) => g.variables.has('tau_m'))!;
    const infGroup = groups.find((g) => g.variables.has('m_inf'))!;
    for (const g of ['m', 'n', 'h']) {
      assertClose(tauGroup.state(`tau_${g}`).values as ArrayLike<number>, f[`tau_${g}_of_v`]!, { rtol: 1e-13, label: `tau_${g}(v)` });
      assertClose(infGroup.state(`${g}_inf`).values as ArrayLike<number>, f[`${g}_inf_of_v`]!, { rtol: 1e-13, atol: 1e-300, label: `${g}_inf(v)` });
    }
    assertPNG(join(dir, 'COBAHH_approximated.png'));
  });
});
