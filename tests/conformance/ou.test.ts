/**
 * An Ornstein–Uhlenbeck process driven by `xi` under euler, milstein and heun:
 * dv/dt = (mu - v)/tau + sigma*sqrt(2/tau)*xi, stationary law N(mu, sigma²). Brian2 2.5.1's
 * statistics are in fixtures/ou.json (generate/ou.py); the random streams differ between
 * brian-ts and Brian2 (semantics §9.6), so the check is statistical.
 *
 * Method: 4000 neurons start from the stationary law, run 100 ms (10 tau), then 10 runs of 20 ms
 * with the population read after each: 40 000 samples, successive snapshots correlated by
 * exp(-2) = 0.14, so about 30 000 effective samples.
 * Tolerances (issue 3: within 2 % of analytic): standard errors are sigma/sqrt(30 000) = 0.0029
 * for the mean (0.29 % of mu = 1) and sigma/sqrt(2·30 000) = 0.2 % of sigma for the std; the
 * Euler–Maruyama scheme's own stationary std is sigma/sqrt(1 - dt/(2 tau)), 0.25 % above sigma.
 * 2 % is therefore about 7 standard errors for the mean and 9 for the std — a wrong noise scale
 * (e.g. missing sqrt(dt), a factor sqrt(2)) misses by 40 % or more. The seed is fixed, so the
 * test is deterministic. brian-ts's statistics are also compared with Brian2's, within the sum of
 * both tolerances' standard errors (3 %).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadFixture } from './fixture.ts';
import { defaultclock, ms, NeuronGroup, run, seed, startScope } from '../../src/index.ts';

interface OU {
  model: { eqs: string; N: number; mu: number; sigma: number; tau_s: number; dt_s: number; warmup_s: number; snapshot_interval_s: number; snapshots: number; init: string };
  analytic: { mean: number; std: number; euler_discrete_std: number };
  brian2: Record<string, { mean: number; std: number }>;
}
const fx = loadFixture<OU>('ou');
const m = fx.model;

function stationaryStatistics(method: string, seedValue: number): { mean: number; std: number } {
  startScope();
  seed(seedValue);
  defaultclock.dt = ms(m.dt_s * 1e3);
  const G = new NeuronGroup(m.N, m.eqs, { method, namespace: { mu: m.mu, sigma: m.sigma, tau: ms(m.tau_s * 1e3) } });
  G.v = m.init;
  run(ms(m.warmup_s * 1e3));
  let sum = 0;
  let sum2 = 0;
  let n = 0;
  for (let k = 0; k < m.snapshots; k++) {
    run(ms(m.snapshot_interval_s * 1e3));
    for (const x of G.v.values) {
      sum += x;
      sum2 += x * x;
      n++;
    }
  }
  const mean = sum / n;
  return { mean, std: Math.sqrt(sum2 / n - mean * mean) };
}

describe('OU process via xi: stationary mean and std within 2 % of analytic', () => {
  for (const [k, method] of ['euler', 'milstein', 'heun'].entries()) {
    it(`method '${method}'`, () => {
      const { mean, std } = stationaryStatistics(method, 2025 + k);
      const b2 = fx.brian2[method]!;
      const { mean: mu, std: sigma } = fx.analytic;
      assert.ok(Math.abs(mean - mu) <= 0.02 * mu, `${method}: mean ${mean}, analytic ${mu}`);
      assert.ok(Math.abs(std - sigma) <= 0.02 * sigma, `${method}: std ${std}, analytic ${sigma}`);
      // Brian2's own statistics pass the same bar (a check on the fixture) and agree with ours.
      assert.ok(Math.abs(b2.mean - mu) <= 0.02 * mu && Math.abs(b2.std - sigma) <= 0.02 * sigma, `${method}: Brian2 ${JSON.stringify(b2)}`);
      assert.ok(Math.abs(mean - b2.mean) <= 0.03 * mu, `${method}: mean ${mean}, Brian2 ${b2.mean}`);
      assert.ok(Math.abs(std - b2.std) <= 0.03 * sigma, `${method}: std ${std}, Brian2 ${b2.std}`);
    });
  }
});
