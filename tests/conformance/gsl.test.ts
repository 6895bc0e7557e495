/**
 * Brian2's GSL integrators (`method: 'gsl_*'`, Brian2's `method_options`) against Brian2 2.5.1 +
 * GSL 2.7 (fixtures/gsl.json, generate/gsl.py, compiled by Cython without -ffast-math).
 *
 * brian-ts runs GSL's algorithms natively (src/codegen/gsl.ts) in GSL's operation order, so the
 * traces agree to rounding: FitzHugh–Nagumo traces within 1e-9 relative (plus 1e-12 absolute
 * near zero crossings), Brian2's `_step_count`, `_failed_steps` exactly and `_last_timestep` within
 * 1e-9. Spiking models: spike counts equal, times within one dt, traces 1e-7 (HH amplifies
 * last-bit differences in the upstroke, as in hh.test.ts). Errors: the same cases fail with typed
 * errors carrying Brian2's messages.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertClose, loadFixture } from './fixture.ts';
import { assertSpikeTrains } from './spikes.ts';
import {
  BrianObjectError,
  DimensionMismatchError,
  GslIntegrationError,
  Hz,
  MethodOptionValueError,
  MethodOptionsError,
  NeuronGroup,
  Network,
  SpikeGeneratorGroup,
  SpikeMonitor,
  StateMonitor,
  Synapses,
  UnsupportedEquationsError,
  cm,
  mV,
  ms,
  msiemens,
  nA,
  nS,
  siemens,
  ufarad,
  umetre,
  stateUpdaterNames,
} from '../../src/index.ts';
import type { Quantity } from '../../src/index.ts';

interface FhnCase {
  method: string;
  options: Record<string, number | boolean>;
  per_variable: Record<string, number>;
  dt: number;
  runtime: number;
  t: number[];
  v: number[];
  w: number[];
  v_end: number[];
  w_end: number[];
  _step_count?: number[];
  _failed_steps?: number[];
  _last_timestep?: number[];
}
interface Failure {
  method: string;
  options: Record<string, number | boolean>;
  error: { class: string; message: string };
}
interface HhCase {
  method: string;
  options: Record<string, number | boolean>;
  v: number[];
  m: number[];
  spike_i: number[];
  spike_t: number[];
  step_count: number[];
}
interface Fixture {
  methods: string[];
  steppers: FhnCase[];
  options: FhnCase[];
  failures: Failure[];
  hh: HhCase[];
  adaptive: { spike_t: number[]; v: number[]; vt: number[] };
  nonautonomous: { v: number[] };
  bare_t: { v: number[] };
  growth: { method: string; x: number[]; y: number[]; step_count: number[]; last_timestep: number[] }[];
  refractory: { v: number[]; spike_i: number[]; spike_t: number[] };
  errors: Record<string, { class: string; message: string } | null>;
}
const fx = loadFixture<Fixture>('gsl');

const FHN = `
dv/dt = (v - v**3/3 - w + I)/tau_v : 1
dw/dt = (v + 0.7 - 0.8*w)/tau_w : 1
I : 1
`;

function fhnGroup(method: string, options: Record<string, unknown>, dt: number): NeuronGroup {
  const G = new NeuronGroup(3, FHN, { method, methodOptions: options, dt: ms(dt * 1e3), namespace: { tau_v: ms(1), tau_w: ms(12.5) } });
  G.I = [0.3, 0.6, 1.0];
  G.v = [-1.0, 0.5, 1.5];
  G.w = [-0.5, 0.0, 0.4];
  return G;
}

/** A monitor's rows (one per recorded element) flattened, as numpy's ravel of Brian2's `M.v`. */
function flat(rows: Iterable<{ values: ArrayLike<number> } | ArrayLike<number>>): number[] {
  const out: number[] = [];
  for (const r of rows) out.push(...Array.from('values' in r ? r.values : r));
  return out;
}

function values(G: NeuronGroup, name: string): number[] {
  const v = G.variables.get(name);
  assert.ok(v?.kind === 'array', `${G.name} has no array '${name}'`);
  return Array.from(v.array);
}

