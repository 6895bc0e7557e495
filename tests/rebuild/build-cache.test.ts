/**
 * The build cache (session 7): rebuilding a model reuses parsed code, parsed model strings and
 * state-updater derivations. These tests check that a warm cache changes nothing — generated
 * sources and results bit for bit equal to a cold build — that different inputs never share an
 * entry, that bad input throws its typed error on every build, and that cached results are frozen.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  Equations,
  EquationError,
  NeuronGroup,
  ParseError,
  QuantityArray,
  SpikeMonitor,
  Synapses,
  DimensionMismatchError,
  buildCacheEntries,
  clearBuildCache,
  ms,
  mV,
  parseExpression,
  parseStatements,
  prefs,
  resetPrefs,
  run,
  seed,
  setBuildCacheEnabled,
  startScope,
  UnsupportedEquationsError,
} from 'brian-ts';
import { printExpr, printStatements } from '../../src/parsing/index.ts';
import { applyStateUpdater } from '../../src/stateupdaters/index.ts';
import { MEMO_CAPACITY } from '../../src/util/index.ts';
import { codeCacheStats } from '../../src/codegen/build-cache.ts';
import { graupnerBrunelShape } from './model.ts';

interface Built {
  sources: string[];
  values: number[][];
  spikes: number;
}

/** Three groups: noisy LIF (euler), a linear system with feedback through namespace constants (default methods → exact), and a nonlinear one (rk4). */
function models(a: number, b: number, s: number): Built {
  startScope();
  seed(s);
  const lif = new NeuronGroup(20, 'dv/dt = (-v + mu + sigma*sqrt(tau)*xi)/tau : volt (unless refractory)', {
    threshold: 'v > theta',
    reset: 'v = vr',
    refractory: ms(2),
    method: 'euler',
    namespace: { mu: mV(25), sigma: mV(3), tau: ms(20), theta: mV(20), vr: mV(10) },
  });
  const coupled = new NeuronGroup(3, 'dx/dt = (-x + a*y)/tau : 1\ndy/dt = (-y + b*x + 1)/tau : 1', { namespace: { a, b, tau: ms(10) } });
  const nonlinear = new NeuronGroup(4, 'dw/dt = (1 - w**2)/tau + sin(w)/tau : 1', { method: 'rk4', namespace: { tau: ms(5) } });
  nonlinear.w = 'i * 0.3';
  const spikes = new SpikeMonitor(lif);
  run(ms(20));
  const groups = [lif, coupled, nonlinear];
  return {
    sources: groups.map((g) => g.stateUpdater.codeObject!.source),
    values: [lif.v, coupled.x, coupled.y, nonlinear.w].map((q) => Array.from((q as QuantityArray).values)),
    spikes: spikes.numSpikes,
  };
}

function sameBits(x: Built, y: Built, what: string): void {
  assert.deepEqual(x.sources, y.sources, `${what}: generated sources`);
  assert.equal(x.spikes, y.spikes, `${what}: spikes`);
  x.values.forEach((v, k) => assert.ok(v.every((e, i) => Object.is(e, y.values[k]![i])), `${what}: values ${k} bit for bit`));
}

