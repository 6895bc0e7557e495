import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DOMParser } from 'linkedom';
import { QuantityArray, DIMENSIONLESS, mV, ms, second, volt, nA } from '../units/index.ts';
import { startScope, run } from '../core/index.ts';
import { NeuronGroup } from '../groups/index.ts';
import { SpikeMonitor, StateMonitor, PopulationRateMonitor } from '../monitors/index.ts';
import { Synapses } from '../synapses/index.ts';
import { figure, plotMorphology, plotRaster, plotRate, plotState, plotSynapses, PlotError } from './index.ts';
import { Cylinder, Soma, SpatialNeuron, morphologyFromSwc } from '../spatial/index.ts';
import { um, siemens, cm2 } from '../units/index.ts';
import type { RateSource, RasterSource, StateSource } from './index.ts';
import type { Quantity } from '../units/index.ts';

interface Node {
  querySelectorAll(selector: string): ArrayLike<{ textContent: string | null; getAttribute(n: string): string | null }>;
}
const parse = (svg: string): Node => (new DOMParser().parseFromString(svg, 'image/svg+xml') as unknown as { documentElement: Node }).documentElement;
const texts = (root: Node, label: string): string[] => Array.from(root.querySelectorAll(`[aria-label="${label}"] text`), (t) => t.textContent ?? '');
const dataPaths = (root: Node) => Array.from(root.querySelectorAll('g[clip-path] path'));

function fakeState(values: number[][], dim = volt.dim): StateSource {
  const t_ = Float64Array.from(values[0]!, (_, k) => k * 1e-4);
  return { name: 'statemonitor', t_, get: () => ({ length: values.length, dim, values: values.map((v) => Float64Array.from(v)) }) };
}

