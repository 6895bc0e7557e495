import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BrianObjectError, Network, run, seed, startScope } from '../core/index.ts';
import { GroupUndefinedIdentifierError, NeuronGroup } from '../groups/index.ts';
import { UndefinedIdentifierError } from '../inference/index.ts';
import { DimensionMismatchError, Hz, mV, ms, second, volt } from '../units/index.ts';
import { BinomialFunction } from './binomial-function.ts';
import { InputError } from './errors.ts';
import { PoissonInput } from './poisson-input.ts';

/** Sample mean, unbiased variance and fourth central moment. */
function moments(xs: ArrayLike<number>): { mean: number; variance: number; m4: number } {
  const n = xs.length;
  let s = 0;
  for (let k = 0; k < n; k++) s += xs[k]!;
  const mean = s / n;
  let s2 = 0;
  let s4 = 0;
  for (let k = 0; k < n; k++) {
    const d = xs[k]! - mean;
    s2 += d * d;
    s4 += d ** 4;
  }
  return { mean, variance: s2 / (n - 1), m4: s4 / n };
}

/**
 * The sample of M values has the given mean and variance within 5 standard errors:
 * SE(mean) = sqrt(var/M), SE(s²) = sqrt((m4 - s⁴)/M) from the sample's own fourth moment (valid
 * for any distribution with finite moments). A correct sampler fails with probability < 1e-6;
 * the draws are seeded, so the outcome is fixed.
 */
function assertMoments(xs: ArrayLike<number>, mean: number, variance: number, label: string): void {
  const m = moments(xs);
  const M = xs.length;
  const seMean = Math.sqrt(variance / M);
  const seVar = Math.sqrt((m.m4 - m.variance ** 2) / M);
  assert.ok(Math.abs(m.mean - mean) < 5 * seMean, `${label}: mean ${m.mean} vs ${mean} ± ${5 * seMean}`);
  assert.ok(Math.abs(m.variance - variance) < 5 * seVar, `${label}: variance ${m.variance} vs ${variance} ± ${5 * seVar}`);
}

const runError = (cls: new (...args: never[]) => Error, re: RegExp) => (e: unknown) => e instanceof BrianObjectError && e.cause instanceof cls && re.test(e.cause.message);

