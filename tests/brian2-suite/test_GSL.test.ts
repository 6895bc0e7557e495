/**
 * Brian2 2.5.1 `brian2/tests/test_GSL.py`, translated (status: README.md in this folder). brian-ts
 * runs GSL's algorithms natively (no GSL library): `method: 'gsl…'` and Brian2's `method_options`.
 * Brian2's checks of the generated C code (`gsl_odeiv2_driver_apply_fixed_step` in the code) become
 * checks of the generated JavaScript (the fixed-step form has no adaptive loop).
 */
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  Equations,
  Hz,
  Network,
  NeuronGroup,
  PoissonGroup,
  RandomState,
  Soma,
  SpatialNeuron,
  SpikeGeneratorGroup,
  SpikeMonitor,
  StateMonitor,
  Synapses,
  TimedArray,
  cm,
  defaultclock,
  defineUserFunction,
  mV,
  ms,
  msiemens,
  nA,
  nS,
  ohm,
  run,
  siemens,
  startScope,
  uF,
  ufarad,
  um,
  umetre,
  volt,
} from '../../src/index.ts';
import type { Quantity } from '../../src/index.ts';
import { GslIntegrationError } from '../../src/codegen/index.ts';
import { assertAllclose, raises } from './helpers.ts';

beforeEach(() => {
  startScope();
  defaultclock.dt = ms(0.1);
});

const maxDifference = 0.1e-3; // Brian2's max_difference = .1*mV, compared in mV units as a number
const rows = (m: { values: Float64Array[] } | Iterable<{ values: ArrayLike<number> }>): number[][] =>
  'values' in m && Array.isArray(m.values) ? m.values.map((r) => Array.from(r)) : Array.from(m as Iterable<{ values: ArrayLike<number> }>, (r) => Array.from(r.values));
const sourceOf = (G: NeuronGroup): string => {
  const code = (G as unknown as { stateUpdater: { codeObject?: { source: string } } }).stateUpdater.codeObject;
  assert.ok(code !== undefined);
  return code.source;
};

