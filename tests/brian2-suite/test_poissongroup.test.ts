/** Brian2 2.5.1 `brian2/tests/test_poissongroup.py`, translated (status: README.md in this folder). */
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Hz, Network, NeuronGroup, PoissonGroup, SpikeMonitor, Synapses, TimedArray, defaultclock, ms, run, startScope } from '../../src/index.ts';
import { catchLogs, raises } from './helpers.ts';

beforeEach(() => {
  startScope();
  defaultclock.dt = ms(0.1);
});

const perStep = (): number => 1 / defaultclock.dt.value; // 1/dt in Hz
// Brian2's schedule_propagation_offset(): 0*ms for the standard schedule.
const propagationOffset = ms(0);

describe('test_poissongroup (Brian2 2.5.1)', () => {
  it('test_single_rates', () => {
    const P0 = new PoissonGroup(10, Hz(0));
    const Pfull = new PoissonGroup(10, Hz(perStep()));
    assert.equal(P0.N, 10);
    assert.equal(Pfull.N, 10);
    assert.ok(String(P0).length > 0);
    const spikesP0 = new SpikeMonitor(P0);
    const spikesPfull = new SpikeMonitor(Pfull);
    run(defaultclock.dt.times(2));
    assert.deepEqual(Array.from(spikesP0.count), Array(10).fill(0));
    assert.deepEqual(Array.from(spikesPfull.count), Array(10).fill(2));
  });

  it('test_rate_arrays', () => {
    const P = new PoissonGroup(2, Hz([0, perStep()]));
    const spikes = new SpikeMonitor(P);
    run(defaultclock.dt.times(2));
    assert.deepEqual(Array.from(spikes.count), [0, 2]);
  });

  it('test_rate_unit_check', () => {
    raises(() => new PoissonGroup(1, [1, 2] as never), 'DimensionMismatchError');
    raises(() => new PoissonGroup(1, ms([1, 2]) as never), 'DimensionMismatchError');
    let P = new PoissonGroup(1, 'i*mV');
    let net = new Network(P);
    raises(() => net.run(ms(0)), 'BrianObjectException');
    raises(() => net.run(ms(0)), 'DimensionMismatchError');
    P = new PoissonGroup(1, 'i');
    net = new Network(P);
    raises(() => net.run(ms(0)), 'DimensionMismatchError');
  });

  it('test_time_dependent_rate', () => {
    const timedArray = new TimedArray([Hz([0, 0]), Hz([perStep(), 0])] as never, ms(1));
    const group1 = new PoissonGroup(2, 'timed_array(t, i)', { namespace: { timed_array: timedArray } });
    const group2 = new PoissonGroup(2, 'int(i==0)*int(t>1*ms-dt/2)*(1/dt)');
    const spikes1 = new SpikeMonitor(group1);
    const spikes2 = new SpikeMonitor(group2);
    run(ms(2));
    assert.deepEqual(Array.from(spikes1.count), [10, 0]);
    assert.deepEqual(Array.from(spikes2.count), [10, 0]);
    assert.equal(spikes1.t.values.filter((t) => t < 1e-3).length, 0);
    assert.equal(spikes2.t.values.filter((t) => t < 1e-3).length, 0);
  });

  it('test_propagation', () => {
    const P = new PoissonGroup(2, Hz([0, perStep()]));
    const G = new NeuronGroup(2, 'v:1');
    const S = new Synapses(P, G, '', { onPre: 'v+=1' });
    S.connect({ j: 'i' });
    run(defaultclock.dt.times(2).plus(propagationOffset));
    assert.deepEqual(Array.from(G.v.values as Float64Array), [0, 2]);
  });

  it('test_poissongroup_subgroup', () => {
    const P = new PoissonGroup(4, Hz([0, 0, 0, 0]));
    const P1 = P.slice(0, 2);
    const P2 = P.slice(2);
    P2.rates = Hz(perStep());
    const G = new NeuronGroup(4, 'v:1');
    const S1 = new Synapses(P1, G.slice(0, 2), '', { onPre: 'v+=1' });
    S1.connect({ j: 'i' });
    const S2 = new Synapses(P2, G.slice(2), '', { onPre: 'v+=1' });
    S2.connect({ j: 'i' });
    run(defaultclock.dt.times(2).plus(propagationOffset));
    assert.deepEqual(Array.from(G.v.values as Float64Array), [0, 0, 2, 2]);
  });

  it('test_poissongroup_namespace', () => {
    // Brian2 finds rate_const in the calling frame: here the run namespace.
    const P = new PoissonGroup(1, 'rate_const', { namespace: { rate_const: Hz(perStep()) } });
    const P2 = new PoissonGroup(1, 'rate_const');
    const mon = new SpikeMonitor(P);
    const mon2 = new SpikeMonitor(P2);
    const l = catchLogs(() => run(defaultclock.dt.times(2), { namespace: { rate_const: Hz(0) } }));
    assert.equal(l.length, 1);
    assert.ok(l[0]![0].endsWith('resolution_conflict'));
    assert.equal(mon.numSpikes, 2);
    assert.equal(mon2.numSpikes, 0);
  });
});