describe('build cache', () => {
  // Constants are printed as literals (no per-shape "varying constants" state), so cold and warm
  // builds of the same parameters must print the same source whatever ran before.
  before(() => {
    prefs.codeReuse = false;
  });
  after(() => {
    resetPrefs('codeReuse');
    setBuildCacheEnabled(true);
  });

  it('gives the same generated sources and results, bit for bit, cold and warm (several parameter sets in turn)', () => {
    const points: [number, number, number][] = [
      [0.5, 0.2, 1],
      [0.3, 0.2, 2],
      [0.5, 0.2, 1],
      [0.5, -0.4, 3],
    ];
    setBuildCacheEnabled(false);
    const cold = points.map(([a, b, s]) => models(a, b, s));
    const coldShape = graupnerBrunelShape(4);
    setBuildCacheEnabled(true);
    clearBuildCache();
    const first = points.map(([a, b, s]) => models(a, b, s));
    assert.ok(buildCacheEntries() > 0, 'the cache was used');
    const warm = points.map(([a, b, s]) => models(a, b, s));
    points.forEach((_, k) => {
      sameBits(first[k]!, cold[k]!, `point ${k}, first build`);
      sameBits(warm[k]!, cold[k]!, `point ${k}, rebuild`);
    });
    // The feedback constants reach exact's solution: other values, other code.
    assert.notDeepEqual(warm[0]!.sources[1], warm[1]!.sources[1]);
    graupnerBrunelShape(4);
    assert.deepEqual(graupnerBrunelShape(4), coldShape);
  });

  it('never gives one input the entry of another (units, methods, options, feedback constants, ranges)', () => {
    const rhs = ['-x/tau', '(-x + a*y)/tau', '-x/tau + sigma*xi/sqrt(tau)', '(1 - x**2)/tau', '-x/tau + sin(x)/tau'];
    const units = ['1', 'volt', 'second', 'amp'];
    const methods: (string | string[])[] = ['euler', 'heun', 'rk2', 'rk4', 'exact', ['exact', 'euler', 'heun'], ['linear', 'rk2'], 'milstein', 'exponential_euler'];
    const input = fc.record({
      rhs: fc.constantFrom(...rhs),
      unit: fc.constantFrom(...units),
      method: fc.constantFrom(...methods),
      a: fc.constantFrom(0.5, 0.25, -0.5, 0),
      stateful: fc.boolean(),
    });
    const derive = (p: { rhs: string; unit: string; method: string | string[]; a: number; stateful: boolean }): string => {
      const eqs = `dx/dt = ${p.rhs} : ${p.unit}\ndy/dt = (-y + a*x)/tau : ${p.unit}`;
      try {
        const table = new Map<string, unknown>([
          ['a', { kind: 'constant', name: 'a', value: p.a, dim: undefined, readOnly: true, type: 'float' }],
          ['dt', { kind: 'array', name: 'dt', scalar: true, array: new Float64Array([1e-4]) }],
          ['tau', { kind: 'constant', name: 'tau', value: 0.01, readOnly: true, type: 'float' }],
        ]);
        const choice = applyStateUpdater(new Equations(eqs), { get: (n) => table.get(n) as never }, p.method, p.stateful ? { statefulFunctions: ['sin'] } : {});
        return `${choice.method}\n${printStatements(choice.statements)}`;
      } catch (e) {
        return `${(e as Error).constructor.name}: ${(e as Error).message}`;
      }
    };
    fc.assert(
      fc.property(fc.array(input, { minLength: 2, maxLength: 12 }), (inputs) => {
        setBuildCacheEnabled(false);
        const cold = inputs.map(derive);
        setBuildCacheEnabled(true);
        const warm = inputs.map(derive);
        const again = inputs.map(derive);
        assert.deepEqual(warm, cold);
        assert.deepEqual(again, cold);
      }),
      { numRuns: 60 },
    );
    // Parse trees keep their spans: the same text parsed over different ranges never shares a tree.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), (pad) => {
        const text = `${' '.repeat(pad)}a + b*c`;
        setBuildCacheEnabled(false);
        const cold = parseExpression(text, { start: pad });
        setBuildCacheEnabled(true);
        const warm = [parseExpression(text, { start: pad }), parseExpression(text, { start: pad })];
        for (const w of warm) assert.deepEqual(w, cold);
        assert.equal(printExpr(warm[1]!), printExpr(parseExpression('a + b*c')));
        assert.equal(warm[0]!.span?.start, pad);
      }),
    );
  });

  it('throws the same typed error for bad input on every build', () => {
    for (let k = 0; k < 3; k++) {
      assert.throws(() => parseExpression('a + * b'), ParseError);
      assert.throws(() => new Equations('dv/dt = -v/tau : volt\ndv/dt = 1/tau : volt'), EquationError);
      assert.throws(() => new Equations('dv/dt = -v/tau : vollt'), EquationError);
      assert.throws(() => applyStateUpdater(new Equations('dv/dt = -v**2/tau : 1'), undefined, 'exact'), UnsupportedEquationsError);
      assert.throws(() => new NeuronGroup(1, 'dv/dt = -v/tau : volt', { threshold: 'v >', namespace: { tau: ms(1) } }), ParseError);
    }
  });

  it('hands out frozen trees and fresh lists', () => {
    const s1 = parseStatements('v = 0\nw += 1');
    const s2 = parseStatements('v = 0\nw += 1');
    assert.notEqual(s1, s2, 'each call gets its own list');
    s1.push(...s2);
    assert.equal(parseStatements('v = 0\nw += 1').length, 2);
    assert.ok(Object.isFrozen(s2[0]) && Object.isFrozen(parseExpression('a*b + c')));
    assert.throws(() => {
      (parseExpression('a*b + c') as { kind: string }).kind = 'name';
    }, TypeError);
  });

  it('stays bounded over many distinct inputs', () => {
    clearBuildCache();
    for (let k = 0; k < 3 * MEMO_CAPACITY; k++) parseExpression(`x*${k} + y`);
    assert.ok(buildCacheEntries() <= MEMO_CAPACITY, `${buildCacheEntries()} entries`);
  });

  it('serves a sweep point\'s generated code from the cache: same sources, spikes and values, bit for bit (code reuse on)', () => {
    prefs.codeReuse = true;
    try {
      // Brunel & Hakim's shape, small: noisy LIF, threshold, reset, refractoriness, a delayed pathway
      // (other synapses at each point), monitors; muext and sigmaext vary as in the sweep bench.
      const point = (muext: number, sigmaext: number, s: number): { sources: string[]; values: number[]; spikes: number[] } => {
        startScope();
        seed(s);
        const namespace = { muext: mV(muext), sigmaext: mV(sigmaext), tau: ms(20), theta: mV(20), Vr: mV(10), J: mV(0.1) };
        const group = new NeuronGroup(60, 'dV/dt = (-V + muext + sigmaext*sqrt(tau)*xi)/tau : volt', { threshold: 'V > theta', reset: 'V = Vr', refractory: ms(2), method: 'euler', namespace });
        group.V = mV(10);
        const conn = new Synapses(group, group, '', { onPre: 'V += -J', delay: ms(2), namespace });
        conn.connect({ p: 0.2 });
        const spikes = new SpikeMonitor(group);
        run(ms(20));
        return {
          sources: [group.stateUpdater.codeObject!.source],
          values: Array.from((group.V as QuantityArray).values),
          spikes: [...Array.from((spikes.i as unknown as { values: ArrayLike<number> }).values ?? (spikes.i as unknown as ArrayLike<number>)), spikes.numSpikes],
        };
      };
      const points: [number, number, number][] = [
        [25, 1, 1],
        [25, 2, 2],
        [26, 1, 3],
        [27, 3, 4],
        [25, 1, 1],
      ];
      setBuildCacheEnabled(false);
      const cold = points.map(([m, sg, s]) => point(m, sg, s));
      setBuildCacheEnabled(true);
      clearBuildCache();
      const hits0 = codeCacheStats.hits;
      const warm = [...points, ...points].map(([m, sg, s]) => point(m, sg, s));
      assert.ok(codeCacheStats.hits - hits0 >= 5 * points.length, `hits: ${codeCacheStats.hits - hits0}`);
      warm.forEach((w, k) => {
        const c = cold[k % points.length]!;
        // (The first two cold builds print constants that had no second value yet as literals: the
        // per-shape history of generate.ts's varying constants, which the cold builds began.)
        if (k % points.length >= 2) assert.deepEqual(w.sources, c.sources, `point ${k}: sources`);
        assert.deepEqual(w.spikes, c.spikes, `point ${k}: spikes`);
        assert.ok(w.values.every((v, i) => Object.is(v, c.values[i])), `point ${k}: V bit for bit`);
      });
      assert.ok(cold[0]!.spikes.at(-1)! > 0, 'the network spikes');
    } finally {
      prefs.codeReuse = false;
    }
  });

  it('raises the typed error of a model that differs from a cached one only in a unit, on every build', () => {
    const build = (J: unknown): void => {
      startScope();
      const group = new NeuronGroup(5, 'dV/dt = -V/tau : volt', { threshold: 'V > theta', reset: 'V = Vr - J', namespace: { tau: ms(20), theta: mV(20), Vr: mV(10), J } });
      run(ms(1));
      void group;
    };
    for (let k = 0; k < 3; k++) {
      build(mV(1));
      // (Wrapped with the object's creation site; the cause is the unit error.)
      const unitError = (e: unknown): boolean => e instanceof Error && e.cause instanceof DimensionMismatchError;
      assert.throws(() => build(ms(1)), unitError);
      assert.throws(() => build(2), unitError);
    }
  });
});
