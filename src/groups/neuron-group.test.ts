import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { defineUserFunction, seed } from '../codegen/index.ts';
import { BrianObject, BrianObjectError, Network, prefs, resetPrefs, run, startScope } from '../core/index.ts';
import { EquationError } from '../equations/index.ts';
import { ExpressionError, UndefinedIdentifierError } from '../inference/index.ts';
import { ParseError } from '../parsing/index.ts';
import { UnsupportedEquationsError } from '../stateupdaters/index.ts';
import { DimensionMismatchError, Hz, mV, ms, nS, pA, second } from '../units/index.ts';
import { setWarningHandler } from '../util/index.ts';
import { wasmMemoryOf, wasmStorageAvailable } from '../variables/index.ts';
import { GroupError, GroupUndefinedIdentifierError } from './errors.ts';
import { NeuronGroup } from './neuron-group.ts';
import type { Group } from './group.ts';

const warnings: string[] = [];
before(() => setWarningHandler((key) => warnings.push(key)));
after(() => setWarningHandler(undefined));

/** Records, each step in `when`, the event indices of `group` (relative to it) or the value of one variable. */
class Probe extends BrianObject {
  readonly times: number[] = [];
  readonly indices: number[] = [];
  readonly values: number[] = [];
  constructor(
    readonly group: Group,
    when: string,
    readonly variable?: string,
  ) {
    super({ when, order: 100, clock: group.clock });
  }
  override run(): void {
    if (this.variable !== undefined) {
      this.times.push(this.clock.tSeconds);
      this.values.push(this.group.state(this.variable).values[0]!);
      return;
    }
    const space = this.group.eventSpace().array;
    const n = this.group.source.N;
    for (let k = 0; k < space[n]!; k++) {
      this.times.push(this.clock.tSeconds);
      this.indices.push(space[k]!);
    }
  }
}

const lif = (options: Record<string, unknown> = {}): NeuronGroup =>
  new NeuronGroup(1, 'dv/dt = (v0-v)/tau : volt (unless refractory)', {
    threshold: 'v > -40*mV',
    reset: 'v = -60*mV',
    refractory: ms(5),
    method: 'exact',
    namespace: { v0: mV(-10), tau: ms(10) },
    ...options,
  });

/** The cause of the BrianObjectError a run throws (errors in model code surface when a run starts). */
function runError(group: Group, duration = ms(0.1)): unknown {
  try {
    new Network(group).run(duration);
  } catch (e) {
    assert.ok(e instanceof BrianObjectError, `expected BrianObjectError, got ${String(e)}`);
    return e.cause;
  }
  assert.fail('the run did not throw');
}

const close = (a: number, b: number, rel = 1e-9): boolean => Math.abs(a - b) <= rel * Math.abs(b);

