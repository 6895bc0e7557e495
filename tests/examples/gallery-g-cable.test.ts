/**
 * Gallery G, the two 1000-compartment Hodgkin-Huxley axons (compartmental/hodgkin_huxley_1952 and
 * lfp), shortened (BRIAN_TS_DURATION_SCALE = 0.1: 5 ms rest, the 3 ms pulse unscaled, 10 ms of
 * propagation), against Brian2 (fixture gallery_g.json, tests/conformance/generate/gallery_g.py,
 * which runs Brian2's example files with the same scale): deterministic, traces to 1e-9.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { assertClose, loadFixture } from '../conformance/fixture.ts';
import { NeuronGroup, StateMonitor, Synapses } from '../../src/index.ts';
import type { BrianObject } from '../../src/index.ts';
import { SpatialNeuron } from '../../src/spatial/index.ts';
import { assertPNG, every, runExample, scratchDir } from './gallery-e-util.ts';

const SCALE = '0.1';
process.env['BRIAN_TS_DURATION_SCALE'] = SCALE; // read once, when examples/_duration.ts loads
process.env['BRIAN_TS_REPORT'] = 'none';

interface Fixture {
  hh_scale: number;
  compartmental_hodgkin_huxley_1952: { samples: number; record: number[]; v: number[][]; final_v: number[]; final_m: number[] };
  compartmental_lfp: { samples: number; stride: number; v: number[][]; lfp: number[][]; w: number[]; final_v: number[] };
}
const HH_STRIDE = 5;
/** |v| below 1 mV is compared relative to 1 mV. */
const opts = { rtol: 1e-9, atol: 1e-12 };

const only = <T>(objects: readonly BrianObject[], cls: abstract new (...args: never[]) => T): T[] => objects.filter((o): o is BrianObject & T => o instanceof cls);

describe(`examples gallery G, the Hodgkin-Huxley axons (durations × ${SCALE}, against Brian2)`, () => {
  const { dir, enter, leave } = scratchDir();
  const fx = loadFixture<Fixture>('gallery_g');
  before(enter);
  after(leave);

  it('the fixture was made at the scale the examples run with', () => {
    assert.equal(fx.hh_scale, Number(SCALE));
  });

  it('compartmental/hodgkin_huxley_1952.ts: Brian2’s v at ten points along the axon, final v and m (1e-9)', async () => {
    const objects = await runExample('compartmental/hodgkin_huxley_1952.ts');
    const neuron = only(objects, SpatialNeuron)[0]!;
    const M = only(objects, StateMonitor)[0]!;
    const f = fx.compartmental_hodgkin_huxley_1952;
    assert.equal(M.t_.length, f.samples);
    const v = M.get('v').values;
    f.record.forEach((i, k) => assertClose(every(v[i]!, HH_STRIDE), f.v[k]!, { ...opts, label: `v[${i}]` }));
    assertClose(neuron.v_, f.final_v, { ...opts, label: 'final v' });
    assertClose(neuron.m_, f.final_m, { ...opts, label: 'final m' });
    assertPNG(join(dir, 'hodgkin_huxley_1952.png'));
  });

  it('compartmental/lfp.ts: Brian2’s electrode weights, membrane and field potentials (1e-9)', async () => {
    const objects = await runExample('compartmental/lfp.ts');
    const neuron = only(objects, SpatialNeuron)[0]!;
    const lfpGroup = only(objects, NeuronGroup).find((g) => !(g instanceof SpatialNeuron))!;
    const mons = only(objects, StateMonitor);
    const M = mons.find((m) => m.source === neuron)!;
    const Mlfp = mons.find((m) => m.source === lfpGroup)!;
    const S = only(objects, Synapses)[0]!;
    const f = fx.compartmental_lfp;
    assert.equal(M.t_.length, f.samples);
    assertClose(every(S.w.values, 97), f.w, { rtol: 1e-12, label: 'w' });
    const v = M.get('v').values;
    f.v.forEach((expected, k) => assertClose(every(v[k * 100]!, f.stride), expected, { ...opts, label: `v[${k * 100}]` }));
    const lfp = Mlfp.get('v').values;
    f.lfp.forEach((expected, k) => assertClose(every(lfp[k]!, f.stride), expected, { rtol: 1e-9, atol: 1e-15, label: `LFP at electrode ${k}` }));
    assertClose(neuron.v_, f.final_v, { ...opts, label: 'final v' });
    assertPNG(join(dir, 'lfp.png'));
  });
});
