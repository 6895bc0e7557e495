// Benchmark showing the performance of float32 versus float64.
// Brian2 original: examples/advanced/float_32_64_benchmark.py
//
// Brian2's example times float32 against float64 storage (prefs.core.default_float_dtype) on its
// numpy, cython and C++ standalone targets. brian-ts has one target, generated JavaScript, with two
// code generation modes: exact (bit-identical to its reference evaluator) and fast math
// (`run(T, { fastMath: true })`, like Brian2 standalone's -ffast-math). So this port times each
// network with float32 and float64 storage (`prefs.floatDtype`) in both modes, with the same seed,
// three repeats each (the minimum is shown, as in Brian2's). float32 stores every state variable
// in a Float32Array (half the memory) but computes in float64 (docs/design.md). The times are
// wall-clock times of the code objects (run option profile), so they depend on the load.
import {
  startScope, seed, run, magicNetwork, profilingSummary, prefs, resetPrefs, NeuronGroup, Synapses, SpikeMonitor, Equations,
  ms, mV, nS, second, umetre, ufarad, cm, siemens, msiemens, figure,
} from 'brian-ts';
import { durationScale, scaled } from '../_duration.ts';

type Model = 'CUBA' | 'COBA';
/** brian-ts's code generation modes, in the place of Brian2's targets. */
const TARGETS = ['exact', 'fast-math'] as const;
type Target = (typeof TARGETS)[number];
const PRECISIONS = ['float32', 'float64'] as const;

/** Runs one model for 1 s; returns the time spent in its code objects (s), its spike count and the storage of v. */
function runBenchmark(name: Model, mode: Target): { time: number; spikes: number; dtype: string } {
  startScope();
  seed(2024); // the same network and initial state in every mode
  let P: NeuronGroup;
  if (name === 'CUBA') {
    const eqs = `
    dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
    dge/dt = -ge/taue : volt
    dgi/dt = -gi/taui : volt
    `;
    P = new NeuronGroup(4000, eqs, {
      threshold: 'v>Vt', reset: 'v = Vr', refractory: ms(5), method: 'exact',
      namespace: { taum: ms(20), taue: ms(5), taui: ms(10), Vt: mV(-50), Vr: mV(-60), El: mV(-49) },
    });
    P.v = 'Vr + rand() * (Vt - Vr)';
    P.ge = mV(0);
    P.gi = mV(0);
    const Ce = new Synapses(P, P, '', { onPre: 'ge += we', namespace: { we: mV((60 * 0.27) / 10) } }); // excitatory synaptic weight (voltage)
    const Ci = new Synapses(P, P, '', { onPre: 'gi += wi', namespace: { wi: mV((-20 * 4.5) / 10) } }); // inhibitory synaptic weight
    Ce.connect({ condition: 'i<3200', p: 0.02 });
    Ci.connect({ condition: 'i>=3200', p: 0.02 });
  } else {
    // Parameters
    const area = umetre(20000).times(umetre(1));
    const perCm2 = cm(1).pow(-2);
    const namespace = {
      Cm: ufarad(1).times(perCm2).times(area),
      gl: siemens(5e-5).times(perCm2).times(area),
      El: mV(-60), EK: mV(-90), ENa: mV(50),
      g_na: msiemens(100).times(perCm2).times(area),
      g_kd: msiemens(30).times(perCm2).times(area),
      VT: mV(-63),
      // Time constants
      taue: ms(5), taui: ms(10),
      // Reversal potentials
      Ee: mV(0), Ei: mV(-80),
      we: nS(6), // excitatory synaptic weight
      wi: nS(67), // inhibitory synaptic weight
    };
    // The model
    const eqs = new Equations(`
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
    `);
    P = new NeuronGroup(4000, eqs, { threshold: 'v>-20*mV', refractory: ms(3), method: 'exponential_euler', namespace });
    const Pe = P.slice(0, 3200);
    const Pi = P.slice(3200, 4000);
    const Ce = new Synapses(Pe, P, '', { onPre: 'ge+=we', namespace });
    const Ci = new Synapses(Pi, P, '', { onPre: 'gi+=wi', namespace });
    Ce.connect({ p: 0.02 });
    Ci.connect({ p: 0.02 });
    // Initialization
    P.v = 'El + (randn() * 5 - 5)*mV';
    P.ge = '(randn() * 1.5 + 4) * 10.*nS';
    P.gi = '(randn() * 12 + 20) * 10.*nS';
  }
  const spikes = new SpikeMonitor(P);
  run(scaled(second(1)), { profile: true, fastMath: mode === 'fast-math' });
  return { time: profilingSummary(magicNetwork).totalTime.value, spikes: spikes.numSpikes, dtype: P.state('v').dtype };
}

const NUM_REPEATS = durationScale < 1 ? 1 : 3; // one repeat for a shortened run
const names: Model[] = ['CUBA', 'COBA'];
/** The minimum time over the repeats and the spike count, per `${model} ${target} ${precision}`. */
export const results = new Map<string, { time: number; spikes: number; dtype: string }>();
for (const name of names) {
  for (const target of TARGETS) {
    for (const precision of PRECISIONS) {
      prefs.floatDtype = precision; // read when the groups are created
      const runs = Array.from({ length: NUM_REPEATS }, () => runBenchmark(name, target));
      const time = Math.min(...runs.map((r) => r.time));
      results.set(`${name} ${target} ${precision}`, { time, spikes: runs[0]!.spikes, dtype: runs[0]!.dtype });
      console.log(`${name} ${target} ${precision}: ${time.toFixed(3)} s, ${runs[0]!.spikes} spikes`);
    }
  }
}
resetPrefs('floatDtype');

// As Brian2's figure: per model, the times by target (a bar per precision) and by precision (a
// bar per target). brian-ts's plots have no bar(); a bar is a filled area.
const fig = figure({ width: 800, height: 800, rows: 2, cols: 2 });
const barWidth = 0.9;
const bars = (row: number, col: number, groups: readonly string[], series: readonly string[], key: (group: string, s: string) => string): void => {
  const ax = fig.subplot(row, col);
  const w = barWidth / series.length;
  series.forEach((s, i) => {
    groups.forEach((g, k) => {
      const t = results.get(key(g, s))!.time;
      ax.fillBetween([k + i * w, k + (i + 1) * w], [t, t], 0, { color: `C${i}`, ...(k === 0 ? { label: s } : {}) });
    });
  });
  ax.ylabel('Time (s)').xlim(-0.2, groups.length - 0.1);
  const last = row === names.length - 1;
  ax.xticks(groups.map((_, k) => k + barWidth / 2), last ? [...groups] : groups.map(() => ''));
  if (!last) ax.legend({ loc: 'best' });
};
names.forEach((name, j) => {
  bars(j, 0, TARGETS, PRECISIONS, (target, precision) => `${name} ${target} ${precision}`);
  fig.subplot(j, 0).title(name);
  bars(j, 1, PRECISIONS, TARGETS, (precision, target) => `${name} ${target} ${precision}`);
});
await fig.save('float_32_64_benchmark.png');