describe('NeuronGroup: the seed programs', () => {
  it('seed 1 (LIF, exact, refractory 5 ms): spikes at 6.9, 17.0, 27.1, 37.2, 47.3 ms and Brian2 start-slot voltages', () => {
    const G = lif();
    G.v = mV(-70);
    const spikes = new Probe(G, 'after_thresholds');
    const trace = new Probe(G, 'start', 'v');
    new Network(G, spikes, trace).run(ms(50));
    assert.deepEqual(spikes.times.map((t) => Math.round(t * 1e5) / 100), [6.9, 17, 27.1, 37.2, 47.3]);
    assert.equal(trace.values.length, 500);
    const at = (tms: number): number => trace.values[Math.round(tms * 10)]! * 1000;
    // semantics §15.1 (Brian2 2.5.1)
    const expected: [number, number][] = [
      [1.0, -64.290245082158], [5.0, -46.391839582758], [6.9, -40.094564143963], [12.0, -59.502491687458],
      [15.0, -46.672347811215], [16.9, -40.326532985632], [17.0, -40.024778940613], [25.0, -47.040911034086],
      [35.0, -47.413178378928], [45.0, -47.789187072786],
    ];
    for (const [t, v] of expected) assert.ok(close(at(t), v), `v(${t} ms) = ${at(t)}, Brian2 ${v}`);
    // v is held at the reset value during refractoriness: start-slot samples 7.0 … 11.9 ms
    for (let k = 70; k <= 119; k++) assert.equal(trace.values[k], -0.06);
    assert.ok(close(G.lastspike.get(0).in(ms), 47.3));
    assert.equal(G.not_refractory.get(0), false);
    assert.equal(G.spikes.length, 0, 'event spaces are cleared after a run (semantics §14 item 40)');
  });

  it("seed 2 (100 neurons, G.I = 'i*I_max/(N-1)'): 7682 spikes, neuron 25 fires 18 times, neuron 99 163 times", () => {
    const G = new NeuronGroup(100, 'dv/dt = (v0-v+I)/tau : volt (unless refractory)\nI : volt', {
      threshold: 'v>-40*mV',
      reset: 'v=-60*mV',
      refractory: ms(1),
      method: 'exact',
      namespace: { tau: ms(10), v0: mV(-50), I_max: mV(40) },
    });
    G.v = mV(-70);
    G.I = 'i*I_max/(N-1)';
    const spikes = new Probe(G, 'after_thresholds');
    new Network(G, spikes).run(ms(1000));
    const counts = new Array<number>(100).fill(0);
    for (const i of spikes.indices) counts[i]!++;
    assert.equal(spikes.indices.length, 7682);
    assert.equal(counts.findIndex((c) => c > 0), 25);
    assert.equal(counts[25], 18);
    assert.equal(counts[99], 163);
    assert.deepEqual(spikes.indices.slice(0, 2), [98, 99]);
    assert.ok(close(G.I.in(mV)[25]!, 10.1010101010101));
  });
});