describe('Brian helpers', () => {
  it("plotState(M, 'v') labels the axes 'time (ms)' and 'v (mV)' (the best unit, as Brian2 displays v)", () => {
    const root = parse(plotState(fakeState([[-0.07, -0.065, -0.06]]), 'v').toSVG());
    assert.deepEqual(texts(root, 'x-axis label'), ['time (ms)']);
    assert.deepEqual(texts(root, 'y-axis label'), ['v (mV)']);
    assert.ok(texts(root, 'y-axis tick label').some((l) => l.startsWith('\u221270')));
  });

  it("plotState(M, 'I', {unit: nA, indices: [1]}) draws the chosen traces in that unit", () => {
    const M = fakeState([[1e-9, 2e-9], [3e-9, 4e-9]], nA.dim);
    const root = parse(plotState(M, 'I', { unit: nA, indices: [1] }).toSVG());
    assert.deepEqual(texts(root, 'y-axis label'), ['I (nA)']);
    assert.equal(dataPaths(root).length, 1);
    assert.throws(() => plotState(M, 'I', { indices: [2] }), (e: unknown) => e instanceof PlotError && /index 2 is out of range for the 2 traces recorded by 'statemonitor'/.test(e.message));
    assert.throws(() => plotState(M, 'I', { unit: mV }), (e: unknown) => e instanceof PlotError && /unit mV does not match the units of 'I' \(A\)/.test(e.message));
  });

  it('plotState of a dimensionless variable labels it by name only', () => {
    const root = parse(plotState(fakeState([[0.1, 0.2]], DIMENSIONLESS), 'x').toSVG());
    assert.deepEqual(texts(root, 'y-axis label'), ['x']);
  });

  it('plotRaster(M) draws all spikes as one path of squares, labelled time (ms) / neuron index', () => {
    const n = 50_000;
    const M: RasterSource = { name: 'spikemonitor', t_: Float64Array.from({ length: n }, (_, k) => (k % 1000) * 1e-3), i: Int32Array.from({ length: n }, (_, k) => k % 97) };
    const root = parse(plotRaster(M).toSVG());
    const paths = dataPaths(root);
    assert.equal(paths.length, 1);
    assert.match(paths[0]!.getAttribute('d')!, /^M[\d.]+,[\d.]+h[\d.]+v2h-[\d.]+z/);
    assert.deepEqual(texts(root, 'x-axis label'), ['time (ms)']);
    assert.deepEqual(texts(root, 'y-axis label'), ['neuron index']);
  });

  it('plotRaster(M, {axes, timeUnit: second}) draws into a given panel and returns its figure', () => {
    const fig = figure({ rows: 2 });
    const M: RasterSource = { name: 'spikemonitor', t_: Float64Array.of(0.1, 0.2), i: [0, 1] };
    assert.equal(plotRaster(M, { axes: fig.subplot(1, 0), timeUnit: second }), fig);
    assert.deepEqual(texts(parse(fig.toSVG()), 'x-axis label'), ['time (s)']);
    assert.throws(() => plotRaster(M, { timeUnit: mV }), (e: unknown) => e instanceof PlotError && /timeUnit must be a unit of time, got mV/.test(e.message));
  });

  it('plotSynapses(S) draws one square per synapse of a real Synapses, labelled source / target neuron index', () => {
    startScope();
    const G = new NeuronGroup(5, 'v : 1');
    const H = new NeuronGroup(4, 'v : 1');
    const S = new Synapses(G, H);
    S.connect({ condition: 'j == i % 4 or i == 0' }); // (0,0..3), (1,1), (2,2), (3,3), (4,0): 8 synapses
    const root = parse(plotSynapses(S, { markerSize: 2 }).toSVG());
    const paths = dataPaths(root);
    assert.equal(paths.length, 1);
    const d = paths[0]!.getAttribute('d')!;
    assert.equal(d.match(/M/g)?.length, 8);
    assert.match(d, /^M[\d.]+,[\d.]+h[\d.]+v2h-[\d.]+z/);
    assert.deepEqual(texts(root, 'x-axis label'), ['source neuron index']);
    assert.deepEqual(texts(root, 'y-axis label'), ['target neuron index']);
    const fig = figure({ rows: 2 });
    assert.equal(plotSynapses(S, { axes: fig.subplot(1, 0) }), fig);
    assert.throws(() => plotSynapses(S, { markerSize: 0 }), (e: unknown) => e instanceof PlotError && /markerSize must be a positive number of pixels, got 0/.test(e.message));
  });

  it('plotRate(R, {smooth}) smooths with a gaussian window of that width and labels rate (Hz)', () => {
    const calls: [string, Quantity][] = [];
    const R: RateSource = {
      name: 'ratemonitor',
      t_: Float64Array.of(0, 1e-4, 2e-4),
      rate: new QuantityArray(Float64Array.of(0, 10, 0), second.dim.pow(-1)),
      smoothRate: (window, width) => {
        calls.push([window, width]);
        return new QuantityArray(Float64Array.of(3, 4, 3), second.dim.pow(-1));
      },
    };
    const root = parse(plotRate(R, { smooth: ms(2) }).toSVG());
    assert.equal(calls.length, 1);
    assert.equal(calls[0]![0], 'gaussian');
    assert.deepEqual(texts(root, 'y-axis label'), ['rate (Hz)']);
    plotRate(R, { smooth: ms(2), window: 'flat' });
    assert.equal(calls[1]![0], 'flat');
  });

  it('the helpers accept real monitors after a run', () => {
    startScope();
    const G = new NeuronGroup(5, 'dv/dt = (2 - v)/(10*ms) : 1', { threshold: 'v > 1', reset: 'v = 0', method: 'exact', namespace: {} });
    const S = new SpikeMonitor(G);
    const M = new StateMonitor(G, 'v', { record: [0, 1] });
    const R = new PopulationRateMonitor(G);
    run(ms(30));
    assert.ok(S.numSpikes > 0);
    const raster = parse(plotRaster(S).toSVG());
    assert.equal(dataPaths(raster).length, 1);
    assert.equal(dataPaths(parse(plotState(M, 'v').toSVG())).length, 2);
    assert.deepEqual(texts(parse(plotRate(R, { smooth: ms(1) }).toSVG()), 'y-axis label'), ['rate (Hz)']);
  });

  describe('plotMorphology', () => {
    const somaAndCylinders = () => {
      const morpho = new Soma({ diameter: um(20) });
      morpho.setChild('axon', new Cylinder({ diameter: um(2), length: um(200), n: 10 }));
      morpho.setChild('dend', new Cylinder({ diameter: um(1), length: um(100), n: 5 }));
      return morpho;
    };
    const strokes = (root: Node) => dataPaths(root).filter((p) => p.getAttribute('fill') === 'none');
    const fills = (root: Node) => dataPaths(root).filter((p) => p.getAttribute('fill') !== 'none');

    it('plotMorphology(morpho) draws the soma as one filled circle and each width as one path, labelled x/y (µm)', () => {
      const root = parse(plotMorphology(somaAndCylinders()).toSVG());
      assert.equal(fills(root).length, 1);
      const lines = strokes(root);
      assert.equal(lines.length, 2); // 2 µm axon and 1 µm dendrite
      assert.deepEqual(lines.map((p) => p.getAttribute('stroke-width')).sort(), ['1.39', '2.78']); // 1 pt and 2 pt
      // The 10 axon compartments are drawn as one continuous polyline (11 points).
      const thick = lines.find((p) => p.getAttribute('stroke-width') === '2.78')!;
      assert.equal((thick.getAttribute('d') ?? '').match(/[ML]/g)?.length, 11);
      assert.deepEqual(texts(root, 'x-axis label'), ['x (µm)']);
      assert.deepEqual(texts(root, 'y-axis label'), ['y (µm)']);
    });

    it("plotMorphology(morpho, {values, colormap}) colours compartments by value ('coolwarm': low blue, high red)", () => {
      const morpho = somaAndCylinders();
      const values = Float64Array.from({ length: 16 }, (_, k) => k);
      const root = parse(plotMorphology(morpho, { values, colormap: 'coolwarm' }).toSVG());
      const colors = new Set(strokes(root).map((p) => p.getAttribute('stroke')));
      assert.equal(colors.size, 15); // one level per cable compartment
      assert.equal(fills(root)[0]!.getAttribute('fill'), '#3d50c3'); // soma has the minimum: coolwarm's first of 64 levels (matplotlib's coolwarm(0.5/64))
      const uniform = parse(plotMorphology(morpho, { values: new Float64Array(16).fill(-0.07) }).toSVG());
      assert.equal(new Set(strokes(uniform).map((p) => p.getAttribute('stroke'))).size, 1);
    });

    it("plotMorphology(swc, {plane: 'xz'}) projects an SWC morphology and checks its arguments", () => {
      const swc = ['1 1 0 0 0 5 -1', '2 3 10 0 5 1 1', '3 3 20 0 10 1 2', '4 3 30 5 15 0.5 3', '5 3 40 10 20 0.5 4', '6 3 30 -5 15 0.5 3', '7 3 40 -10 20 0.5 6'].join('\n');
      const morpho = morphologyFromSwc(swc);
      assert.equal(morpho.totalCompartments, 7);
      const root = parse(plotMorphology(morpho, { plane: 'xz', values: [0, 1, 2, 3, 4, 5, 6] }).toSVG());
      assert.deepEqual(texts(root, 'x-axis label'), ['x (µm)']);
      assert.deepEqual(texts(root, 'y-axis label'), ['z (µm)']);
      assert.equal(fills(root).length, 1);
      assert.equal(new Set(strokes(root).map((p) => p.getAttribute('stroke'))).size, 6);
      assert.throws(() => plotMorphology(morpho, { values: [1, 2] }), (e: unknown) => e instanceof PlotError && /values has 2 entries but the morphology has 7 compartments/.test(e.message));
      assert.throws(() => plotMorphology(morpho, { plane: 'xx' as 'xy' }), (e: unknown) => e instanceof PlotError && /plane must be 'xy', 'xz' or 'yz', got 'xx'/.test(e.message));
      assert.throws(() => plotMorphology(morpho, { colormap: 'jett' }), (e: unknown) => e instanceof PlotError && /unknown colormap 'jett'/.test(e.message));
    });

    it('plotMorphology(neuron.morphology, {values: neuron.v}) accepts a SpatialNeuron state after a run', async () => {
      startScope();
      const morpho = somaAndCylinders();
      const neuron = new SpatialNeuron(morpho, 'Im = gL*(EL - v) : amp/meter**2\nI : amp (point current)', { namespace: { gL: siemens(1e-4).div(cm2(1)), EL: mV(-70) } });
      neuron.v = mV(-70);
      neuron.I[15] = nA(0.5);
      run(ms(2));
      const fig = plotMorphology(morpho, { values: neuron.v });
      assert.ok(new Set(strokes(parse(fig.toSVG())).map((p) => p.getAttribute('stroke'))).size > 5);
      if (process.env.BRIAN_PLOT_PNG !== undefined) await fig.save(process.env.BRIAN_PLOT_PNG);
    });
  });
});

