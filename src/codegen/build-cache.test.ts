// The code-generation build cache (issue 12, session 8): a block compiled with the cache gives the
// source, the bits and the typed error the same block gives without it, whatever was compiled
// before — other statements, other tables (dtypes, units, scalar flags, constant types and
// values), other capture modes — and a rebuild of the same structure is served from the cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { binary, call, compare, name, num, parseStatements, statement, unary } from '../parsing/index.ts';
import type { Expr, Statement } from '../parsing/index.ts';
import { Dimension } from '../units/index.ts';
import { Variables, addIndexVariables } from '../variables/index.ts';
import { compileCodeBlock, RandomState } from './index.ts';
import type { CodeBlockSpec, CodeObject } from './index.ts';
import { codeCacheStats } from './build-cache.ts';
import { clearMemos } from '../util/index.ts';

const N = 6;
const VOLT = Dimension.of([1, 2, -3, 0, -1, 0, 0]);

/** What a table may differ in between builds of the same statements. */
interface Table {
  readonly c: number;
  readonly k: number;
  readonly yInt: boolean;
  readonly sShared: boolean;
  readonly xVolt: boolean;
  readonly cInteger: boolean;
  readonly cVolt: boolean;
}

function build(t: Table): Variables {
  const vars = new Variables('g');
  addIndexVariables(vars, N);
  vars.addArray('x', { size: N, values: [-2.5, -1, 0, 0.5, 3, 7.25], ...(t.xVolt ? { dim: VOLT } : {}) });
  vars.addArray('y', t.yInt ? { dtype: 'int32', size: N, values: [1, -2, 2, -3, 0, 5] } : { size: N, values: [1, -0.25, 2, -3, 0, 1e-17] });
  vars.addArray('n', { dtype: 'int32', size: N, values: [-7, -1, 0, 2, 5, 9] });
  vars.addArray('b', { dtype: 'bool', size: N, values: [1, 0, 1, 1, 0, 0] });
  vars.addArray('s', t.sShared ? { size: 1, scalar: true, values: 0.75 } : { size: N, values: [0.75, 0.5, 0.25, 0, -0.25, -0.5] });
  vars.addConstant('c', { value: t.cInteger ? (Number.isFinite(t.c) ? Math.trunc(t.c) : 2) : t.c, ...(t.cInteger ? { type: 'integer' as const } : {}), ...(t.cVolt ? { dim: VOLT } : {}) });
  vars.addConstant('k', { value: t.k, type: 'integer' });
  return vars;
}

/** Every value of the arrays as a bit-exact string (-0 and NaN included). */
function bits(vars: Variables): string[] {
  return ['x', 'y', 'n', 'b', 's'].flatMap((v) => Array.from(vars.getArray(v).array, (x) => (Object.is(x, -0) ? '-0' : String(x))));
}

const leaf = fc.oneof(
  fc.constantFrom('x', 'y', 'n', 's', 'c', 'k', 'c', 'k').map((v) => name(v)),
  fc.constantFrom(0, 1, 2, -1, 0.25).map((v) => num(v, Number.isInteger(v))),
);
const { expr } = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(fc.constantFrom('+', '-', '*', '/', '//', '%', '**') as fc.Arbitrary<'+'>, tie('expr'), tie('expr')).map(([op, a, b]) => binary(op, a as Expr, b as Expr)),
    tie('expr').map((a) => unary('-', a as Expr)),
    fc.tuple(fc.constantFrom('exp', 'sqrt', 'abs', 'int', 'floor'), tie('expr')).map(([f, a]) => call(f, [a as Expr])),
  ),
}));
const block = fc.array(
  fc.oneof(
    fc.tuple(fc.constantFrom('x', 'y', 's'), fc.constantFrom('=', '+=', '*=') as fc.Arbitrary<'='>, expr).map(([t, op, v]) => statement(t, op, v)),
    fc.tuple(expr, expr).map(([a, b]) => statement('b', '=', compare('<', a, b))),
    expr.map((v) => statement('y', '=', binary('+', v, call('rand', [])))),
    expr.map((v) => statement('n', '+=', v)),
  ),
  { minLength: 1, maxLength: 3 },
);
const table = fc.record({
  c: fc.constantFrom(1.5, -1.5, 0, -0, 1, 2, 3, 0.5, NaN),
  k: fc.constantFrom(3, 0, 1, -1, 2),
  yInt: fc.boolean(),
  sShared: fc.boolean(),
  xVolt: fc.boolean(),
  cInteger: fc.boolean(),
  cVolt: fc.boolean(),
});
const mode = fc.constantFrom<boolean | 'varying'>(true, false, 'varying');

type Outcome = { error: string } | { source: string; bits: string[] };