describe('NeuronGroup: construction', () => {
  it('new NeuronGroup(N, model) creates the standard variables with Brian2 initial values', () => {
    const G = lif();
    assert.equal(G.N, 1);
    assert.equal(G.lastspike.get(0).in(second), -1e4);
    assert.equal(G.not_refractory.get(0), true);
    assert.equal(G.v.get(0).in(mV), 0);
    for (const name of ['i', 'N', 't', 'dt', 't_in_timesteps', '_spikespace']) assert.ok(G.variables.has(name), name);
  });

  it('contained objects have Brian2 names, slots and the group order', () => {
    const G = new NeuronGroup(2, 'dv/dt = -v/(10*ms) : 1\nc : 1', {
      threshold: 'v > 1', reset: 'v = 0', events: { custom: 'v > 0.5' }, order: 3, name: 'cells',
    });
    G.runOnEvent('custom', 'c += 1');
    const rr = G.runRegularly('c = 0', { dt: ms(1) });
    const slots = Object.fromEntries(G.containedObjects.map((o) => [o.name, `${o.when}:${o.order}`]));
    assert.deepEqual(slots, {
      cells_spike_thresholder: 'thresholds:3',
      cells_custom_thresholder: 'after_thresholds:3',
      cells_spike_resetter: 'resets:3',
      cells_stateupdater: 'groups:3',
      cells_custom_resetter: 'after_resets:3',
      cells_run_regularly: 'start:0',
    });
    assert.equal(rr.clock.dt.in(ms), 1);
    assert.ok(G.addToMagicNetwork);
  });

  it('new NeuronGroup(N, model, {dt}) uses a private clock for the group and all its objects', () => {
    const G = new NeuronGroup(1, 'dv/dt = 1/second : 1', { dt: ms(0.5) });
    assert.equal(G.clock.dt.in(ms), 0.5);
    assert.ok(G.containedObjects.every((o) => o.clock === G.clock));
    new Network(G).run(ms(2));
    assert.ok(close(G.v.values[0]!, 0.002));
  });

  it('the state updater reports the automatically chosen method with Brian2 wording', () => {
    const G = new NeuronGroup(1, 'dv/dt = -v/(10*ms) : 1', { name: 'auto_choice' });
    new Network(G).run(ms(0.1));
    assert.equal(G.stateUpdater.methodChosen, 'exact');
    assert.match(G.stateUpdater.methodInfo ?? '', /^No numerical integration method specified for group 'auto_choice', using method 'exact' \(took/);
  });

  it('warns when (unless refractory) is used without refractory, and for a threshold without reset', () => {
    warnings.length = 0;
    new NeuronGroup(1, 'dv/dt = -v/(10*ms) : 1 (unless refractory)');
    new NeuronGroup(1, 'dv/dt = -v/(10*ms) : 1', { threshold: 'v > 1' });
    new NeuronGroup(1, 'dv/dt = -v/(10*ms) : 1', { threshold: 'rand() < 0.1' });
    assert.deepEqual(warnings, ['no_refractory', 'only_threshold']);
  });
});

describe('NeuronGroup: subexpressions', () => {
  it('G.I reads a subexpression evaluated through generated code (Brian2 G.I[:])', () => {
    const G = new NeuronGroup(3, 'I = g*(E - u) : amp\ng : siemens\nE : volt\nu : volt');
    G.g = nS(2);
    G.E = mV(10);
    G.u = 'i*mV';
    assert.deepEqual([...G.I.in(pA)].map((x) => Math.round(x)), [20, 18, 16]);
    assert.throws(() => { G.I = pA(1); }, (e: unknown) => e instanceof GroupError && e.code === 'read-only');
  });

  it("'(constant over dt)' subexpressions become variables updated once per step in before_start", () => {
    const G = new NeuronGroup(2, 'dv/dt = (r - v)/ms : 1\nr = 2 + 0*rand() : 1 (constant over dt)', { name: 'cod' });
    assert.deepEqual(G.containedObjects.map((o) => `${o.name}:${o.when}`), ['cod_stateupdater:groups', 'cod_subexpression_update:before_start']);
    assert.deepEqual([...G.r.values], [0, 0]);
    new Network(G).run(ms(0.1));
    assert.deepEqual([...G.r.values], [2, 2]);
    assert.ok(G.v.values[0]! > 0);
  });
});

describe('NeuronGroup: code using subexpressions that use namespace names (regression)', () => {
  // The subexpression I uses I0 (group namespace), J uses K (run namespace) and twice(), a user function.
  const twice = defineUserFunction('twice', (x: number) => 2 * x, { argUnits: [null], returnUnit: null });
  const model = 'dv/dt = -v/(10*ms) : 1\nI = I0 : 1\nJ = twice(I) + K : 1\nc : 1';
  const make = (options: Record<string, unknown> = {}): NeuronGroup =>
    new NeuronGroup(2, model, { method: 'exact', namespace: { I0: 2, twice }, name: 'subns', ...options });

  it("threshold 'I > 1' with 'I = I0 : 1' and namespace {I0: 2} runs and spikes every step", () => {
    const G = make({ threshold: 'I > 1', reset: '' });
    const probe = new Probe(G, 'after_thresholds');
    new Network(G, probe).run(ms(0.3), { namespace: { K: 1 } });
    assert.deepEqual(probe.indices, [0, 1, 0, 1, 0, 1]);
  });

  it('resets, runRegularly, runOnEvent, custom events and refractory strings receive names used inside subexpressions, functions included', () => {
    const G = make({ threshold: 'J > 3 + K', reset: 'c = c + J', refractory: 'J < 0', events: { big: 'J > 0' } });
    G.runOnEvent('big', 'v = v + I');
    G.runRegularly('c = c + 100*twice(J)', { when: 'end' });
    new Network(G).run(ms(0.2), { namespace: { K: 1 } });
    // Each step: the reset adds J = 5, the event code adds I = 2 to v, run_regularly adds 100*2*J = 1000.
    assert.deepEqual([...G.c.values], [2010, 2010]);
    assert.ok(Math.abs(G.v.values[0]! - (2 * Math.exp(-0.01) + 2)) < 1e-12);
  });

  it("string assignments, conditions and reading a subexpression (G.c = 'J', G.c['J > 4'], G.J) resolve names inside subexpressions", () => {
    const G = make();
    G.namespace['K'] = 3;
    assert.deepEqual([...G.J.values], [7, 7]);
    G.c = 'J + i';
    assert.deepEqual([...G.c.values], [7, 8]);
    G.c['J > 4 and i == 1'] = 0;
    assert.deepEqual([...G.c.values], [7, 0]);
    assert.deepEqual([...G.c.where('J > 6 and c > 1').values], [7]);
  });

  it("a threshold through a subexpression using an undefined name fails the equations' unit check (EquationError), not code generation", () => {
    const G = new NeuronGroup(1, 'dv/dt = -v/(10*ms) : 1\nI = nothing_here : 1', { threshold: 'I > 1', reset: '', name: 'undef_sub' });
    const error = runError(G);
    assert.ok(error instanceof EquationError, String(error));
    assert.match((error as Error).message, /The identifier "nothing_here" could not be resolved/);
  });
});

describe('NeuronGroup: clock-dependent namespace values (TimedArray hooks, duck-typed)', () => {
  /** A stand-in for input's TimedArray: `forDt` binds it to the group dt, values change every `dtSeconds`. */
  class FakeTimedArray {
    readonly kind = 'user-function' as const;
    readonly bound: number[] = [];
    readonly descriptor;
    readonly implementation;
    constructor(readonly dtSeconds: number) {
      const unbound = defineUserFunction('fta', () => -1, { argUnits: [second], returnUnit: null });
      this.descriptor = unbound.descriptor;
      this.implementation = unbound.implementation;
    }
    forDt(groupDt: number): unknown {
      this.bound.push(groupDt);
      // Bound: 1000*groupDt before the first bin boundary, then the bin index (step function of t).
      return defineUserFunction('fta', (t: number) => (t < this.dtSeconds ? 1000 * groupDt : Math.floor(t / this.dtSeconds + 1e-9)), { argUnits: [second], returnUnit: null });
    }
    isLocallyConstant(groupDt: number): boolean {
      const ratio = this.dtSeconds / groupDt;
      return groupDt <= this.dtSeconds && Math.floor(ratio) === ratio;
    }
  }

  it('Group.resolution binds values with forDt to the group clock dt, in the group and the run namespace', () => {
    const a = new FakeTimedArray(1e-3);
    const b = new FakeTimedArray(1e-3);
    const G = new NeuronGroup(1, 'x = a(t) : 1\ny = b(t) : 1\nc : 1\nd : 1', { dt: ms(0.05), namespace: { a } });
    G.runRegularly('c = a(t)\nd = y');
    new Network(G).run(ms(0.05), { namespace: { b } });
    assert.deepEqual([G.c.values[0], G.d.values[0]], [0.05, 0.05]);
    for (const f of [a, b]) assert.ok(f.bound.length > 0 && f.bound.every((d) => d === 0.05e-3), String(f.bound));
    assert.equal(G.x.values[0], 0.05, 'reading a subexpression binds the group namespace too');
  });

  it("exact integrates dv/dt = (ta(t) - v)/tau when ta's dt is a multiple of the group dt, and refuses otherwise (Brian2)", () => {
    const model = 'dv/dt = (ta(t) - v)/(1*ms) : 1';
    const ok = new NeuronGroup(1, model, { dt: ms(0.05), namespace: { ta: new FakeTimedArray(0.2e-3) } });
    new Network(ok).run(ms(0.1));
    assert.equal(ok.stateUpdater.methodChosen, 'exact');
    const notMultiple = new NeuronGroup(1, model, { dt: ms(0.3), method: 'exact', namespace: { ta: new FakeTimedArray(0.2e-3) } });
    const error = runError(notMultiple);
    assert.ok(error instanceof UnsupportedEquationsError, String(error));
    assert.match((error as Error).message, /not guaranteed to be constant over a time step/);
    const fallback = new NeuronGroup(1, model, { dt: ms(0.3), namespace: { ta: new FakeTimedArray(0.2e-3) } });
    new Network(fallback).run(ms(0.3));
    assert.equal(fallback.stateUpdater.methodChosen, 'euler');
  });
});

describe('NeuronGroup: refractoriness (semantics §5, §14 items 7-10)', () => {
  it('a Quantity period is rounded to 1 µs and compared in time steps: 5.0004 ms behaves as 5 ms', () => {
    const a = lif({ refractory: ms(5.0004) });
    const b = lif();
    a.v = mV(-70);
    b.v = mV(-70);
    const pa = new Probe(a, 'after_thresholds');
    const pb = new Probe(b, 'after_thresholds');
    new Network(a, b, pa, pb).run(ms(30));
    assert.deepEqual(pa.times, pb.times);
  });

  it("a string period is re-evaluated every step ('ref' changed during refractoriness takes effect)", () => {
    const G = new NeuronGroup(1, 'dv/dt = 1/ms : 1 (unless refractory)\nref : second', { threshold: 'v > 0.95', reset: 'v = 0', refractory: 'ref' });
    G.ref = ms(2);
    const p = new Probe(G, 'after_thresholds');
    const net = new Network(G, p);
    net.run(ms(1.5)); // spike at 0.9 ms (v reaches 1.0 after 10 steps)
    G.ref = ms(0.5); // shortened while refractory: leaves refractoriness at 1.4 ms
    net.run(ms(2));
    assert.deepEqual(p.times.map((t) => Math.round(t * 1e5) / 100), [0.9, 2.4]);
  });

  it("a boolean refractory condition keeps the neuron refractory while it holds ('v > 0.5' style)", () => {
    const G = new NeuronGroup(1, 'dv/dt = (2 - v)/ms : 1 (unless refractory)\nw : 1', {
      threshold: 'v > 1.5', reset: 'v = 0', refractory: 'w > 0.5', method: 'euler',
    });
    G.w = 1;
    const p = new Probe(G, 'after_thresholds');
    const net = new Network(G, p);
    net.run(ms(3));
    assert.equal(p.times.length, 1);
    assert.equal(G.v.values[0], 0);
    G.w = 0;
    net.run(ms(3));
    assert.ok(p.times.length > 1);
  });

  it('custom events do not include not_refractory; their code runs in after_resets', () => {
    const G = new NeuronGroup(1, 'dv/dt = 1/ms : 1 (unless refractory)\nn_custom : integer', {
      threshold: 'v > 0.5', reset: 'v = 0', refractory: ms(1), events: { high: 'True' },
    });
    G.runOnEvent('high', 'n_custom += 1');
    new Network(G).run(ms(2));
    assert.equal(G.n_custom.get(0), 20);
  });
});

describe('NeuronGroup: runRegularly, runOnEvent, namespaces', () => {
  it("G.runRegularly(code, {dt}) runs every dt in slot 'start'; setting active = false stops it", () => {
    const G = new NeuronGroup(3, 'x : 1');
    const rr = G.runRegularly('x += i + 1', { dt: ms(1) });
    const net = new Network(G);
    net.run(ms(5));
    assert.deepEqual([...G.x.values], [5, 10, 15]);
    rr.active = false;
    net.run(ms(5));
    assert.deepEqual([...G.x.values], [5, 10, 15]);
  });

  it('namespace values are resolved at each run start, so they may change between runs', () => {
    const G = new NeuronGroup(1, 'x : 1', { namespace: { step: 1 } });
    G.runRegularly('x += step');
    const net = new Network(G);
    net.run(ms(0.5));
    G.namespace['step'] = 10;
    net.run(ms(0.5));
    assert.equal(G.x.values[0], 55);
  });

  it("names resolve as Brian2: group variables, then units/functions, then group namespace, then the run's", () => {
    warnings.length = 0;
    const G = new NeuronGroup(1, 'x : 1\ny : 1\nz : 1', { namespace: { a: 1, ms: 5 } });
    G.runRegularly('x = a\ny = b\nz = ms/second');
    new Network(G).run(ms(0.1), { namespace: { a: 2, b: 3 } });
    assert.deepEqual([G.x.values[0], G.y.values[0], G.z.values[0]], [1, 3, 0.001]);
    assert.ok(warnings.includes('Group.resolve.resolution_conflict'));
  });

  it('runOnEvent rejects unknown events and a second code block for one event', () => {
    const G = new NeuronGroup(1, 'v : 1', { threshold: 'v > 1', reset: 'v = 0' });
    assert.throws(() => G.runOnEvent('burst', 'v = 0'), (e: unknown) => e instanceof GroupError && e.code === 'invalid-event' && /Unknown event 'burst'/.test(e.message));
    assert.throws(() => G.runOnEvent('spike', 'v = 1'), (e: unknown) => e instanceof GroupError && /code for this event has already been added/.test(e.message));
    const H = new NeuronGroup(1, 'v : 1');
    assert.throws(() => H.runOnEvent('spike', 'v = 0'), (e: unknown) => e instanceof GroupError && /Did you forget to define a threshold\?/.test(e.message));
  });

  it('Network.store/restore restores the group state', () => {
    const G = lif();
    G.v = mV(-70);
    const net = new Network(G);
    net.store();
    net.run(ms(10));
    net.restore();
    assert.equal(G.v.get(0).in(mV), -70);
    assert.equal(G.lastspike.get(0).in(second), -1e4);
  });

  it('rand() in code is reproducible after seed(n)', () => {
    const G = new NeuronGroup(4, 'x : 1');
    G.runRegularly('x = rand()');
    const net = new Network(G);
    seed(3);
    net.run(ms(0.1));
    const a = [...G.x.values];
    net.run(ms(0.1));
    assert.notDeepEqual([...G.x.values], a);
    seed(3);
    net.run(ms(0.1));
    assert.deepEqual([...G.x.values], a);
  });
});

describe('NeuronGroup: bad input', () => {
  it('N that is not a positive integer, or a model string in its place, throws GroupError invalid-size', () => {
    assert.throws(() => new NeuronGroup('dv/dt = -v/tau : 1' as unknown as number, 'v : 1'), (e: unknown) => e instanceof GroupError && e.code === 'invalid-size' && /First NeuronGroup argument should be size, not equations\./.test(e.message));
    assert.throws(() => new NeuronGroup(0, 'v : 1'), (e: unknown) => e instanceof GroupError && /NeuronGroup size should be at least 1, was 0/.test(e.message));
    assert.throws(() => new NeuronGroup(2.5, 'v : 1'), (e: unknown) => e instanceof GroupError && /should be an integer/.test(e.message));
  });

  it('an unknown option throws GroupError with a close match', () => {
    assert.throws(() => new NeuronGroup(1, 'v : 1', { treshold: 'v > 1' } as never), (e: unknown) => e instanceof GroupError && e.code === 'invalid-option' && /Unknown option 'treshold' .* Did you mean 'threshold'\?/.test(e.message));
  });

  it('a model that is not a string or Equations, or with a Synapses flag, throws', () => {
    assert.throws(() => new NeuronGroup(1, 3 as unknown as string), (e: unknown) => e instanceof GroupError && e.code === 'invalid-model');
    assert.throws(() => new NeuronGroup(1, 'x : 1 (event-driven)'), (e: unknown) => e instanceof EquationError && /Invalid flags in the equations of 'neurongroup\w*'/.test(e.message));
    assert.throws(() => new NeuronGroup(1, 'x_post : 1'), (e: unknown) => e instanceof GroupError && /'x_post' cannot be used as a variable name/.test(e.message));
  });

  it('a threshold with wrong units throws DimensionMismatchError naming the group and line', () => {
    const cause = runError(new NeuronGroup(1, 'dv/dt = -v/(10*ms) : volt', { threshold: 'v > 3', reset: '' }));
    assert.ok(cause instanceof DimensionMismatchError);
    assert.match(cause.message, /^In the threshold of 'neurongroup\w*', line 1 \("v > 3"\): Comparison of expressions with different units/);
  });

  it('a threshold that is not boolean throws ExpressionError not-boolean', () => {
    const cause = runError(new NeuronGroup(1, 'dv/dt = -v/(10*ms) : volt', { threshold: 'v + 1*mV', reset: '' }));
    assert.ok(cause instanceof ExpressionError && cause.code === 'not-boolean');
    assert.match(cause.message, /In the threshold of 'neurongroup\w*'.*Threshold condition 'v \+ 1\*mV' is not a boolean expression/);
  });

  it('a threshold that is not a string throws GroupError with the Brian2 hint', () => {
    assert.throws(
      () => new NeuronGroup(1, 'dv/dt = -v/(10*ms) : volt', { threshold: mV(-50) as unknown as string }),
      (e: unknown) => e instanceof GroupError && e.code === 'invalid-threshold' && /has to be a string, not a quantity\. Probably you intended to use 'v > \.\.\.'\?/.test(e.message),
    );
    assert.throws(
      () => new NeuronGroup(1, 'dv/dt = -v/(10*ms) : volt', { threshold: 'v > 0*mV', reset: mV(-60) as unknown as string }),
      (e: unknown) => e instanceof GroupError && e.code === 'invalid-reset' && /Probably you intended to use 'v = \.\.\.'\?/.test(e.message),
    );
  });

  it('a multi-line reset with wrong units names the offending line', () => {
    const cause = runError(new NeuronGroup(1, 'dv/dt = -v/(10*ms) : volt\nw : 1', { threshold: 'v > 1*mV', reset: 'w = 0\nv = 3*ms' }));
    assert.ok(cause instanceof DimensionMismatchError);
    assert.match(cause.message, /^In the reset of 'neurongroup\w*', line 2 \("v = 3\*ms"\)/);
  });

  it('an undefined identifier throws UndefinedIdentifierError naming the group, line and close matches', () => {
    const cause = runError(new NeuronGroup(1, 'dv/dt = -v/(10*ms) : volt', { threshold: 'v > v_thresh', reset: 'v = 0*mV', namespace: { v_thres: mV(1) } }));
    assert.ok(cause instanceof UndefinedIdentifierError && cause instanceof GroupUndefinedIdentifierError);
    assert.equal(cause.identifier, 'v_thresh');
    assert.deepEqual(cause.suggestions, ['v_thres']);
    assert.match(cause.message, /In the threshold of 'neurongroup\w*', line 1 \("v > v_thresh"\): The identifier "v_thresh" could not be resolved\. Did you mean "v_thres"\?/);
    const eq = runError(new NeuronGroup(1, 'dv/dt = -v/taum : volt', { namespace: { tau: ms(1) } }));
    assert.ok(eq instanceof EquationError && /The identifier "taum" could not be resolved/.test(eq.message));
  });

  it('a method that does not apply throws UnsupportedEquationsError', () => {
    const cause = runError(new NeuronGroup(1, 'dv/dt = -v**2/(10*ms) : 1', { method: 'exact' }));
    assert.ok(cause instanceof UnsupportedEquationsError);
  });

  it('a refractory period with wrong units throws DimensionMismatchError (Quantity at creation, string at run start)', () => {
    assert.throws(
      () => new NeuronGroup(1, 'v : volt', { refractory: mV(5) }),
      (e: unknown) => e instanceof DimensionMismatchError && /Refractory period of 'neurongroup\w*' has to be specified in units of seconds but got 5\. mV/.test(e.message),
    );
    assert.throws(() => new NeuronGroup(1, 'v : volt', { refractory: 5 as unknown as string }), (e: unknown) => e instanceof DimensionMismatchError);
    const cause = runError(new NeuronGroup(1, 'v : volt', { threshold: 'v > 0*mV', refractory: '3*mV' }));
    assert.ok(cause instanceof DimensionMismatchError && /Refractory expression '3\*mV' of 'neurongroup\w*' has to evaluate to a timespan or a boolean value/.test(cause.message));
    const dimensionless = runError(new NeuronGroup(1, 'v : volt', { threshold: 'v > 0*mV', refractory: '3' }));
    assert.ok(dimensionless instanceof GroupError && dimensionless.code === 'invalid-refractory' && /is dimensionless but not a boolean value/.test(dimensionless.message));
  });

  it('invalid events: bad names, spike with a threshold', () => {
    assert.throws(() => new NeuronGroup(1, 'v : 1', { events: { '3x': 'v > 1' } }), (e: unknown) => e instanceof GroupError && e.code === 'invalid-event' && /The name '3x' cannot be used as an event name/.test(e.message));
    assert.throws(() => new NeuronGroup(1, 'v : 1', { threshold: 'v > 1', events: { spike: 'v > 2' } }), (e: unknown) => e instanceof GroupError && /defines both a threshold and a 'spike' event/.test(e.message));
  });

  it('syntax errors and hostile code strings throw ParseError naming the group before any code is generated', () => {
    assert.throws(() => new NeuronGroup(1, 'v : 1', { threshold: 'v > (1' }), (e: unknown) => e instanceof ParseError && /In the threshold of 'neurongroup\w*': Expected '\)'/.test(e.message));
    for (const hostile of ['v = 1; process.exit(1)', 'v = `1`', 'v = constructor', 'v = __proto__']) {
      const make = (): NeuronGroup => new NeuronGroup(1, 'v : 1', { threshold: 'v > 1', reset: hostile });
      let error: unknown;
      try {
        new Network(make()).run(ms(0.1));
      } catch (e) {
        error = e instanceof BrianObjectError ? e.cause : e;
      }
      assert.ok(error instanceof ParseError || error instanceof ExpressionError, `${hostile}: ${String(error)}`);
    }
  });

  it('a rate Quantity with the wrong dimension in a namespace fails unit checking of the equations', () => {
    const cause = runError(new NeuronGroup(1, 'dv/dt = -v*tau : 1', { namespace: { tau: Hz(3).times(ms(1)) } }));
    assert.ok(cause instanceof DimensionMismatchError);
  });
});

describe('NeuronGroup equations with an undefined identifier', () => {
  it('run() names the identifier, the equation line and a close match from the namespace', () => {
    startScope();
    new NeuronGroup(2, 'dv/dt = -v/taum : volt', { namespace: { tau: ms(10) } });
    assert.throws(
      () => run(ms(0.1)),
      (err: unknown) =>
        err instanceof BrianObjectError &&
        err.cause instanceof EquationError &&
        err.cause.reason === 'undefined-identifier' &&
        /The identifier "taum" could not be resolved\. Did you mean "tau"\?/.test(err.cause.message) &&
        /dv\/dt = -v\/taum : volt/.test(err.cause.message),
    );
  });
});

describe('NeuronGroup state in WebAssembly memory (prefs.wasmStorage, session 7)', { skip: !wasmStorageAvailable && 'no shared WebAssembly memory' }, () => {
  it('a group of ≥ 1024 neurons has its state in one memory; smaller groups and wasmStorage = false keep their own buffers; values, views, store/restore unchanged', () => {
    startScope();
    const model = 'dv/dt = (1.1 - v)/(10*ms) : 1\nI : 1';
    const big = new NeuronGroup(1024, model, { threshold: 'v > 1', reset: 'v = 0', refractory: ms(2), method: 'exact' });
    const small = new NeuronGroup(1023, model, { threshold: 'v > 1', reset: 'v = 0', method: 'exact' });
    const memory = wasmMemoryOf(big.variables.getArray('v').array);
    assert.ok(memory !== undefined);
    for (const name of ['I', 'lastspike', 'not_refractory', '_spikespace', 'i']) assert.equal(wasmMemoryOf(big.variables.getArray(name).array), memory, name);
    assert.equal(wasmMemoryOf(small.variables.getArray('v').array), undefined);
    // Initial values set in the constructor (refractoriness) survive the move.
    assert.ok(Array.from(big.variables.getArray('not_refractory').array).every((x) => x === 1));
    prefs.wasmStorage = false;
    try {
      assert.equal(wasmMemoryOf(new NeuronGroup(4096, model).variables.getArray('v').array), undefined);
    } finally {
      resetPrefs();
    }
    big.v = 'i / 1024.0';
    big.I = 0.5;
    const net = new Network(big);
    net.store('before');
    net.run(ms(5), { fastMath: true });
    const after = Float64Array.from(big.variables.getArray('v').array);
    net.restore('before');
    assert.equal(big.variables.getArray('v').array[512], 0.5);
    net.run(ms(5));
    // Exact and fast mode agree on LIF's spikes (no exp per element); the state is the same arrays.
    assert.deepEqual(Array.from(big.variables.getArray('v').array).map((x, i) => Math.abs(x - after[i]!) < 1e-12), Array.from(after, () => true));
    startScope();
  });
});
