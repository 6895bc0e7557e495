/** Equations shared by the COBAHH benchmarks (parsing and simulation), and the network built from them. */
import { cm, ms, msiemens, mV, nS, NeuronGroup, seed, siemens, SpikeMonitor, StateMonitor, Synapses, ufarad, umetre } from 'brian-ts';
import type { Quantity } from 'brian-ts';

/** The model of Brian2's examples/COBAHH.py. */
export const COBAHH = `
dv/dt = (gl*(El-v)+ge*(Ee-v)+gi*(Ei-v)-
         g_na*(m*m*m)*h*(v-ENa)-
         g_kd*(n*n*n*n)*(v-EK))/Cm : volt
dm/dt = alpha_m*(1-m)-beta_m*m : 1
dn/dt = alpha_n*(1-n)-beta_n*n : 1
dh/dt = alpha_h*(1-h)-beta_h*h : 1
dge/dt = -ge*(1./taue) : siemens
dgi/dt = -gi*(1./taui) : siemens
alpha_m = 0.32*(mV**-1)*4*mV/exprel((13*mV-v+VT)/(4*mV))/ms : Hz
beta_m = 0.28*(mV**-1)*5*mV/exprel((v-VT-40*mV)/(5*mV))/ms : Hz
alpha_h = 0.128*exp((17*mV-v+VT)/(18*mV))/ms : Hz
beta_h = 4./(1+exp((40*mV-v+VT)/(5*mV)))/ms : Hz
alpha_n = 0.032*(mV**-1)*5*mV/exprel((15*mV-v+VT)/(5*mV))/ms : Hz
beta_n = .5*exp((10*mV-v+VT)/(40*mV))/ms : Hz
`;

/**
 * Brian2's examples/COBAHH.py as a network (the benchmarks' COBAHH: bench/synapses/cobahh.bench.ts,
 * bench/threads/warmnet.ts): N neurons, the first 80 % excitatory, p = 0.02 each way, the example's
 * initial values, a StateMonitor of v at 1, 10 and 100 and a count-only SpikeMonitor. Seeds the
 * generator first, and connects before setting the initial values (the example's draws, in order).
 * `weights`: we and wi in nS (6 and 67); `p`: the connection probability; `connect` runs the
 * connecting (e.g. timed); `name`: a prefix for the objects' names (default names without one).
 */
export function cobahhNetwork(N: number, options: { weights?: [we: number, wi: number]; p?: number; name?: string; connect?: (connect: () => void) => void } = {}): { P: NeuronGroup; Ce: Synapses; Ci: Synapses; Ne: number; trace: StateMonitor<'v'>; M: SpikeMonitor } {
  const [we, wi] = options.weights ?? [6, 67];
  const p = options.p ?? 0.02;
  const named = (suffix: string): { name?: string } => (options.name === undefined ? {} : { name: `${options.name}_${suffix}` });
  seed(12345);
  const area = umetre(1).times(umetre(1)).times(20000) as Quantity;
  const perCm2 = (q: Quantity): Quantity => q.div(cm(1).times(cm(1))).times(area) as Quantity;
  const namespace = {
    Cm: perCm2(ufarad(1)), gl: perCm2(siemens(5e-5)), El: mV(-60), EK: mV(-90), ENa: mV(50),
    g_na: perCm2(msiemens(100)), g_kd: perCm2(msiemens(30)), VT: mV(-63), taue: ms(5), taui: ms(10),
    Ee: mV(0), Ei: mV(-80), we: nS(we), wi: nS(wi),
  };
  const P = new NeuronGroup(N, COBAHH, { threshold: 'v>-20*mV', refractory: ms(3), method: 'exponential_euler', namespace, ...named('P') });
  const Ne = Math.trunc(0.8 * N);
  const Ce = new Synapses(P.slice(0, Ne), P, '', { onPre: 'ge+=we', namespace, ...named('Ce') });
  const Ci = new Synapses(P.slice(Ne, N), P, '', { onPre: 'gi+=wi', namespace, ...named('Ci') });
  (options.connect ?? ((f) => f()))(() => {
    Ce.connect({ p });
    Ci.connect({ p });
  });
  P.v = 'El + (randn() * 5 - 5)*mV';
  P.ge = '(randn() * 1.5 + 4) * 10.*nS';
  P.gi = '(randn() * 12 + 20) * 10.*nS';
  const trace = new StateMonitor(P, 'v', { record: [1, 10, 100], ...named('trace') });
  const M = new SpikeMonitor(P, { record: false, ...named('M') });
  return { P, Ce, Ci, Ne, trace, M };
}
