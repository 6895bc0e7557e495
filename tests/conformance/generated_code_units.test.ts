/**
 * State-update code generated from equations is not unit-checked a second time (Brian2's
 * `check_units=False` for state updaters): rewriting can lose a unit (`0*mV` folds to `0`), and
 * a correct model must still run. Against Brian2 2.5.1 (fixtures/generated_code_units.json,
 * generate/generated_code_units.py); traces to 1e-12 relative (a few additions and a clip).
 * The equations' own units are still checked: a wrong model keeps its DimensionMismatchError.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertClose, loadFixture } from './fixture.ts';
import { EquationDimensionError, Network, NeuronGroup, StateMonitor, Synapses, defaultclock, ms, second, startScope, volt } from '../../src/index.ts';

interface Case { name: string; equations: string; synapses: boolean; method: string; v?: number[][]; theta: number[][] }
const fx = loadFixture<{ dt_s: number; duration_s: number; namespace_si: Record<string, number>; v_init_si: number[]; cases: Case[] }>('generated_code_units');

function namespace(): Record<string, unknown> {
  const ns = fx.namespace_si;
  return { v0: volt(ns['v0']!), Vi: volt(ns['Vi']!), tau: second(ns['tau']!) };
}

describe('generated state-update code is not unit-checked again (Brian2 2.5.1)', () => {
  assert.equal(fx.cases.length, 4);
  for (const c of fx.cases) {
    it(`${c.name} (${c.method}) runs and matches Brian2`, () => {
      startScope();
      defaultclock.dt = second(fx.dt_s);
      const source = c.synapses ? 'dv/dt = (v0 - v)/(10*ms) : volt' : c.equations;
      const G = new NeuronGroup(3, source, { method: c.synapses ? 'euler' : c.method, namespace: namespace() });
      G.v = volt(fx.v_init_si);
      const net = new Network(G);
      const S = c.synapses ? new Synapses(G, G, c.equations, { method: c.method, namespace: namespace() }) : undefined;
      if (S !== undefined) {
        S.connect({ j: 'i' });
        net.add(S);
      }
      const M = new StateMonitor(S ?? G, ['theta', 'v'].slice(0, S === undefined ? 2 : 1), { record: true });
      net.add(M);
      net.run(second(fx.duration_s));
      for (let k = 0; k < 3; k++) {
        assertClose(M.at(k)['theta']!.values, c.theta[k]!, { rtol: 1e-12, atol: 1e-18, label: `${c.name} theta[${k}]` });
        if (c.v !== undefined) assertClose(M.at(k)['v']!.values, c.v[k]!, { rtol: 1e-12, atol: 1e-18, label: `${c.name} v[${k}]` });
      }
    });
  }

  it('a dimension error in the equations themselves is still reported at run start', () => {
    startScope();
    const G = new NeuronGroup(1, 'dtheta/dt = (clip(v, 0*mV, inf*mV) - theta)/tau : volt\nv : 1', { namespace: namespace() });
    assert.throws(
      () => new Network(G).run(ms(1)),
      (e: unknown) => e instanceof Error && e.cause instanceof EquationDimensionError && /Inconsistent units in differential equation defining variable 'theta'/.test(e.cause.message),
    );
  });
});
