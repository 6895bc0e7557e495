/** Brian2 2.5.1 `brian2/tests/test_subgroup.py`, translated (status: README.md in this folder). */
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NeuronGroup, PopulationRateMonitor, SpikeMonitor, StateMonitor, Synapses, defaultclock, mV, ms, run, startScope, volt } from '../../src/index.ts';
import { assertAllclose, catchLogs, raises } from './helpers.ts';

beforeEach(() => {
  startScope();
  defaultclock.dt = ms(0.1);
});

const values = (v: { values: ArrayLike<number> }): number[] => Array.from(v.values);

describe('test_subgroup (Brian2 2.5.1)', () => {
  it('test_str_repr', () => {
    const G = new NeuronGroup(10, 'v:1');
    const SG = G.slice(5, 8);
    assert.ok(String(SG).length > 0);
  });

  it('test_state_variables', () => {
    // (Brian2's in-place operators `SG.v += 10*mV` have no JavaScript counterpart and are left out.)
    const G = new NeuronGroup(10, 'v : volt');
    const SG = G.slice(4, 9);
    raises(() => { SG.v = -70; }, 'DimensionMismatchError');
    SG.v_ = mV(-80).value;
    assertAllclose(values(G.v), [0, 0, 0, 0, -80, -80, -80, -80, -80, 0].map((x) => x * 1e-3));
    assertAllclose(values(SG.v), Array(5).fill(-80e-3));
    // strings
    SG.v = 'v + i*mV';
    assertAllclose([SG.v[0].value], [-80e-3]);
    assertAllclose([SG.v[4].value], [-76e-3]);
    assertAllclose(values(G.v).slice(4, 9), [0, 1, 2, 3, 4].map((k) => (-80 + k) * 1e-3));
    // Indexing with subgroups
    assert.deepEqual(values(G.v[SG as never]), values(SG.v)); // TypeScript needs the cast for an object key
    assert.deepEqual(values(G.v.getAt(SG)), values(SG.v));
  });

  it('test_state_variables_simple', () => {
    const G = new NeuronGroup(10, 'a : 1\nb : 1\nc : 1\nd : 1');
    const SG = G.slice(3, 7);
    SG.a = 1;
    SG.a['i == 0'] = 2;
    SG.b = 'i';
    SG.b['i == 3'] = 'i * 2';
    SG.c = [3, 4, 5, 6];
    SG.d.setAt([1], 4); // SG.d[1:2] = 4
    SG.d.setAt([2, 3], [1, 2]); // SG.d[2:4] = [1, 2]
    run(ms(0));
    assert.deepEqual(values(G.a), [0, 0, 0, 2, 1, 1, 1, 0, 0, 0]);
    assert.deepEqual(values(G.b), [0, 0, 0, 0, 1, 2, 6, 0, 0, 0]);
    assert.deepEqual(values(G.c), [0, 0, 0, 3, 4, 5, 6, 0, 0, 0]);
    assert.deepEqual(values(G.d), [0, 0, 0, 0, 4, 1, 2, 0, 0, 0]);
  });

  it('test_state_variables_string_indices', () => {
    const G = new NeuronGroup(10, 'v : volt');
    const SG = G.slice(4, 9);
    assert.equal(SG.v['i>3'].length, 1);
    G.v = mV(Array.from({ length: 10 }, (_, k) => k));
    assert.equal(SG.v['v>7.5*mV'].length, 1);
    // Combined string indexing and assignment
    SG.v['i > 3'] = 'i*10*mV';
    assertAllclose(values(G.v), [0, 1, 2, 3, 4, 5, 6, 7, 40, 9].map((x) => x * 1e-3));
  });

  it('test_state_variables_group_as_index', () => {
    const G = new NeuronGroup(10, 'v : 1');
    const SG = G.slice(4, 9);
    G.v[SG as never] = 1;
    assert.deepEqual(values(G.v), [0, 0, 0, 0, 1, 1, 1, 1, 1, 0]);
    G.v = 1;
    G.v.setAt(SG, '2*v');
    assert.deepEqual(values(G.v), [1, 1, 1, 1, 2, 2, 2, 2, 2, 1]);
  });

  it('test_state_monitor', () => {
    const G = new NeuronGroup(10, 'v : volt');
    G.v = volt(Array.from({ length: 10 }, (_, k) => k));
    const SG = G.slice(5);
    const monAll = new StateMonitor(SG, 'v', { record: true });
    const mon0 = new StateMonitor(SG, 'v', { record: 0 });
    run(defaultclock.dt);
    assertAllclose(mon0.at(0).v.values, monAll.at(0).v.values);
    assertAllclose(mon0.at(0).v.values, [5]);
    assertAllclose(monAll.v.values.flatMap((r) => Array.from(r)), [5, 6, 7, 8, 9]);
    raises(() => monAll.at(5), 'IndexError');
  });

  it('test_shared_variable', () => {
    const G = new NeuronGroup(10, 'v : volt (shared)');
    G.v = volt(1);
    const SG = G.slice(5);
    assert.deepEqual(values(SG.v), [1]);
  });

  it('test_synapse_creation', () => {
    const G1 = new NeuronGroup(10, '');
    const G2 = new NeuronGroup(20, '');
    const SG1 = G1.slice(0, 5);
    const SG2 = G2.slice(10);
    const S = new Synapses(SG1, SG2);
    S.connect({ i: 2, j: 2 }); // (2, 12)
    S.connect('i==2 and j==5'); // (2, 15)
    run(ms(0));
    // Internally, the "real" neuron indices are used
    assert.deepEqual(Array.from(S.variables.getArray('_synaptic_pre').array.subarray(0, S.N)), [2, 2]);
    assert.deepEqual(Array.from(S.variables.getArray('_synaptic_post').array.subarray(0, S.N)), [12, 15]);
    // For the user, the subgroup-relative indices
    assert.deepEqual(Array.from(S.i), [2, 2]);
    assert.deepEqual(Array.from(S.j), [2, 5]);
    // N_incoming and N_outgoing
    assert.ok(values(S.N_outgoing.at(2, null)).every((x) => x === 2));
    assert.ok(values(S.N_incoming.at(null, 2)).every((x) => x === 1));
    assert.ok(values(S.N_incoming.at(null, 5)).every((x) => x === 1));
  });

  it('test_synapse_creation_state_vars', () => {
    const G1 = new NeuronGroup(10, 'v : 1');
    const G2 = new NeuronGroup(20, 'v : 1');
    G1.v = 'i';
    G2.v = '10 + i';
    const SG1 = G1.slice(0, 5);
    const SG2 = G2.slice(10);
    const S2 = new Synapses(SG1, SG2, 'w:1');
    S2.connect('v_pre > 2');
    const S3 = new Synapses(SG1, SG2, 'w:1');
    S3.connect('v_post < 25');
    const S4 = new Synapses(SG2, SG1, 'w:1');
    S4.connect('v_post > 2');
    const S5 = new Synapses(SG2, SG1, 'w:1');
    S5.connect('v_pre < 25');
    run(ms(0));
    assert.equal(S2.N, 2 * SG2.N);
    assert.ok(values(S2.v_pre).every((x) => x > 2));
    assert.equal(S3.N, 5 * SG1.N);
    assert.ok(values(S3.v_post).every((x) => x < 25));
    assert.equal(S4.N, 2 * SG2.N);
    assert.ok(values(S4.v_post).every((x) => x > 2));
    assert.equal(S5.N, 5 * SG1.N);
    assert.ok(values(S5.v_pre).every((x) => x < 25));
  });

  it('test_synapse_creation_generator', () => {
    const G1 = new NeuronGroup(10, 'v:1');
    const G2 = new NeuronGroup(20, 'v:1');
    G1.v = 'i';
    G2.v = '10 + i';
    const SG1 = G1.slice(0, 5);
    const SG2 = G2.slice(10);
    const S = new Synapses(SG1, SG2, 'w:1');
    S.connect({ j: 'i*2 + k for k in range(2)' }); // diverging connections
    const S2 = new Synapses(SG1, SG2, 'w:1');
    S2.connect({ j: 'k for k in range(N_post) if v_pre > 2' });
    const S3 = new Synapses(SG1, SG2, 'w:1');
    S3.connect({ j: 'k for k in range(N_post) if v_post < 25' });
    const S4 = new Synapses(SG2, SG1, 'w:1');
    S4.connect({ j: 'k for k in range(N_post) if v_post > 2' });
    const S5 = new Synapses(SG2, SG1, 'w:1');
    S5.connect({ j: 'k for k in range(N_post) if v_pre < 25' });
    run(ms(0));
    const range = (n: number, f: (k: number) => number): number[] => Array.from({ length: n }, (_, k) => f(k));
    assert.deepEqual(Array.from(S.variables.getArray('_synaptic_pre').array.subarray(0, S.N)), range(10, (k) => k >> 1));
    assert.deepEqual(Array.from(S.variables.getArray('_synaptic_post').array.subarray(0, S.N)), range(10, (k) => k + 10));
    assert.deepEqual(Array.from(S.i), range(10, (k) => k >> 1));
    assert.deepEqual(Array.from(S.j), range(10, (k) => k));
    assert.ok(values(S.N_outgoing).every((x) => x === 2));
    assert.ok(values(S.N_incoming).every((x) => x === 1));
    assert.equal(S2.N, 2 * SG2.N);
    assert.ok(values(S2.v_pre).every((x) => x > 2));
    assert.equal(S3.N, 5 * SG1.N);
    assert.ok(values(S3.v_post).every((x) => x < 25));
    assert.equal(S4.N, 2 * SG2.N);
    assert.ok(values(S4.v_post).every((x) => x > 2));
    assert.equal(S5.N, 5 * SG1.N);
    assert.ok(values(S5.v_pre).every((x) => x < 25));
  });

  it('test_synapses_access_subgroups', () => {
    const G1 = new NeuronGroup(5, 'x:1');
    const G2 = new NeuronGroup(10, 'y:1');
    const SG1 = G1.slice(2, 5);
    const SG2 = G2.slice(4, 9);
    const S = new Synapses(G1, G2, 'w:1');
    S.connect();
    const all = (q: { values: ArrayLike<number> }, x: number): boolean => Array.from(q.values).every((v) => v === x);
    S.w.setAt2(SG1, SG2, 1);
    assert.ok(all(S.w['(i>=2 and i<5) and (j>=4 and j<9)'], 1));
    assert.ok(all(S.w['not ((i>=2 and i<5) and (j>=4 and j<9))'], 0));
    S.w = 0;
    S.w.setAt2(SG1, null, 1);
    assert.ok(all(S.w['i>=2 and i<5'], 1));
    assert.ok(all(S.w['not (i>=2 and i<5)'], 0));
    S.w = 0;
    S.w.setAt2(null, SG2, 1);
    assert.ok(all(S.w['j>=4 and j<9'], 1));
    assert.ok(all(S.w['not (j>=4 and j<9)'], 0));
  });

  it('test_subgroup_summed_variable', () => {
    // only the targeted neurons are reset to 0 (Brian2 issue #925)
    const source = new NeuronGroup(1, '');
    const target = new NeuronGroup(5, 'Iin : 1');
    target.Iin = 10;
    const syn1 = new Synapses(source, target.slice(1, 2), 'Iin_post = 5 : 1  (summed)');
    syn1.connect(true);
    const syn2 = new Synapses(source, target.slice(3), 'Iin_post = 1 : 1  (summed)');
    syn2.connect(true);
    run(defaultclock.dt.times(2));
    assert.deepEqual(values(target.Iin), [10, 5, 10, 1, 1]);
  });

  it('test_synapse_access', () => {
    const G1 = new NeuronGroup(10, 'v:1');
    G1.v = 'i';
    const G2 = new NeuronGroup(20, 'v:1');
    G2.v = 'i';
    const SG1 = G1.slice(0, 5);
    const SG2 = G2.slice(10);
    const S = new Synapses(SG1, SG2, 'w:1');
    S.connect(true);
    S.w['j == 0'] = 5;
    assert.ok(values(S.w['j==0']).every((x) => x === 5));
    S.w.setAt2(2, 2, 7);
    assert.ok(values(S.w['i==2 and j==2']).every((x) => x === 7));
    S.w = '2*j';
    assert.ok(values(S.w.at(null, 1)).every((x) => x === 2));
    assert.equal(S.w.at(null, 10).length, 0);
    assert.equal(S.w['j==10'].length, 0);
    // pre- and postsynaptic variables
    assert.deepEqual(values(S.w.at({ start: 2 }, null)), values(S.w['v_pre >= 2']));
    assert.deepEqual(values(S.w.at(null, { stop: 5 })), values(S.w['v_post < 15']));
    S.w = 'v_post';
    assert.deepEqual(values(S.w), Array.from(S.j as Int32Array, (j) => j + 10));
    S.w = 'v_post + v_pre';
    assert.deepEqual(values(S.w), Array.from(S.j as Int32Array, (j, k) => j + 10 + (S.i as Int32Array)[k]!));
    // subgroups as indices
    assert.equal(S.N, S.w.at(SG1, SG2).length);
    assert.deepEqual(values(S.w.at(SG1, 1)), values(S.w.at(null, 1)));
    assert.deepEqual(values(S.w.at(1, SG2)), values(S.w.at(1, null)));
    assert.equal(S.w.at(SG1, 10).length, 0);
  });

  for (const [name, onTheFly] of [['test_subexpression_references', false], ['test_subexpression_no_references', true]] as const) {
    it(name, () => {
      const G = new NeuronGroup(10, 'v : 1\nv2 = 2*v : 1');
      G.v = Array.from({ length: 10 }, (_, k) => k);
      if (onTheFly) assert.deepEqual(values(G.slice(5).v2), [10, 12, 14, 16, 18]);
      const SG1 = G.slice(0, 5);
      const SG2 = G.slice(5);
      const model = 'w : 1\nu = v2_post + 1 : 1\nx = v2_pre + 1 : 1';
      const reversed = [9, 8, 7, 6, 5].map((k) => k * 2 + 1); // np.arange(10)[:-6:-1]*2+1
      const ints = (x: unknown): number[] => Array.from(x as Int32Array);
      const S1 = new Synapses(onTheFly ? G.slice(0, 5) : SG1, onTheFly ? G.slice(5) : SG2, model);
      S1.connect('i==(5-1-j)');
      assert.deepEqual(ints(S1.i), [0, 1, 2, 3, 4]);
      assert.deepEqual(ints(S1.j), [4, 3, 2, 1, 0]);
      assert.deepEqual(values(S1.u), reversed);
      assert.deepEqual(values(S1.x), [1, 3, 5, 7, 9]);
      const S2 = new Synapses(G, onTheFly ? G.slice(5) : SG2, model);
      S2.connect('i==(5-1-j)');
      assert.deepEqual(ints(S2.i), [0, 1, 2, 3, 4]);
      assert.deepEqual(ints(S2.j), [4, 3, 2, 1, 0]);
      assert.deepEqual(values(S2.u), reversed);
      assert.deepEqual(values(S2.x), [1, 3, 5, 7, 9]);
      const S3 = new Synapses(onTheFly ? G.slice(0, 5) : SG1, G, model);
      S3.connect('i==(10-1-j)');
      assert.deepEqual(ints(S3.i), [0, 1, 2, 3, 4]);
      assert.deepEqual(ints(S3.j), [9, 8, 7, 6, 5]);
      assert.deepEqual(values(S3.u), reversed);
      assert.deepEqual(values(S3.x), [1, 3, 5, 7, 9]);
    });
  }

  it('test_synaptic_propagation', () => {
    const G1 = new NeuronGroup(10, 'v:1', { threshold: 'v>1', reset: 'v=0' });
    G1.v['i%2==1'] = 1.1; // odd numbers spike
    const G2 = new NeuronGroup(20, 'v:1');
    const S = new Synapses(G1.slice(1, 6), G2.slice(10), '', { onPre: 'v+=1' });
    S.connect('i==j');
    run(defaultclock.dt);
    const expected = Array(20).fill(0);
    for (const k of [10, 12, 14]) expected[k] = 1; // neurons 1, 3, 5 spiked
    assert.deepEqual(values(G2.v), expected);
  });

  it('test_synaptic_propagation_2', () => {
    // Brian2 issue #461
    const source = new NeuronGroup(100, '', { threshold: 'True' });
    const target = new NeuronGroup(1, 'v:1');
    const syn = new Synapses(source.slice(99), target, '', { onPre: 'v+=1' });
    syn.connect();
    run(defaultclock.dt);
    assert.equal(target.v.values[0], 1.0);
  });

  it('test_run_regularly', () => {
    // Brian2 issue #922
    const group = new NeuronGroup(10, 'v: integer');
    group.runRegularly('v += 16');
    group.slice(0, 2).runRegularly('v += 8');
    group.slice(2, 4).runRegularly('v += 4');
    group.slice(4, 6).runRegularly('v += 2');
    group.slice(6, 8).runRegularly('v += 1');
    run(defaultclock.dt);
    assert.deepEqual(values(group.v), [24, 24, 20, 20, 18, 18, 17, 17, 16, 16]);
  });

  it('test_spike_monitor', () => {
    const G = new NeuronGroup(10, 'v:1', { threshold: 'v>1', reset: 'v=0' });
    G.v.setAt([0, 2, 5], 1.1);
    const sMon = new SpikeMonitor(G);
    const subSMon = new SpikeMonitor(G.slice(3));
    const subSMon2 = new SpikeMonitor(G.slice(0, 3));
    run(defaultclock.dt);
    assert.deepEqual(Array.from(sMon.i), [0, 2, 5]);
    assert.deepEqual(Array.from(sMon.t_), [0, 0, 0]);
    assert.deepEqual(Array.from(subSMon.i), [2]);
    assert.deepEqual(Array.from(subSMon2.i), [0, 2]);
    assert.deepEqual(Array.from(sMon.count), [1, 0, 1, 0, 0, 1, 0, 0, 0, 0]);
    assert.deepEqual(Array.from(subSMon.count), [0, 0, 1, 0, 0, 0, 0]);
    assert.deepEqual(Array.from(subSMon2.count), [1, 0, 1]);
  });

  it('test_wrong_indexing', () => {
    const G = new NeuronGroup(10, 'v:1');
    raises(() => G.subgroup('string' as never), 'TypeError');
    raises(() => G.subgroup(10), 'IndexError');
    raises(() => G.slice(10), 'IndexError');
    raises(() => G.slice(3, 2), 'IndexError');
    for (const bad of [[5, 4, 3], [2, 4, 6], [-1, 0, 1], [9, 10, 11], [9, 10], [10, 11]]) raises(() => G.subgroup(bad), 'IndexError');
    raises(() => G.subgroup([2.5, 3.5, 4.5]), 'TypeError');
  });

  it('test_alternative_indexing', () => {
    const G = new NeuronGroup(10, 'v : integer');
    G.v = 'i';
    assert.deepEqual(values(G.slice(-3).v), [7, 8, 9]);
    assert.deepEqual(values(G.subgroup(3).v), [3]);
    assert.deepEqual(values(G.subgroup([3, 4, 5]).v), [3, 4, 5]);
  });

  it('test_no_reference_1', () => {
    const G = new NeuronGroup(10, 'v:1');
    G.v = Array.from({ length: 10 }, (_, k) => k);
    assert.deepEqual(values(G.slice(0, 5).v), values(G.v).slice(0, 5));
  });

  it('test_no_reference_2', () => {
    const G = new NeuronGroup(2, 'v:1', { threshold: 'v>1', reset: 'v=0' });
    G.v = [0, 1.1];
    const stateMon = new StateMonitor(G.slice(0, 1), 'v', { record: true });
    const spikeMon = new SpikeMonitor(G.slice(1));
    const rateMon = new PopulationRateMonitor(G.slice(0, 2));
    run(defaultclock.dt.times(2));
    assert.deepEqual(Array.from(stateMon.v.values[0]!), [0, 0]);
    assert.deepEqual(Array.from(spikeMon.i), [0]);
    assert.deepEqual(Array.from(spikeMon.t.values), [0]);
    assertAllclose(rateMon.rate.values, [0.5e4, 0]);
  });

  it('test_no_reference_3', () => {
    const G = new NeuronGroup(2, 'v:1', { threshold: 'v>1', reset: 'v=0' });
    G.v = [1.1, 0];
    const S = new Synapses(G.slice(0, 1), G.slice(1), '', { onPre: 'v+=1' });
    S.connect();
    run(defaultclock.dt);
    assert.deepEqual(values(G.v), [0, 1]);
  });

  it('test_no_reference_4', () => {
    const G1 = new NeuronGroup(10, 'v:1', { threshold: 'v>1', reset: 'v=0' });
    G1.v['i%2==1'] = 1.1;
    const G2 = new NeuronGroup(20, 'v:1');
    const S = new Synapses(G1.slice(1, 6), G2.slice(10), '', { onPre: 'v+=1' });
    S.connect('i==j');
    run(defaultclock.dt);
    const expected = Array(20).fill(0);
    for (const k of [10, 12, 14]) expected[k] = 1;
    assert.deepEqual(values(G2.v), expected);
  });

  it('test_recursive_subgroup', () => {
    const G = new NeuronGroup(10, 'v : 1');
    G.v = 'i';
    const SG = G.slice(3, 8);
    const SG2 = SG.slice(2, 4);
    assert.deepEqual(values(SG2.v), [5, 6]);
    assert.deepEqual(values(SG2.v), values(SG.v).slice(2, 4));
    assert.equal(SG2.source.name, G.name);
  });

  it('test_state_variables_group_as_index_problematic', () => {
    const G = new NeuronGroup(10, 'v : 1');
    const SG = G.slice(4, 9);
    G.v = 1;
    for (const [value, nWarnings] of [['i', 1], ['N', 1], ['N + i', 2], ['v', 0]] as const) {
      // G.v.__setitem__(SG, value): the method form and the property form G.v[SG] = value
      for (const set of [(): void => G.v.setAt(SG, value), (): void => void (G.v[SG as never] = value)]) {
        const l = catchLogs(set);
        assert.equal(l.length, nWarnings, `expected ${nWarnings}, got ${l.length} warnings`);
        assert.ok(l.every((entry) => entry[0].endsWith('ambiguous_string_expression')));
      }
    }
  });

  it('test_synapse_creation_generator_multiple_synapses', () => {
    const G1 = new NeuronGroup(10, 'v:1');
    const G2 = new NeuronGroup(20, 'v:1');
    G1.v = 'i';
    G2.v = '10 + i';
    const SG1 = G1.slice(0, 5);
    const SG2 = G2.slice(10);
    const conn = (a: typeof SG1, b: typeof SG1, n: string): Synapses => {
      const S = new Synapses(a, b);
      S.connect({ j: 'k for k in range(N_post)', n });
      return S;
    };
    const S1 = conn(SG1, SG2, 'i');
    const S2 = conn(SG1, SG2, 'j');
    const S3 = conn(SG2, SG1, 'i');
    const S4 = conn(SG2, SG1, 'j');
    const S5 = conn(SG1, SG2, 'i+j');
    const S6 = conn(SG2, SG1, 'i+j');
    const S7 = conn(SG1, SG2, 'int(v_pre>2)*2');
    const S8 = conn(SG2, SG1, 'int(v_post>2)*2');
    const S9 = conn(SG1, SG2, 'int(v_post>22)*2');
    const S10 = conn(SG2, SG1, 'int(v_pre>22)*2');
    run(ms(0));
    // numpy's arange(n).repeat(counts)
    const repeat = (from: number, n: number, count: (k: number) => number): number[] => {
      const out: number[] = [];
      for (let k = from; k < n; k++) for (let c = 0; c < count(k); c++) out.push(k);
      return out;
    };
    const n2 = SG2.N;
    for (let source = 0; source < SG1.N; source++) {
      assert.deepEqual(values(S1.j.at(source, null)), repeat(0, n2, () => source));
      assert.deepEqual(values(S2.j.at(source, null)), repeat(0, n2, (k) => k));
      assert.deepEqual(values(S3.i.at(null, source)), repeat(0, n2, (k) => k));
      assert.deepEqual(values(S4.i.at(null, source)), repeat(0, n2, () => source));
      assert.deepEqual(values(S5.j.at(source, null)), repeat(0, n2, (k) => k + source));
      assert.deepEqual(values(S6.i.at(null, source)), repeat(0, n2, (k) => k + source));
      if (source > 2) {
        assert.deepEqual(values(S7.j.at(source, null)), repeat(0, n2, () => 2));
        assert.deepEqual(values(S8.i.at(null, source)), repeat(0, n2, () => 2));
      } else {
        assert.equal(S7.j.at(source, null).values.length, 0);
        assert.equal(S8.i.at(null, source).values.length, 0);
      }
      assert.deepEqual(values(S9.j.at(source, null)), repeat(3, n2, () => 2));
      assert.deepEqual(values(S10.i.at(null, source)), repeat(3, n2, () => 2));
    }
  });

  it('test_synapse_creation_generator_complex_ranges', () => {
    const G1 = new NeuronGroup(10, 'v:1');
    const G2 = new NeuronGroup(20, 'v:1');
    G1.v = 'i';
    G2.v = '10 + i';
    const SG1 = G1.slice(0, 5);
    const SG2 = G2.slice(10);
    const S = new Synapses(SG1, SG2);
    S.connect({ j: 'i+k for k in range(N_post-i)' }); // Connect to all j>i
    // connect based on pre-/postsynaptic state variables
    const S2 = new Synapses(SG1, SG2);
    S2.connect({ j: 'k for k in range(N_post * int(v_pre > 2))' });
    const S3 = new Synapses(SG2, SG1);
    S3.connect({ j: 'k for k in range(N_post * int(v_pre > 22))' });
    run(ms(0));
    const post = S.variables.getArray('_synaptic_post').array;
    for (let source = 0; source < 5; source++) {
      const selected = Array.from(S.indicesOf(source, null));
      // Internally, the "real" neuron indices are used
      assert.deepEqual(selected.map((s) => post[s]), Array.from({ length: 10 - source }, (_, k) => 10 + source + k));
      // For the user, the subgroup-relative indices
      assert.deepEqual(values(S.j.at(source, null)), Array.from({ length: 10 - source }, (_, k) => source + k));
    }
    assert.equal(S2.N, 2 * SG2.N);
    assert.ok(values(S2.v_pre).every((x) => x > 2));
    assert.equal(S3.N, 7 * SG1.N);
    assert.ok(values(S3.v_pre).every((x) => x > 22));
  });

  it('test_synapse_creation_generator_random', () => {
    const G1 = new NeuronGroup(10, 'v:1');
    const G2 = new NeuronGroup(20, 'v:1');
    G1.v = 'i';
    G2.v = '10 + i';
    const SG1 = G1.slice(0, 5);
    const SG2 = G2.slice(10);
    // connect based on pre-/postsynaptic state variables
    const S2 = new Synapses(SG1, SG2);
    S2.connect({ j: 'k for k in sample(N_post, p=1.0*int(v_pre > 2))' });
    const S3 = new Synapses(SG2, SG1);
    S3.connect({ j: 'k for k in sample(N_post, p=1.0*int(v_pre > 22))' });
    run(ms(0));
    assert.equal(S2.N, 2 * SG2.N);
    assert.ok(values(S2.v_pre).every((x) => x > 2));
    assert.equal(S3.N, 7 * SG1.N);
    assert.ok(values(S3.v_pre).every((x) => x > 22));
  });

  it('test_synapses_access_subgroups_problematic', () => {
    const G1 = new NeuronGroup(5, 'x:1');
    const G2 = new NeuronGroup(10, 'y:1');
    const SG1 = G1.slice(2, 5);
    const SG2 = G2.slice(4, 9);
    const S = new Synapses(G1, G2, 'w:1');
    S.connect();
    // "j" is not ambiguous: its equivalent in the target group is called "i"
    const tests: [[typeof SG1 | null, typeof SG1 | null], string, number][] = [
      [[SG1, null], 'i', 1],
      [[SG1, null], 'i + N_pre', 2],
      [[SG1, null], 'N_pre', 1],
      [[null, SG2], 'j', 0],
      [[null, SG2], 'N_post', 1],
      [[null, SG2], 'N', 1],
      [[SG1, SG2], 'i', 1],
      [[SG1, SG2], 'i + j', 1],
      [[SG1, SG2], 'N_pre', 1],
      [[SG1, SG2], 'j', 0],
      [[SG1, SG2], 'N_post', 1],
      [[SG1, SG2], 'N', 1],
      // These do not raise a warning
      [[SG1, SG2], 'w', 0],
      [[SG1, SG2], 'x_pre', 0],
      [[SG1, SG2], 'y_post', 0],
      [[SG1, SG2], 'y', 0],
    ];
    for (const [[a, b], value, nWarnings] of tests) {
      const l = catchLogs(() => S.w.setAt2(a, b, value));
      assert.equal(l.length, nWarnings, `${value}: expected ${nWarnings}, got ${l.length} warnings`);
      assert.ok(l.every((entry) => entry[0].endsWith('ambiguous_string_expression')));
    }
  });

  const subexpressionReferences = (onTheFly: boolean): void => {
    const G = new NeuronGroup(10, 'v : 1\nv2 = 2*v : 1');
    G.v = Array.from({ length: 10 }, (_, k) => k);
    if (onTheFly) assert.deepEqual(values(G.slice(5).v2), [10, 12, 14, 16, 18]);
    const SG1 = G.slice(0, 5);
    const SG2 = G.slice(5);
    const first = onTheFly ? (): typeof SG1 => G.slice(0, 5) : (): typeof SG1 => SG1;
    const second = onTheFly ? (): typeof SG1 => G.slice(5) : (): typeof SG1 => SG2;
    const model = 'w : 1\nu = v2_post + 1 : 1\nx = v2_pre + 1 : 1';
    const reversed = [9, 8, 7, 6, 5].map((x) => x * 2 + 1);
    const S1 = new Synapses(first(), second(), model);
    S1.connect('i==(5-1-j)');
    assert.deepEqual(values(S1.i), [0, 1, 2, 3, 4]);
    assert.deepEqual(values(S1.j), [4, 3, 2, 1, 0]);
    assert.deepEqual(values(S1.u), reversed);
    assert.deepEqual(values(S1.x), [1, 3, 5, 7, 9]);
    const S2 = new Synapses(G, second(), model);
    S2.connect('i==(5-1-j)');
    assert.deepEqual(values(S2.i), [0, 1, 2, 3, 4]);
    assert.deepEqual(values(S2.j), [4, 3, 2, 1, 0]);
    assert.deepEqual(values(S2.u), reversed);
    assert.deepEqual(values(S2.x), [1, 3, 5, 7, 9]);
    const S3 = new Synapses(first(), G, model);
    S3.connect('i==(10-1-j)');
    assert.deepEqual(values(S3.i), [0, 1, 2, 3, 4]);
    assert.deepEqual(values(S3.j), [9, 8, 7, 6, 5]);
    assert.deepEqual(values(S3.u), reversed);
    assert.deepEqual(values(S3.x), [1, 3, 5, 7, 9]);
  };

  it('test_subexpression_references', () => subexpressionReferences(false));
  it('test_subexpression_no_references', () => subexpressionReferences(true));
});
