/**
 * Integer // and % by zero and float → integer casts against Brian2 2.5.1 (issue 15 §5).
 * Fixture: tests/conformance/generate/integer_semantics.py (numpy and Cython targets).
 * Defined results (both targets agree) are compared value by value. Where Brian2's Cython target
 * (its default) raises ZeroDivisionError we raise a typed error (numpy would warn and give 0);
 * out-of-range casts are a typed error where numpy gives INT_MIN with a warning and direct
 * assignment raises OverflowError. Float % 0 follows numpy (NaN).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BrianError, BrianObjectError, GroupError, Network, NeuronGroup, defaultclock } from 'brian-ts';
import { loadFixture } from './fixture.ts';

interface Outcome {
  readonly m?: number[];
  readonly g?: (number | 'nan')[];
  readonly warnings?: string[];
  readonly error?: string;
  readonly message?: string;
}
interface Case {
  readonly code: string;
  readonly n: number[];
  readonly z: number[];
  readonly f: number[];
  readonly numpy: Outcome;
  readonly cython: Outcome;
}
const fixture = loadFixture<{ cases: Case[]; direct: Record<string, Outcome> }>('integer_semantics');

function runCase(c: Case): { m: number[]; g: number[] } {
  const G = new NeuronGroup(4, 'n : integer\nz : integer\nm : integer\nf : 1\ng : 1');
  G.n = c.n;
  G.z = c.z;
  G.f = c.f;
  G.runRegularly(c.code, { dt: defaultclock.dt });
  new Network(G).run(defaultclock.dt);
  return { m: Array.from(G.m.values as ArrayLike<number>), g: Array.from(G.g.values as ArrayLike<number>) };
}

describe('integer semantics (Brian2 conformance)', () => {
  for (const c of fixture.cases) {
    // numpy without a warning is a defined result (Cython agrees, or fails to compile `m = f`).
    const agree = c.numpy.m !== undefined && (c.numpy.warnings ?? []).length === 0 && c.cython.error === undefined;
    if (agree) {
      it(`${c.code} with z=${JSON.stringify(c.z)}, f=${JSON.stringify(c.f)} gives Brian2's values`, () => {
        const out = runCase(c);
        assert.deepEqual(out.m, c.numpy.m);
        assert.deepEqual(out.g.map((x) => (Number.isNaN(x) ? 'nan' : x)), c.numpy.g);
      });
    } else if (c.cython.error === 'ZeroDivisionError' && c.cython.message === 'integer division or modulo by zero') {
      it(`${c.code} by zero raises as Brian2's Cython target (numpy: ${c.numpy.warnings?.join(', ')})`, () => {
        assert.throws(
          () => runCase(c),
          (e: unknown) => e instanceof BrianObjectError && e.cause instanceof BrianError && /integer division or modulo by zero/.test((e.cause as Error).message),
        );
      });
    } else if (c.code.startsWith('g = ')) {
      it(`${c.code} (float) follows numpy: ${JSON.stringify(c.numpy.g)} (Cython raises ${c.cython.error})`, () => {
        assert.deepEqual(runCase(c).g.map((x) => (Number.isNaN(x) ? 'nan' : x)), c.numpy.g);
      });
    } else {
      it(`${c.code} with f=${JSON.stringify(c.f)} out of int32's range is a typed error (numpy gives ${JSON.stringify(c.numpy.m)} with '${c.numpy.warnings?.join(', ')}')`, () => {
        assert.throws(() => runCase(c), (e: unknown) => e instanceof BrianObjectError && /Cannot store 100000000000000000000 in an integer variable/.test(String((e.cause as Error)?.message)));
      });
    }
  }

  it(`direct assignment: 1e20 and NaN raise (Brian2: ${fixture.direct['1e20']!.error}, ${fixture.direct['nan']!.error}); 2147483647 is stored`, () => {
    assert.equal(fixture.direct['1e20']!.error, 'OverflowError');
    assert.equal(fixture.direct['nan']!.error, 'ValueError');
    const G = new NeuronGroup(2, 'm : integer');
    G.m = 5;
    assert.throws(() => (G.m = 1e20), GroupError);
    assert.throws(() => (G.m = NaN), GroupError);
    assert.throws(() => (G.m = [1, 1e20]), GroupError);
    assert.deepEqual(Array.from(G.m.values as ArrayLike<number>), [5, 5], 'nothing written by a failed assignment');
    G.m = 2147483647;
    assert.deepEqual(Array.from(G.m.values as ArrayLike<number>), fixture.direct['2147483647']!.m);
    assert.throws(() => (G.m = 'int(1e20)'), BrianError);
  });
});
