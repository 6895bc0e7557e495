/**
 * The float32 fixture's models (generate/float32.py) built in brian-ts, shared by
 * float32.test.ts and the float32-vs-float64 checks: each returns what the fixture records.
 */
import {
  Network, NeuronGroup, SpikeGeneratorGroup, SpikeMonitor, StateMonitor, Synapses, defaultclock, farad, mV, ms, nA, prefs, siemens, volt, resetPrefs,
} from '../../src/index.ts';
import type { Quantity } from '../../src/index.ts';
import { loadFixture } from './fixture.ts';

export interface Float32Fixture {
  models: {
    lif: { eqs: string; N: number; threshold: string; reset: string; refractory_s: number; tau_s: number; v_init_V: number; v0: string; dt_s: number; monitor_dt_s: number; duration_s: number };
    hh: { eqs: string; namespace_SI: Record<string, number>; I_nA: number[]; threshold: string; refractory: string; dt_s: number; monitor_dt_s: number; trace_duration_s: number; duration_s: number };
    synapses: { model: string; on_pre: string; on_post: string; namespace_SI: Record<string, number>; gen_i: number[]; gen_t_ms: number[]; w: string; dt_s: number; duration_s: number };
  };
  variants: string[];
  results: Record<string, { lif: ModelResult; hh: ModelResult; synapses: ModelResult }>;
}
export interface ModelResult {
  spike_i: number[];
  spike_t_s: number[];
  count: number[];
  trace_v_V?: number[][];
  final_v_V?: number[];
  final?: Record<string, number[]>;
  final_w_V?: number[];
  final_apre?: number[];
  final_apost?: number[];
  dtypes?: Record<string, string>;
}

export const fx = loadFixture<Float32Fixture>('float32');

/** Runs `build` with prefs.floatDtype set to `dtype` (restored afterwards). */
export function withFloatDtype<T>(dtype: 'float64' | 'float32', build: () => T): T {
  prefs.floatDtype = dtype;
  try {
    return build();
  } finally {
    resetPrefs('floatDtype');
  }
}

export interface Simulated {
  spike_i: Int32Array;
  spike_t_s: Float64Array;
  count: number[];
  trace?: Float64Array[];
  final: Record<string, ArrayLike<number>>;
  dtypes: Record<string, string>;
}

export function simulateLif(dtype: 'float64' | 'float32', fastMath = false): Simulated {
  const m = fx.models.lif;
  return withFloatDtype(dtype, () => {
    defaultclock.dt = ms(m.dt_s * 1e3);
    const G = new NeuronGroup(m.N, m.eqs, { threshold: m.threshold, reset: m.reset, refractory: ms(m.refractory_s * 1e3), method: 'exact', namespace: { tau: ms(m.tau_s * 1e3) } });
    G.v = volt(m.v_init_V);
    G.v0 = m.v0;
    const S = new SpikeMonitor(G);
    const M = new StateMonitor(G, 'v', { record: true, dt: ms(m.monitor_dt_s * 1e3) });
    new Network(G, S, M).run(ms(m.duration_s * 1e3), { fastMath });
    return {
      spike_i: S.i, spike_t_s: S.t.values, count: Array.from(S.count), trace: Array.from(M.v, (q) => q.values),
      final: { v: G.state('v').values },
      dtypes: { v: G.state('v').dtype, lastspike: G.state('lastspike').dtype, monitor_v: M.v.dtype },
    };
  });
}

export function simulateHh(dtype: 'float64' | 'float32', fastMath = false): Simulated {
  const m = fx.models.hh;
  const UNITS: Record<string, (x: number) => Quantity> = {
    Cm: (x) => farad(x), gl: (x) => siemens(x), g_na: (x) => siemens(x), g_kd: (x) => siemens(x),
    El: (x) => volt(x), EK: (x) => volt(x), ENa: (x) => volt(x), VT: (x) => volt(x),
  };
  const namespace = Object.fromEntries(Object.entries(m.namespace_SI).map(([k, x]) => [k, UNITS[k]!(x)]));
  return withFloatDtype(dtype, () => {
    defaultclock.dt = ms(m.dt_s * 1e3);
    const G = new NeuronGroup(m.I_nA.length, m.eqs, { threshold: m.threshold, refractory: m.refractory, method: 'exponential_euler', namespace });
    G.v = volt(m.namespace_SI['El']!);
    G.I = nA(m.I_nA);
    const S = new SpikeMonitor(G);
    const M = new StateMonitor(G, 'v', { record: true, dt: ms(m.monitor_dt_s * 1e3) });
    const net = new Network(G, S, M);
    net.run(ms(m.trace_duration_s * 1e3), { fastMath });
    const trace = Array.from(M.v, (q) => q.values);
    M.active = false;
    net.run(ms((m.duration_s - m.trace_duration_s) * 1e3), { fastMath });
    return {
      spike_i: S.i, spike_t_s: S.t.values, count: Array.from(S.count), trace,
      final: Object.fromEntries(['v', 'm', 'n', 'h'].map((n) => [n, G.state(n).values])),
      dtypes: { v: G.state('v').dtype },
    };
  });
}

export function simulateSynapses(dtype: 'float64' | 'float32', fastMath = false): Simulated {
  const m = fx.models.synapses;
  const ns = m.namespace_SI;
  const namespace = { tau: ms(ns['tau']! * 1e3), taupre: ms(ns['taupre']! * 1e3), taupost: ms(ns['taupost']! * 1e3), wmax: volt(ns['wmax']!), wstep: volt(ns['wstep']!) };
  return withFloatDtype(dtype, () => {
    defaultclock.dt = ms(m.dt_s * 1e3);
    const P = new SpikeGeneratorGroup(10, m.gen_i, ms(m.gen_t_ms));
    const G = new NeuronGroup(5, 'dv/dt = -v/tau : volt', { threshold: 'v > 5*mV', reset: 'v = 0*mV', method: 'exact', namespace });
    const S = new Synapses(P, G, m.model, { onPre: m.on_pre, onPost: m.on_post, namespace });
    S.connect();
    S.w = m.w;
    const SM = new SpikeMonitor(G);
    new Network(P, G, S, SM).run(ms(m.duration_s * 1e3), { fastMath });
    return {
      spike_i: SM.i, spike_t_s: SM.t.values, count: Array.from(SM.count),
      final: { w: S.state('w').values, apre: S.state('apre').values, apost: S.state('apost').values, v: G.state('v').values, i: S.state('i').values, j: S.state('j').values },
      dtypes: { w: S.state('w').dtype, lastupdate: S.state('lastupdate').dtype, v: G.state('v').dtype },
    };
  });
}

/** The largest |a - b| over two equally long traces (or flat arrays). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  for (let k = 0; k < Math.min(a.length, b.length); k++) d = Math.max(d, Math.abs(a[k]! - b[k]!));
  return d;
}
export { mV };
