/**
 * Conformance of the state updaters with Brian2 2.5.1: for each equation system of the
 * catalogue and each method, our abstract code and Brian2's are both evaluated for one step at
 * the same points (with the same fixed noise draws) and compared numerically; where Brian2
 * refuses a method we must refuse it with the same message; the automatic choice must agree.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Equations, addRefractoriness } from '../../src/equations/index.ts';
import { printStatements } from '../../src/parsing/index.ts';
import type { Statement } from '../../src/parsing/index.ts';
import { evaluate, type BuiltinFunction, type Value } from '../../src/symbolic/index.ts';
import { applyStateUpdater, getStateUpdater, UnsupportedEquationsError } from '../../src/stateupdaters/index.ts';
import type { VariableLookup } from '../../src/stateupdaters/index.ts';
import type { Variable } from '../../src/variables/index.ts';
import { DIMENSIONLESS } from '../../src/units/index.ts';
import { assertClose, loadFixture } from './fixture.ts';

interface Point {
  values: Record<string, number | boolean>;
  noise: Record<string, number>;
}
/** `null`: Brian2's own code gives NaN there (a refractory neuron, never written back). */
type MethodResult = { error: string; message: string } | { code: string; results: Record<string, number | null>[] };
interface Case {
  name: string;
  model: string;
  refractory: boolean;
  points: Point[];
  methods: Record<string, MethodResult>;
  automatic: string;
  deviation?: string;
  /** Names resolved as namespace constants (with dt), so that `exact` may evaluate M at apply time. */
  constants?: string[];
}
interface Fixture {
  randValue: number;
  defaultMethods: string[];
  cases: Case[];
}

const fixture = loadFixture<Fixture>('stateupdaters');

function equationsOf(c: Case): Equations {
  const eqs = new Equations(c.model);
  return c.refractory ? addRefractoriness(eqs) : eqs;
}

/** The case's namespace constants (and dt) at `point`, as a NeuronGroup resolves them; undefined without constants. */
function variablesOf(c: Case, point: Point): VariableLookup | undefined {
  if (c.constants === undefined) return undefined;
  const table = new Map<string, Variable>();
  for (const n of [...c.constants, 'dt']) {
    const value = point.values[n];
    assert.equal(typeof value, 'number', `${c.name}: no value for constant ${n}`);
    // Dimensions do not matter to the state updaters.
    table.set(n, { kind: 'constant', name: n, dim: DIMENSIONLESS, readOnly: true, value: value as number, type: 'float' });
  }
  return table;
}

/** Runs abstract code once; `randn()` in `xi_k = …` draws the fixture's value for `xi_k`. */
function run(statements: readonly Statement[], point: Point): Map<string, Value> {
  const values = new Map<string, Value>(Object.entries(point.values));
  let target = '';
  const fn = (name: string, apply: () => number): BuiltinFunction => ({ name, arity: 0, stateless: false, integerResult: 'never', apply });
  const functions = new Map<string, BuiltinFunction>([
    ['randn', fn('randn', () => point.noise[target] ?? assert.fail(`randn() outside a noise statement (${target})`))],
    ['rand', fn('rand', () => fixture.randValue)],
  ]);
  for (const s of statements) {
    assert.equal(s.op, '=');
    target = s.target;
    values.set(s.target, evaluate(s.value, values, { functions }));
  }
  return values;
}

/** Brian2's message, with the quoted expression (printed by sympy in its own form) as a wildcard. */
function messagePattern(message: string): RegExp {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = /^(The expression |Expression )'(.*)'(, defining the variable '[^']*', could not be separated into linear components\.| is not guaranteed to be constant over a time step\.)$/s.exec(message);
  if (m !== null) return new RegExp(`^${escape(m[1]!)}'.*'${escape(m[3]!)}$`, 's');
  return new RegExp(`^${escape(message)}$`);
}

describe('state updater conformance with Brian2 2.5.1', () => {
  assert.ok(fixture.cases.length >= 30);
  for (const c of fixture.cases) {
    for (const [method, expected] of Object.entries(c.methods)) {
      it(`getStateUpdater('${method}').apply(${c.name}) matches Brian2`, () => {
        const apply = (point = c.points[0]!) => getStateUpdater(method).apply(equationsOf(c), variablesOf(c, point));
        if ('error' in expected) {
          assert.equal(expected.error, 'UnsupportedEquationsException');
          if (c.deviation !== undefined && method === 'exact') {
            assert.throws(() => apply(), UnsupportedEquationsError); // our message says why (see the README)
            return;
          }
          assert.throws(() => apply(), (e: unknown) => e instanceof UnsupportedEquationsError && messagePattern(expected.message).test(e.message));
          return;
        }
        if (c.deviation !== undefined && method === 'exact') {
          // Known deviation (documented in src/stateupdaters/README.md): we refuse, clearly.
          assert.throws(() => apply(), UnsupportedEquationsError);
          return;
        }
        c.points.forEach((point, k) => {
          // With constants, the code depends on their values (numeric coefficients): one per point.
          const statements = apply(point);
          if (method === 'exact' && c.constants !== undefined) {
            // Namespace constants known at apply time: e^{M dt} is printed as numbers.
            assert.doesNotMatch(printStatements(statements), /exp|sqrt/);
          }
          const values = run(statements, point);
          for (const [name, value] of Object.entries(expected.results[k]!)) {
            const ours = values.get(name);
            if (value === null) continue;
            assert.equal(typeof ours, 'number', `${name} not computed`);
            assertClose(ours as number, value, { rtol: 1e-12, label: `${c.name}/${method}/point ${k}/${name}` });
          }
        });
      });
    }
    it(`applyStateUpdater(${c.name}) chooses '${c.automatic}' as Brian2`, () => {
      const choice = applyStateUpdater(equationsOf(c), variablesOf(c, c.points[0]!), fixture.defaultMethods, { groupName: 'neurongroup' });
      if (c.deviation !== undefined && c.automatic === 'exact') {
        assert.equal(choice.method, 'euler');
        return;
      }
      assert.equal(choice.method, c.automatic);
      assert.match(choice.info!, new RegExp(`^No numerical integration method specified for group 'neurongroup', using method '${c.automatic}' \\(took \\d+\\.\\d\\ds(, trying other methods took \\d+\\.\\d\\ds)?\\)\\.$`));
    });
  }
});