function runFhn(c: FhnCase): { G: NeuronGroup; M: StateMonitor<'v' | 'w'> } {
  const options: Record<string, unknown> = { ...c.options };
  if (Object.keys(c.per_variable).length > 0) options['absolute_error_per_variable'] = c.per_variable;
  const G = fhnGroup(c.method, options, c.dt);
  const M = new StateMonitor(G, ['v', 'w'], { record: true });
  new Network(G, M).run(ms(c.runtime * 1e3));
  return { G, M };
}

function checkFhn(c: FhnCase, label: string): void {
  const { G, M } = runFhn(c);
  assertClose(flat(M.v), c.v, { rtol: 1e-9, atol: 1e-12, label: `${label} v` });
  assertClose(flat(M.w), c.w, { rtol: 1e-9, atol: 1e-12, label: `${label} w` });
  for (const name of ['_step_count', '_failed_steps'] as const) {
    if (c[name] !== undefined) assert.deepEqual(values(G, name), c[name], `${label} ${name}`);
    else assert.equal(G.variables.get(name), undefined, `${label}: ${name} is only added when asked for`);
  }
  // rk8pd's error estimate is the difference of two nearly equal sums (7th and 8th order): at
  // absolute_error 1e-10 it keeps only a few digits, so the suggested step follows rounding.
  const hTolerance = c.method === 'gsl_rk8pd' ? 1e-5 : 1e-9;
  if (c._last_timestep !== undefined) assertClose(values(G, '_last_timestep'), c._last_timestep, { rtol: hTolerance, label: `${label} _last_timestep` });
  else assert.equal(G.variables.get('_last_timestep'), undefined, `${label}: no _last_timestep without use_last_timestep`);
}

const describeOptions = (c: FhnCase): string =>
  JSON.stringify({ ...c.options, ...(Object.keys(c.per_variable).length > 0 ? { absolute_error_per_variable: c.per_variable } : {}) });

describe('GSL integrators: the method names', () => {
  it("registers Brian2's gsl methods", () => {
    const ours = stateUpdaterNames().filter((n) => n.startsWith('gsl')).sort();
    assert.deepEqual(ours, fx.methods);
  });
});

describe('GSL steppers on FitzHugh–Nagumo (3 neurons, dt 0.1 ms, 20 ms, default options)', () => {
  for (const c of fx.steppers) it(`method '${c.method}': traces and _last_timestep as Brian2+GSL`, () => checkFhn(c, c.method));
});

