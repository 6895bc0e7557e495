/**
 * Brian2 2.5.1 `brian2/tests/test_spatialneuron.py`, translated (status: README.md in this folder).
 * `neuron.axon` is `neuron.child('axon')` (typed), `neuron.axon[a:b]` is `range(a, b)`,
 * `neuron[morpho.axon]` is `segment(...)`; a spatial subgroup's `indices[:]` (absolute
 * compartment indices in Brian2) are its `start`…`stop - 1`.
 */
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import {
  Cylinder,
  Morphology,
  Network,
  Section,
  Soma,
  SpatialNeuron,
  SpikeMonitor,
  StateMonitor,
  cm,
  defaultclock,
  defineUserFunction,
  mV,
  mm,
  ms,
  nA,
  ohm,
  run,
  siemens,
  startScope,
  uA,
  us,
  uF,
  um,
  volt,
  metre,
  msiemens,
  Hz,
  amp,
} from '../../src/index.ts';
import type { Quantity } from '../../src/index.ts';
import { printExpr } from '../../src/parsing/index.ts';
import { assertAllclose, raises } from './helpers.ts';

beforeEach(() => {
  startScope();
  defaultclock.dt = ms(0.1);
});

const arr = (n: number, f: (k: number) => number): number[] => Array.from({ length: n }, (_, k) => f(k));
const values = (v: { values: ArrayLike<number> }): number[] => Array.from(v.values);
type Sub = { start: number; stop: number; N: number; main: Sub; child(p: string): Sub; [k: string]: unknown };
const sub = (n: SpatialNeuron | Sub, path: string): Sub => (n as unknown as Sub).child(path);
/** Brian2's `subgroup.indices[:]` of a spatial subgroup: absolute compartment indices. */
const indices = (g: { start: number; stop: number }): number[] => arr(g.stop - g.start, (k) => g.start + k);
const v = (g: unknown): number[] => values((g as { v: { values: ArrayLike<number> } }).v);
const SI = (q: Quantity): number => q.value;

