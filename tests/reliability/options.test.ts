/**
 * Issue 15 item 1: every public options object rejects a misspelt key with the layer's typed
 * error and a close-match suggestion (one shared checker, `checkOptions` in src/util).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BinomialFunction,
  BrianError,
  Clock,
  ClockError,
  CodegenError,
  ConnectError,
  Cylinder,
  EventMonitor,
  GroupError,
  InputError,
  IoError,
  MonitorError,
  MorphologyError,
  Network,
  NetworkError,
  NeuronGroup,
  PlotError,
  PoissonGroup,
  PoissonInput,
  PopulationRateMonitor,
  Section,
  Soma,
  SpatialNeuron,
  SpatialNeuronError,
  SpikeGeneratorGroup,
  SpikeMonitor,
  StateMonitor,
  Synapses,
  SynapsesDefinitionError,
  TimedArray,
  defineUserFunction,
  encodeJson,
  encodeNpz,
  exportJson,
  exportNpz,
  figure,
  linkedVar,
  loadSnapshot,
  morphologyFromPoints,
  morphologyFromSwc,
  morphologyFromSwcFile,
  mV,
  ms,
  networkOperation,
  plotMorphology,
  plotRaster,
  plotRate,
  plotState,
  plotSynapses,
  restore,
  run,
  saveSnapshot,
  startScope,
  store,
  um,
  Hz,
} from '../../src/index.ts';

type ErrorClass = abstract new (...args: never[]) => BrianError;

/** Asserts that `fn` throws `cls` naming the misspelt key and suggesting `suggestion`. */
function misspelt(fn: () => unknown, cls: ErrorClass, key: string, suggestion: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof cls, `expected ${cls.name}, got ${String(e)}`);
    assert.match(e.message, new RegExp(`Unknown option '${key}'`));
    assert.match(e.message, new RegExp(`Did you mean '${suggestion}'\\?`));
    return true;
  });
}

async function misspeltAsync(fn: () => Promise<unknown>, cls: ErrorClass, key: string, suggestion: string): Promise<void> {
  await assert.rejects(fn, (e: unknown) => {
    assert.ok(e instanceof cls, `expected ${cls.name}, got ${String(e)}`);
    assert.match(e.message, new RegExp(`Unknown option '${key}'.*Did you mean '${suggestion}'\\?`));
    return true;
  });
}

const opts = (o: Record<string, unknown>): never => o as never;