/** Compiles the block over a fresh table and runs it twice: its source and bits, or its error. */
function outcome(statements: readonly Statement[], t: Table, constantsAsValues: boolean | 'varying', buildCache: boolean, template: 'stateupdate' | 'threshold'): Outcome {
  const vars = build(t);
  const spec: CodeBlockSpec =
    template === 'stateupdate'
      ? { name: 'g', template, statements, variables: vars, N, random: new RandomState(5) }
      : {
          name: 'g',
          template,
          condition: compare('>', statements[0]!.value, name('c')),
          variables: vars,
          N,
          eventSpace: vars.addArray('_spikespace', { dtype: 'int32', size: N + 1 }),
          random: new RandomState(5),
        };
  let code: CodeObject;
  try {
    code = compileCodeBlock(spec, { constantsAsValues, buildCache });
    code.run();
    code.run();
  } catch (e) {
    return { error: `${(e as Error).constructor.name}: ${(e as Error).message}` };
  }
  const events = template === 'threshold' ? Array.from(vars.getArray('_spikespace').array, String) : [];
  return { source: code.source, bits: [...bits(vars), ...events] };
}

test('with the build cache, every block compiles to the source, bits and error it has without it, whatever came before (property)', () => {
  let compiled = 0;
  let failed = 0;
  const hits0 = codeCacheStats.hits;
  fc.assert(
    fc.property(
      fc.array(fc.tuple(block, table, mode, fc.constantFrom<'stateupdate' | 'threshold'>('stateupdate', 'stateupdate', 'threshold')), { minLength: 1, maxLength: 4 }),
      fc.array(fc.tuple(table, mode), { minLength: 1, maxLength: 3 }),
      (builds, rebuilds) => {
        // Each block, the same blocks over other tables, then the first builds again: the cache sees
        // the same structures with other and with the same tables.
        const all = [...builds, ...rebuilds.flatMap(([t, m]) => builds.map(([b, , , template]) => [b, t, m, template] as const)), ...builds];
        for (const [statements, t, m, template] of all) {
          // Uncached first: in 'varying' mode both then see the same history of constant values.
          const cold = outcome(statements, t, m, false, template);
          const warm = outcome(statements, t, m, true, template);
          assert.deepEqual(warm, cold);
          if ('error' in cold) failed++;
          else compiled++;
        }
      },
    ),
    { numRuns: 150 },
  );
  assert.ok(compiled >= 150 && failed >= 50, `compiled ${compiled}, failed ${failed}`);
  assert.ok(codeCacheStats.hits - hits0 >= 100, `served from the cache: ${codeCacheStats.hits - hits0}`);
});

test('a rebuild with other constant values is served from the cache and computes with the new values', () => {
  clearMemos();
  const code = parseStatements('x = x*exp(-s/c) + c*k\ny = y + c*rand()\nn = n + k');
  const base: Table = { c: 0.5, k: 2, yInt: false, sShared: true, xVolt: false, cInteger: false, cVolt: false };
  const hits0 = codeCacheStats.hits;
  const first = outcome(code, base, true, true, 'stateupdate');
  const second = outcome(code, { ...base, c: -0.75, k: 5 }, true, true, 'stateupdate');
  assert.equal(codeCacheStats.hits - hits0, 1, 'the second build is a hit');
  assert.ok('source' in first && 'source' in second);
  assert.equal(second.source, first.source);
  assert.notDeepEqual(second.bits, first.bits, 'the new values are used');
  assert.deepEqual(second, outcome(code, { ...base, c: -0.75, k: 5 }, true, false, 'stateupdate'));
  // A constant that becomes 0 under an integer division: another entry (the division may now throw).
  const division = parseStatements('n = n // k');
  assert.ok('source' in outcome(division, base, true, true, 'stateupdate'));
  const zero = outcome(division, { ...base, k: 0 }, true, true, 'stateupdate');
  assert.ok('error' in zero && /by zero/i.test(zero.error), JSON.stringify(zero));
});

test('a cached success never hides the typed error of a table it does not fit', () => {
  clearMemos();
  const code = parseStatements('x = x + c');
  const ok: Table = { c: 0.5, k: 2, yInt: false, sShared: true, xVolt: false, cInteger: false, cVolt: false };
  for (let k = 0; k < 3; k++) {
    assert.ok('source' in outcome(code, ok, 'varying', true, 'stateupdate'));
    const mismatch = outcome(code, { ...ok, cVolt: true }, 'varying', true, 'stateupdate');
    assert.ok('error' in mismatch && mismatch.error.startsWith('DimensionMismatchError'), JSON.stringify(mismatch));
    const undefinedName = outcome(parseStatements('x = x + q'), ok, 'varying', true, 'stateupdate');
    assert.ok('error' in undefinedName && undefinedName.error.includes('q'), JSON.stringify(undefinedName));
    // Writing to a shared variable from per-element values: allowed only for per-element `s`.
    assert.ok('source' in outcome(parseStatements('s = x'), { ...ok, sShared: false }, 'varying', true, 'stateupdate'));
    const shared = outcome(parseStatements('s = x'), ok, 'varying', true, 'stateupdate');
    assert.ok('error' in shared, JSON.stringify(shared));
  }
});