describe('test_spatialneuron (Brian2 2.5.1), construction and indexing', () => {
  it('test_custom_events', () => {
    const morpho = new Soma({ diameter: um(10) });
    morpho.setChild('dend1', new Cylinder({ n: 1, diameter: um(1), length: um(10) }));
    morpho.setChild('dend2', new Cylinder({ n: 1, diameter: um(1), length: um(10) }));
    const G = new SpatialNeuron(morpho, 'Im = gL * (EL - v) : amp/meter**2\nevent_time1 : second', {
      events: { event1: 't>=i*ms and t<i*ms+dt' },
      namespace: { EL: mV(-65), gL: siemens(0.0003).div(cm(1).pow(2)) },
    });
    G.runOnEvent('event1', 'event_time1 = 0.1*ms');
    run(ms(0.2));
    // three compartments
    assertAllclose(values(G.event_time1 as never), [0.1e-3, 0, 0]);
  });

  const construction = (useCoordinates: boolean): void => {
    const morpho = new Soma({ diameter: um(30) });
    const s2 = Math.SQRT2;
    if (useCoordinates) {
      morpho.setChild('L', new Cylinder({ x: um([0, 10]), diameter: um(1), n: 10 }));
      morpho.setChild('LL', new Cylinder({ y: um([0, 5]), diameter: um(2), n: 5 }));
      morpho.setChild('LR', new Cylinder({ z: um([0, 5]), diameter: um(2), n: 10 }));
      morpho.setChild('right', new Cylinder({ x: um([0, s2 * 1.5]), y: um([0, s2 * 1.5]), diameter: um(1), n: 7 }));
      morpho.child('right').setChild('nextone', new Cylinder({ y: um([0, s2]), z: um([0, s2]), diameter: um(1), n: 3 }));
    } else {
      morpho.setChild('L', new Cylinder({ length: um(10), diameter: um(1), n: 10 }));
      morpho.setChild('LL', new Cylinder({ length: um(5), diameter: um(2), n: 5 }));
      morpho.setChild('LR', new Cylinder({ length: um(5), diameter: um(2), n: 10 }));
      morpho.setChild('right', new Cylinder({ length: um(3), diameter: um(1), n: 7 }));
      morpho.child('right').setChild('nextone', new Cylinder({ length: um(2), diameter: um(1), n: 3 }));
    }
    const namespace = { gL: siemens(1e-4).div(cm(1).pow(2)), EL: mV(-70) };
    // units of currents
    raises(() => new SpatialNeuron(morpho, 'Im=gL*(EL-v) : amp/meter**2\nI : meter (point current)', { namespace }), 'DimensionMismatchError');
    const neuron = new SpatialNeuron(morpho, 'Im=gL*(EL-v) : amp/meter**2', { Cm: uF(1).div(cm(1).pow(2)), Ri: ohm(100).times(cm(1)), namespace });
    // initialisation of values
    (sub(neuron, 'LL') as unknown as { v: unknown }).v = mV(-70);
    assertAllclose(v(sub(neuron, 'L').main), 0);
    assertAllclose(v(sub(neuron, 'LL')), -70e-3);
    (neuron.child('LL').range(um(1), um(3)) as unknown as { v: unknown }).v = mV(0);
    assertAllclose(v(sub(neuron, 'LL')), [-70e-3, 0, 0, -70e-3, -70e-3]);
    assertAllclose(values(neuron.Cm as never), 1e-2);
    // morphological variables
    const L = sub(neuron, 'L').main as unknown as Record<string, { values: ArrayLike<number> }>;
    if (useCoordinates) {
      assertAllclose(values(L.x!), values(morpho.child('L').x!));
      assertAllclose(values((sub(neuron, 'LL').main as unknown as Record<string, { values: ArrayLike<number> }>).x!), values(morpho.child('LL').x!));
      assertAllclose(values((sub(neuron, 'right').main as unknown as Record<string, { values: ArrayLike<number> }>).x!), values(morpho.child('right').x!));
    }
    assertAllclose(values(L.distance!), values(morpho.child('L').distance));
    assertAllclose(values(L.area!), values(morpho.child('L').area));
    assertAllclose(values(L.length!), values(morpho.child('L').length));
    // basic consistency of the flattened representation
    assert.ok(Array.from(neuron.flatTree.ends).every((e, k) => e >= neuron.flatTree.starts[k]!));
    // lengths and distances
    const sum = (q: { values: ArrayLike<number> }): number => values(q).reduce((a, b) => a + b, 0);
    const d = (path: string): number[] => values(morpho.child(path).distance).map((x) => x / 1e-6);
    assertAllclose(sum(morpho.child('L').length), 10e-6);
    assertAllclose(d('L'), arr(10, (k) => 0.5 + k));
    assertAllclose(sum(morpho.child('LL').length), 5e-6);
    assertAllclose(d('LL'), arr(5, (k) => 10 + 0.5 + k));
    assertAllclose(sum(morpho.child('LR').length), 5e-6);
    assertAllclose(d('LR'), arr(10, (k) => 10 + 0.25 + k * 0.5));
    assertAllclose(sum(morpho.child('right').length), 3e-6);
    assertAllclose(d('right'), arr(7, (k) => ((0.5 + k) * 3) / 7));
    assertAllclose(sum(morpho.child('right.nextone').length), 2e-6);
    assertAllclose(d('right.nextone'), arr(3, (k) => 3 + ((0.5 + k) * 2) / 3));
  };
  it('test_construction', () => construction(false));
  it('test_construction_coordinates', () => construction(true));

  it('test_allowed_integration', () => {
    const morph = new Soma({ diameter: um(30) });
    const userFun = defineUserFunction('user_fun', (voltage) => voltage, { argUnits: [volt(1)], returnUnit: volt(1) }); // arbitrary, so unsafe
    const namespace = {
      EL: mV(-70),
      gL: siemens(1e-4).div(cm(1).pow(2)),
      ENa: mV(115),
      gNa: msiemens(120).div(cm(1).pow(2)),
      VT: mV(-50.4),
      DeltaT: mV(2),
      ENMDA: mV(0),
      user_fun: userFun,
    };
    const allowed = [
      'Im = gL*(EL-v) : amp/meter**2',
      `Im = gl * (El-v) + gNa * m**3 * h * (ENa-v) : amp/meter**2
dm/dt = alpham * (1-m) - betam * m : 1
dh/dt = alphah * (1-h) - betah * h : 1
alpham = (0.1/mV) * (-v+25*mV) / (exp((-v+25*mV) / (10*mV)) - 1)/ms : Hz
betam = 4 * exp(-v/(18*mV))/ms : Hz
alphah = 0.07 * exp(-v/(20*mV))/ms : Hz
betah = 1/(exp((-v+30*mV) / (10*mV)) + 1)/ms : Hz`,
      `Im = gl * (El-v) : amp/meter**2
I_ext = 1*nA + sin(2*pi*100*Hz*t)*nA : amp (point current)`,
      `Im = I_leak + I_spike : amp/meter**2
I_leak = gL*(EL - v) : amp/meter**2
I_spike = gL*DeltaT*exp((v - VT)/DeltaT): amp/meter**2 (constant over dt)`,
      `Im = gL*(EL-v) : amp/meter**2
I_NMDA = gNMDA*(ENMDA-v)*Mgblock : amp (point current)
gNMDA : siemens
Mgblock = 1./(1. +  exp(-0.062*v/mV)/3.57) : 1 (constant over dt)`,
      'Im = gL*(EL - v) + gL*DeltaT*exp((v - VT)/DeltaT) : amp/meter**2',
      `Im = I_leak + I_spike : amp/meter**2
I_leak = gL*(EL - v) : amp/meter**2
I_spike = gL*DeltaT*exp((v - VT)/DeltaT): amp/meter**2`,
      `Im = gL*(EL-v) : amp/meter**2
I_NMDA = gNMDA*(ENMDA-v)*Mgblock : amp (point current)
gNMDA : siemens
Mgblock = 1./(1. +  exp(-0.062*v/mV)/3.57) : 1`,
    ];
    const forbidden = ['Im = gl * (El-v + user_fun(v)) : amp/meter**2', 'Im = gl * clip(El-v, -100*mV, 100*mV) : amp/meter**2'];
    for (const eqs of allowed) new SpatialNeuron(morph, eqs, { namespace }); // no error
    for (const eqs of forbidden) raises(() => new SpatialNeuron(morph, eqs, { namespace }), 'TypeError');
  });

  it('test_spatialneuron_indexing', () => {
    const cyl = (n: number): Cylinder => new Cylinder({ length: um(50), diameter: um(10), n });
    const sec = cyl(1);
    sec.setChild('sec1', cyl(2));
    sec.child('sec1').setChild('sec11', cyl(4));
    sec.child('sec1').setChild('sec12', cyl(8));
    sec.setChild('sec2', cyl(16));
    sec.child('sec2').setChild('sec21', cyl(32));
    const neuron = new SpatialNeuron(sec, 'Im = 0*amp/meter**2 : amp/meter**2');
    neuron.v = 'i*volt';
    const all = { start: 0, stop: neuron.N };
    // indices/variables of a subtree refer to the full subtree
    const expected: [string, number, number][] = [
      ['', 1 + 2 + 4 + 8 + 16 + 32, 1],
      ['sec1', 2 + 4 + 8, 2],
      ['sec1.sec11', 4, 4],
      ['sec1.sec12', 8, 8],
      ['sec2', 16 + 32, 16],
      ['sec2.sec21', 32, 32],
    ];
    for (const [path, total, main] of expected) {
      const g = path === '' ? all : neuron.child(path);
      assert.equal(indices(g).length, total);
      assert.equal(v(path === '' ? neuron : g).length, total);
      // ".main" only refers to the section
      const m = path === '' ? neuron.main : neuron.child(path).main;
      assert.equal(indices(m).length, main);
      assert.equal(v(m).length, main);
    }
    // subgroups
    assert.equal(indices(neuron.range(0, 1)).length, 1); // neuron[0]
    assert.equal(indices(neuron.range(um(0), um(50))).length, 1);
    assert.equal(indices(neuron.range(0, 1)).length, 1);
    assert.equal(neuron.subgroup(Array.from(sec.child('sec2').indices)).N, 16);
    assert.equal(neuron.segment(sec.child('sec2')).N, 16);
    const sec11 = neuron.child('sec1.sec11');
    assert.deepEqual(v(sec11), [3, 4, 5, 6]);
    assert.deepEqual(v(sec11.range(1, 2)), [v(sec11)[1]]);
    assert.deepEqual(v(sec11.range(1, 3)), v(sec11).slice(1, 3));
    assert.deepEqual(v(sec11.range(1, 3)), [4, 5]);
  });

  it('test_tree_index_consistency', () => {
    // every tree of depth 3 with at most 3 branches per subtree (84 trees): each subtree has
    // contiguous indices, separate subtrees do not overlap
    let trees = 0;
    for (const root of [1, 2, 3]) {
      for (const b1 of [0, 1, 2, 3]) {
        for (const b2 of [0, 1, 2, 3]) {
          for (const b3 of [0, 1, 2, 3]) {
            const description = [root, b1, b2, b3];
            if (!description.slice(root + 1).every((x) => x === 0)) continue; // redundant
            trees++;
            const sec = new Cylinder({ length: um(50), diameter: um(10), n: 1 });
            for (let idx = 0; idx < root; idx++) sec.setChild(`sec${idx + 1}`, new Cylinder({ length: um(50), diameter: um(10), n: 2 * (idx + 1) }));
            for (let child = 0; child < root; child++) {
              const subsec = sec.child(`sec${child + 1}`);
              for (let idx = 0; idx < description[child + 1]!; idx++) {
                subsec.setChild(`sec${child + 1}${idx + 1}`, new Cylinder({ length: um(50), diameter: um(10), n: 1 + (child + 1) * idx }));
              }
            }
            const neuron = new SpatialNeuron(sec, 'Im = 0*amp/meter**2 : amp/meter**2');
            assert.deepEqual(indices({ start: 0, stop: neuron.N }), arr(sec.totalCompartments, (k) => k));
            const allSubsec: number[] = [];
            for (let child = 0; child < root; child++) {
              const subsec = neuron.child(`sec${child + 1}`);
              const subIndices = new Set(indices(subsec.main));
              for (let idx = 0; idx < description[child + 1]!; idx++) {
                for (const k of indices(subsec.child(`sec${child + 1}${idx + 1}`).main)) subIndices.add(k);
              }
              // a full subtree's indices are the union of its sections' indices
              assert.deepEqual(subIndices, new Set(indices(subsec)));
              allSubsec.push(...indices(subsec));
            }
            // separate subtrees do not overlap
            assert.equal(allSubsec.length, new Set(allSubsec).size);
          }
        }
      }
    }
    assert.equal(trees, 84);
  });

  const sixSections = (): [Cylinder, SpatialNeuron] => {
    const cyl = (): Cylinder => new Cylinder({ length: um(50), diameter: um(10), n: 2 });
    const sec = cyl();
    sec.setChild('sec1', cyl());
    sec.child('sec1').setChild('sec11', cyl());
    sec.child('sec1').setChild('sec12', cyl());
    sec.setChild('sec2', cyl());
    sec.child('sec2').setChild('sec21', cyl());
    return [sec, new SpatialNeuron(sec, 'Im = 0*amp/meter**2 : amp/meter**2')];
  };

  it('test_spatialneuron_subtree_assignment', () => {
    const [, neuron] = sixSections();
    neuron.v = volt(1);
    assertAllclose(v(neuron), Array(12).fill(1));
    // neuron.sec1.v += 1*volt
    const sec1 = neuron.child('sec1') as unknown as { v: { plus(q: Quantity): unknown } };
    sec1.v = sec1.v.plus(volt(1)) as never;
    assertAllclose(v(neuron.main), [1, 1]);
    assertAllclose(v(neuron.child('sec1')), Array(6).fill(2));
    assertAllclose(v(neuron.child('sec1').main), [2, 2]);
    assertAllclose(v(neuron.child('sec1.sec11')), [2, 2]);
    assertAllclose(v(neuron.child('sec1.sec12')), [2, 2]);
    assertAllclose(v(neuron.child('sec2')), Array(4).fill(1));
    (neuron.child('sec2') as unknown as { v: unknown }).v = volt(5);
    assertAllclose(v(neuron.child('sec2')), Array(4).fill(5));
    assertAllclose(v(neuron.child('sec2').main), [5, 5]);
    assertAllclose(v(neuron.child('sec2.sec21')), [5, 5]);
  });

  it('test_spatialneuron_morphology_assignment', () => {
    const [sec, neuron] = sixSections();
    // neuron.v[sec.sec1.sec11] = 1*volt
    neuron.v.setAt(sec.child('sec1.sec11').indices, volt(1));
    assertAllclose(v(neuron.child('sec1.sec11')), [1, 1]);
    assertAllclose(v(neuron.child('sec1.sec12')), [0, 0]);
    assertAllclose(v(neuron.child('sec1').main), [0, 0]);
    assertAllclose(v(neuron.main), [0, 0]);
    assertAllclose(v(neuron.child('sec2')), [0, 0, 0, 0]);
    neuron.v.setAt(sec.child('sec2').slice(um(25)).indices, volt(2));
    neuron.v.setAt(sec.child('sec1').slice(undefined, um(25)).indices, volt(3));
    assertAllclose(v(neuron.main), [0, 0]);
    assertAllclose(v(neuron.child('sec2').main), [0, 2]);
    assertAllclose(v(neuron.child('sec2.sec21')), [0, 0]);
    assertAllclose(v(neuron.child('sec1').main), [3, 0]);
    assertAllclose(v(neuron.child('sec1.sec11')), [1, 1]);
    assertAllclose(v(neuron.child('sec1.sec12')), [0, 0]);
  });

  it('test_point_current', () => {
    const soma = new Soma({ diameter: um(10) });
    const neuron = new SpatialNeuron(soma, 'Im = 0*nA/cm**2 : amp/meter**2\nI1 = 1*nA : amp (point current)\nI2 = 1*nA : amp (point current, constant over dt)');
    const code = printExpr(neuron.equations.get('Im')!.expr!).replace(/\s+/g, '');
    assert.ok(code.includes('I1/area'), code);
    assert.ok(code.includes('I2/area'), code); // issue #1160
  });

  it('test_spatialneuron_threshold_location', () => {
    const morpho = new Soma({ diameter: um(10) });
    morpho.setChild('axon', new Cylinder({ diameter: um(1), n: 2, length: um(20) }));
    const model = 'Im = 0*nA/cm**2 : amp/meter**2\nshould_spike : boolean (constant)';
    const neuron = new SpatialNeuron(morpho, model, { thresholdLocation: morpho.child('axon').compartment(um(15)), threshold: 'should_spike' });
    // variants that do the same thing
    const neuron2 = new SpatialNeuron(morpho, model, { thresholdLocation: morpho.child('axon').index(um(15)), threshold: 'should_spike' });
    const neuron3 = new SpatialNeuron(morpho, model, { thresholdLocation: 2, threshold: 'should_spike' });
    // not several compartments
    raises(() => new SpatialNeuron(morpho, model, { thresholdLocation: [2, 3] as never, threshold: 'should_spike' }), 'AttributeError');
    raises(() => new SpatialNeuron(morpho, model, { thresholdLocation: morpho.child('axon').slice(um(5), um(15)), threshold: 'should_spike' } as never), 'AttributeError');
    const neurons = [neuron, neuron2, neuron3];
    const monitors = neurons.map((n) => new SpikeMonitor(n));
    const net = new Network(...neurons, ...monitors);
    const setAll = (x: boolean | boolean[]): void => {
      for (const n of neurons) n.should_spike = x;
    };
    setAll(true); // all compartments want to spike
    net.run(defaultclock.dt);
    setAll(false); // no compartment wants to spike
    net.run(defaultclock.dt);
    setAll([false, false, true]);
    net.run(defaultclock.dt);
    setAll([true, true, false]);
    net.run(defaultclock.dt);
    for (const mon of monitors) {
      assert.equal(mon.i.length, 2);
      assert.ok(Array.from(mon.i).every((i) => i === 2));
      assertAllclose(mon.t.values, [0, 2 * SI(defaultclock.dt)]);
    }
  });
});


