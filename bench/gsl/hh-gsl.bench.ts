/**
 * How fast is brian-ts's native GSL integration (`gsl_rkf45`, generated JavaScript) against
 * Brian2 2.5.1 + GSL 2.7 (Cython) on the same model? Hodgkin–Huxley (Brian2's test_GSL.py
 * model with a refractory condition), N neurons with inputs from 0.5 to 3.5 nA, dt = 0.1 ms,
 * default GSL options. Both sides: a 1 ms warm-up run (compilation), then the timed run; the mean
 * GSL step count per time step is printed too (the same algorithm takes the same steps).
 * Brian2 runs twice: with the flags the conformance fixtures use (no -ffast-math) and with its
 * defaults (-ffast-math -march=native). Not a test: nothing fails on slow timings.
 *
 *   node --import tsx bench/gsl/hh-gsl.bench.ts [N] [duration_ms]
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg } from 'node:os';
import { NeuronGroup, Network, cm, mV, ms, msiemens, siemens, ufarad } from '../../src/index.ts';
import type { Quantity } from '../../src/index.ts';

const N = Number(process.argv[2] ?? '1000');
const durationMs = Number(process.argv[3] ?? '100');
const HH = `
dv/dt = (gl*(El-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK) + I)/Cm : volt
dm/dt = 0.32*(mV**-1)*(13.*mV-v+VT)/(exp((13.*mV-v+VT)/(4.*mV))-1.)/ms*(1-m)-0.28*(mV**-1)*(v-VT-40.*mV)/(exp((v-VT-40.*mV)/(5.*mV))-1.)/ms*m : 1
dn/dt = 0.032*(mV**-1)*(15.*mV-v+VT)/(exp((15.*mV-v+VT)/(5.*mV))-1.)/ms*(1.-n)-.5*exp((10.*mV-v+VT)/(40.*mV))/ms*n : 1
dh/dt = 0.128*exp((17.*mV-v+VT)/(18.*mV))/ms*(1.-h)-4./(1+exp((40.*mV-v+VT)/(5.*mV)))/ms*h : 1
I : amp/metre**2
`;

function brianTs(): { loop_s: number; mean_step_count: number } {
  const cm2 = (cm as Quantity).pow(2);
  const namespace = { Cm: ufarad(1).div(cm2), gl: siemens(5e-5).div(cm2), El: mV(-65), EK: mV(-90), ENa: mV(50), g_na: msiemens(100).div(cm2), g_kd: msiemens(30).div(cm2), VT: mV(-63) };
  const G = new NeuronGroup(N, HH, { threshold: 'v > -40*mV', refractory: 'v > -40*mV', method: 'gsl_rkf45', methodOptions: { save_step_count: true }, dt: ms(0.1), namespace });
  G.v = namespace.El;
  G.I = '(0.5 + 3*i/N)*nA/(20000*umetre**2)';
  const net = new Network(G);
  net.run(ms(1));
  const start = performance.now();
  net.run(ms(durationMs));
  const loop = (performance.now() - start) / 1000;
  const counts = G._step_count.values as Int32Array;
  return { loop_s: loop, mean_step_count: counts.reduce((a, b) => a + b, 0) / counts.length };
}

function brian2(fast: boolean): { loop_s: number; mean_step_count: number } | string {
  const script = fileURLToPath(new URL('gsl_brian2.py', import.meta.url));
  const r = spawnSync('/usr/bin/python3', [script, String(N), String(durationMs), ...(fast ? ['fast'] : [])], { encoding: 'utf8', timeout: 900_000 });
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as { loop_s: number; mean_step_count: number };
  } catch {
    return `failed (${(r.stderr ?? '').trim().split('\n').at(-1) ?? r.status}; needs libgsl-dev and Brian2 2.5.1)`;
  }
}

const steps = Math.round(durationMs / 0.1) * N;
const ours = brianTs();
const theirs = brian2(false);
const theirsFast = brian2(true);
const row = (name: string, r: { loop_s: number; mean_step_count: number } | string): string =>
  typeof r === 'string' ? `| ${name} | ${r} | | |` : `| ${name} | ${r.loop_s.toFixed(3)} | ${((r.loop_s / steps) * 1e9).toFixed(0)} | ${r.mean_step_count.toFixed(2)} |`;
console.log(`HH, gsl_rkf45, N = ${N}, ${durationMs} ms at dt = 0.1 ms (${cpus().length} CPUs, load ${loadavg().map((x) => x.toFixed(2)).join(' ')})`);
console.log('| implementation | loop (s) | ns / neuron-step | GSL steps per dt (last step) |');
console.log('| --- | --- | --- | --- |');
console.log(row('brian-ts (generated JS)', ours));
console.log(row('Brian2 2.5.1 + GSL (Cython, -O3)', theirs));
console.log(row('Brian2 2.5.1 + GSL (Cython, default -ffast-math -march=native)', theirsFast));
