/** SpatialNeuron's cable solver against Brian2 2.5.1: passive cylinder and a branched tree, current injected at one end. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadFixture, assertClose } from './fixture.ts';
import { amp, defaultclock, farad, meter, ms, Network, ohm, Quantity, second, siemens, um, volt } from '../../src/index.ts';
import { Cylinder, Soma, SpatialNeuron } from '../../src/spatial/index.ts';
import type { Morphology } from '../../src/spatial/index.ts';

interface Case {
  times: number[];
  v: number[][];
  dt: number;
  Cm: number;
  Ri: number;
  I_index: number;
  I: number;
  gL: number;
  EL: number;
  area: number[];
  distance: number[];
}
const fx = loadFixture<{ cable: Case; branched: Case }>('spatial_neuron');

const EQS = `
Im = gL*(EL - v) : amp/meter**2
I : amp (point current)
`;
const M2 = meter.dim.pow(2);

function simulate(morpho: Morphology, c: Case): { neuron: SpatialNeuron; v: Float64Array[] } {
  defaultclock.dt = new Quantity(c.dt, second.dim);
  const neuron = new SpatialNeuron(morpho, EQS, {
    Cm: new Quantity(c.Cm, farad.dim.div(M2)),
    Ri: new Quantity(c.Ri, ohm.dim.times(meter.dim)),
    namespace: { gL: new Quantity(c.gL, siemens.dim.div(M2)), EL: volt(c.EL) },
    method: 'exact',
  });
  neuron.v = volt(c.EL);
  neuron.I[c.I_index] = amp(c.I);
  const net = new Network(neuron);
  const v: Float64Array[] = [];
  let previous = 0;
  for (const t of c.times) {
    net.run(ms((t - previous) * 1e3));
    previous = t;
    v.push(Float64Array.from(neuron.v_ as Float64Array));
  }
  return { neuron, v };
}

function compare(name: string, result: { neuron: SpatialNeuron; v: Float64Array[] }, c: Case): void {
  assertClose(result.neuron.area_ as Float64Array, c.area, { rtol: 1e-12, label: `${name} area` });
  assertClose(result.neuron.distance_ as Float64Array, c.distance, { rtol: 1e-12, label: `${name} distance` });
  c.times.forEach((t, k) => assertClose(result.v[k]!, c.v[k]!, { rtol: 1e-9, label: `${name} v at ${t} s` }));
}

test('SpatialNeuron(Cylinder) with current injected at one end matches Brian2 along the cable', () => {
  const c = fx.cable;
  const r = simulate(new Cylinder({ diameter: um(1), length: um(1000), n: 100 }), c);
  compare('cable', r, c);

  // Steady state against the sealed-end cable: V - EL = I·r_a·λ·cosh((L - x)/λ)/sinh(L/λ)
  const d = 1e-6;
  const L = 1e-3;
  const lambda = Math.sqrt(d / (4 * c.Ri * c.gL));
  const ra = c.Ri / (Math.PI * (d / 2) ** 2);
  const vSteady = r.v[r.v.length - 1]!;
  const analytic = c.distance.map((x) => (c.I * ra * lambda * Math.cosh((L - x) / lambda)) / Math.sinh(L / lambda));
  assertClose(
    Array.from(vSteady, (x) => x - c.EL),
    analytic,
    { rtol: 2e-3, label: 'steady state vs cable theory' },
  );
  assert.ok(Math.abs(lambda - 500e-6) < 1e-12);
});

test('SpatialNeuron(Soma + branching dendrite) matches Brian2 at every compartment', () => {
  const tree = new Soma({ diameter: um(20) });
  tree.setChild('dend', new Cylinder({ diameter: um(2), length: um(100), n: 10 }));
  tree.child('dend').setChild('L', new Cylinder({ diameter: um(1), length: um(150), n: 15 }));
  tree.child('dend').setChild('R', new Cylinder({ diameter: um(1.5), length: um(80), n: 8 }));
  compare('branched', simulate(tree, fx.branched), fx.branched);
});