const gLeak = (x: number): Quantity => siemens(x).div(cm(1).pow(2));
const CM = (): Quantity => uF(1).div(cm(1).pow(2));

describe('test_spatialneuron (Brian2 2.5.1), cable theory', () => {
  it('test_infinitecable', () => {
    // an infinite cable vs. theory for a current pulse (Green function)
    defaultclock.dt = ms(0.001);
    const diameter = 1e-6;
    const Cm = 1e-2;
    const N = 500;
    const morpho = new Cylinder({ diameter: um(1), length: mm(3), n: N });
    const gL = 1e-4 * 1e4;
    const neuron = new SpatialNeuron(morpho, 'Im=-gL*v : amp/meter**2\nI : amp (point current)', { Cm: CM(), Ri: ohm(100).times(cm(1)), namespace: { gL: gLeak(1e-4) } });
    const mon = new StateMonitor(neuron, 'v', { record: N / 2 - 20 });
    neuron.I.setAt(Math.floor(N / 2), nA(1)); // injecting in the middle
    run(ms(0.02));
    neuron.I = amp(0);
    run(ms(3));
    const t = values(mon.t);
    const vv = values(mon.at(N / 2 - 20).v);
    // Theory (incorrect near the cable ends)
    const x = 20 * morpho.length_[0]!;
    const la = (neuron.space_constant as unknown as { values: ArrayLike<number> }).values[0]!;
    const taum = Cm / gL;
    const dt = 1e-6;
    const theory = t.map((tk) => {
      const tt = tk + dt;
      return (1 / (la * Cm * Math.PI * diameter)) * Math.sqrt(taum / (4 * Math.PI * tt)) * Math.exp(-tt / taum - (taum / (4 * tt)) * (x / la) ** 2) * 1e-9 * 0.02e-3;
    });
    const late = (k: number): boolean => t[k]! > 0.5e-3;
    // high error tolerance (not exact because not infinite)
    assertAllclose(sel(vv, late), sel(theory, late), 0, 6.32e-6);
  });

  it('test_finitecable', () => {
    // a short cylinder vs. theory for a constant current
    defaultclock.dt = ms(0.01);
    const diameter = 1e-6;
    const length = 300e-6;
    const Ri = 150 * 1e-2;
    const N = 200;
    const morpho = new Cylinder({ diameter: um(1), length: um(300), n: N });
    const EL = -70e-3;
    const neuron = new SpatialNeuron(morpho, 'Im=gL*(EL-v) : amp/meter**2\nI : amp (point current)', {
      Cm: CM(),
      Ri: ohm(150).times(cm(1)),
      namespace: { gL: gLeak(1e-4), EL: mV(-70) },
    });
    neuron.v = mV(-70);
    neuron.I.setAt(0, nA(0.02)); // injecting at the left end
    run(ms(100));
    // Theory
    const x = values(neuron.distance as never);
    const vv = v(neuron);
    const la = (neuron.space_constant as unknown as { values: ArrayLike<number> }).values[0]!;
    const ra = (la * 4 * Ri) / (Math.PI * diameter ** 2);
    const I0 = 0.02e-9;
    const theory = x.map((xk) => EL + (ra * I0 * Math.cosh((length - xk) / la)) / Math.sinh(length / la));
    assertAllclose(vv.map((y) => y - EL), theory.map((y) => y - EL), 0, 1e-6);
  });

  it('test_rall', () => {
    // a cylinder plus two branches, with diameters according to Rall's formula
    defaultclock.dt = ms(0.01);
    const gL = 1e-4 * 1e4;
    const EL = -70e-3;
    const diameter = 1e-6;
    const length = 300e-6;
    const Ri = 150 * 1e-2;
    const N = 500;
    const space = (d: number): number => Math.sqrt(1 / (gL * Math.PI * d) / ((4 * Ri) / (Math.PI * d ** 2)));
    const la = space(diameter);
    const morpho = new Cylinder({ diameter: metre(diameter), length: metre(length), n: N });
    const d1 = 0.5e-6;
    const L1 = 200e-6;
    const l1 = space(d1);
    morpho.setChild('L', new Cylinder({ diameter: metre(d1), length: metre(L1), n: N }));
    const d2 = (diameter ** 1.5 - d1 ** 1.5) ** (1 / 1.5);
    const l2 = space(d2);
    const L2 = (L1 / l1) * l2;
    morpho.setChild('R', new Cylinder({ diameter: metre(d2), length: metre(L2), n: N }));
    const neuron = new SpatialNeuron(morpho, 'Im=gL*(EL-v) : amp/meter**2\nI : amp (point current)', {
      Cm: CM(),
      Ri: ohm(150).times(cm(1)),
      namespace: { gL: gLeak(1e-4), EL: mV(-70) },
    });
    neuron.v = mV(-70);
    neuron.I.setAt(0, nA(0.02)); // injecting at the left end
    run(ms(100));
    const spaceConstant = (g: unknown): number => (g as { space_constant: { values: ArrayLike<number> } }).space_constant.values[0]!;
    // space constants
    assertAllclose(la, spaceConstant(neuron));
    assertAllclose(l1, spaceConstant(neuron.child('L')));
    assertAllclose(l2, spaceConstant(neuron.child('R')));
    // Theory
    const dist = (g: unknown): number[] => values((g as { distance: { values: ArrayLike<number> } }).distance);
    const ra = (la * 4 * Ri) / (Math.PI * diameter ** 2);
    const l = length / la + L1 / l1;
    const I0 = 0.02e-9;
    let x = dist(neuron.main);
    let theory = x.map((xk) => EL + (ra * I0 * Math.cosh(l - xk / la)) / Math.sinh(l));
    assertAllclose(v(neuron.main).map((y) => y - EL), theory.map((y) => y - EL), 0, 2e-6);
    const lastMain = x[x.length - 1]!;
    for (const [path, lb] of [['L', l1], ['R', l2]] as const) {
      x = dist(neuron.child(path));
      theory = x.map((xk) => EL + (ra * I0 * Math.cosh(l - lastMain / la - (xk - lastMain) / lb)) / Math.sinh(l));
      assertAllclose(v(neuron.child(path)).map((y) => y - EL), theory.map((y) => y - EL), 0, 2e-6);
    }
  });

  it('test_basic_diffusion', () => {
    // propagation works in a very basic sense, for all morphology classes
    defaultclock.dt = ms(0.01);
    const morph = new Soma({ diameter: um(30) });
    morph.setChild('axon', new Cylinder({ n: 10, diameter: um(10), length: um(100) }));
    morph.setChild('dend', new Section({ n: 10, diameter: um([10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0.1]), length: um(arr(10, () => 10)) }));
    const neuron = new SpatialNeuron(morph, 'Im = gL*(EL-v) + gClamp*(target-v): amp/meter**2\ngClamp : siemens/meter**2', {
      namespace: { EL: mV(-70), gL: gLeak(1e-4), target: mV(-10) },
    });
    neuron.v = mV(-70);
    (neuron.child('axon') as unknown as { gClamp: { setAt(k: number, x: Quantity): void } }).gClamp.setAt(0, gLeak(100));
    const mon = new StateMonitor(neuron, 'v', { record: true });
    run(ms(0.25));
    // mon.v[:, -1]: the last recorded value of every compartment
    const last = arr(neuron.N, (k) => {
      const trace = values(mon.at(k).v);
      return trace[trace.length - 1]!;
    });
    assert.ok(last.every((x) => Math.abs(x / 1e-3 + 10) < 0.25), String(last.map((x) => x / 1e-3)));
  });

  it('test_spatialneuron_capacitive_currents', () => {
    defaultclock.dt = ms(0.1);
    const morpho = new Cylinder({ x: cm([0, 10]), diameter: um(2 * 238), n: 200, type: 'axon' });
    const eqs = `Im = gl * (El-v) + gNa * m**3 * h * (ENa-v) + gK * n**4 * (EK-v) : amp/meter**2
I : amp (point current)
dm/dt = alpham * (1-m) - betam * m : 1
dn/dt = alphan * (1-n) - betan * n : 1
dh/dt = alphah * (1-h) - betah * h : 1
alpham = (0.1/mV) * (-v+25*mV) / (exp((-v+25*mV) / (10*mV)) - 1)/ms : Hz
betam = 4 * exp(-v/(18*mV))/ms : Hz
alphah = 0.07 * exp(-v/(20*mV))/ms : Hz
betah = 1/(exp((-v+30*mV) / (10*mV)) + 1)/ms : Hz
alphan = (0.01/mV) * (-v+10*mV) / (exp((-v+10*mV) / (10*mV)) - 1)/ms : Hz
betan = 0.125*exp(-v/(80*mV))/ms : Hz
gNa : siemens/meter**2`;
    const neuron = new SpatialNeuron(morpho, eqs, {
      Cm: CM(),
      Ri: ohm(35.4).times(cm(1)),
      method: 'exponential_euler',
      namespace: { El: mV(10.613), ENa: mV(115), EK: mV(-12), gl: msiemens(0.3).div(cm(1).pow(2)), gK: msiemens(36).div(cm(1).pow(2)) },
    });
    const mon = new StateMonitor(neuron, ['Im', 'Ic'], { record: true, when: 'end' });
    run(ms(10));
    neuron.I.setAt(0, uA(1)); // current injection at one end
    run(ms(3));
    neuron.I = amp(0);
    run(ms(10));
    // (mon.Im - mon.Ic).sum(axis=0) in mA/cm**2, per time step
    const steps = values(mon.t).length;
    assert.equal(steps, 230);
    const sums = arr(steps, () => 0);
    for (let k = 0; k < neuron.N; k++) {
      const im = values(mon.at(k).Im);
      const ic = values(mon.at(k).Ic);
      for (let s = 0; s < steps; s++) sums[s]! += (im[s]! - ic[s]!) / 10; // A/m**2 -> mA/cm**2
    }
    assertAllclose(sums, Array(steps).fill(0), 0, 1e6);
  });
});

