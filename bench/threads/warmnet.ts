/**
 * Session 15 (s15-warm). How much of a 2-thread run's cold-start cost does warm library code remove,
 * apart from the run's own compiled kernels? COBAHH 4000 for D s, `net.run()` from its call (ms),
 * after (a) nothing, (b) a warm-up run of the same network (its split kernels are reused: the
 * harness's BENCH_WARM_S case), or (c) a warm-up run of a *different* COBAHH network (N = 1000: new
 * kernels, but the library's per-step code — network, session, worker, pathways — optimized); and
 * (d) `started`: nothing run, the workers started beforehand (`none` includes their start).
 * Usage: node --import tsx bench/threads/warmnet.ts none|started|same|other THREADS [D=1]   (one JSON line)
 */
import { cm, ms, msiemens, mV, Network, nS, NeuronGroup, second, seed, siemens, SpikeMonitor, startThreads, StateMonitor, Synapses, ufarad, umetre } from 'brian-ts';
import type { Quantity } from 'brian-ts';
import { COBAHH as EQS } from '../models/cobahh.ts';

function cobahh(N: number, name: string): { net: Network; spikes: () => number } {
  seed(12345);
  const area = umetre(1).times(umetre(1)).times(20000) as Quantity;
  const perCm2 = (q: Quantity): Quantity => q.div(cm(1).times(cm(1))).times(area) as Quantity;
  const namespace = {
    Cm: perCm2(ufarad(1)), gl: perCm2(siemens(5e-5)), El: mV(-60), EK: mV(-90), ENa: mV(50),
    g_na: perCm2(msiemens(100)), g_kd: perCm2(msiemens(30)), VT: mV(-63), taue: ms(5), taui: ms(10),
    Ee: mV(0), Ei: mV(-80), we: nS(6), wi: nS(67),
  };
  const P = new NeuronGroup(N, EQS, { threshold: 'v>-20*mV', refractory: ms(3), method: 'exponential_euler', namespace, name: `${name}_P` });
  const Ne = Math.trunc(0.8 * N);
  const Ce = new Synapses(P.slice(0, Ne), P, '', { onPre: 'ge+=we', namespace, name: `${name}_Ce` });
  const Ci = new Synapses(P.slice(Ne, N), P, '', { onPre: 'gi+=wi', namespace, name: `${name}_Ci` });
  Ce.connect({ p: 0.02 });
  Ci.connect({ p: 0.02 });
  P.v = 'El + (randn() * 5 - 5)*mV';
  P.ge = '(randn() * 1.5 + 4) * 10.*nS';
  P.gi = '(randn() * 12 + 20) * 10.*nS';
  const trace = new StateMonitor(P, 'v', { record: [1, 10, 100], name: `${name}_trace` });
  const M = new SpikeMonitor(P, { record: false, name: `${name}_M` });
  return { net: new Network(P, Ce, Ci, trace, M), spikes: () => M.numSpikes };
}

const [mode = 'none', threadsArg = '2', dArg = '1'] = process.argv.slice(2);
const threads = Number(threadsArg);
const D = Number(dArg);
const measured = cobahh(4000, 'm');
let warmMs = 0;
// 'started': the workers started beforehand (startThreads), nothing run: the cold run without the workers' start.
if (mode === 'started' && threads > 1) await startThreads(threads);
if (mode === 'same' || mode === 'other') {
  const w = mode === 'same' ? measured : cobahh(1000, 'w');
  const t0 = performance.now();
  w.net.run(second(1), { threads });
  warmMs = performance.now() - t0;
}
const spikes0 = measured.spikes();
const t0 = performance.now();
measured.net.run(second(D), { threads });
const runMs = performance.now() - t0;
console.log(JSON.stringify({ mode, threads, run_ms: +runMs.toFixed(1), warm_ms: +warmMs.toFixed(1), spikes: measured.spikes() - spikes0 }));