describe('new PoissonInput(target, targetVar, N, rate, weight, options)', () => {
  it('adds Binomial(N, rate*dt) events per element and step: the exact regime (integer counts)', () => {
    startScope();
    seed(1);
    const G = new NeuronGroup(20000, 'v : 1');
    const P = new PoissonInput(G, 'v', 100, Hz(10), 1); // p = 0.001, Np = 0.1: inversion sampling
    assert.equal(P.binomial.usesNormalApproximation, false);
    new Network(G, P).run(ms(1)); // 10 steps: v ~ Binomial(1000, 0.001)
    const v = G.v_ as Float64Array;
    assert.ok(v.every((x) => Number.isInteger(x) && x >= 0 && x <= 1000));
    assertMoments(v, 1000 * 0.001, 1000 * 0.001 * 0.999, 'Binomial(1000, 0.001)');
  });

  it('uses the normal approximation when Np > 5 and N(1-p) > 5: fractional, even negative, B', () => {
    startScope();
    seed(2);
    const G = new NeuronGroup(50000, 'v : 1');
    const P = new PoissonInput(G, 'v', 12, Hz(5000), 1); // p = 0.5, Np = N(1-p) = 6
    assert.equal(P.binomial.usesNormalApproximation, true);
    new Network(G, P).run(ms(0.1));
    const v = G.v_ as Float64Array;
    assert.ok(v.some((x) => !Number.isInteger(x)));
    assert.ok(v.some((x) => x < 0), 'N(6, sqrt(3)) is below 0 with probability 2.7e-4');
    assertMoments(v, 6, 3, 'N(6, sqrt 3)');
  });

  it('samples n - Binomial(n, 1-p) for p > 0.5 in the exact regime', () => {
    startScope();
    seed(3);
    const G = new NeuronGroup(20000, 'v : 1');
    const P = new PoissonInput(G, 'v', 10, Hz(9000), 1); // p = 0.9, N(1-p) = 1
    new Network(G, P).run(ms(0.5));
    assert.equal(P.binomial.usesNormalApproximation, false);
    assertMoments(G.v_ as Float64Array, 5 * 9, 5 * 0.9, '5 x Binomial(10, 0.9)');
  });

  it('multiplies by a Quantity weight with the unit of the target variable', () => {
    startScope();
    seed(4);
    const G = new NeuronGroup(1000, 'v : volt');
    new Network(G, new PoissonInput(G, 'v', 50, Hz(20), mV(0.5))).run(ms(1));
    const counts = Array.from(G.v_ as Float64Array, (x) => x / 0.5e-3);
    assert.ok(counts.every((c) => Math.abs(c - Math.round(c)) < 1e-9));
    assert.ok(counts.some((c) => c > 0));
  });

  it('evaluates a string weight in the target context (per-neuron parameters and namespace values)', () => {
    startScope();
    seed(5);
    const G = new NeuronGroup(4, 'v : volt\nw : volt', { namespace: { scale: 2 } });
    G.w = mV([0, 1, 0, 1]);
    const P = new PoissonInput(G, 'v', 1000, Hz(1000), 'scale*w'); // normal regime, B ≈ 100 ± 9.5
    assert.equal(P.code, 'v += _binomial()*(scale*w)');
    new Network(G, P).run(ms(0.1));
    const v = Array.from(G.v_ as Float64Array);
    assert.equal(v[0], 0);
    assert.equal(v[2], 0);
    for (const k of [1, 3]) assert.ok(Math.abs(v[k]! / 2e-3 - 100) < 5 * Math.sqrt(90), `v[${k}] = ${v[k]}`);
  });

  it('runs on the target clock in slot synapses after the state update (the added input is not decayed in its step)', () => {
    startScope();
    seed(6);
    const G = new NeuronGroup(500, 'dv/dt = -v/tau : 1', { dt: ms(0.5), namespace: { tau: ms(1) } });
    const P = new PoissonInput(G, 'v', 20, Hz(100), 1);
    assert.equal(P.when, 'synapses');
    assert.equal(P.order, 0);
    assert.equal(P.clock, G.clock);
    assert.equal(new PoissonInput(G, 'v', 20, Hz(100), 1, { when: 'synapses', order: 3 }).order, 3);
    run(ms(0.5)); // the magic network collects PoissonInputs; one step: v = B of the first step (all run)
    const v = G.v_ as Float64Array;
    assert.ok(v.every((x) => Number.isInteger(x)), 'no decay applied after the input of the step');
    assert.ok(v.some((x) => x > 0));
  });

  it('respects the target’s (unless refractory) conditional write (semantics §7)', () => {
    startScope();
    seed(7);
    const G = new NeuronGroup(2, 'dv/dt = 0/second : 1 (unless refractory)', { threshold: 'False', refractory: ms(10), method: 'euler' });
    G.lastspike = second([0, -1e4]);
    new Network(G, new PoissonInput(G, 'v', 100, Hz(1000), 0.01)).run(ms(5));
    const v = G.v_ as Float64Array;
    assert.equal(v[0], 0, 'the refractory neuron receives nothing');
    // 50 steps of N(10, 3)*0.01: mean 5, sd 0.21.
    assert.ok(Math.abs(v[1]! - 5) < 5 * 0.2122, `v[1] = ${v[1]}`);
  });

  it('targets a subgroup only', () => {
    startScope();
    seed(8);
    const G = new NeuronGroup(6, 'v : 1');
    const sub = G.slice(2, 4);
    new Network(G, new PoissonInput(sub, 'v', 1000, Hz(1000), 1)).run(ms(0.1));
    const v = Array.from(G.v_ as Float64Array);
    assert.deepEqual([v[0], v[1], v[4], v[5]], [0, 0, 0, 0]);
    assert.ok(v[2]! > 50 && v[3]! > 50);
  });

  it('is reproducible under seed(n) and differs between seeds', () => {
    startScope();
    const G = new NeuronGroup(50, 'v : 1');
    const net = new Network(G, new PoissonInput(G, 'v', 100, Hz(100), 1));
    net.store();
    const once = (s: number) => {
      net.restore();
      seed(s);
      net.run(ms(1));
      return Array.from(G.v_ as Float64Array);
    };
    const a = once(42);
    assert.deepEqual(once(42), a);
    assert.notDeepEqual(once(43), a);
  });

  it('throws the NotImplementedError equivalent when the target dt changed after creation', () => {
    startScope();
    const G = new NeuronGroup(3, 'v : 1', { dt: ms(0.1), name: 'pi_dt' });
    const P = new PoissonInput(G, 'v', 10, Hz(10), 1);
    G.clock.dt = ms(0.05);
    assert.throws(
      () => new Network(G, P).run(ms(1)),
      (e: unknown) =>
        e instanceof BrianObjectError && e.cause instanceof InputError && e.cause.code === 'not-implemented' && /The dt used for simulating pi_dt changed after the PoissonInput source was created\./.test(e.cause.message),
    );
  });

  it('rejects a weight without the target unit, a rate not in Hz and N with units (DimensionMismatchError)', () => {
    startScope();
    const G = new NeuronGroup(2, 'v : 1\nu : volt');
    assert.throws(
      () => new PoissonInput(G, 'v', 10, Hz(10), mV(1)),
      (e: unknown) => e instanceof DimensionMismatchError && e.message === "The provided weight does not have the same unit as the target variable 'v' (units are V and 1).",
    );
    assert.throws(() => new PoissonInput(G, 'u', 10, Hz(10), 0.5), (e: unknown) => e instanceof DimensionMismatchError && /target variable 'u' \(units are 1 and V\)/.test(e.message));
    assert.throws(
      () => new PoissonInput(G, 'v', 10, 5 as never, 1),
      (e: unknown) => e instanceof DimensionMismatchError && /expected a quantitity with unit hertz for argument 'rate' but got '5\.0'/.test(e.message),
    );
    assert.throws(() => new PoissonInput(G, 'v', 10, ms(5), 1), (e: unknown) => e instanceof DimensionMismatchError && /unit hertz for argument 'rate'/.test(e.message));
    assert.throws(() => new PoissonInput(G, 'v', mV(10), Hz(5), 1), (e: unknown) => e instanceof DimensionMismatchError && /unit 1 for argument 'N' but got '10\. mV'/.test(e.message));
  });

  it('rejects a string weight with the wrong unit or unknown names when the run starts', () => {
    startScope();
    const G = new NeuronGroup(2, 'v : volt');
    const P = new PoissonInput(G, 'v', 10, Hz(10), '2*ms');
    assert.throws(() => new Network(G, P).run(ms(0.1)), runError(DimensionMismatchError, /'v \+ _binomial\(\) \* \(2 \* ms\)' uses inconsistent units/));
    startScope();
    const H = new NeuronGroup(2, 'v : volt');
    const Q = new PoissonInput(H, 'v', 10, Hz(10), 'w_unknown');
    assert.throws(
      () => new Network(H, Q).run(ms(0.1)),
      (e: unknown) => e instanceof BrianObjectError && (e.cause instanceof UndefinedIdentifierError || e.cause instanceof GroupUndefinedIdentifierError) && /w_unknown/.test(e.cause.message),
    );
  });

  it('rejects an unknown target variable, bad N, rate*dt > 1, bad weights and unknown options (InputError)', () => {
    startScope();
    const G = new NeuronGroup(2, 'v : 1', { name: 'pi_bad' });
    const inputError = (re: RegExp, code = 'invalid-value') => (e: unknown) => e instanceof InputError && e.code === code && re.test(e.message);
    assert.throws(() => new PoissonInput(G, 'x', 10, Hz(10), 1), inputError(/^x is not a variable of pi_bad$/));
    assert.throws(() => new PoissonInput(G, 'v', 2.5, Hz(10), 1), inputError(/N of a PoissonInput has to be an integer >= 0, got 2\.5/));
    assert.throws(() => new PoissonInput(G, 'v', 10, Hz(20000), 1), inputError(/is 2, but has to be at most 1/));
    assert.throws(() => new PoissonInput(G, 'v', 10, Hz(-1), 1), inputError(/finite and >= 0/));
    assert.throws(() => new PoissonInput(G, 'v', 10, Hz(10), 'v +'), inputError(/The weight of a PoissonInput targeting 'pi_bad' \('v \+'\) is not a valid expression/));
    assert.throws(() => new PoissonInput(G, 'v', 10, Hz(10), [1, 2] as never), inputError(/scalar Quantity, a number or a string expression/));
    assert.throws(() => new PoissonInput(G, 'v', 10, Hz(10), 1, { dt: ms(1) } as never), inputError(/Unknown option 'dt' for PoissonInput/, 'invalid-option'));
  });

  it('exposes rate, N, targetVar and weight (Brian2’s properties)', () => {
    startScope();
    const G = new NeuronGroup(2, 'v : volt');
    const P = new PoissonInput(G, 'v', 7, Hz(3), mV(2));
    assert.equal(String(P.rate), '3. Hz');
    assert.equal(P.N, 7);
    assert.equal(P.targetVar, 'v');
    assert.equal(String(P.weight), '2. mV');
    assert.match(P.name, /^poissoninput/);
    assert.equal(P.binomial.p, 3 * 1e-4);
  });
});

