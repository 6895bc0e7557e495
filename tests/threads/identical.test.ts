/**
 * Issue 10: results do not depend on the thread count. Each model (the benchmark models, the seed
 * programs' models, STDP, summed variables, heterogeneous delays, PoissonInput, a SpatialNeuron,
 * noise and random draws in every split template, store/restore between runs) is built afresh and
 * run with 1, 2, 3 and 4 threads (shortened); every stored state (all state variables of every
 * group, synapses, monitors, clocks, random counters) and every monitor's data must be equal bit
 * for bit. The machine may have fewer cores than threads: that changes the timing, not the bits.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  Cylinder, EventMonitor, Hz, Soma, Network, NetworkOperation, NeuronGroup, PoissonGroup, PoissonInput, PopulationRateMonitor, SpatialNeuron, SpikeMonitor, StateMonitor, Synapses,
  amp, cm, defaultclock, lastThreadRun, second, mV, mm, ms, msiemens, nA, nS, prefs, seed, shutdownThreads, siemens, uA, ufarad, um, umetre,
} from 'brian-ts';
import type { Quantity } from 'brian-ts';
import { COBAHH } from '../../bench/models/cobahh.ts';
import { lastThreadProfile } from '../../src/devices/index.ts';
import { wasmMemoryOf } from '../../src/variables/index.ts';
import { Cm, HH_EQS, Ri, gNa0, hhNamespace } from '../../bench/spatial/model.ts';

after(() => shutdownThreads());

/** Runs `run` profiled (BRIAN_TS_THREAD_PROFILE=1); without it, the split executions per code object of the last profiled run. */
function splitExecutions(run?: () => void): Record<string, number> {
  if (run === undefined) return Object.fromEntries((lastThreadProfile() ?? []).map((r) => [r.name, r.executions]));
  const previous = process.env['BRIAN_TS_THREAD_PROFILE'];
  process.env['BRIAN_TS_THREAD_PROFILE'] = '1';
  try {
    run();
  } finally {
    if (previous === undefined) delete process.env['BRIAN_TS_THREAD_PROFILE'];
    else process.env['BRIAN_TS_THREAD_PROFILE'] = previous;
  }
  return {};
}

/** Every stored value of the network and the given extras, as bytes by path. */
function collect(net: Network, extras: Record<string, unknown> = {}): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const visit = (path: string, x: unknown): void => {
    if (ArrayBuffer.isView(x)) {
      out.set(`${path}<${x.constructor.name}>`, new Uint8Array(x.buffer, x.byteOffset, x.byteLength).slice());
    } else if (typeof x === 'number') {
      out.set(path, new Uint8Array(new Float64Array([x]).buffer));
    } else if (typeof x === 'string' || typeof x === 'boolean') {
      out.set(path, new TextEncoder().encode(String(x)));
    } else if (x instanceof Map) {
      for (const k of [...x.keys()].sort()) visit(`${path}/${String(k)}`, x.get(k));
    } else if (Array.isArray(x)) {
      x.forEach((e, k) => visit(`${path}[${k}]`, e));
    } else if (x !== null && typeof x === 'object') {
      const values = (x as { values?: unknown }).values;
      // Quantity arrays: their SI values.
      if (ArrayBuffer.isView(values)) visit(`${path}.values`, values);
      else for (const k of Object.keys(x).sort()) visit(`${path}.${k}`, (x as Record<string, unknown>)[k]);
    }
  };
  net.store('__threads_test');
  const state = net.storedState('__threads_test');
  visit('t', state.t);
  visit('objects', state.objects);
  // Clocks by position: a private clock's automatic name depends on which objects are still alive.
  visit('clocks', [...state.clocks.values()]);
  visit('random', state.random);
  visit('extra', extras);
  return out;
}

function assertSame(reference: Map<string, Uint8Array>, other: Map<string, Uint8Array>, what: string): void {
  const missing = [...reference.keys()].filter((k) => !other.has(k));
  const added = [...other.keys()].filter((k) => !reference.has(k));
  assert.deepEqual({ missing, added }, { missing: [], added: [] }, `${what}: the same stored values`);
  for (const [path, bytes] of reference) {
    const b = other.get(path)!;
    if (b.length !== bytes.length || b.some((x, k) => x !== bytes[k])) assert.fail(`${what}: ${path} differs from the one-thread run`);
  }
}

interface Model {
  net: Network;
  /** Monitor data and other results to compare besides the stored state. */
  extras: () => Record<string, unknown>;
  /** Total spikes (the run must be non-trivial). */
  spikes: () => number;
}

/**
 * Runs `build()` with each thread count and compares everything with the one-thread run.
 * `sourceLists`: split pathways whose threads must deliver from source lists (homogeneous delays).
 */
function identical(name: string, build: () => Model, duration: Quantity, expectSplit: RegExp[], run?: (m: Model, threads: number) => void, sourceLists: RegExp[] = []): void {
  it(`${name}: 1, 2, 3 and 4 threads give the same bits`, () => {
    let reference: Map<string, Uint8Array> | undefined;
    for (const threads of [1, 2, 3, 4]) {
      const model = build();
      if (run === undefined) model.net.run(duration, { threads });
      else run(model, threads);
      const info = lastThreadRun();
      if (process.env['THREADS_TEST_VERBOSE'] !== undefined && threads === 2) console.log(name, JSON.stringify(info.split));
      if (threads > 1) {
        assert.equal(info.threads, threads, `${name}: the run used ${threads} threads`);
        for (const expected of expectSplit) {
          assert.ok(info.split.some((s) => expected.test(s)), `${name}: split code objects ${info.split.join(', ')} include ${String(expected)}`);
        }
        for (const expected of sourceLists) {
          assert.ok(info.sourceLists?.some((s) => expected.test(s)), `${name}: pathways with source lists ${info.sourceLists?.join(', ')} include ${String(expected)}`);
        }
      } else {
        assert.equal(info.threads, 1);
      }
      assert.ok(model.spikes() > 0, `${name}: the model spikes`);
      const values = collect(model.net, model.extras());
      if (reference === undefined) reference = values;
      else assertSame(reference, values, `${name} with ${threads} threads`);
    }
  });
}

const perCm2 = (q: Quantity): Quantity => q.div(cm(1).times(cm(1))).times(umetre(1).times(umetre(1)).times(20000)) as Quantity;

