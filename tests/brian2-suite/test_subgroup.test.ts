/** Brian2 2.5.1 `brian2/tests/test_subgroup.py`, translated (status: README.md in this folder). */
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NeuronGroup, defaultclock, mV, ms, run, startScope } from '../../src/index.ts';
import { assertAllclose, raises } from './helpers.ts';

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
});
