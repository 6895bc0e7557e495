import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { connectSpec, ConnectError, parseSynapseGenerator, rangeLength, sampleIndices, sampleMethod } from './index.ts';
import { ParseError, printExpr } from '../parsing/index.ts';

const ctx = { synapsesName: 'syn' };

describe('parseSynapseGenerator', () => {
  it('parseSynapseGenerator gives ASTs for element, iterator and condition', () => {
    const g = parseSynapseGenerator('k for k in range(i-3, i+4) if k != i');
    assert.equal(g.innerVariable, 'k');
    assert.equal(g.iterator.kind, 'range');
    assert.equal(printExpr(g.iterator.low), 'i - 3');
    assert.equal(printExpr(g.iterator.high), 'i + 4');
    assert.equal(printExpr(g.condition!), 'k != i');
  });

  it('parseSynapseGenerator reads sample(low, high, step, size=…) and multi-line text', () => {
    const g = parseSynapseGenerator('k for k in sample(1, N_post,\n 2, size=3)');
    assert.ok(g.iterator.kind === 'sample' && g.iterator.sampleSize === 'fixed');
    assert.equal(printExpr(g.iterator.size), '3');
  });

  it('parseSynapseGenerator rejects a second for with Brian2 message', () => {
    assert.throws(
      () => parseSynapseGenerator('k for k in range(3) for l in range(2)', 'syn'),
      (e: unknown) => e instanceof ConnectError && e.code === 'generator-syntax' && /^Synapses 'syn': Error parsing expression .* must involve only one iterator\.$/.test(e.message),
    );
  });

  it('parseSynapseGenerator reports a syntax error before a shape error', () => {
    assert.throws(
      () => parseSynapseGenerator('k for k in range(3) for l in range(2) if (k'),
      (e: unknown) => e instanceof ConnectError && /Error encountered was/.test(e.message) && e.cause instanceof ParseError,
    );
  });

  it('parseSynapseGenerator rejects comments, keyword repeats and positional-after-keyword', () => {
    for (const text of ['k for k in range(3) # c', 'k for k in sample(3, p=0.1, p=0.2)', 'k for k in sample(p=0.1, 3)', 'k for k in range(*N)']) {
      assert.throws(() => parseSynapseGenerator(text), (e: unknown) => e instanceof ConnectError && e.brianClass === 'SyntaxError', text);
    }
  });

  it('parseSynapseGenerator on arbitrary text parses or throws ConnectError (fuzz)', () => {
    const pieces = ['k', 'i', 'j', 'for', 'in', 'if', 'range', 'sample', '(', ')', ',', 'p', 'size', '=', '+', '-', '*', '<', '!=', 'and', '1', '0.5', 'N_post', ' ', '[', ']', '#', 'else', ':', '.'];
    const text = fc.oneof(
      fc.array(fc.constantFrom(...pieces), { maxLength: 20 }).map((a) => a.join(' ')),
      fc.string({ maxLength: 30 }),
    );
    fc.assert(
      fc.property(text, (t) => {
        try {
          const g = parseSynapseGenerator(t);
          assert.ok(g.iterator.kind === 'range' || g.iterator.kind === 'sample');
        } catch (e) {
          if (!(e instanceof ConnectError)) throw e;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('parseSynapseGenerator accepts every printed well-formed generator (fuzz)', () => {
    const atom = fc.constantFrom('i', 'k', 'N_post', '3', '0.5', 'x_pre', 'rand()');
    const exp = fc.tuple(atom, fc.constantFrom('+', '-', '*', '//'), atom).map(([a, o, b]) => `${a} ${o} ${b}`);
    const iter = fc.oneof(
      fc.array(exp, { minLength: 1, maxLength: 3 }).map((a) => `range(${a.join(', ')})`),
      fc.tuple(fc.array(exp, { minLength: 1, maxLength: 3 }), fc.constantFrom('p', 'size'), exp).map(([a, kw, v]) => `sample(${a.join(', ')}, ${kw}=${v})`),
    );
    fc.assert(
      fc.property(exp, iter, fc.option(exp), (el, it, cond) => {
        const g = parseSynapseGenerator(`${el} for k in ${it}${cond === null ? '' : ` if ${cond} > 0`}`);
        assert.equal(g.innerVariable, 'k');
        assert.equal(g.condition === undefined, cond === null);
      }),
      { numRuns: 500 },
    );
  });
});

describe('connectSpec', () => {
  it('connectSpec({}) is all-to-all over range(N_post)', () => {
    const spec = connectSpec({}, ctx);
    assert.ok(spec.kind === 'generator' && spec.generator.iterator.kind === 'range' && !spec.conditionPerCandidate);
  });

  it('connectSpec with a condition renames j to _k and uses sample() for a number p', () => {
    const spec = connectSpec({ condition: 'i != j', p: 0.1 }, ctx);
    assert.ok(spec.kind === 'generator');
    assert.equal(spec.generator.source, '_k for _k in sample(N_post, p=0.1) if i != _k');
    assert.equal(printExpr(spec.generator.condition!), 'i != _k');
  });

  it('connectSpec with a p depending on j draws rand() per candidate', () => {
    const spec = connectSpec({ condition: 'i != j', p: 'j*0.1' }, ctx);
    assert.ok(spec.kind === 'generator' && spec.generator.iterator.kind === 'range');
    assert.equal(printExpr(spec.generator.condition!), 'i != _k and rand() < j * 0.1');
  });

  it('connectSpec short form j="EXPR if COND" iterates over range(1)', () => {
    const spec = connectSpec({ j: 'int(i/2) if i % 2 == 0' }, ctx);
    assert.ok(spec.kind === 'generator');
    assert.equal(spec.generator.innerVariable, '_');
    assert.equal(printExpr(spec.generator.element), 'int(i / 2)');
  });

  it('connectSpec rejects p outside [0, 1] and negative n', () => {
    assert.throws(() => connectSpec({ p: 2 }, ctx), (e: unknown) => e instanceof ConnectError && e.code === 'invalid-value' && /Synapses 'syn': p must be a probability/.test(e.message));
    assert.throws(() => connectSpec({ i: [0], j: [0], n: -1 }, ctx), (e: unknown) => e instanceof ConnectError && /n must not be negative/.test(e.message));
    assert.throws(() => connectSpec({ n: 1.5 }, ctx), (e: unknown) => e instanceof ConnectError && e.brianClass === 'TypeError' && /n must be int or string/.test(e.message));
  });

  it('connectSpec arrays broadcast a scalar and repeat n', () => {
    const spec = connectSpec({ i: 1, j: [0, 2], n: 3 }, ctx);
    assert.ok(spec.kind === 'arrays');
    assert.deepEqual([...spec.i], [1, 1]);
    assert.deepEqual([...spec.n], [3, 3]);
  });

  it('connectSpec with a condition containing for suggests j=…', () => {
    assert.throws(() => connectSpec({ condition: 'k for k in range(3)' }, ctx), (e: unknown) => e instanceof ConnectError && e.brianClass === 'ValueError' && /write connect\(j='k for k in range\(3\)'\.\.\.\)/.test(e.message));
  });

  it('connectSpec range arguments may not depend on post variables (default suffix rule)', () => {
    assert.throws(() => connectSpec({ j: 'k for k in range(y_post)' }, ctx), (e: unknown) => e instanceof ConnectError && e.code === 'iterator-dependence' && /Expression "y_post" depends on postsynaptic index or iterator/.test(e.message));
    assert.ok(connectSpec({ j: 'k for k in range(x_pre)' }, ctx).kind === 'generator');
  });
});

describe('sampleIndices', () => {
  const lcg = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

  it('sampleMethod picks dense for n <= 1000 or p > 0.25, jumps otherwise', () => {
    assert.equal(sampleMethod(1000, 0.01), 'dense');
    assert.equal(sampleMethod(1001, 0.26), 'dense');
    assert.equal(sampleMethod(1001, 0.25), 'jump');
  });

  it('rangeLength follows Python range for positive and negative steps', () => {
    assert.equal(rangeLength(0, 10, 3), 4);
    assert.equal(rangeLength(9, -1, -1), 10);
    assert.equal(rangeLength(5, 0, 1), 0);
    assert.throws(() => rangeLength(0, 3, 0), ConnectError);
  });

  it('sampleIndices with p: sorted, in range, on the step grid, mean close to n*p (both methods)', () => {
    for (const [n, p] of [[500, 0.1], [100000, 0.02]] as const) {
      let total = 0;
      for (let rep = 0; rep < 5; rep++) {
        const s = sampleIndices(3, 3 + 2 * n, 2, { p }, lcg(rep + 1));
        for (let k = 1; k < s.length; k++) assert.ok(s[k]! > s[k - 1]!);
        assert.ok(s.every((v) => v >= 3 && v < 3 + 2 * n && (v - 3) % 2 === 0));
        total += s.length;
      }
      const mean = total / 5;
      assert.ok(Math.abs(mean - n * p) < 5 * Math.sqrt(n * p), `n=${n} p=${p} mean ${mean}`);
    }
  });

  it('sampleIndices with size gives distinct sorted values and Brian2 errors for bad sizes', () => {
    const s = sampleIndices(0, 100, 1, { size: 10 }, lcg(7));
    assert.equal(new Set(s).size, 10);
    assert.deepEqual(s, [...s].sort((a, b) => a - b));
    assert.deepEqual(sampleIndices(0, 4, 1, { size: 9, skipIfInvalid: true }, lcg(1)), [0, 1, 2, 3]);
    assert.deepEqual(sampleIndices(0, 4, 1, { size: -1, skipIfInvalid: true }, lcg(1)), []);
    assert.throws(() => sampleIndices(0, 4, 1, { size: 9 }, lcg(1)), (e: unknown) => e instanceof ConnectError && e.brianClass === 'IndexError' && /Requested sample size 9 is bigger than the population size 4\./.test(e.message));
    assert.throws(() => sampleIndices(0, 4, 1, { size: -2 }, lcg(1)), /Requested sample size -2 is negative\./);
  });

  it('sampleIndices with p below 2^-53 (1 - p rounds to 1) takes one draw and yields nothing', () => {
    let draws = 0;
    assert.deepEqual(sampleIndices(0, 5000, 1, { p: 1e-17 }, () => (draws++, 0.5)), []);
    assert.equal(draws, 1);
  });

  it('sampleIndices with p 0 and 1 needs no draws', () => {
    const none = () => assert.fail('no draw expected');
    assert.deepEqual(sampleIndices(0, 5, 1, { p: 0 }, none), []);
    assert.deepEqual(sampleIndices(0, 5, 2, { p: 1 }, none), [0, 2, 4]);
  });
});
