/**
 * Input objects against Brian2 2.5.1 (fixtures/inputs.json, generate/inputs.py).
 *
 * Deterministic cases must agree exactly: TimedArray values are array lookups (identical when the
 * index is), spike indices are integers, spike times are `step*dt` on both sides (compared to
 * 1e-12 relative), and the euler and exact traces driven by a TimedArray to 1e-12 relative (the
 * method chosen by the default list must be Brian2's).
 *
 * PoissonGroup draws differ between Brian2 (numpy's Mersenne Twister) and brian-ts (Threefry), so
 * counts are compared with the binomial law they follow: a neuron's count over S steps is
 * Binomial(S, rate·dt) (one Bernoulli draw `rand() < rate*dt` per step), and counts of different
 * neurons are independent, so a sum over n neurons is Binomial(n·S, rate·dt). Each count must lie
 * within 5 standard deviations of its mean (+1 for the discreteness of small means): a correct
 * implementation fails this with probability < 1e-6 per check, while a wrong per-step
 * probability (e.g. rate·dt off by 10 %, or two draws per step) is caught at these sizes. The
 * same bound is first checked on Brian2's own counts (5 seeds), which validates the model.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { assertClose, loadFixture } from './fixture.ts';
import { defaultclock, Hz, mV, ms, Network, NeuronGroup, second, seed, SpikeMonitor, startScope, StateMonitor } from '../../src/index.ts';
import { setWarningHandler } from '../../src/util/index.ts';
import { PoissonGroup, SpikeGeneratorGroup, TimedArray } from '../../src/input/index.ts';
import { QuantityArray } from '../../src/units/index.ts';

interface GroupCase {
  clock_dt_s: number; ta_dt_s: number; duration_s: number;
  t_s: number[]; x: number[]; v: number[]; y_V: number[][];
}
interface PrivateCase { group_dt_s: number; ta_dt_s: number; duration_s: number; method: string; t_s: number[]; v: number[]; u: number[] }
interface SgCase {
  label: string; N: number; indices: number[]; times_s: number[]; duration_s: number;
  dt_s: number | null; period_s: number; i: number[]; t_s: number[];
}
interface StatsRun { seed: number; A_total: number; B_count: number[]; C_by_class: number[]; D_count: number[] }
interface Inputs {
  direct: { values_V: number[]; ta_dt_s: number; probe_t_s: number[]; cases: { clock_dt_s: number; values_V: number[] }[] };
  groups: { vals1: number[]; vals2_V: number[][]; tau_s: number; eqs1: string; eqs2: string; cases: GroupCase[] };
  private_clock: { vals1: number[]; tau_s: number; eqs: string; cases: PrivateCase[] };
  poisson_timed: { pattern: number[]; ta_dt_s: number; group_dt_s: number; duration_s: number; i: number[]; t_s: number[] };
  spikegenerator: SgCase[];
  set_spikes: { first: { indices: number[]; times_s: number[] }; second: { indices: number[]; times_s: number[] }; i: number[]; t_s: number[] };
  poisson_stats: {
    duration_s: number; dt_s: number; A: { N: number; rate_Hz: number }; B: { rates_Hz: number[] };
    C: { N: number; rates: string; F_Hz: number }; D: { N: number; rate_Hz: number }; runs: StatsRun[];
  };
}
const fx = loadFixture<Inputs>('inputs');
const s = (x: number) => second(x);
const secondsArray = (xs: readonly number[]) => new QuantityArray(xs, second.dim);

describe('TimedArray.at (direct calls, K from defaultclock.dt) matches Brian2', () => {
  for (const c of fx.direct.cases) {
    it(`defaultclock.dt = ${c.clock_dt_s} s`, () => {
      const ta = new TimedArray(new QuantityArray(fx.direct.values_V, mV.dim), s(fx.direct.ta_dt_s));
      defaultclock.dt = s(c.clock_dt_s);
      setWarningHandler(() => {}); // grids not aligned
      try {
        const got = fx.direct.probe_t_s.map((t) => ta.at(s(t)).value);
        assert.deepEqual(got, c.values_V);
      } finally {
        defaultclock.dt = ms(0.1);
        setWarningHandler(undefined);
      }
    });
  }
});

describe('TimedArray in NeuronGroup model strings (1-D dimensionless, 2-D with units) matches Brian2', () => {
  const g = fx.groups;
  for (const c of g.cases) {
    it(`group dt ${c.clock_dt_s} s, array dt ${c.ta_dt_s} s`, () => {
      startScope();
      setWarningHandler(() => {}); // the 0.03 ms cases warn that the grids are not aligned
      try {
        defaultclock.dt = s(c.clock_dt_s);
        const ta = new TimedArray(g.vals1, s(c.ta_dt_s));
        const ta2 = new TimedArray(g.vals2_V.map((row) => new QuantityArray(row, mV.dim)), s(c.ta_dt_s));
        const G = new NeuronGroup(2, g.eqs1, { method: 'euler', namespace: { ta, tau: s(g.tau_s) } });
        const H = new NeuronGroup(3, g.eqs2, { namespace: { ta2 } });
        const MG = new StateMonitor(G, ['x', 'v'], { record: [0] });
        const MH = new StateMonitor(H, 'y', { record: true });
        new Network(G, H, MG, MH).run(s(c.duration_s));
        assertClose(MG.t.values, c.t_s, { label: 't' });
        assert.deepEqual(Array.from(MG.x.get(0).values), c.x);
        assertClose(MG.v.get(0).values, c.v, { label: 'v' });
        for (let k = 0; k < 3; k++) assert.deepEqual(Array.from(MH.y.get(k).values), c.y_V[k]);
      } finally {
        defaultclock.dt = ms(0.1);
        setWarningHandler(undefined);
      }
    });
  }
});

describe('TimedArray in a NeuronGroup on a private clock (bound to the group dt) matches Brian2', () => {
  const p = fx.private_clock;
  for (const c of p.cases) {
    it(`group dt ${c.group_dt_s} s, array dt ${c.ta_dt_s} s: method '${c.method}', v and the subexpression u = ta(t) as recorded`, () => {
      startScope();
      defaultclock.dt = ms(0.1);
      setWarningHandler(() => {}); // grids not aligned (0.03 ms)
      try {
        const ta = new TimedArray(p.vals1, s(c.ta_dt_s));
        const G = new NeuronGroup(1, p.eqs, { dt: s(c.group_dt_s), namespace: { ta, tau: s(p.tau_s) } });
        const M = new StateMonitor(G, ['v', 'u'], { record: true });
        new Network(G, M).run(s(c.duration_s));
        assert.equal(G.stateUpdater.methodChosen, c.method);
        assertClose(M.t.values, c.t_s, { label: 't' });
        assert.deepEqual(Array.from(M.u.get(0).values), c.u);
        assertClose(M.v.get(0).values, c.v, { label: 'v' });
      } finally {
        setWarningHandler(undefined);
      }
    });
  }
});

describe('PoissonGroup with TimedArray rates on a private clock (K from the group dt) matches Brian2', () => {
  it('spikes exactly where the bound TimedArray is 1e9 Hz', () => {
    startScope();
    defaultclock.dt = ms(0.1);
    setWarningHandler(() => {}); // grids not aligned
    const p = fx.poisson_timed;
    const rate_ta = new TimedArray(new QuantityArray(p.pattern.map((x) => x * 1e9), Hz.dim), s(p.ta_dt_s));
    const P = new PoissonGroup(2, 'rate_ta(t)', { dt: s(p.group_dt_s), namespace: { rate_ta } });
    const M = new SpikeMonitor(P);
    new Network(P, M).run(s(p.duration_s));
    assert.deepEqual(Array.from(M.i), p.i);
    assertClose(M.t.values, p.t_s, { label: 't' });
    setWarningHandler(undefined);
  });
});

describe('SpikeGeneratorGroup spike trains match Brian2', () => {
  for (const c of fx.spikegenerator) {
    it(c.label, () => {
      startScope();
      defaultclock.dt = ms(0.1);
      const G = new SpikeGeneratorGroup(c.N, c.indices, secondsArray(c.times_s), {
        ...(c.dt_s !== null ? { dt: s(c.dt_s) } : {}),
        period: s(c.period_s),
      });
      const M = new SpikeMonitor(G);
      new Network(G, M).run(s(c.duration_s));
      assert.deepEqual(Array.from(M.i), c.i);
      assertClose(M.t.values, c.t_s, { label: 't' });
    });
  }

  it('setSpikes between runs skips spikes before the current time (with a warning)', () => {
    startScope();
    defaultclock.dt = ms(0.1);
    const warnings: string[] = [];
    setWarningHandler((key) => warnings.push(key));
    try {
      const c = fx.set_spikes;
      const G = new SpikeGeneratorGroup(3, c.first.indices, secondsArray(c.first.times_s));
      const M = new SpikeMonitor(G);
      const net = new Network(G, M);
      net.run(ms(1));
      G.setSpikes(c.second.indices, secondsArray(c.second.times_s));
      net.run(ms(1));
      assert.deepEqual(Array.from(M.i), c.i);
      assertClose(M.t.values, c.t_s, { label: 't' });
      assert.deepEqual(warnings, ['spikegeneratorgroup.ignored_spikes']);
    } finally {
      setWarningHandler(undefined);
    }
  });
});

describe('PoissonGroup spike counts follow Binomial(steps, rate*dt), as Brian2', () => {
  const st = fx.poisson_stats;
  const steps = Math.round(st.duration_s / st.dt_s);
  const within = (count: number, n: number, p: number, label: string): void => {
    const mean = n * p;
    const sd = Math.sqrt(n * p * (1 - p));
    assert.ok(Math.abs(count - mean) <= 5 * sd + 1, `${label}: ${count} is not within 5 sd (${sd.toFixed(2)}) of ${mean}`);
  };
  const check = (r: Omit<StatsRun, 'seed'>, label: string): void => {
    within(r.A_total, st.A.N * steps, st.A.rate_Hz * st.dt_s, `${label} A total`);
    st.B.rates_Hz.forEach((rate, k) => within(r.B_count[k]!, steps, rate * st.dt_s, `${label} B[${k}]`));
    r.C_by_class.forEach((count, k) => within(count, (st.C.N / 4) * steps, (1 + k) * st.C.F_Hz * st.dt_s, `${label} C class ${k}`));
    assert.deepEqual(r.D_count, Array(st.D.N).fill(steps), `${label} D (rates*dt > 1 saturates)`);
  };

  it("Brian2's own counts satisfy the bounds (5 seeds)", () => {
    for (const r of st.runs) check(r, `Brian2 seed ${r.seed}`);
  });

  const ours: (Omit<StatsRun, 'seed'> & { A_counts: Int32Array })[] = [];
  before(() => {
    for (let k = 0; k < 3; k++) {
      startScope();
      defaultclock.dt = s(st.dt_s);
      seed(100 + k);
      const A = new PoissonGroup(st.A.N, Hz(st.A.rate_Hz));
      const B = new PoissonGroup(st.B.rates_Hz.length, new QuantityArray(st.B.rates_Hz, Hz.dim));
      const C = new PoissonGroup(st.C.N, st.C.rates, { namespace: { F: Hz(st.C.F_Hz) } });
      const D = new PoissonGroup(st.D.N, Hz(st.D.rate_Hz));
      const [MA, MB, MC, MD] = [A, B, C, D].map((g) => new SpikeMonitor(g));
      new Network(A, B, C, D, MA!, MB!, MC!, MD!).run(s(st.duration_s));
      const cc = MC!.count;
      const byClass = [0, 1, 2, 3].map((c) => cc.reduce((acc, x, i) => (i % 4 === c ? acc + x : acc), 0));
      ours.push({ A_total: MA!.numSpikes, B_count: Array.from(MB!.count), C_by_class: byClass, D_count: Array.from(MD!.count), A_counts: MA!.count });
    }
  });

  it('brian-ts counts satisfy the same bounds (3 seeds)', () => {
    ours.forEach((r, k) => check(r, `brian-ts seed ${100 + k}`));
  });

  it('per-neuron counts have Fano factor 1 - rate*dt (independent Bernoulli steps)', () => {
    // Sample variance of 500 Binomial(5000, 0.002) counts: relative sd ≈ sqrt(2/499) ≈ 0.063; 5 sd = 0.32.
    const p = st.A.rate_Hz * st.dt_s;
    for (const r of ours) {
      const xs = Array.from(r.A_counts);
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
      assert.ok(Math.abs(variance / mean - (1 - p)) < 0.32, `Fano factor ${variance / mean}`);
    }
  });
});