describe('test_GSL (Brian2 2.5.1)', () => {
  it('test_GSL_stateupdater_basic', () => {
    const eqs = `
    dv/dt = -v/(10*ms) : volt
    dvt/dt = (10*mV-vt)/(15*ms) : volt
    `;
    const reset = 'v = 0*mV\nvt += 3*mV';
    const conventional = new NeuronGroup(1, eqs, { reset, threshold: 'v>vt', method: 'exponential_euler' });
    const gsl = new NeuronGroup(1, eqs, { reset, threshold: 'v>vt', method: 'gsl' });
    conventional.vt = mV(10);
    gsl.vt = mV(10);
    const P = new SpikeGeneratorGroup(1, new Array<number>(50).fill(0), ms(Array.from({ length: 50 }, (_, k) => (k / 50) * 100)));
    const C1 = new Synapses(P, conventional, '', { onPre: 'v += 3*mV' });
    const C2 = new Synapses(P, gsl, '', { onPre: 'v += 3*mV' });
    C1.connect();
    C2.connect();
    const S1 = new SpikeMonitor(conventional, { variables: 'v' });
    const S2 = new SpikeMonitor(gsl, { variables: 'v' });
    new Network(conventional, gsl, P, C1, C2, S1, S2).run(ms(100));
    assert.ok(S1.numSpikes > 0, 'simulation should produce spiking, but no spikes monitored');
    assert.equal(S1.numSpikes, S2.numSpikes);
  });

  it('test_GSL_different_clocks', () => {
    new NeuronGroup(1, 'dv/dt = -v/(10*ms) : volt', { threshold: 'v>vt', method: 'gsl', dt: ms(0.2), namespace: { vt: mV(10) } });
    run(ms(0));
  });

  const phaseLocking = (eqs: string, namespace: Record<string, unknown>): void => {
    const n = 100;
    const vrand = new RandomState(1).rand(n);
    const conventional = new NeuronGroup(n, eqs, { threshold: 'v > 1', reset: 'v = 0', method: 'exponential_euler', namespace });
    const gsl = new NeuronGroup(n, eqs, { threshold: 'v > 1', reset: 'v = 0', method: 'gsl', namespace });
    conventional.v = vrand;
    gsl.v = vrand;
    conventional.a = '0.05 + 0.7*i/n';
    gsl.a = '0.05 + 0.7*i/n';
    const M1 = new StateMonitor(conventional, 'v', { record: 50 });
    const M2 = new StateMonitor(gsl, 'v', { record: 50 });
    new Network(conventional, gsl, M1, M2).run(ms(10));
    const a = rows(M1.v)[0]!;
    const b = rows(M2.v)[0]!;
    assert.ok(Math.max(...a.map((x, k) => x - b[k]!)) < maxDifference / 1e-3, 'difference between conventional and GSL output is larger than max_difference');
  };

  it('test_GSL_default_function', () => {
    phaseLocking('dv/dt = (-v + a * sin(2 * pi * freq * t) + b) / tau : 1\na : 1', { tau: ms(20), n: 100, b: 1.2, freq: Hz(10) });
  });

  it('test_GSL_user_defined_function', () => {
    const user_sin = defineUserFunction('user_sin', Math.sin, { argUnits: [null], returnUnit: null });
    phaseLocking('dv/dt = (-v + a * user_sin(2 * pi * freq * t) + b) / tau : 1\na : 1', { tau: ms(20), n: 100, b: 1.2, freq: Hz(10), user_sin });
  });

  it('test_GSL_x_variable', () => {
    new NeuronGroup(2, 'dx/dt = 300*Hz : 1', { threshold: 'x>1', reset: 'x=0', method: 'gsl' });
    run(ms(0));
  });

  it('test_GSL_stochastic', () => {
    const neuron = new NeuronGroup(1, 'dx/dt = (1.1 - x) / tau + sigma * (2 / tau)**.5 * xi : 1', { method: 'gsl' });
    const net = new Network(neuron);
    raises(() => net.run(ms(0), { namespace: { tau: ms(20), sigma: 0.015 } }), 'BrianObjectException', /Cannot solve stochastic equations with the GSL state updater/);
  });

  const VEQ = 'dv/dt = (v0 - v)/(10*ms) : volt\nv0 : volt';
  const failsWith = (eqs: string, methodOptions: Record<string, unknown>, kind: Parameters<typeof raises>[1], match?: RegExp): void => {
    const neuron = new NeuronGroup(1, eqs, { threshold: 'v > 10*mV', reset: 'v = 0*mV', method: 'gsl', methodOptions });
    const net = new Network(neuron);
    raises(() => net.run(ms(0), { namespace: {} }), 'BrianObjectException');
    raises(() => net.run(ms(0), { namespace: {} }), kind, match);
  };

  it('test_GSL_error_dimension_mismatch_unit', () => {
    failsWith(VEQ, { absolute_error_per_variable: { v: nS(1) } }, 'DimensionMismatchError');
  });

  it('test_GSL_error_dimension_mismatch_dimensionless1', () => {
    const neuron = new NeuronGroup(1, 'dv/dt = (v0 - v)/(10*ms) : 1\nv0 : 1', { threshold: 'v > 10', reset: 'v = 0', method: 'gsl', methodOptions: { absolute_error_per_variable: { v: mV(1) } } });
    raises(() => new Network(neuron).run(ms(0), { namespace: {} }), 'DimensionMismatchError');
  });

  it('test_GSL_error_dimension_mismatch_dimensionless2', () => {
    failsWith(VEQ, { absolute_error_per_variable: { v: 1e-3 } }, 'DimensionMismatchError');
  });

  it('test_GSL_error_nonexisting_variable', () => {
    failsWith(VEQ, { absolute_error_per_variable: { dummy: mV(1e-3) } }, 'KeyError', /does not exist: dummy/);
  });

  it('test_GSL_error_incorrect_error_format', () => {
    failsWith(VEQ, { absolute_error_per_variable: new Map() }, 'TypeError', /absolute_error_per_variable/);
    failsWith(VEQ, { absolute_error: 'not a float' }, 'TypeError', /absolute_error/);
  });

  it('test_GSL_error_nonODE_variable', () => {
    failsWith(VEQ, { absolute_error_per_variable: { v0: mV(1e-3) } }, 'KeyError', /not being integrated: v0/);
  });

  it('test_GSL_error_bounds', () => {
    const runtime = 50;
    const [error1, error2, error3] = [1e-2, 1e-4, 1e-6];
    const eqs = 'dv/dt = (stimulus(t) + -v)/(.1*ms) : volt';
    const stimulus = new TimedArray(volt(Array.from(new RandomState(2).rand(runtime / 10), (x) => x * 3)), ms(5));
    const namespace = { stimulus };
    const make = (methodOptions: Record<string, unknown> | undefined): NeuronGroup =>
      new NeuronGroup(1, eqs, { reset: 'v=0*mV', threshold: 'v>10*volt', method: methodOptions === undefined ? 'linear' : 'gsl', ...(methodOptions !== undefined ? { methodOptions } : {}), dt: ms(1), namespace });
    const n1 = make({ absolute_error_per_variable: { v: volt(error1) } });
    const n2 = make({ absolute_error_per_variable: { v: volt(error2) } });
    const n3 = make({ absolute_error_per_variable: {} });
    const control = make(undefined);
    const mons = [n1, n2, n3, control].map((G) => new StateMonitor(G, 'v', { record: true }));
    run(ms(runtime));
    const ref = rows(mons[3]!.v)[0]!;
    const err = mons.slice(0, 3).map((M) => Math.max(...rows(M.v)[0]!.map((x, k) => Math.abs(x - ref[k]!))));
    assert.ok(err[0]! < error1, `Error bound exceeded, error bound: ${error1}, obtained error: ${err[0]}`);
    assert.ok(err[1]! < error2, 'Error bound exceeded');
    assert.ok(err[2]! < error3, 'Error bound exceeded');
    assert.ok(err[0]! > err[1]!, 'The simulation with smaller error bound produced a bigger maximum error');
    assert.ok(err[1]! > err[2]!, 'The simulation with smaller error bound produced a bigger maximum error');
  });

  it('test_GSL_non_autonomous', () => {
    const eqs = 'dv/dt = sin(2*pi*freq*t)/ms : 1\nfreq : Hz';
    const neuron = new NeuronGroup(10, eqs, { method: 'gsl' });
    neuron.freq = 'i*10*Hz + 10*Hz';
    const neuron2 = new NeuronGroup(10, eqs, { method: 'euler' });
    neuron2.freq = 'i*10*Hz + 10*Hz';
    const mon = new StateMonitor(neuron, 'v', { record: true });
    const mon2 = new StateMonitor(neuron2, 'v', { record: true });
    run(ms(20));
    const a = rows(mon.v);
    const b = rows(mon2.v);
    const maxAllowed = 1000 * Number.EPSILON;
    for (let k = 0; k < 10; k++) assertAllclose(a[k]!, b[k]!, 0, maxAllowed);
  });

  it('test_GSL_refractory', () => {
    const eqs = 'dv/dt = 99.99*Hz : 1 (unless refractory)';
    const neuron = new NeuronGroup(1, eqs, { method: 'gsl', threshold: 'v>1', reset: 'v=0', refractory: ms(3) });
    const neuron2 = new NeuronGroup(1, eqs, { method: 'euler', threshold: 'v>1', reset: 'v=0', refractory: ms(3) });
    const mon = new SpikeMonitor(neuron, { variables: 'v' });
    const mon2 = new SpikeMonitor(neuron2, { variables: 'v' });
    run(ms(20));
    assert.equal(mon.count[0], mon2.count[0]);
  });

  it('test_GSL_save_step_count', () => {
    const neuron = new NeuronGroup(1, 'dv/dt = -v/(.1*ms) : volt', { method: 'gsl', methodOptions: { save_step_count: true }, dt: ms(1) });
    run(ms(0));
    const mon = new StateMonitor(neuron, '_step_count', { record: true, when: 'end' });
    run(ms(10));
    assert.ok(rows(mon._step_count)[0]![0]! > 0, 'Monitor did not save GSL step count');
  });

  const HH = new Equations(`
dv/dt = (gl*(El-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK) + I)/Cm : volt
dm/dt = 0.32*(mV**-1)*(13.*mV-v+VT)/
    (exp((13.*mV-v+VT)/(4.*mV))-1.)/ms*(1-m)-0.28*(mV**-1)*(v-VT-40.*mV)/
    (exp((v-VT-40.*mV)/(5.*mV))-1.)/ms*m : 1
dn/dt = 0.032*(mV**-1)*(15.*mV-v+VT)/
    (exp((15.*mV-v+VT)/(5.*mV))-1.)/ms*(1.-n)-.5*exp((10.*mV-v+VT)/(40.*mV))/ms*n : 1
dh/dt = 0.128*exp((17.*mV-v+VT)/(18.*mV))/ms*(1.-h)-4./(1+exp((40.*mV-v+VT)/(5.*mV)))/ms*h : 1
I : amp/metre**2
`);
  const cm2 = (cm as Quantity).pow(2);
  const HH_NS = {
    Cm: ufarad(1).div(cm2), gl: siemens(5e-5).div(cm2), El: mV(-65), EK: mV(-90), ENa: mV(50),
    g_na: msiemens(100).div(cm2), g_kd: msiemens(30).div(cm2), VT: mV(-63),
  };

  it('test_GSL_fixed_timestep_big_dt_small_error', () => {
    const neuron = new NeuronGroup(1, HH, { threshold: 'v > -40*mV', refractory: 'v > -40*mV', method: 'gsl', methodOptions: { adaptable_timestep: false, absolute_error: 1e-12 }, dt: ms(0.001), namespace: HH_NS });
    neuron.I = nA(0.7).div((umetre as Quantity).pow(2).times(20000));
    neuron.v = HH_NS.El;
    const net = new Network(neuron);
    raises(() => net.run(ms(10)), 'BrianObjectException', /GSL integrator failed to integrate the equations/);
    try {
      net.run(ms(10));
    } catch (e) {
      assert.ok((e as Error).cause instanceof GslIntegrationError);
    }
  });

  it('test_GSL_internal_variable', () => {
    raises(() => new Equations('d_p/dt = 300*Hz : 1'), 'SyntaxError');
  });

  it('test_GSL_method_options_neurongroup', () => {
    const neuron1 = new NeuronGroup(1, 'dp/dt = 300*Hz : 1', { method: 'gsl', methodOptions: { adaptable_timestep: true } });
    const neuron2 = new NeuronGroup(1, 'dp/dt = 300*Hz : 1', { method: 'gsl', methodOptions: { adaptable_timestep: false } });
    run(ms(0));
    // The adaptive driver loops until t + dt; the fixed-step form takes one step of dt.
    assert.ok(sourceOf(neuron1).includes('while ($g_t1 - $g_t > 0)'), 'This neuron should use the adaptive driver');
    assert.ok(!sourceOf(neuron2).includes('while ($g_t1 - $g_t > 0)'), 'This neuron should take one fixed step');
  });

  it('test_GSL_method_options_spatialneuron', () => {
    const morpho = new Soma({ diameter: um(30) });
    const eqs = 'Im = g * v : amp/meter**2\ndg/dt = siemens/metre**2/second : siemens/metre**2';
    const options = { Cm: uF(1).div(cm2), Ri: ohm(100).times(cm) };
    const neuron1 = new SpatialNeuron(morpho, eqs, { ...options, method: 'gsl_rkf45', methodOptions: { adaptable_timestep: true } });
    const neuron2 = new SpatialNeuron(morpho, eqs, { ...options, method: 'gsl_rkf45', methodOptions: { adaptable_timestep: false } });
    run(ms(0));
    assert.ok(sourceOf(neuron1).includes('while ($g_t1 - $g_t > 0)'), 'This neuron should use the adaptive driver');
    assert.ok(!sourceOf(neuron2).includes('while ($g_t1 - $g_t > 0)'), 'This neuron should take one fixed step');
    run(ms(1));
    assertAllclose(neuron1.g.values, [0.001]);
    assertAllclose(neuron2.g.values, [0.001]);
  });

  it('test_GSL_method_options_synapses', () => {
    const N = 1000;
    const namespace = { taum: ms(10), taupre: ms(20), taupost: ms(20), Ee: mV(0), vt: mV(-54), vr: mV(-60), El: mV(-74), taue: ms(5), F: Hz(15), gmax: 0.01, dApre: 0.01 * 0.01, dApost: -0.01 * 1.05 * 0.01 };
    const eqsNeurons = 'dv/dt = (ge * (Ee-vr) + El - v) / taum : volt\ndge/dt = -ge / taue : 1';
    const poisson = new PoissonGroup(N, 'F', { namespace });
    const neurons = new NeuronGroup(1, eqsNeurons, { threshold: 'v>vt', reset: 'v = vr', method: 'gsl_rkf45', namespace });
    const synapses = (methodOptions: Record<string, unknown>): Synapses =>
      new Synapses(poisson, neurons, 'w : 1\ndApre/dt = -Apre / taupre : 1 (clock-driven)\ndApost/dt = -Apost / taupost : 1 (clock-driven)', {
        onPre: 'ge += w\nApre += dApre\nw = clip(w + Apost, 0, gmax)',
        onPost: 'Apost += dApost\nw = clip(w + Apre, 0, gmax)',
        method: 'gsl_rkf45',
        methodOptions,
        namespace,
      });
    const S1 = synapses({ adaptable_timestep: true });
    const S2 = synapses({ adaptable_timestep: false });
    S1.connect();
    S2.connect();
    S1.Apre = 1;
    S2.Apre = 1;
    run(ms(0));
    const code = (S: Synapses): string => (S as unknown as { stateUpdater: { codeObject: { source: string } } }).stateUpdater.codeObject.source;
    assert.ok(code(S1).includes('while ($g_t1 - $g_t > 0)'), 'These synapses should use the adaptive driver');
    assert.ok(!code(S2).includes('while ($g_t1 - $g_t > 0)'), 'These synapses should take one fixed step');
    run(ms(1));
    // (Not in Brian2's test.) The synaptic traces decay: exp(-1 ms/20 ms) where no spike arrived.
    const apre = S1.Apre.values as Float64Array;
    assert.ok(Array.from(apre).filter((x) => Math.abs(x - Math.exp(-1 / 20)) < 1e-6).length > N / 2);
  });

  it('GSL refuses synaptic equations reading pre- or postsynaptic variables (Brian2: indexing other than _idx)', () => {
    const G = new NeuronGroup(2, 'v : 1');
    const S = new Synapses(G, G, 'dx/dt = (v_post - x)/(10*ms) : 1 (clock-driven)', { method: 'gsl' });
    S.connect();
    raises(() => run(ms(1)), 'BrianObjectException', /indexing other than '_idx'/);
  });
});