describe('GSL method options', () => {
  for (const c of fx.options) it(`${c.method} ${describeOptions(c)}`, () => checkFhn(c, `${c.method} ${describeOptions(c)}`));

  it('camelCase spellings are the same options', () => {
    const c = fx.options[0]!;
    const G = fhnGroup(c.method, { absoluteError: 1e-3, saveStepCount: true, saveFailedSteps: true }, c.dt);
    new Network(G).run(ms(c.runtime * 1e3));
    assertClose(G.v.values, c.v_end, { rtol: 1e-9, label: 'camelCase v' });
    assert.deepEqual(values(G, '_step_count'), c._step_count);
  });

  for (const f of fx.failures) {
    it(`fails as Brian2 with ${JSON.stringify(f.options)}: GslIntegrationError`, () => {
      const G = fhnGroup(f.method, f.options, 1e-4);
      const err = (() => {
        try {
          new Network(G).run(ms(5));
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      assert.ok(err instanceof BrianObjectError, `expected an error, got ${String(err)}`);
      const cause = err.cause;
      assert.ok(cause instanceof GslIntegrationError, String(cause));
      assert.equal(f.error.class, 'IntegrationError');
      // Brian2's message, with the object, element and time inserted after its first sentence.
      const [first, rest] = f.error.message.split('\n') as [string, string];
      assert.ok(cause.message.startsWith(first.slice(0, -1)), cause.message);
      assert.ok(cause.message.endsWith(`\n${rest}`), cause.message);
    });
  }
});

const HH = `
dv/dt = (gl*(El-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK) + I)/Cm : volt
dm/dt = 0.32*(mV**-1)*(13.*mV-v+VT)/
    (exp((13.*mV-v+VT)/(4.*mV))-1.)/ms*(1-m)-0.28*(mV**-1)*(v-VT-40.*mV)/
    (exp((v-VT-40.*mV)/(5.*mV))-1.)/ms*m : 1
dn/dt = 0.032*(mV**-1)*(15.*mV-v+VT)/
    (exp((15.*mV-v+VT)/(5.*mV))-1.)/ms*(1.-n)-.5*exp((10.*mV-v+VT)/(40.*mV))/ms*n : 1
dh/dt = 0.128*exp((17.*mV-v+VT)/(18.*mV))/ms*(1.-h)-4./(1+exp((40.*mV-v+VT)/(5.*mV)))/ms*h : 1
I : amp/metre**2
`;
const cm2 = (cm as Quantity).pow(2);
const HH_NS = {
  Cm: ufarad(1).div(cm2),
  gl: siemens(5e-5).div(cm2),
  El: mV(-65),
  EK: mV(-90),
  ENa: mV(50),
  g_na: msiemens(100).div(cm2),
  g_kd: msiemens(30).div(cm2),
  VT: mV(-63),
};

describe('GSL on spiking models', () => {
  for (const c of fx.hh) {
    it(`Hodgkin–Huxley, ${c.method} ${JSON.stringify(c.options)}: spikes, v and m traces, step counts`, () => {
      const G = new NeuronGroup(3, HH, { threshold: 'v > -40*mV', refractory: 'v > -40*mV', method: c.method, methodOptions: c.options, dt: ms(0.05), namespace: HH_NS });
      G.v = HH_NS.El;
      G.I = nA([0.7, 1.5, 3.0]).div((umetre as Quantity).pow(2).times(20000));
      const M = new StateMonitor(G, ['v', 'm'], { record: true });
      const S = new SpikeMonitor(G);
      new Network(G, M, S).run(ms(20));
      assertSpikeTrains({ i: S.i, t: S.t.values }, { i: c.spike_i, t: c.spike_t }, { N: 3, dt: 5e-5, steps: 1, label: c.method });
      assert.equal(S.numSpikes, c.spike_i.length);
      assertClose(flat(M.v), c.v, { rtol: 1e-7, atol: 1e-12, label: `${c.method} v` });
      assertClose(flat(M.m), c.m, { rtol: 1e-7, atol: 1e-10, label: `${c.method} m` });
      assert.deepEqual(values(G, '_step_count'), c.step_count);
    });
  }

  it("adaptive threshold driven through synapses (Brian2's test_GSL_stateupdater_basic): same spikes and traces", () => {
    const eqs = `
    dv/dt = -v/(10*ms) : volt
    dvt/dt = (10*mV-vt)/(15*ms) : volt
    `;
    const G = new NeuronGroup(1, eqs, { reset: 'v = 0*mV\nvt += 3*mV', threshold: 'v>vt', method: 'gsl' });
    G.vt = mV(10);
    const P = new SpikeGeneratorGroup(1, new Array<number>(50).fill(0), ms(Array.from({ length: 50 }, (_, k) => (k / 50) * 100)));
    const C = new Synapses(P, G, '', { onPre: 'v += 3*mV' });
    C.connect();
    const S = new SpikeMonitor(G);
    const M = new StateMonitor(G, ['v', 'vt'], { record: true });
    new Network(G, P, C, S, M).run(ms(100));
    assertClose(S.t.values, fx.adaptive.spike_t, { rtol: 1e-12, label: 'spike times' });
    assertClose(flat(M.v), fx.adaptive.v, { rtol: 1e-9, atol: 1e-15, label: 'v' });
    assertClose(flat(M.vt), fx.adaptive.vt, { rtol: 1e-9, label: 'vt' });
  });

  it("time-dependent input: t inside the derivative is the step's start (as Brian2's hoisted t)", () => {
    const G = new NeuronGroup(4, 'dv/dt = (a*sin(2*pi*freq*t) - v)/(3*ms) : 1\nfreq : Hz\na : 1', { method: 'gsl_rkck' });
    G.freq = 'i*40*Hz + 50*Hz';
    G.a = 'i + 1';
    const M = new StateMonitor(G, 'v', { record: true });
    new Network(G, M).run(ms(20));
    assertClose(flat(M.v), fx.nonautonomous.v, { rtol: 1e-9, atol: 1e-13, label: 'v' });
    void Hz;
  });

  it('a bare t among per-element factors (`a*t`) is GSL\'s intermediate time, as in Brian2', () => {
    const G = new NeuronGroup(3, 'dv/dt = (a*t - v)/(2*ms) : 1\na : Hz', { method: 'gsl_rkf45', methodOptions: { absolute_error: 1e-9, max_steps: 1000 } });
    G.a = 'i*100*Hz + 50*Hz';
    const M = new StateMonitor(G, 'v', { record: true });
    new Network(G, M).run(ms(10));
    assertClose(flat(M.v), fx.bare_t.v, { rtol: 1e-9, atol: 1e-15, label: 'v' });
  });

  for (const c of fx.growth) {
    it(`${c.method}: an oscillator slowed from 5 kHz to 10 Hz (dt 1 ms) grows its step by GSL's cap (x, y, _step_count, _last_timestep per step)`, () => {
      const G = new NeuronGroup(2, 'dx/dt = -w*y : 1\ndy/dt = w*x : 1\nw : Hz', { method: c.method, methodOptions: { save_step_count: true, max_steps: 10000 }, dt: ms(1) });
      G.x = 1;
      G.runRegularly('w = (2*pi*5000*Hz)*int(t < 5*ms) + (2*pi*10*Hz)*int(t >= 5*ms)', { dt: ms(5) });
      const net = new Network(G);
      net.run(ms(0));
      const M = new StateMonitor(G, ['x', 'y', '_step_count', '_last_timestep'], { record: true });
      net.add(M);
      net.run(ms(10));
      assertClose(flat(M.x), c.x, { rtol: 1e-9, atol: 1e-12, label: `${c.method} x` });
      assertClose(flat(M.y), c.y, { rtol: 1e-9, atol: 1e-12, label: `${c.method} y` });
      assert.deepEqual(flat(M.get('_step_count')), c.step_count, `${c.method} _step_count`);
      assertClose(flat(M.get('_last_timestep')), c.last_timestep, { rtol: 1e-9, label: `${c.method} _last_timestep` });
    });
  }

  it('(unless refractory): spikes and trace as Brian2', () => {
    const G = new NeuronGroup(2, 'dv/dt = (2 - v)/(7*ms) : 1 (unless refractory)', { method: 'gsl', threshold: 'v > 1', reset: 'v = 0', refractory: ms(3) });
    G.v = [0, 0.5];
    const M = new StateMonitor(G, 'v', { record: true });
    const S = new SpikeMonitor(G);
    new Network(G, M, S).run(ms(30));
    assert.deepEqual(Array.from(S.i), fx.refractory.spike_i);
    assertClose(S.t.values, fx.refractory.spike_t, { rtol: 1e-12, label: 'spike times' });
    assertClose(flat(M.v), fx.refractory.v, { rtol: 1e-9, atol: 1e-13, label: 'v' });
  });
});

describe('GSL across runs', () => {
  it('a later run continues from _last_timestep; after dt decreased, elements start from the new dt (Brian2: GSL aborts)', () => {
    const G = fhnGroup('gsl_rk2', { save_step_count: true }, 1e-4);
    const net = new Network(G);
    net.run(ms(2));
    const before = values(G, '_last_timestep');
    assert.ok(before.every((h) => h > 0 && h <= 1e-4) && before.some((h) => h < 1e-4), String(before));
    G.clock.dt = ms(0.01);
    net.run(ms(1));
    const after = values(G, '_last_timestep');
    assert.ok(after.every((h) => h > 0 && h <= 1e-5 * (1 + 1e-12)), String(after));
    assert.ok(values(G, '_step_count').every((n) => n >= 1));
  });
});

describe("GSL errors (Brian2's cases, typed)", () => {
  const VEQ = 'dv/dt = (v0 - v)/(10*ms) : volt\nv0 : volt';
  const failure = (eqs: string, methodOptions: Record<string, unknown> | undefined): unknown => {
    try {
      const G = new NeuronGroup(1, eqs, { method: 'gsl', ...(methodOptions !== undefined ? { methodOptions } : {}) });
      new Network(G).run(ms(0));
    } catch (e) {
      return e instanceof BrianObjectError ? e.cause : e;
    }
    return undefined;
  };
  const cases: [string, string, Record<string, unknown> | undefined, new (...a: never[]) => Error][] = [
    ['unit', VEQ, { absolute_error_per_variable: { v: nS(1) } }, DimensionMismatchError],
    ['dimensionless_given_unit', 'dv/dt = (v0 - v)/(10*ms) : 1\nv0 : 1', { absolute_error_per_variable: { v: mV(1) } }, DimensionMismatchError],
    ['unit_given_dimensionless', VEQ, { absolute_error_per_variable: { v: 1e-3 } }, DimensionMismatchError],
    ['nonexisting', VEQ, { absolute_error_per_variable: { dummy: mV(1e-3) } }, MethodOptionValueError],
    ['non_ode', VEQ, { absolute_error_per_variable: { v0: mV(1e-3) } }, MethodOptionValueError],
    ['per_variable_format', VEQ, { absolute_error_per_variable: 3 }, MethodOptionValueError],
    ['absolute_error_format', VEQ, { absolute_error: 'not a float' }, MethodOptionValueError],
    ['unknown_option', VEQ, { absolute_errors: 1e-3 }, MethodOptionsError],
    ['stochastic', 'dx/dt = (1.1 - x)/(20*ms) + 0.015*(2/(20*ms))**.5*xi : 1', undefined, UnsupportedEquationsError],
  ];
  for (const [key, eqs, options, cls] of cases) {
    it(`${key}: ${cls.name} (Brian2: ${fx.errors[key]?.class})`, () => {
      const expected = fx.errors[key]!;
      assert.ok(expected !== null, 'Brian2 raises');
      const err = failure(eqs, options);
      assert.ok(err instanceof cls, `${key}: got ${String(err)}`);
      const message = (err as Error).message;
      if (cls === DimensionMismatchError) assert.ok(message.startsWith('Unit of absolute_error_per_variable for variable v does not match unit of variable itself'), message);
      else if (key === 'nonexisting' || key === 'non_ode' || key === 'unknown_option') assert.ok(expected.message.includes(message.slice(0, 40)), `${message} vs ${expected.message}`);
      else if (key === 'stochastic') assert.equal(message, expected.message);
      else assert.ok(message.includes(key === 'per_variable_format' ? 'absolute_error_per_variable' : 'absolute_error'), message);
    });
  }

  it('other option values: max_steps, booleans, non-positive errors', () => {
    for (const [options, option] of [
      [{ max_steps: -1 }, 'max_steps'],
      [{ max_steps: 2.5 }, 'max_steps'],
      [{ adaptable_timestep: 'yes' }, 'adaptable_timestep'],
      [{ save_step_count: 1 }, 'save_step_count'],
      [{ absolute_error: 0 }, 'absolute_error'],
      [{ absolute_error: -1e-3 }, 'absolute_error'],
      [{ absolute_error_per_variable: { v: mV(-1) } }, 'absolute_error_per_variable'],
      [{ absolute_error: 1e-3, absoluteError: 1e-4 }, 'absolute_error'],
    ] as const) {
      const err = failure(VEQ, options);
      assert.ok(err instanceof MethodOptionValueError, `${JSON.stringify(options)}: ${String(err)}`);
      assert.equal(err.option, option);
      assert.ok(err.message.includes(`'${option}'`), err.message);
    }
  });
});