describe('new BinomialFunction(n, p, {approximate, name})', () => {
  it('is a stateful function usable in model strings, reproducible under seed(n)', () => {
    startScope();
    const binom = new BinomialFunction(100, 0.02);
    const G = new NeuronGroup(4000, 'x : 1', { namespace: { binom } });
    G.runRegularly('x = binom()');
    const net = new Network(G);
    net.store();
    // Streams are keyed by the code object's name, so the same network is rerun.
    const draw = (s: number) => {
      net.restore();
      seed(s);
      net.run(ms(0.1));
      return G.x_ as Float64Array;
    };
    const a = Array.from(draw(9));
    assert.deepEqual(Array.from(draw(9)), a);
    assert.notDeepEqual(Array.from(draw(10)), a);
    assert.ok(a.every((x) => Number.isInteger(x)));
    assertMoments(a, 2, 2 * 0.98, 'Binomial(100, 0.02)');
  });

  it('is usable in a reset with units (v += binom()*mV), in the normal regime', () => {
    startScope();
    seed(12);
    const binom = new BinomialFunction(1000, 0.3);
    assert.equal(binom.usesNormalApproximation, true);
    const G = new NeuronGroup(3000, 'v : volt', { threshold: 'True', reset: 'v += binom()*mV', namespace: { binom } });
    new Network(G).run(ms(0.1));
    assertMoments(Array.from(G.v_ as Float64Array, (x) => x * 1e3), 300, 210, 'N(300, sqrt 210)');
  });

  it('uses exact sampling with approximate: false', () => {
    startScope();
    seed(13);
    const binom = new BinomialFunction(12, 0.5, { approximate: false });
    assert.equal(binom.usesNormalApproximation, false);
    const G = new NeuronGroup(4000, 'x : 1', { namespace: { binom } });
    G.runRegularly('x = binom()');
    new Network(G).run(ms(0.1));
    const x = G.x_ as Float64Array;
    assert.ok(x.every((k) => Number.isInteger(k) && k >= 0 && k <= 12));
    assertMoments(x, 6, 3, 'Binomial(12, 0.5)');
  });

  it('names itself _binomial, _binomial_1, … and samples directly with sample()', () => {
    const a = new BinomialFunction(10, 0.1);
    const b = new BinomialFunction(10, 0.1);
    assert.match(a.name, /^_binomial(_\d+)?$/);
    assert.notEqual(a.name, b.name);
    assert.equal(new BinomialFunction(10, 0.1, { name: 'mybinom' }).name, 'mybinom');
    seed(1);
    const x = [a.sample(), a.sample()];
    seed(1);
    assert.deepEqual([a.sample(), a.sample()], x);
    assert.equal(String(new BinomialFunction(5, 0.5, { name: 'bf' })), "BinomialFunction(5, 0.5, approximate=True, name='bf')");
  });

  it('rejects units, n that is not a non-negative integer, p outside [0, 1] and bad options', () => {
    assert.throws(() => new BinomialFunction(mV(10), 0.1), (e: unknown) => e instanceof DimensionMismatchError && /expected a quantitity with unit 1 for argument 'n' but got '10\. mV' \(unit is V\)/.test(e.message));
    assert.throws(() => new BinomialFunction(10, volt(0.1)), (e: unknown) => e instanceof DimensionMismatchError && /argument 'p'/.test(e.message));
    const inputError = (re: RegExp, code = 'invalid-value') => (e: unknown) => e instanceof InputError && e.code === code && re.test(e.message);
    assert.throws(() => new BinomialFunction(1.5, 0.1), inputError(/n of BinomialFunction '_binomial' has to be an integer >= 0, got 1\.5/));
    assert.throws(() => new BinomialFunction(10, 1.1), inputError(/p of BinomialFunction '_binomial' has to be between 0 and 1, got 1\.1/));
    assert.throws(() => new BinomialFunction(10, 0.1, { name: '1x' }), inputError(/valid identifier/, 'invalid-option'));
    assert.throws(() => new BinomialFunction(10, 0.1, { approx: true } as never), inputError(/Unknown option 'approx'/, 'invalid-option'));
  });
});