describe('thread count never changes a result', { timeout: 600_000 }, () => {
  it('the comparison sees a one-ulp difference in one element', () => {
    const G = new NeuronGroup(10, 'dv/dt = -v/(10*ms) : 1', { name: 'ulp' });
    G.v = 'i / 10.0';
    const net = new Network(G);
    const a = collect(net);
    const v = G.state('v').values as Float64Array;
    v[7] = v[7]! + Number.EPSILON * v[7]!;
    assert.throws(() => assertSame(a, collect(net), 'perturbed'), /ulp\/_?\w*|differs/);
  });

  identical('COBAHH (bench model, 400 neurons)', () => {
    seed(12345);
    const N = 400;
    const namespace = {
      Cm: perCm2(ufarad(1)), gl: perCm2(siemens(5e-5)), El: mV(-60), EK: mV(-90), ENa: mV(50), g_na: perCm2(msiemens(100)),
      g_kd: perCm2(msiemens(30)), VT: mV(-63), taue: ms(5), taui: ms(10), Ee: mV(0), Ei: mV(-80), we: nS(6), wi: nS(67),
    };
    const P = new NeuronGroup(N, COBAHH, { threshold: 'v>-20*mV', refractory: ms(3), method: 'exponential_euler', namespace, name: 'cobahh' });
    const Ce = new Synapses(P.slice(0, 320), P, '', { onPre: 'ge+=we', namespace, name: 'cobahh_ce' });
    const Ci = new Synapses(P.slice(320, N), P, '', { onPre: 'gi+=wi', namespace, name: 'cobahh_ci' });
    Ce.connect({ p: 0.05 });
    Ci.connect({ p: 0.05 });
    P.v = 'El + (randn() * 5 - 5)*mV';
    P.ge = '(randn() * 1.5 + 4) * 10.*nS';
    P.gi = '(randn() * 12 + 20) * 10.*nS';
    const M = new SpikeMonitor(P, { name: 'cobahh_spikes' });
    const trace = new StateMonitor(P, ['v', 'ge'], { record: [0, 133, 399], name: 'cobahh_trace' });
    return { net: new Network(P, Ce, Ci, M, trace), extras: () => ({ i: M.i, t: M.t, v: trace.v }), spikes: () => M.numSpikes };
  }, ms(40), [/^cobahh_stateupdater$/, /^cobahh_ce_pre$/, /^cobahh_ci_pre$/]);

  identical('uncoupled HH (bench model) with boolean refractoriness', () => {
    const namespace = { Cm: perCm2(ufarad(1)), gl: perCm2(siemens(5e-5)), El: mV(-65), EK: mV(-90), ENa: mV(50), g_na: perCm2(msiemens(100)), g_kd: perCm2(msiemens(30)), VT: mV(-63), I_max: nA(2) };
    const G = new NeuronGroup(101, `
dv/dt = (gl*(El-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK) + I)/Cm : volt
dm/dt = 0.32*(mV**-1)*4*mV/exprel((13.*mV-v+VT)/(4*mV))/ms*(1-m)-0.28*(mV**-1)*5*mV/exprel((v-VT-40.*mV)/(5*mV))/ms*m : 1
dn/dt = 0.032*(mV**-1)*5*mV/exprel((15.*mV-v+VT)/(5*mV))/ms*(1.-n)-.5*exp((10.*mV-v+VT)/(40.*mV))/ms*n : 1
dh/dt = 0.128*exp((17.*mV-v+VT)/(18.*mV))/ms*(1.-h)-4./(1+exp((40.*mV-v+VT)/(5.*mV)))/ms*h : 1
I : amp
`, { threshold: 'v > -40*mV', refractory: 'v > -40*mV', method: 'exponential_euler', namespace, name: 'hh' });
    G.v = mV(-65);
    G.I = 'I_max*i/(N-1)';
    const M = new SpikeMonitor(G, { record: false, name: 'hh_count' });
    return { net: new Network(G, M), extras: () => ({ count: M.count }), spikes: () => M.numSpikes };
  }, ms(30), [/^hh_stateupdater$/]);

  identical(
    'fast math (prefs.fastMath) in split code',
    () => {
      const G = new NeuronGroup(300, `
dv/dt = (-v + I + 0.05*exp(v) - 0.1*exprel(v - 1))/(10*ms) : 1
I : 1
`, { threshold: 'v > 1', reset: 'v = 0', method: 'euler', name: 'fastmath' });
      G.I = '1.5 * i / N';
      const M = new SpikeMonitor(G, { name: 'fastmath_spikes' });
      return { net: new Network(G, M), extras: () => ({ i: M.i, t: M.t, v: G.v }), spikes: () => M.numSpikes };
    },
    ms(50),
    [/^fastmath_stateupdater$/],
    (m, threads) => m.net.run(ms(50), { threads, fastMath: true }),
  );

  /** Uncoupled HH, 101 neurons (odd: the kernel pads a lane; 2–4 threads give odd ranges too). */
  const hhFast = (name: string): Model => {
    const namespace = { Cm: perCm2(ufarad(1)), gl: perCm2(siemens(5e-5)), El: mV(-65), EK: mV(-90), ENa: mV(50), g_na: perCm2(msiemens(100)), g_kd: perCm2(msiemens(30)), VT: mV(-63), I_max: nA(2) };
    const G = new NeuronGroup(101, `
dv/dt = (gl*(El-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK) + I)/Cm : volt
dm/dt = 0.32*(mV**-1)*4*mV/exprel((13.*mV-v+VT)/(4*mV))/ms*(1-m)-0.28*(mV**-1)*5*mV/exprel((v-VT-40.*mV)/(5*mV))/ms*m : 1
dn/dt = 0.032*(mV**-1)*5*mV/exprel((15.*mV-v+VT)/(5*mV))/ms*(1.-n)-.5*exp((10.*mV-v+VT)/(40.*mV))/ms*n : 1
dh/dt = 0.128*exp((17.*mV-v+VT)/(18.*mV))/ms*(1.-h)-4./(1+exp((40.*mV-v+VT)/(5.*mV)))/ms*h : 1
I : amp
`, { threshold: 'v > -40*mV', refractory: 'v > -40*mV', method: 'exponential_euler', namespace, name });
    G.v = mV(-65);
    G.I = 'I_max*i/(N-1)';
    const M = new SpikeMonitor(G, { name: `${name}_spikes` });
    return { net: new Network(G, M), extras: () => ({ i: M.i, t: M.t, v: G.v, m: G.m }), spikes: () => M.numSpikes };
  };
  identical('fast math: HH state update as a WebAssembly kernel in split code', () => hhFast('hhkernel'), ms(30), [/^hhkernel_stateupdater$/], (m, threads) => m.net.run(ms(30), { threads, fastMath: true }));
  it('fast math: the HH kernel is in use (its bits differ from the JavaScript loop, its spikes do not)', () => {
    const kernel = hhFast('hhk1');
    kernel.net.run(ms(30), { threads: 2, fastMath: true });
    const js = hhFast('hhk2');
    prefs.fastMathKernels = false;
    try {
      js.net.run(ms(30), { threads: 2, fastMath: true });
    } finally {
      prefs.fastMathKernels = true;
    }
    const a = kernel.extras();
    const b = js.extras();
    assert.deepEqual(a['i'], b['i']);
    assert.notDeepEqual(Array.from((a['v'] as { values: Float64Array }).values), Array.from((b['v'] as { values: Float64Array }).values));
  });

  /** The LIF benchmark's model, 2049 neurons: its state in WebAssembly memory, an odd count (2–4 threads give odd ranges). */
  const lifFast = (name: string): Model & { group: NeuronGroup } => {
    const G = new NeuronGroup(2049, 'dv/dt = (v_inf - v)/tau : 1', { threshold: 'v > 1', reset: 'v = 0', method: 'exact', namespace: { tau: ms(10), v_inf: 1.1 }, name });
    G.v = '(i * 0.6180339887) % 1.0'; // (not rand(): its stream depends on the group's name)
    const M = new SpikeMonitor(G, { name: `${name}_spikes` });
    return { net: new Network(G, M), extras: () => ({ i: M.i, t: M.t, v: G.v }), spikes: () => M.numSpikes, group: G };
  };
  identical('fast math: LIF update + threshold as an in-place WebAssembly kernel in split code', () => lifFast('lifkernel'), ms(30), [/^lifkernel_stateupdater/], (m, threads) => m.net.run(ms(30), { threads, fastMath: true }));
  it('fast math: the in-place LIF kernel gives the JavaScript loop\'s bits (no exp per element: the same operations)', () => {
    const kernel = lifFast('lifk1');
    assert.ok(wasmMemoryOf(kernel.group.variables.getArray('v').array) !== undefined, 'the state is in WebAssembly memory');
    kernel.net.run(ms(30), { threads: 3, fastMath: true });
    const js = lifFast('lifk2');
    prefs.fastMathKernels = false;
    try {
      js.net.run(ms(30), { threads: 3, fastMath: true });
    } finally {
      prefs.fastMathKernels = true;
    }
    const a = kernel.extras();
    const b = js.extras();
    assert.ok(kernel.spikes() > 100);
    assert.deepEqual(a['i'], b['i']);
    assert.deepEqual(a['t'], b['t']);
    assert.deepEqual(Array.from((a['v'] as { values: Float64Array }).values), Array.from((b['v'] as { values: Float64Array }).values));
  });

  identical('LIF (bench model, seed 1 and 2 programs: refractoriness, reset, SpikeMonitor, StateMonitor)', () => {
    seed(3);
    const G = new NeuronGroup(1000, `
dv/dt = (v0-v+I)/tau : volt (unless refractory)
I : volt
`, { threshold: 'v>-40*mV', reset: 'v=-60*mV', refractory: ms(1), method: 'exact', namespace: { tau: ms(10), v0: mV(-50), I_max: mV(40) }, name: 'lif' });
    G.v = '-70*mV + 20*mV*rand()';
    G.I = 'i*I_max/(N-1)';
    const M = new SpikeMonitor(G, { name: 'lif_spikes' });
    const S = new StateMonitor(G, 'v', { record: [0, 500, 999], name: 'lif_trace' });
    const R = new PopulationRateMonitor(G, { name: 'lif_rate' });
    return { net: new Network(G, M, S, R), extras: () => ({ i: M.i, t: M.t, v: S.v, rate: R.rate }), spikes: () => M.numSpikes };
  }, ms(60), [/^lif_stateupdater$/, /^lif_spike_thresholder$/]);

  // Session 10 (s10-lif): a reset and a count-only spike monitor run split in their threshold's
  // batch, each range visiting the events its own range found (one barrier per step), unless an
  // object between them needs the merged events or pre-reset values (then they run serially).
  /** LIF with adaptation (the reset reads and writes two variables), refractoriness and a count-only monitor. */
  const lifEvents = (name: string, between?: (G: NeuronGroup, seen: number[]) => object): Model => {
    seed(7);
    const G = new NeuronGroup(3001, 'dv/dt = (1.2 - v - w)/(10*ms) : 1 (unless refractory)\ndw/dt = -w/(50*ms) : 1', {
      threshold: 'v > 1', reset: 'v = 0.1 * w; w += 0.05 + 0.01 * rand()', refractory: ms(0.5), method: 'exact', name,
    });
    G.v = 'rand()';
    const M = new SpikeMonitor(G, { record: false, name: `${name}_count` });
    const seen: number[] = [];
    const extra = between?.(G, seen);
    const objects: object[] = [G, M, ...(extra === undefined ? [] : [extra])];
    return { net: new Network(...(objects as ConstructorParameters<typeof Network>)), extras: () => ({ count: M.count, seen }), spikes: () => M.numSpikes };
  };
  identical('LIF: reset (with rand()) and count-only SpikeMonitor split in the threshold\'s batch', () => lifEvents('lifev'), ms(30),
    [/^lifev_stateupdater$/, /^lifev_spike_resetter$/, /^lifev_count$/],
    (m, threads) => {
      splitExecutions(() => m.net.run(ms(30), { threads }));
      if (threads === 1) return;
      assert.equal(lastThreadRun().barriers, 300, 'one barrier per step: update, threshold, count and reset');
      assert.deepEqual(splitExecutions(), { lifev_stateupdater: 300, lifev_count: 300, lifev_spike_resetter: 300 });
      // Session 12: nothing reads the event space as a whole during the run (count and reset visit the ranges' events).
      assert.equal(lastThreadRun().merges, 1, "the threshold's events merged once, at the run's end");
    });
  // Session 12: a split threshold's events are merged only when something reads them whole.
  identical("LIF: a subgroup's count-only monitor alone after the split threshold (serial code reads the merged events)", () => {
    const model = lifEvents('lifsub');
    const G = model.net.objects.find((o) => o.name === 'lifsub') as NeuronGroup;
    const Sub = new SpikeMonitor(G.slice(1000, 2000), { record: false, name: 'lifsub_sub' });
    model.net.add(Sub);
    return { ...model, extras: () => ({ ...model.extras(), sub: Sub.count }) };
  }, ms(30), [/^lifsub_stateupdater$/], (m, threads) => {
    m.net.run(ms(30), { threads });
    if (threads > 1) assert.equal(lastThreadRun().merges, 300, 'merged every step, for the serial count');
  });
  identical('LIF: a StateMonitor between threshold and reset completes the batch (reads v, no events); the reset then runs serially on the merged events', () =>
    lifEvents('lifsm', (G) => new StateMonitor(G, 'v', { record: [0, 1500, 3000], when: 'thresholds', order: 10, name: 'lifsm_v' })), ms(30),
    [/^lifsm_stateupdater$/],
    (m, threads) => {
      splitExecutions(() => m.net.run(ms(30), { threads }));
      if (threads === 1) return;
      assert.deepEqual(splitExecutions(), { lifsm_stateupdater: 300, lifsm_count: 300 }, 'the reset ran serially');
      assert.equal(lastThreadRun().merges, 300, 'merged every step, for the serial reset');
    });
  it('LIF: a report callback sees each step\'s spikes (merged for it) with 1 and 2 threads', () => {
    // Reported at every step (period 0; a step whose clock reading equals the last report's is skipped: compared where both reported).
    const runs = [1, 2].map((threads) => {
      const model = lifEvents('lifrep');
      const G = model.net.objects.find((o) => o.name === 'lifrep') as NeuronGroup;
      const spikes = new Map<number, string>();
      model.net.run(ms(30), { threads, reportPeriod: second(0), report: () => void spikes.set(Math.round(model.net.t.value / 1e-4), G.spikes.join(',')) });
      if (threads > 1) assert.ok(lastThreadRun().merges! >= spikes.size - 1, 'merged for the reports');
      return spikes;
    });
    const common = [...runs[0]!.keys()].filter((k) => runs[1]!.has(k));
    assert.ok(common.length > 250, `reported at most steps of both runs (${common.length})`);
    assert.ok(common.some((k) => runs[0]!.get(k)!.length > 0), 'some reported step has spikes');
    for (const k of common) assert.equal(runs[1]!.get(k), runs[0]!.get(k), `step ${k}: the same spikes`);
  });
  identical('LIF: a network operation between threshold and reset (reads v before the reset) keeps the reset serial', () =>
    lifEvents('lifop', (G, seen) => new NetworkOperation(() => {
      // The spiking neurons' v after the threshold, before the reset: what a split reset must not have changed yet.
      const v = G.variables.getArray('v').array;
      const ev = G.eventSpace('spike').array;
      for (let k = 0; k < ev[G.N]!; k++) if (k % 7 === 0) seen.push(v[ev[k]!]!);
    }, { when: 'thresholds', order: 10, name: 'lifop_between' })), ms(30),
    [/^lifop_stateupdater$/],
    (m, threads) => {
      splitExecutions(() => m.net.run(ms(30), { threads }));
      const seen = m.extras()['seen'] as number[];
      assert.ok(seen.length > 100 && seen.every((x) => x > 1), 'the operation saw spiking neurons before their reset');
      if (threads === 1) return;
      assert.equal(lastThreadRun().barriers, 300, 'one barrier per step; the reset ran serially after it');
      // The count runs in the threshold's batch (before the operation), the reset never split.
      assert.deepEqual(splitExecutions(), { lifop_stateupdater: 300, lifop_count: 300 });
    });
  identical('LIF: a recording SpikeMonitor (with v) between threshold and reset; a subgroup\'s count-only monitor', () => {
    const model = lifEvents('lifrec');
    const G = model.net.objects.find((o) => o.name === 'lifrec') as NeuronGroup;
    const R = new SpikeMonitor(G, { variables: ['v', 'w'], name: 'lifrec_rec' });
    const Sub = new SpikeMonitor(G.slice(1000, 2000), { record: false, name: 'lifrec_sub' });
    model.net.add(R, Sub);
    return { ...model, extras: () => ({ ...model.extras(), i: R.i, t: R.t, v: R.v, w: R.w, sub: Sub.count }) };
  }, ms(30), [/^lifrec_stateupdater$/], (m, threads) => {
    m.net.run(ms(30), { threads });
    // Only a whole group's counting has a ranged form: recording, or a subgroup's range, stays serial.
    if (threads > 1) assert.deepEqual(lastThreadRun().split.filter((n) => /_rec$|_sub$/.test(n)), []);
  });

  /** CUBA, `N` neurons (≥ 1024: the state in WebAssembly memory; odd: odd ranges). */
  const cuba = (N: number, name: string): Model => {
    seed(12345);
    const Ne = Math.trunc(0.8 * N);
    const namespace = { taum: ms(20), taue: ms(5), taui: ms(10), Vt: mV(-50), Vr: mV(-60), El: mV(-49), we: mV((60 * 0.27) / 10), wi: mV((-20 * 4.5) / 10), Ne };
    const P = new NeuronGroup(N, `
dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
dge/dt = -ge/taue : volt
dgi/dt = -gi/taui : volt
`, { threshold: 'v>Vt', reset: 'v = Vr', refractory: ms(5), method: 'exact', namespace, name });
    P.v = 'Vr + rand() * (Vt - Vr)';
    const Ce = new Synapses(P, P, '', { onPre: 'ge += we', namespace, name: `${name}_ce` });
    const Ci = new Synapses(P, P, '', { onPre: 'gi += wi', namespace, name: `${name}_ci` });
    Ce.connect({ condition: 'i<Ne', p: 0.02 });
    Ci.connect({ condition: 'i>=Ne', p: 0.02 });
    const M = new SpikeMonitor(P, { name: `${name}_spikes` });
    return { net: new Network(P, Ce, Ci, M), extras: () => ({ i: M.i, t: M.t, v: P.v, ge: P.ge }), spikes: () => M.numSpikes };
  };
  identical('fast math: CUBA 2049 (update, refractoriness and threshold as one in-place WebAssembly kernel) in split code', () => cuba(2049, 'cubak'), ms(40), [/^cubak_stateupdater$/], (m, threads) => m.net.run(ms(40), { threads, fastMath: true }));

  /**
   * Uncoupled HH, `N` ≥ 1024 neurons (the state in WebAssembly memory: exact mode's in-place kernel
   * with its exp/exprel ports; odd: odd ranges). Every 101st neuron starts at +300 mV (its exprel
   * arguments −87.5 and 64.6 are outside the ordinary forms' range, session 9) and another at
   * +15 V (exp(−837): a subnormal-scale k, where the ordinary form's bits are wrong): those pairs
   * must take the full forms, the others take the ordinary ones.
   */
  const hhExact = (name: string, N = 1025): Model => {
    const namespace = { Cm: perCm2(ufarad(1)), gl: perCm2(siemens(5e-5)), El: mV(-65), EK: mV(-90), ENa: mV(50), g_na: perCm2(msiemens(100)), g_kd: perCm2(msiemens(30)), VT: mV(-63), I_max: nA(2) };
    const G = new NeuronGroup(N, `
dv/dt = (gl*(El-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK) + I)/Cm : volt
dm/dt = 0.32*(mV**-1)*4*mV/exprel((13.*mV-v+VT)/(4*mV))/ms*(1-m)-0.28*(mV**-1)*5*mV/exprel((v-VT-40.*mV)/(5*mV))/ms*m : 1
dn/dt = 0.032*(mV**-1)*5*mV/exprel((15.*mV-v+VT)/(5*mV))/ms*(1.-n)-.5*exp((10.*mV-v+VT)/(40.*mV))/ms*n : 1
dh/dt = 0.128*exp((17.*mV-v+VT)/(18.*mV))/ms*(1.-h)-4./(1+exp((40.*mV-v+VT)/(5.*mV)))/ms*h : 1
I : amp
`, { threshold: 'v > -40*mV', refractory: 'v > -40*mV', method: 'exponential_euler', namespace, name });
    G.v = 'int(i % 101 == 7) * 365*mV + int(i % 101 == 50) * 15065*mV - 65*mV';
    G.I = 'I_max*i/(N-1)';
    const M = new SpikeMonitor(G, { name: `${name}_spikes` });
    return { net: new Network(G, M), extras: () => ({ i: M.i, t: M.t, v: G.v, m: G.m, h: G.h, n: G.n }), spikes: () => M.numSpikes };
  };
  identical('exact mode: HH 1025 (exp and exprel in the in-place exact kernel, ordinary and full forms) in split code', () => hhExact('hhexact'), ms(20), [/^hhexact_stateupdater$/], (m, threads) => m.net.run(ms(20), { threads }));
  it('exact mode: the HH kernel is in use and gives the JavaScript loop\'s bits (1025 neurons, some outside the ordinary ranges)', () => {
    const source = (m: Model): string => {
      const G = m.net.objects.find((o) => o instanceof NeuronGroup) as NeuronGroup;
      return (G as unknown as { stateUpdater: { codeObject: { source: string } } }).stateUpdater.codeObject.source;
    };
    const kernel = hhExact('hhxk');
    kernel.net.run(ms(20), { threads: 1 });
    assert.ok(source(kernel).includes('$wasmInPlace('), 'the exact kernel');
    assert.ok(kernel.spikes() > 50);
    const a = collect(kernel.net, kernel.extras());
    const js = hhExact('hhxk');
    prefs.exactKernels = false;
    try {
      js.net.run(ms(20), { threads: 1 });
    } finally {
      prefs.exactKernels = true;
    }
    assert.ok(!source(js).includes('$wasmInPlace('), 'the JavaScript loop');
    assertSame(a, collect(js.net, js.extras()), 'exact HH kernel vs JavaScript');
  });

  // Exact mode (session 8): call-free updates in place as bit-identical kernels.
  identical('exact mode: LIF 2049 update + threshold as an in-place exact kernel in split code', () => lifFast('lifexact'), ms(30), [/^lifexact_stateupdater/], (m, threads) => m.net.run(ms(30), { threads }));
  identical('exact mode: CUBA 2049 (update, refractoriness and threshold as one in-place exact kernel) in split code', () => cuba(2049, 'cubax'), ms(40), [/^cubax_stateupdater$/], (m, threads) => m.net.run(ms(40), { threads }));
  it('exact mode: the in-place kernel is in use and gives the JavaScript loop\'s bits (CUBA 2049, 3 threads)', () => {
    const source = (m: Model): string => {
      const P = m.net.objects.find((o) => o instanceof NeuronGroup) as NeuronGroup;
      return (P as unknown as { stateUpdater: { codeObject: { source: string } } }).stateUpdater.codeObject.source;
    };
    // The same name for both (the random initial values and connections depend on it), one after the other.
    const kernel = cuba(2049, 'cubaxk');
    kernel.net.run(ms(40), { threads: 3 });
    assert.ok(source(kernel).includes('$wasmInPlace('), 'the exact kernel');
    assert.ok(kernel.spikes() > 100);
    const a = collect(kernel.net, kernel.extras());
    const js = cuba(2049, 'cubaxk');
    prefs.exactKernels = false;
    try {
      js.net.run(ms(40), { threads: 3 });
    } finally {
      prefs.exactKernels = true;
    }
    assert.ok(!source(js).includes('$wasmInPlace('), 'the JavaScript loop');
    assertSame(a, collect(js.net, js.extras()), 'exact kernel vs JavaScript');
  });

  identical('CUBA (bench model)', () => {
    seed(12345);
    const N = 800;
    const namespace = { taum: ms(20), taue: ms(5), taui: ms(10), Vt: mV(-50), Vr: mV(-60), El: mV(-49), we: mV((60 * 0.27) / 10), wi: mV((-20 * 4.5) / 10), Ne: 640 };
    const P = new NeuronGroup(N, `
dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
dge/dt = -ge/taue : volt
dgi/dt = -gi/taui : volt
`, { threshold: 'v>Vt', reset: 'v = Vr', refractory: ms(5), method: 'exact', namespace, name: 'cuba' });
    P.v = 'Vr + rand() * (Vt - Vr)';
    const Ce = new Synapses(P, P, '', { onPre: 'ge += we', namespace, name: 'cuba_ce' });
    const Ci = new Synapses(P, P, '', { onPre: 'gi += wi', namespace, name: 'cuba_ci' });
    Ce.connect({ condition: 'i<Ne', p: 0.05 });
    Ci.connect({ condition: 'i>=Ne', p: 0.05 });
    const M = new SpikeMonitor(P, { name: 'cuba_spikes' });
    return { net: new Network(P, Ce, Ci, M), extras: () => ({ i: M.i, t: M.t }), spikes: () => M.numSpikes };
  }, ms(50), [/^cuba_stateupdater$/, /^cuba_ce_pre$/, /^cuba_ci_pre$/]);

  // prefs.floatDtype = 'float32' (session 6): Float32Array state over SharedArrayBuffers, rounded on
  // every write in split code; synaptic weights and a float32 StateMonitor; exact and fast math.
  for (const fastMath of [false, true]) {
    identical(
      `CUBA in float32 (dtype: 'float32' groups, synaptic weights, StateMonitor)${fastMath ? ' with fast math' : ''}`,
      () => {
        seed(12345);
        const N = 800;
        const namespace = { taum: ms(20), taue: ms(5), taui: ms(10), Vt: mV(-50), Vr: mV(-60), El: mV(-49), we: mV((60 * 0.27) / 10), wi: mV((-20 * 4.5) / 10), Ne: 640 };
        const P = new NeuronGroup(N, `
dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
dge/dt = -ge/taue : volt
dgi/dt = -gi/taui : volt
`, { threshold: 'v>Vt', reset: 'v = Vr', refractory: ms(5), method: 'exact', namespace, name: 'cuba32', dtype: 'float32' });
        P.v = 'Vr + rand() * (Vt - Vr)';
        const Ce = new Synapses(P, P, 'w : volt', { onPre: 'ge += w', namespace, name: 'cuba32_ce', dtype: 'float32' });
        const Ci = new Synapses(P, P, '', { onPre: 'gi += wi', namespace, name: 'cuba32_ci' });
        Ce.connect({ condition: 'i<Ne', p: 0.05 });
        Ce.w = 'we * (0.5 + rand())';
        Ci.connect({ condition: 'i>=Ne', p: 0.05 });
        const M = new SpikeMonitor(P, { name: 'cuba32_spikes' });
        const S = new StateMonitor(P, ['v', 'ge'], { record: [0, 400, 799], name: 'cuba32_trace' });
        assert.ok(P.state('v').values instanceof Float32Array && Ce.state('w').values instanceof Float32Array, 'float32 storage');
        assert.equal(S.v.dtype, 'float32');
        return { net: new Network(P, Ce, Ci, M, S), extras: () => ({ i: M.i, t: M.t, v: S.v, ge: S.ge }), spikes: () => M.numSpikes };
      },
      ms(50),
      [/^cuba32_stateupdater$/, /^cuba32_ce_pre$/],
      (m, threads) => m.net.run(ms(50), { threads, fastMath }),
    );
  }

  identical('Brunel 2000 (bench model, PoissonInput, delays, subgroup monitor)', () => {
    seed(12345);
    const N_E = 400;
    const N = 500;
    const namespace = { tau: ms(20), theta: mV(20), V_r: mV(10), J: mV(0.1), g: 6 };
    const neurons = new NeuronGroup(N, 'dv/dt = -v/tau : volt (unless refractory)', { threshold: 'v > theta', reset: 'v = V_r', refractory: ms(2), method: 'exact', namespace, name: 'brunel' });
    const exc = new Synapses(neurons.slice(0, N_E), neurons, '', { onPre: 'v += J', delay: ms(1.5), namespace, name: 'brunel_exc' });
    const inh = new Synapses(neurons.slice(N_E, N), neurons, '', { onPre: 'v += -g*J', delay: ms(1.5), namespace, name: 'brunel_inh' });
    exc.connect({ p: 0.1 });
    inh.connect({ p: 0.1 });
    const drive = new PoissonInput(neurons, 'v', 80, Hz(50), mV(0.5), { name: 'brunel_drive' });
    const rate = new PopulationRateMonitor(neurons, { name: 'brunel_rate' });
    const M = new SpikeMonitor(neurons.slice(0, 50), { name: 'brunel_spikes' });
    const all = new SpikeMonitor(neurons, { record: false, name: 'brunel_count' });
    return { net: new Network(neurons, exc, inh, drive, rate, M, all), extras: () => ({ i: M.i, t: M.t, rate: rate.rate, count: all.count }), spikes: () => all.numSpikes };
  }, ms(60), [/^brunel_stateupdater$/, /^brunel_drive$/, /^brunel_exc_pre$/, /^brunel_inh_pre$/], undefined, [/^brunel_exc_pre$/, /^brunel_inh_pre$/]);

  identical('STDP (seed 3 program: PoissonGroup, pre and post pathways on the same synapses)', () => {
    seed(7);
    const namespace = { taum: ms(10), taupre: ms(20), taupost: ms(20), Ee: mV(0), vt: mV(-54), vr: mV(-60), El: mV(-74), taue: ms(5), F: Hz(15), gmax: 0.01, dApre: 0.01, dApost: -0.01 * 1.05 * 0.01 };
    const input = new PoissonGroup(1000, { rates: 'F', namespace, name: 'stdp_input' });
    const neurons = new NeuronGroup(1, `
dv/dt = (ge * (Ee-v) + El - v) / taum : volt
dge/dt = -ge / taue : 1
`, { threshold: 'v>vt', reset: 'v = vr', method: 'euler', namespace, name: 'stdp_neuron' });
    const S = new Synapses(input, neurons, `
w : 1
dApre/dt = -Apre / taupre : 1 (event-driven)
dApost/dt = -Apost / taupost : 1 (event-driven)
`, { onPre: 'ge += w\nApre += dApre * gmax\nw = clip(w + Apost, 0, gmax)', onPost: 'Apost += dApost\nw = clip(w + Apre, 0, gmax)', namespace, name: 'stdp_syn' });
    S.connect();
    S.w = 'rand() * gmax';
    const mon = new StateMonitor(S, 'w', { record: [0, 1], name: 'stdp_w' });
    const spikes = new SpikeMonitor(input, { name: 'stdp_in_spikes' });
    const post = new SpikeMonitor(neurons, { name: 'stdp_post_spikes' });
    return { net: new Network(input, neurons, S, mon, spikes, post), extras: () => ({ w: S.w, mon: mon.w, i: spikes.i, t: spikes.t, post: post.t }), spikes: () => spikes.numSpikes };
  }, ms(300), [/^stdp_input_spike_thresholder$/, /^stdp_syn_post$/]);

  identical('STDP with 10 postsynaptic neurons (both pathways split, writing the same synapses)', () => {
    seed(8);
    const namespace = { taum: ms(10), taupre: ms(20), taupost: ms(20), Ee: mV(0), vt: mV(-54), vr: mV(-60), El: mV(-74), taue: ms(5), F: Hz(20), gmax: 0.05, dApre: 0.01, dApost: -0.01 * 1.05 * 0.05 };
    const input = new PoissonGroup(300, { rates: 'F', namespace, name: 'stdp10_input' });
    const neurons = new NeuronGroup(10, `
dv/dt = (ge * (Ee-v) + El - v) / taum : volt
dge/dt = -ge / taue : 1
`, { threshold: 'v>vt', reset: 'v = vr', method: 'euler', namespace, name: 'stdp10_neurons' });
    neurons.v = 'vr';
    const S = new Synapses(input, neurons, `
w : 1
dApre/dt = -Apre / taupre : 1 (event-driven)
dApost/dt = -Apost / taupost : 1 (event-driven)
`, { onPre: 'ge += w\nApre += dApre * gmax\nw = clip(w + Apost, 0, gmax)', onPost: 'Apost += dApost\nw = clip(w + Apre, 0, gmax)', namespace, name: 'stdp10_syn' });
    S.connect();
    S.w = 'rand() * gmax';
    const post = new SpikeMonitor(neurons, { name: 'stdp10_post_spikes' });
    return { net: new Network(input, neurons, S, post), extras: () => ({ w: S.w, i: post.i, t: post.t }), spikes: () => post.numSpikes };
  }, ms(300), [/^stdp10_syn_pre$/, /^stdp10_syn_post$/]);

  identical('summed variables and heterogeneous delays', () => {
    seed(11);
    const G = new NeuronGroup(300, `
dv/dt = (I_syn - v)/(10*ms) + 0.3*xi/sqrt(10*ms) : 1
I_syn : 1
`, { threshold: 'v > 0.8', reset: 'v = 0', method: 'euler', name: 'summed_g' });
    G.v = 'rand()';
    const S = new Synapses(G, G, `
w : 1
dx/dt = -x/(5*ms) : 1 (clock-driven)
I_syn_post = w*x : 1 (summed)
`, { onPre: 'x += 1', name: 'summed_s' });
    S.connect({ p: 0.1 });
    S.w = 'rand() * 0.5';
    S.delay = 'rand()*5*ms';
    const M = new SpikeMonitor(G, { name: 'summed_spikes' });
    return { net: new Network(G, S, M), extras: () => ({ i: M.i, t: M.t, I: G.I_syn }), spikes: () => M.numSpikes };
  }, ms(60), [/^summed_g_stateupdater$/, /^summed_s_stateupdater$/, /^summed_s_pre$/]);

  identical('noise, run_regularly, custom events, subexpressions and random thresholds in split code', () => {
    seed(5);
    const G = new NeuronGroup(257, `
dv/dt = (mu - v)/tau + sigma*xi*tau**-0.5 : 1 (unless refractory)
mu : 1
gain = 1 + 0.1*v : 1
tau : second
`, { threshold: 'v > 1 and rand() < 0.9', reset: 'v = rand()*0.2', refractory: ms(2), method: 'euler', events: { half: 'gain > 1.05' }, namespace: { sigma: 0.5 }, name: 'noisy' });
    G.tau = 'rand()*5*ms + 5*ms';
    G.mu = '0.8 + 0.4*rand()';
    G.runRegularly('mu = mu + 0.01*(rand() - 0.5)', { dt: ms(1), name: 'noisy_drift' });
    const half = new EventMonitor(G, 'half', { name: 'noisy_half' });
    const M = new SpikeMonitor(G, { variables: ['v', 'gain'], name: 'noisy_spikes' });
    return { net: new Network(G, M, half), extras: () => ({ i: M.i, t: M.t, v: M.v, gain: M.gain, half: half.i }), spikes: () => M.numSpikes };
  }, ms(40), [/^noisy_stateupdater$/, /^noisy_drift$/, /^noisy_spike_thresholder$/, /^noisy_half_thresholder$/]);

  identical('SpatialNeuron (HH axon bench model, 64 compartments)', () => {
    const previous = defaultclock.dt;
    defaultclock.dt = ms(0.01);
    const morpho = new Cylinder({ length: cm(1), diameter: um(2 * 238), n: 64, type: 'axon' });
    const neuron = new SpatialNeuron(morpho, HH_EQS, { method: 'exponential_euler', refractory: 'm > 0.4', threshold: 'm > 0.5', Cm: Cm(), Ri: Ri(), namespace: hhNamespace(), name: 'axon' });
    neuron.v = mV(0);
    neuron.h = 1;
    neuron.m = 0;
    neuron.n = 0.5;
    neuron.I = amp(0);
    neuron.gNa = gNa0();
    neuron.I[0] = uA(1);
    const S = new SpikeMonitor(neuron, { name: 'axon_spikes' });
    const trace = new StateMonitor(neuron, 'v', { record: [0, 32, 63], name: 'axon_v' });
    defaultclock.dt = previous;
    return { net: new Network(neuron, S, trace), extras: () => ({ i: S.i, t: S.t, v: trace.v }), spikes: () => S.numSpikes };
  }, ms(10), [/^axon_stateupdater$/, /^axon_spike_thresholder$/]);

  // The axon's shape at a size that keeps the state in WebAssembly memory (≥ 256 compartments):
  // the channel update runs as an in-place kernel with the linearised current at its end, on
  // sections and branches (the tree solve's coupling system), with a threshold that reads only
  // the channels (run in the update's loop) and one that reads v (after the cable solve).
  for (const threshold of ['m > 0.5', 'v > 40*mV'] as const) {
    identical(`SpatialNeuron (HH, soma and branched axon, 340 compartments, threshold ${threshold})`, () => {
      const previous = defaultclock.dt;
      defaultclock.dt = ms(0.01);
      const morpho = new Soma({ diameter: um(30) });
      const axon = new Cylinder({ length: mm(10), diameter: um(2 * 119), n: 200, type: 'axon' });
      morpho.setChild('axon', axon);
      axon.setChild('L', new Cylinder({ length: mm(4), diameter: um(100), n: 70 }));
      axon.setChild('R', new Cylinder({ length: mm(3), diameter: um(120), n: 69 }));
      const neuron = new SpatialNeuron(morpho, HH_EQS, { method: 'exponential_euler', refractory: 'm > 0.4', threshold, Cm: Cm(), Ri: Ri(), namespace: hhNamespace(), name: 'tree' });
      assert.ok(wasmMemoryOf(neuron.variables.getArray('m').array) !== undefined, 'the state is in WebAssembly memory');
      neuron.v = mV(0);
      neuron.h = 1;
      neuron.m = 0;
      neuron.n = 0.5;
      neuron.I = amp(0);
      neuron.gNa = gNa0();
      neuron.I[0] = uA(2);
      const S = new SpikeMonitor(neuron, { name: 'tree_spikes' });
      const trace = new StateMonitor(neuron, ['v', 'Ic'], { record: [0, 1, 150, 200, 201, 270, 271, 339], name: 'tree_v' });
      defaultclock.dt = previous;
      const net = new Network(neuron, S, trace);
      return { net, extras: () => ({ i: S.i, t: S.t, v: trace.v, Ic: trace.Ic }), spikes: () => S.numSpikes };
    }, ms(6), threshold === 'm > 0.5' ? [/^tree_stateupdater$/] : [/^tree_stateupdater$/, /^tree_spike_thresholder$/]);
  }

  identical(
    'store and restore between runs with different thread counts',
    () => {
      seed(21);
      const G = new NeuronGroup(500, 'dv/dt = (1.2 - v)/(10*ms) + 0.2*xi/sqrt(10*ms) : 1', { threshold: 'v > 1', reset: 'v = 0', method: 'euler', name: 'sr' });
      G.v = 'rand()';
      const M = new SpikeMonitor(G, { name: 'sr_spikes' });
      return { net: new Network(G, M), extras: () => ({ i: M.i, t: M.t }), spikes: () => M.numSpikes };
    },
    ms(0),
    [/^sr_stateupdater$/],
    (m, threads) => {
      m.net.run(ms(20), { threads });
      m.net.store('mid');
      m.net.run(ms(20), { threads: 1 });
      m.net.restore('mid', { restoreRandomState: true });
      m.net.run(ms(30), { threads });
    },
  );

  identical(
    'store and restore with pending synaptic events (partitioned queues merged back in the serial order)',
    () => {
      seed(22);
      const G = new NeuronGroup(600, 'dv/dt = (1.1 - v)/(10*ms) + 0.3*xi/sqrt(10*ms) : 1', { threshold: 'v > 1', reset: 'v = 0', method: 'euler', name: 'srq' });
      G.v = 'rand()';
      // Heterogeneous delays (events of several push steps share a list) and a homogeneous pathway.
      const S = new Synapses(G, G, 'w : 1', { onPre: 'v_post += w', name: 'srq_s' });
      S.connect({ p: 0.1 });
      S.w = '0.02 * rand() - 0.01';
      S.delay = '(1 + 4 * rand()) * ms';
      const H = new Synapses(G, G, '', { onPre: 'v_post += 0.003', delay: ms(2), name: 'srq_h' });
      H.connect({ p: 0.05 });
      const M = new SpikeMonitor(G, { name: 'srq_spikes' });
      return { net: new Network(G, S, H, M), extras: () => ({ i: M.i, t: M.t }), spikes: () => M.numSpikes };
    },
    ms(0),
    [/^srq_s_pre$/, /^srq_h_pre$/],
    (m, threads) => {
      m.net.run(ms(15), { threads });
      m.net.store('mid');
      m.net.run(ms(10), { threads: 1 });
      m.net.restore('mid', { restoreRandomState: true });
      m.net.run(ms(15), { threads });
    },
    // The homogeneous pathway: pending events of the restored state in the parts' own lists, then source lists.
    [/^srq_h_pre$/],
  );

  it("'auto': a pathway split on busy steps and delivered whole on quiet ones gives the bits of one thread", () => {
    const build = (): { net: Network; M: SpikeMonitor } => {
      seed(23);
      // Bursts: every 5 ms many neurons fire together (tens of thousands of events, split), few in between (unsplit).
      const G = new NeuronGroup(2000, 'dv/dt = (0.9 - v)/(10*ms) + 0.2*xi/sqrt(10*ms) : 1', { threshold: 'v > 1', reset: 'v = 0', method: 'euler', name: 'burst' });
      G.v = 'rand()';
      G.runRegularly('v = v + 0.5 * rand()', { dt: ms(5), name: 'burst_kick' });
      // The target is a group without split code: this pathway decides by its work per step (one into
      // a split group's arrays by a handful of events: see the coupled test in settings.test.ts).
      const H = new NeuronGroup(2000, 'x : 1', { name: 'burst_target' });
      const S = new Synapses(G, H, '', { onPre: 'x_post += 0.0005', delay: ms(1), name: 'burst_s' });
      S.connect({ p: 0.4 });
      const M = new SpikeMonitor(G, { name: 'burst_spikes' });
      return { net: new Network(G, H, S, M), M };
    };
    const one = build();
    one.net.run(ms(40), { threads: 1 });
    const reference = collect(one.net, { i: one.M.i, t: one.M.t });
    const previous = process.env['BRIAN_TS_THREAD_PROFILE'];
    process.env['BRIAN_TS_THREAD_PROFILE'] = '1';
    try {
      const auto = build();
      auto.net.run(ms(1), { threads: 2 }); // the workers run (the 'auto' start-up rule then does not apply)
      auto.net.run(ms(39), { threads: 'auto' });
      const info = lastThreadRun();
      if (info.threads > 1) {
        assert.ok(info.split.includes('burst_s_pre'), `split: ${info.split.join(', ')}`);
        const row = lastThreadProfile()?.find((r) => r.name === 'burst_s_pre');
        assert.ok(row !== undefined && row.executions > 0 && row.executions < 390, `the pathway ran split on some steps only (${row?.executions} of 390)`);
      }
      assertSame(reference, collect(auto.net, { i: auto.M.i, t: auto.M.t }), "'auto'");
    } finally {
      if (previous === undefined) delete process.env['BRIAN_TS_THREAD_PROFILE'];
      else process.env['BRIAN_TS_THREAD_PROFILE'] = previous;
    }
  });

  // Session 6: split code objects of consecutive objects share one barrier where nothing between
  // them needs the other threads' elements. Here per step: the two groups' state updates (with
  // their thresholds) share one; the spike monitor (reads every spike and v) completes them;
  // PoissonInput onto G, then the pathways G→H (two, onto different variables of H) and H→G: the
  // pathway reading v_pre must not share a batch with PoissonInput writing v (another thread's
  // elements), the others may; the resets complete everything.
  const fused = (): Model => {
    seed(21);
    const G = new NeuronGroup(1200, 'dv/dt = (1.1 - v)/(10*ms) : 1 (unless refractory)', { threshold: 'v > 1', reset: 'v = 0', refractory: ms(1), method: 'exact', name: 'fused_g' });
    const H = new NeuronGroup(900, 'dv/dt = (ge - gi - v)/(5*ms) : 1\ndge/dt = -ge/(5*ms) : 1\ndgi/dt = -gi/(10*ms) : 1', { threshold: 'v > 0.8', reset: 'v = 0', method: 'euler', name: 'fused_h' });
    G.v = 'rand()';
    const drive = new PoissonInput(G, 'v', 20, Hz(40), 0.01, { name: 'fused_drive', order: -1 });
    const e = new Synapses(G, H, 'w : 1', { onPre: 'ge_post += w * v_pre', name: 'fused_e' });
    e.connect({ p: 0.05 });
    e.w = 'rand() * 0.5';
    const inh = new Synapses(G, H, '', { onPre: 'gi_post += 0.02', delay: ms(0.5), name: 'fused_i' });
    inh.connect({ p: 0.05 });
    const back = new Synapses(H, G, '', { onPre: 'v_post -= 0.01', name: 'fused_back' });
    back.connect({ p: 0.02 });
    const M = new SpikeMonitor(G, { variables: ['v'], name: 'fused_spikes' });
    const MH = new SpikeMonitor(H, { name: 'fused_h_spikes' });
    const trace = new StateMonitor(H, ['v', 'ge', 'gi'], { record: [0, 450, 899], name: 'fused_trace' });
    return {
      net: new Network(G, H, drive, e, inh, back, M, MH, trace),
      extras: () => ({ i: M.i, t: M.t, v: M.v, hi: MH.i, ht: MH.t, trace: [trace.v, trace.ge, trace.gi] }),
      spikes: () => M.numSpikes + MH.numSpikes,
    };
  };
  identical('split code of consecutive objects in one batch (threshold, reset, monitors, pathways, PoissonInput)', fused, ms(30),
    [/^fused_g_stateupdater$/, /^fused_h_stateupdater$/, /^fused_drive$/, /^fused_e_pre$/, /^fused_i_pre$/, /^fused_back_pre$/],
    (m, threads) => {
      m.net.run(ms(30), { threads });
      if (threads === 1) return;
      // Exactly: one barrier per step for the state updates and thresholds (4 split code
      // objects), one for fused_back (when it has events), PoissonInput and fused_i (when it has
      // events), and one more on the steps where fused_e delivers (G spiked): it reads v_pre,
      // which PoissonInput and fused_back write. Without batches it would be 6 or more per step;
      // without that dependency, 2.
      const spikeSteps = new Set(Array.from((m.extras()['t'] as Quantity).values as unknown as Float64Array, (t) => Math.round(t / 1e-4)));
      assert.ok(spikeSteps.size > 20 && spikeSteps.size < 300, `G spikes on ${spikeSteps.size} steps`);
      const { barriers, steps } = lastThreadRun();
      assert.equal(steps, 300);
      assert.equal(barriers, 2 * 300 + spikeSteps.size, `barriers in 300 steps (fused_e delivers on ${spikeSteps.size})`);
    },
    // Delay 0 (fused_e, fused_back: a step's sources are delivered in the same step) and 0.5 ms.
    [/^fused_e_pre$/, /^fused_i_pre$/, /^fused_back_pre$/]);

  // Session 11 (s11-cobahh): a pathway's deliveries of step n stay pending past the step's end and
  // run in step n + 1's batch, before the state update that reads them (each thread delivers into
  // its own postsynaptic range, then updates it); a serial reset of other variables may run while
  // they wait. One barrier a step — unless something between them reads or writes what they touch
  // (a monitor of ge, a network operation, a report callback) or the pathway reads the clock's t.
  /** Runs `run` with BRIAN_TS_FUSE_STEPS=1 (deliveries may wait for the next step's batch; the default since session 16, set here in case the environment turns it off). */
  const fusingSteps = (run: () => void): void => {
    const previous = process.env['BRIAN_TS_FUSE_STEPS'];
    process.env['BRIAN_TS_FUSE_STEPS'] = '1';
    try {
      run();
    } finally {
      if (previous === undefined) delete process.env['BRIAN_TS_FUSE_STEPS'];
      else process.env['BRIAN_TS_FUSE_STEPS'] = previous;
    }
  };
  /** Conductance LIF; pathways onto ge/gi: delay 0 (`sfE`), a homogeneous 0.5 ms (`sfI`), heterogeneous delays with a synaptic weight (`sfH`). */
  const stepFusion = (name: string, options: { only?: 'e'; extra?: (G: NeuronGroup, seen: number[]) => object[]; onPre?: string; model?: string; reset?: string } = {}): Model => {
    seed(31);
    const G = new NeuronGroup(1600, 'dv/dt = (ge*(1.5 - v) + gi*(-0.5 - v) + (1.15 - v))/(10*ms) : 1 (unless refractory)\ndge/dt = -ge/(5*ms) : 1\ndgi/dt = -gi/(10*ms) : 1', {
      threshold: 'v > 1', reset: options.reset ?? 'v = 0', refractory: ms(1), method: 'euler', name,
    });
    G.v = 'rand()';
    const e = new Synapses(G.slice(0, 1200), G, options.model ?? '', { onPre: options.onPre ?? 'ge_post += 0.02', name: `${name}_e` });
    e.connect({ p: 0.05 });
    const objects: object[] = [G, e];
    if (options.only === undefined) {
      const i = new Synapses(G.slice(1200, 1600), G, '', { onPre: 'gi_post += 0.05', delay: ms(0.5), name: `${name}_i` });
      i.connect({ p: 0.05 });
      const h = new Synapses(G, G, 'w : 1', { onPre: 'ge_post += w', name: `${name}_h` });
      h.connect({ p: 0.02 });
      h.w = 'rand() * 0.02';
      h.delay = 'rand() * 2 * ms';
      objects.push(i, h);
    }
    const M = new SpikeMonitor(G, { name: `${name}_spikes` });
    const trace = new StateMonitor(G, 'v', { record: [0, 800, 1599], name: `${name}_trace` });
    const seen: number[] = [];
    objects.push(M, trace, ...(options.extra?.(G, seen) ?? []));
    return {
      net: new Network(...(objects as ConstructorParameters<typeof Network>)),
      extras: () => ({ i: M.i, t: M.t, v: trace.v, seen }),
      spikes: () => M.numSpikes,
    };
  };
  /** Barriers of a 2-thread run of 300 steps when the deliveries of `name_e` (delay 0, the only pathway) wait for the next step's batch: one a step, plus one after the last step if it delivered. */
  const fusedBarriers = (m: Model): number => {
    const ti = m.extras() as { i: Int32Array | number[]; t: Quantity };
    const times = ti.t.values as unknown as Float64Array;
    const last = Array.from(times).some((t, k) => Math.round(t / 1e-4) === 299 && Number(ti.i[k]) < 1200);
    return 300 + (last ? 1 : 0);
  };
  /** Barriers when every step's deliveries of `name_e` complete in a batch of their own: one more on each step it delivers. */
  const unfusedBarriers = (m: Model): number => {
    const ti = m.extras() as { i: Int32Array | number[]; t: Quantity };
    const times = ti.t.values as unknown as Float64Array;
    return 300 + new Set(Array.from(times).filter((_, k) => Number(ti.i[k]) < 1200).map((t) => Math.round(t / 1e-4))).size;
  };
  identical('deliveries wait for the next step\'s batch (delay 0, a homogeneous delay, heterogeneous delays; a serial reset between)', () => stepFusion('sf'), ms(30),
    [/^sf_stateupdater$/, /^sf_e_pre$/, /^sf_i_pre$/, /^sf_h_pre$/],
    (m, threads) => {
      fusingSteps(() => m.net.run(ms(30), { threads }));
      if (threads === 1) return;
      const { barriers, steps } = lastThreadRun();
      assert.equal(steps, 300);
      // Every step's deliveries ran in the next step's batch (the last step's after the loop).
      assert.ok(barriers === 300 || barriers === 301, `one barrier a step, got ${barriers}`);
    },
    [/^sf_e_pre$/, /^sf_i_pre$/]);
  identical('deliveries wait for the next step\'s batch: delay 0 alone, the exact barrier count', () => stepFusion('sf0', { only: 'e' }), ms(30),
    [/^sf0_stateupdater$/, /^sf0_e_pre$/],
    (m, threads) => {
      fusingSteps(() => m.net.run(ms(30), { threads }));
      if (threads === 1) return;
      assert.equal(lastThreadRun().barriers, fusedBarriers(m));
      assert.ok(unfusedBarriers(m) > fusedBarriers(m) + 20, 'the pathway delivers on many steps');
    });
  identical('a serial reset writing ge (after the pathway in the schedule) completes the deliveries first', () => stepFusion('sfreset', { only: 'e', reset: 'v = 0\nge = 0.5 * ge' }), ms(30),
    [/^sfreset_stateupdater$/, /^sfreset_e_pre$/],
    (m, threads) => {
      fusingSteps(() => m.net.run(ms(30), { threads }));
      if (threads > 1) assert.equal(lastThreadRun().barriers, unfusedBarriers(m));
    });
  identical('a StateMonitor of ge between the deliveries and the next update completes them first', () =>
    stepFusion('sfge', { only: 'e', extra: (G) => [new StateMonitor(G, 'ge', { record: [1, 900, 1500], name: 'sfge_ge' })] }), ms(30),
    [/^sfge_stateupdater$/, /^sfge_e_pre$/],
    (m, threads) => {
      fusingSteps(() => m.net.run(ms(30), { threads }));
      if (threads > 1) assert.equal(lastThreadRun().barriers, unfusedBarriers(m));
    });
  identical('a network operation at the step\'s start (reads ge) completes the deliveries first', () =>
    stepFusion('sfop', {
      only: 'e',
      extra: (G, seen) => [new NetworkOperation(() => {
        const ge = G.variables.getArray('ge').array;
        seen.push(ge[5]! + ge[1234]!);
      }, { when: 'start', name: 'sfop_read' })],
    }), ms(30),
    [/^sfop_stateupdater$/, /^sfop_e_pre$/],
    (m, threads) => {
      fusingSteps(() => m.net.run(ms(30), { threads }));
      if (threads > 1) assert.equal(lastThreadRun().barriers, unfusedBarriers(m));
    });
  identical('a pathway reading t completes at its step\'s end (before the clock ticks)', () =>
    stepFusion('sft', { only: 'e', model: 'tlast : second', onPre: 'tlast = t\nge_post += 0.02' }), ms(30),
    [/^sft_stateupdater$/, /^sft_e_pre$/],
    (m, threads) => {
      fusingSteps(() => m.net.run(ms(30), { threads }));
      const S = m.net.objects.find((o) => o.name === 'sft_e') as Synapses;
      assert.ok((S.variables.getArray('tlast').array as Float64Array).some((x) => x > 0.02), 'the pathway stored late times');
      if (threads > 1) assert.equal(lastThreadRun().barriers, unfusedBarriers(m));
    });
  // The callback's steps depend on the wall clock: each reported step's value is checked against the one-thread run's.
  const reported = new Map<number, number>();
  identical('a report callback (reads ge) sees every delivery of the steps before it', () => stepFusion('sfrep', { only: 'e' }), ms(30),
    [/^sfrep_stateupdater$/, /^sfrep_e_pre$/],
    (m, threads) => {
      const G = m.net.objects.find((o) => o.name === 'sfrep') as NeuronGroup;
      const ge = G.variables.getArray('ge').array;
      let checked = 0;
      // Period 0: a report at (nearly) every step's start, before its objects run.
      fusingSteps(() => m.net.run(ms(30), {
        threads,
        reportPeriod: second(0),
        report: (_elapsed, fraction) => {
          const step = Math.round(fraction * 300);
          if (step === 0 || step === 300) return;
          const x = ge[5]! + ge[1234]! + ge[1599]!;
          if (threads === 1) reported.set(step, x);
          else if (reported.has(step)) {
            assert.equal(x, reported.get(step), `ge at the report of step ${step}`);
            checked++;
          }
        },
      }));
      if (threads > 1) assert.ok(checked > 100, `reports checked: ${checked}`);
    });
  it("'auto': a pathway's own next push waits for its pending deliveries (only the pathway split; delay 0)", () => {
    // Under 'auto' the small source group's objects run serially and touch nothing the split
    // deliveries touch (x of the target), so a split delivery stays pending until the pathway's
    // next step — whose push must not overwrite the source list it is still to deliver.
    const build = (): { net: Network; G: NeuronGroup; M: SpikeMonitor } => {
      seed(5);
      const P = new NeuronGroup(1000, 'dv/dt = 1/(4*ms) : 1', { threshold: 'v > 1', reset: 'v = 0', method: 'euler', name: 'own_p' });
      P.v = 'rand() * 0.1';
      const G = new NeuronGroup(3000, 'x : 1', { name: 'own_g' });
      const S = new Synapses(P, G, '', { onPre: 'x_post += 1', name: 'own_s' });
      S.connect({ p: 0.5 });
      // Count-only (a recording monitor would complete pending split code every step).
      const M = new SpikeMonitor(P, { record: false, name: 'own_spikes' });
      return { net: new Network(P, G, S, M), G, M };
    };
    const one = build();
    one.net.run(ms(31), { threads: 1 });
    const reference = collect(one.net, { count: one.M.count });
    const auto = build();
    auto.net.run(ms(1), { threads: 2 }); // the workers run (the 'auto' start-up rule then does not apply)
    fusingSteps(() => splitExecutions(() => auto.net.run(ms(30), { threads: 'auto' })));
    const info = lastThreadRun();
    if (info.threads > 1) {
      assert.deepEqual(info.split, ['own_s_pre']);
      const n = splitExecutions()['own_s_pre'] ?? 0;
      assert.ok(n > 10 && n < 300, `the pathway ran split on some steps (${n} of 300)`);
    }
    assertSame(reference, collect(auto.net, { count: auto.M.count }), "'auto'");
  });
});