const sel = (xs: ArrayLike<number>, mask: (k: number) => boolean): number[] => Array.from(xs).filter((_, k) => mask(k));

/** A Rallpack reference trace (Brian2's tests/rallpack_data): [times, values] in SI. */
function rallpackData(name: string): [number[], number[]] {
  const text = gunzipSync(readFileSync(new URL(`./rallpack_data/${name}.gz`, import.meta.url))).toString('utf8');
  const rows = text
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number));
  return [rows.map((r) => r[0]!), rows.map((r) => r[1]!)];
}

/** Brian2's Rallpack checks: relative RMS and maximal errors (percent of the reference's range). */
function rallpackErrors(reference: number[], simulated: number[]): { rms: number; max: number } {
  assert.equal(simulated.length, reference.length);
  const scale = Math.max(...reference) - Math.min(...reference);
  const squared = reference.map((r, k) => (r - simulated[k]!) ** 2);
  return { rms: (100 * Math.sqrt(squared.reduce((a, b) => a + b, 0) / squared.length)) / scale, max: (100 * Math.sqrt(Math.max(...squared))) / scale };
}

describe('test_spatialneuron (Brian2 2.5.1), Rallpacks', () => {
  it('test_rallpack1', () => {
    defaultclock.dt = ms(0.05);
    const N = 1000;
    const morpho = new Cylinder({ diameter: um(1), length: mm(1), n: N });
    const neuron = new SpatialNeuron(morpho, 'Im = gL*(EL - v) : amp/meter**2\nI : amp (point current, constant)', {
      Cm: CM(),
      Ri: ohm(100).times(cm(1)),
      namespace: { gL: ohm(40000).times(cm(1).pow(2)).pow(-1), EL: mV(-65) },
    });
    neuron.v = mV(-65);
    neuron.I.setAt(0, nA(0.1)); // injecting at the left end
    // Record at the two ends
    const mon = new StateMonitor(neuron, 'v', { record: [0, 999], when: 'start', dt: ms(0.05) });
    run(ms(250).plus(defaultclock.dt));
    const [t0, data0] = rallpackData('ref_cable.0');
    const [tx, dataX] = rallpackData('ref_cable.x');
    // sanity check: the times are the same
    assertAllclose(values(mon.t), t0);
    assertAllclose(values(mon.t), tx);
    const e0 = rallpackErrors(data0, values(mon.at(0).v));
    const ex = rallpackErrors(dataX, values(mon.at(999).v));
    // RMS error < 0.1%, maximum error along the curve < 0.5%
    assert.ok(e0.rms < 0.1 && ex.rms < 0.1, `RMS ${e0.rms}, ${ex.rms}`);
    assert.ok(e0.max < 0.5 && ex.max < 0.5, `max ${e0.max}, ${ex.max}`);
  });

  it('test_rallpack2', () => {
    defaultclock.dt = ms(0.1);
    let diameter = 32e-6;
    let length = 16e-6;
    // binary tree according to Rall's formula
    const morpho = new Cylinder({ n: 1, diameter: metre(diameter), y: metre([0, length]) });
    let endpoints: Morphology[] = [morpho];
    for (let depth = 1; depth < 10; depth++) {
      diameter /= 2 ** (1 / 3);
      length /= 2 ** (2 / 3);
      const next: Morphology[] = [];
      for (const endpoint of endpoints) {
        const L = new Cylinder({ n: 1, diameter: metre(diameter), length: metre(length) });
        const R = new Cylinder({ n: 1, diameter: metre(diameter), length: metre(length) });
        next.push(L, R);
        endpoint.setChild('L', L);
        endpoint.setChild('R', R);
      }
      endpoints = next;
    }
    const neuron = new SpatialNeuron(morpho, 'Im = gL*(EL - v) : amp/meter**2\nI : amp (point current, constant)', {
      Cm: CM(),
      Ri: ohm(100).times(cm(1)),
      method: 'rk4',
      namespace: { gL: ohm(40000).times(cm(1).pow(2)).pow(-1), EL: mV(-65) },
    });
    neuron.v = mV(-65);
    neuron.I.setAt(0, nA(0.1)); // injecting at the origin
    const endpointIndices = endpoints.map((e) => e.indices[0]!);
    const mon = new StateMonitor(neuron, 'v', { record: [0, ...endpointIndices], when: 'start', dt: ms(0.1) });
    run(ms(250).plus(defaultclock.dt));
    // every second time step of the reference (0.1 ms here, 0.05 ms there)
    const every2 = <T>(xs: T[]): T[] => xs.filter((_, k) => k % 2 === 0);
    const [t0, data0] = rallpackData('ref_branch.0').map(every2) as [number[], number[]];
    const [tx, dataX] = rallpackData('ref_branch.x').map(every2) as [number[], number[]];
    assertAllclose(values(mon.t), t0);
    assertAllclose(values(mon.t), tx);
    // all endpoints are the same
    const first = values(mon.at(endpointIndices[0]!).v);
    for (const k of endpointIndices) assertAllclose(values(mon.at(k).v), first);
    const e0 = rallpackErrors(data0, values(mon.at(0).v));
    const ex = rallpackErrors(dataX, first);
    // RMS error < 0.25%, maximum error along the curve < 0.5%
    assert.ok(e0.rms < 0.25 && ex.rms < 0.25, `RMS ${e0.rms}, ${ex.rms}`);
    assert.ok(e0.max < 0.5 && ex.max < 0.5, `max ${e0.max}, ${ex.max}`);
  });

  it('test_rallpack3', () => {
    defaultclock.dt = us(1);
    const N = 1000;
    const morpho = new Cylinder({ diameter: um(1), length: mm(1), n: N });
    const eqs = `Im = gl * (El-v) + gNa * m**3 * h * (ENa-v) + gK * n**4 * (EK-v) : amp/meter**2
dm/dt = alpham * (1-m) - betam * m : 1
dn/dt = alphan * (1-n) - betan * n : 1
dh/dt = alphah * (1-h) - betah * h : 1
v_shifted = v - El : volt
alpham = (0.1/mV) * (-v_shifted+25*mV) / (exp((-v_shifted+25*mV) / (10*mV)) - 1)/ms : Hz
betam = 4 * exp(-v_shifted/(18*mV))/ms : Hz
alphah = 0.07 * exp(-v_shifted/(20*mV))/ms : Hz
betah = 1/(exp((-v_shifted+30*mV) / (10*mV)) + 1)/ms : Hz
alphan = (0.01/mV) * (-v_shifted+10*mV) / (exp((-v_shifted+10*mV) / (10*mV)) - 1)/ms : Hz
betan = 0.125*exp(-v_shifted/(80*mV))/ms : Hz
I : amp (point current, constant)`;
    const axon = new SpatialNeuron(morpho, eqs, {
      Cm: CM(),
      Ri: ohm(100).times(cm(1)),
      method: 'exponential_euler',
      namespace: {
        gl: ohm(40000).times(cm(1).pow(2)).pow(-1),
        El: mV(-65),
        ENa: mV(50),
        EK: mV(-77),
        gNa: msiemens(120).div(cm(1).pow(2)),
        gK: msiemens(36).div(cm(1).pow(2)),
      },
    });
    axon.v = mV(-65);
    // pre-calculated equilibrium values at v = El
    axon.m = 0.0529324852572;
    axon.n = 0.317676914061;
    axon.h = 0.596120753508;
    axon.I.setAt(0, nA(0.1)); // injecting at the left end
    const mon = new StateMonitor(axon, 'v', { record: [0, 999], when: 'start', dt: ms(0.05) });
    run(ms(250).plus(defaultclock.dt));
    const [t0, data0] = rallpackData('ref_axon.0.neuron');
    const [tx, dataX] = rallpackData('ref_axon.x.neuron');
    assertAllclose(values(mon.t), t0);
    assertAllclose(values(mon.t), tx);
    const e0 = rallpackErrors(data0, values(mon.at(0).v));
    const ex = rallpackErrors(dataX, values(mon.at(999).v));
    // RMS error < 0.1%, maximum error along the curve < 0.5% (stricter than the original Rallpack evaluation)
    assert.ok(e0.rms < 0.1 && ex.rms < 0.1, `RMS ${e0.rms}, ${ex.rms}`);
    assert.ok(e0.max < 0.5 && ex.max < 0.5, `max ${e0.max}, ${ex.max}`);
  });
});