describe('misspelt options (issue 15 item 1)', () => {
  it("run(ms(1), { reprot: 'text' }) is refused before running (Network.run and the magic run)", () => {
    startScope();
    const G = new NeuronGroup(1, 'dv/dt = -v/(10*ms) : 1');
    misspelt(() => run(ms(1), opts({ reprot: 'text' })), NetworkError, 'reprot', 'report');
    const net = new Network(G);
    misspelt(() => net.run(ms(1), opts({ namspace: {} })), NetworkError, 'namspace', 'namespace');
    assert.equal(net.t.value, 0);
    net.store();
    misspelt(() => net.restore('default', opts({ restoreRandomstate: true })), NetworkError, 'restoreRandomstate', 'restoreRandomState');
    startScope();
    new NeuronGroup(1, 'v : 1');
    store();
    misspelt(() => restore('default', opts({ restoreRandomStat: true })), NetworkError, 'restoreRandomStat', 'restoreRandomState');
  });

  it('new Network(...objects, { nmae })', () => {
    const G = new NeuronGroup(1, 'v : 1');
    misspelt(() => new Network(G, opts({ nmae: 'net' })), NetworkError, 'nmae', 'name');
    assert.doesNotThrow(() => new Network({ G }));
  });

  it('new Clock(dt, { nmae })', () => {
    misspelt(() => new Clock(ms(1), opts({ nmae: 'c' })), ClockError, 'nmae', 'name');
  });

  it("S.connect({ condtion: 'i != j' }) on two 5-neuron groups is refused and creates nothing", () => {
    const G = new NeuronGroup(5, 'v : 1');
    const S = new Synapses(G, G, 'w : 1');
    misspelt(() => S.connect(opts({ condtion: 'i != j' })), ConnectError, 'condtion', 'condition');
    assert.equal(S.N, 0);
    S.connect({ condition: 'i != j' });
    assert.equal(S.N, 20);
    misspelt(() => S.connect(opts({ skipIfinvalid: true, j: 'i' })), ConnectError, 'skipIfinvalid', 'skipIfInvalid');
  });

  it('Synapses, NeuronGroup and group methods', () => {
    const G = new NeuronGroup(2, 'v : 1\nu : 1 (linked)');
    misspelt(() => new Synapses(G, G, 'w : 1', opts({ on_pre: 'v += w' })), SynapsesDefinitionError, 'on_pre', 'onPre');
    misspelt(() => new NeuronGroup(1, 'v : 1', opts({ treshold: 'v > 1' })), GroupError, 'treshold', 'threshold');
    misspelt(() => G.runRegularly('v += 1', opts({ wehn: 'end' })), GroupError, 'wehn', 'when');
    const H = new NeuronGroup(1, 'v : 1', { threshold: 'v > 1', reset: 'v = 0' });
    misspelt(() => H.runOnEvent('spike', 'v = 0', opts({ ordre: 1 })), GroupError, 'ordre', 'order');
    misspelt(() => G.getStates(undefined, opts({ unit: false })), GroupError, 'unit', 'units');
    misspelt(() => G.setStates({ v: 1 }, opts({ unit: false })), GroupError, 'unit', 'units');
    misspelt(() => linkedVar(H.v, undefined, opts({ indx: [0, 0] })), GroupError, 'indx', 'index');
  });

  it('monitors', () => {
    const G = new NeuronGroup(2, 'v : 1', { threshold: 'v > 1', reset: 'v = 0' });
    misspelt(() => new StateMonitor(G, 'v', opts({ recrod: true })), MonitorError, 'recrod', 'record');
    misspelt(() => new SpikeMonitor(G, opts({ variabels: 'v' })), MonitorError, 'variabels', 'variables');
    misspelt(() => new EventMonitor(G, 'spike', opts({ wen: 'end' })), MonitorError, 'wen', 'when');
    misspelt(() => new PopulationRateMonitor(G, opts({ nme: 'r' })), MonitorError, 'nme', 'name');
  });

  it('inputs', () => {
    const G = new NeuronGroup(2, 'v : 1');
    misspelt(() => new PoissonGroup(2, Hz(5), opts({ nmae: 'p' })), InputError, 'nmae', 'name');
    misspelt(() => new PoissonInput(G, 'v', 10, Hz(10), 1, opts({ odrer: 1 })), InputError, 'odrer', 'order');
    misspelt(() => new SpikeGeneratorGroup(2, [0], ms([1]), opts({ peroid: ms(10) })), InputError, 'peroid', 'period');
    const SG = new SpikeGeneratorGroup(2, [0], ms([1]));
    misspelt(() => SG.setSpikes([1], ms([2]), opts({ sortd: true })), InputError, 'sortd', 'sorted');
    misspelt(() => new TimedArray([1, 2], ms(1), opts({ nam: 'ta' })), InputError, 'nam', 'name');
    misspelt(() => networkOperation(() => {}, opts({ d: ms(1), dtt: ms(1) })), InputError, 'd', 'dt');
    misspelt(() => new BinomialFunction(10, 0.1, opts({ aproximate: true })), InputError, 'aproximate', 'approximate');
  });

  it('spatial: SpatialNeuron, Soma/Section/Cylinder, generateCoordinates, SWC and point readers', () => {
    const soma = new Soma({ diameter: um(10) });
    misspelt(() => new SpatialNeuron(soma, 'Im = 0*amp/meter**2 : amp/meter**2', opts({ thresholdLocaton: 0 })), SpatialNeuronError, 'thresholdLocaton', 'thresholdLocation');
    misspelt(() => new Soma(opts({ diamter: um(10) })), MorphologyError, 'diamter', 'diameter');
    misspelt(() => new Section(opts({ diameter: um([1, 1]), lenght: um([10]) })), MorphologyError, 'lenght', 'length');
    misspelt(() => new Cylinder(opts({ diameter: um(1), length: um(10), nn: 2 })), MorphologyError, 'nn', 'n');
    misspelt(() => soma.generateCoordinates(opts({ sectionRandomnes: 5 })), MorphologyError, 'sectionRandomnes', 'sectionRandomness');
    const swc = '1 1 0 0 0 5 -1\n';
    misspelt(() => morphologyFromSwc(swc, opts({ sphericalsoma: false })), MorphologyError, 'sphericalsoma', 'sphericalSoma');
    misspelt(() => morphologyFromPoints([[1, 'soma', 0, 0, 0, 10, -1]], opts({ sphericalSom: false })), MorphologyError, 'sphericalSom', 'sphericalSoma');
    const dir = mkdtempSync(join(tmpdir(), 'brian-ts-options-'));
    writeFileSync(join(dir, 'a.swc'), swc);
    misspelt(() => morphologyFromSwcFile(join(dir, 'a.swc'), opts({ sphericalsoma: false })), MorphologyError, 'sphericalsoma', 'sphericalSoma');
  });

  it('plotting functions and figure options', async () => {
    misspelt(() => figure(opts({ widht: 300 })), PlotError, 'widht', 'width');
    const fig = figure();
    misspelt(() => fig.plot([1, 2], [3, 4], opts({ colour: 'red' })), PlotError, 'colour', 'color');
    misspelt(() => fig.scatter([1, 2], [3, 4], opts({ sizee: 3 })), PlotError, 'sizee', 'size');
    misspelt(() => fig.legend(opts({ lco: 'upper left' })), PlotError, 'lco', 'loc');
    await misspeltAsync(() => fig.toPNG(opts({ scal: 1 })), PlotError, 'scal', 'scale');
    await misspeltAsync(() => fig.save(join(tmpdir(), 'never.svg'), opts({ scael: 1 })), PlotError, 'scael', 'scale');
    const spikes = { t_: Float64Array.of(0.001), i: Int32Array.of(0), t: ms([1]), source: { N: 1 } };
    misspelt(() => plotRaster(spikes as never, opts({ markersize: 3 })), PlotError, 'markersize', 'markerSize');
    misspelt(() => plotState({} as never, 'v', opts({ indexes: [0] })), PlotError, 'indexes', 'indices');
    misspelt(() => plotRate({} as never, opts({ smoth: ms(1) })), PlotError, 'smoth', 'smooth');
    misspelt(() => plotSynapses({} as never, opts({ colr: 'k' })), PlotError, 'colr', 'color');
    misspelt(() => plotMorphology(new Soma({ diameter: um(10) }), opts({ colormpa: 'hot' })), PlotError, 'colormpa', 'colormap');
  });

  it('io: export and snapshot functions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brian-ts-options-'));
    const data = { x: Float64Array.of(1, 2) };
    misspelt(() => encodeNpz(data, opts({ compres: true })), IoError, 'compres', 'compress');
    misspelt(() => encodeJson(data, opts({ indnet: 2 })), IoError, 'indnet', 'indent');
    await misspeltAsync(() => exportNpz(join(dir, 'a.npz'), data, opts({ metdata: {} })), IoError, 'metdata', 'metadata');
    await misspeltAsync(() => exportJson(join(dir, 'a.json'), data, opts({ metadat: {} })), IoError, 'metadat', 'metadata');
    const net = new Network(new NeuronGroup(1, 'v : 1'));
    await misspeltAsync(() => saveSnapshot(net, join(dir, 's.snapshot'), opts({ compresss: true })), IoError, 'compresss', 'compress');
    await saveSnapshot(net, join(dir, 's.snapshot'));
    await misspeltAsync(() => loadSnapshot(net, join(dir, 's.snapshot'), opts({ nmae: 'x' })), IoError, 'nmae', 'name');
  });

  it('defineUserFunction options', () => {
    misspelt(() => defineUserFunction('f', (x) => x, opts({ argUnits: [null], returnUnits: null })), CodegenError, 'returnUnits', 'returnUnit');
  });

  it('an options argument that is not a plain object is a typed error, not a TypeError', () => {
    const G = new NeuronGroup(5, 'v : 1');
    const S = new Synapses(G, G, '');
    for (const bad of [null, 42, [1, 2], mV(1)]) {
      assert.throws(() => new NeuronGroup(1, 'v : 1', bad as never), GroupError);
      assert.throws(() => S.connect(bad as never), ConnectError);
      assert.throws(() => new StateMonitor(G, 'v', bad as never), MonitorError);
      assert.throws(() => run(ms(0), bad as never), NetworkError);
    }
    assert.equal(S.N, 0);
  });
});
