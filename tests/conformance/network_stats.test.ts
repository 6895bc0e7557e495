/**
 * Statistical conformance of two random networks against Brian2 2.5.1 (fixtures/network_stats.json,
 * written by generate/network_stats.py, which runs Brian2 with six seeds):
 * - Brian2's CUBA example (examples/CUBA.py) unchanged but 0.5 s long;
 * - frompapers.Brunel_2000, model A (g = 3, ν_ext/ν_thr = 2), scaled to N_E = 1000 (C_E = 100,
 *   so ν_thr and the mean external drive are the example's) and 0.2 s long.
 * Each is run here with two seeds; the mean rate, the mean CV of the ISIs (neurons with ≥ 3
 * spikes) and the fraction of silent neurons are compared with Brian2's values.
 *
 * Tolerances. Different random number generators make the runs different realisations of the
 * same random network, so a statistic of one brian-ts run is a new draw from (ideally) the same
 * distribution as Brian2's per-seed values. With Brian2's mean m and sample standard deviation s
 * over n = 6 seeds, a new draw differs from m with standard deviation s·√(1 + 1/n); we accept
 * |x − m| ≤ 4·s·√(1 + 1/n) (a false alarm has probability < 1e-3 per check under normality),
 * with an absolute floor per statistic for the degenerate cases (Brian2's spread is 0 for the
 * fraction of silent neurons in Brunel A, where every neuron fires): 0.1 Hz for rates, 0.005 for
 * CVs, 1/N·5 for silent fractions (five neurons). In the fixture (at the time of writing) Brian2's
 * spread is: CUBA rate 5.78 ± 0.24 Hz, CV 0.415 ± 0.007, silent 0.229 ± 0.009; Brunel A rate
 * 109.6 ± 0.6 Hz, CV 0.099 ± 0.0007, silent 0 ± 0.
 *
 * Brunel's external drive is a PoissonInput, as in Brian2: Binomial(C_ext, ν_ext·dt) per neuron and
 * step (drawn exactly here, since np = 2 is below Brian2's threshold of 5 for the normal approximation).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadFixture } from './fixture.ts';
import { Network, NeuronGroup, PoissonInput, SpikeMonitor, ms, mV, Hz, second, seed } from '../../src/index.ts';
import { Synapses } from '../../src/synapses/index.ts';

interface Stats { rate_Hz: number; cv: number | null; silent: number }
interface Fixture {
  cuba: { duration_s: number; seeds: number[]; runs: Stats[] };
  brunel: { duration_s: number; N_E: number; g: number; nu_ext_over_nu_thr: number; seeds: number[]; runs: Stats[] };
}
const fx = loadFixture<Fixture>('network_stats');
const TS_SEEDS = [101, 202];

function stats(mon: SpikeMonitor, N: number, duration: number): Stats {
  const times: number[][] = Array.from({ length: N }, () => []);
  const i = mon.i;
  const t = mon.t.values;
  for (let k = 0; k < i.length; k++) times[i[k]!]!.push(t[k]!);
  let silent = 0;
  const cvs: number[] = [];
  for (const train of times) {
    if (train.length === 0) silent++;
    if (train.length < 3) continue;
    const isi = train.slice(1).map((x, k) => x - train[k]!);
    const m = isi.reduce((a, b) => a + b, 0) / isi.length;
    const sd = Math.sqrt(isi.reduce((a, b) => a + (b - m) ** 2, 0) / isi.length); // numpy's std (ddof=0)
    cvs.push(sd / m);
  }
  return { rate_Hz: i.length / N / duration, cv: cvs.length > 0 ? cvs.reduce((a, b) => a + b, 0) / cvs.length : null, silent: silent / N };
}

function check(label: string, values: readonly number[], x: number, floor: number): void {
  const n = values.length;
  const m = values.reduce((a, b) => a + b, 0) / n;
  const s = Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1));
  const tol = Math.max(4 * s * Math.sqrt(1 + 1 / n), floor);
  assert.ok(Math.abs(x - m) <= tol, `${label}: brian-ts ${x}, Brian2 ${m.toFixed(5)} ± ${s.toFixed(5)} (n = ${n}), tolerance ${tol.toFixed(5)}`);
}

function compare(name: string, runs: readonly Stats[], got: Stats, N: number): void {
  check(`${name} mean rate (Hz)`, runs.map((r) => r.rate_Hz), got.rate_Hz, 0.1);
  check(`${name} mean CV of ISIs`, runs.map((r) => r.cv!), got.cv!, 0.005);
  check(`${name} fraction of silent neurons`, runs.map((r) => r.silent), got.silent, 5 / N);
}

function cuba(s: number, duration: number): Stats {
  seed(s);
  const namespace = { taum: ms(20), taue: ms(5), taui: ms(10), Vt: mV(-50), Vr: mV(-60), El: mV(-49), we: mV((60 * 0.27) / 10), wi: mV((-20 * 4.5) / 10) };
  const P = new NeuronGroup(4000, `
dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
dge/dt = -ge/taue : volt
dgi/dt = -gi/taui : volt
`, { threshold: 'v>Vt', reset: 'v = Vr', refractory: ms(5), method: 'exact', namespace });
  P.v = 'Vr + rand() * (Vt - Vr)';
  P.ge = mV(0);
  P.gi = mV(0);
  const Ce = new Synapses(P, P, '', { onPre: 'ge += we', namespace });
  const Ci = new Synapses(P, P, '', { onPre: 'gi += wi', namespace });
  Ce.connect({ condition: 'i<3200', p: 0.02 });
  Ci.connect({ condition: 'i>=3200', p: 0.02 });
  const M = new SpikeMonitor(P);
  new Network(P, Ce, Ci, M).run(second(duration));
  return stats(M, 4000, duration);
}

function brunel(s: number, c: Fixture['brunel']): Stats {
  seed(s);
  const N_E = c.N_E;
  const N_I = Math.round(0.25 * N_E);
  const N = N_E + N_I;
  const epsilon = 0.1;
  const C_E = epsilon * N_E;
  const C_ext = C_E;
  const tau = 20e-3;
  const theta = 20e-3;
  const J = 0.1e-3;
  const nu_thr = theta / (J * C_E * tau);
  const nu_ext = c.nu_ext_over_nu_thr * nu_thr;
  const namespace = { tau: second(tau), theta: mV(20), V_r: mV(10), J: mV(0.1), g: c.g, C_ext, nu_ext: Hz(nu_ext) };
  const neurons = new NeuronGroup(N, 'dv/dt = -v/tau : volt (unless refractory)', { threshold: 'v > theta', reset: 'v = V_r', refractory: ms(2), method: 'exact', namespace });
  const exc = new Synapses(neurons.slice(0, N_E), neurons, '', { onPre: 'v += J', delay: ms(1.5), namespace });
  exc.connect({ p: epsilon });
  const inh = new Synapses(neurons.slice(N_E, N), neurons, '', { onPre: 'v += -g*J', delay: ms(1.5), namespace });
  inh.connect({ p: epsilon });
  const drive = new PoissonInput(neurons, 'v', C_ext, Hz(nu_ext), mV(0.1));
  const M = new SpikeMonitor(neurons);
  new Network(neurons, exc, inh, drive, M).run(second(c.duration_s));
  return stats(M, N, c.duration_s);
}

describe('random networks: statistics within Brian2\'s seed-to-seed spread', () => {
  for (const s of TS_SEEDS) {
    it(`CUBA (examples/CUBA.py, ${fx.cuba.duration_s} s), seed(${s}): mean rate, CV of ISIs, silent fraction`, () => {
      compare('CUBA', fx.cuba.runs, cuba(s, fx.cuba.duration_s), 4000);
    });
    it(`Brunel 2000 model A (N_E = ${fx.brunel.N_E}, ${fx.brunel.duration_s} s), seed(${s}): mean rate, CV of ISIs, silent fraction`, () => {
      compare('Brunel A', fx.brunel.runs, brunel(s, fx.brunel), 1250);
    });
  }
});
