import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { binary, bool, call, compare, logical, name, num, parseExpression, statement, unary } from '../parsing/index.ts';
import type { Expr, Statement } from '../parsing/index.ts';
import { Variables, addIndexVariables } from '../variables/index.ts';
import { compileCodeBlock, defineBinomialFunction } from './index.ts';
import { RandomState } from './random.ts';
import { copyVariables, sameOutcome, twins } from './testing.ts';

const N = 6;
// BinomialFunctions in both regimes (inversion; normal approximation).
const binomials = [defineBinomialFunction('bexact', 40, 0.1), defineBinomialFunction('bnormal', 1000, 0.3)];

function build(floatDtype: 'float64' | 'float32' = 'float64'): Variables {
  const vars = new Variables('g');
  addIndexVariables(vars, N);
  vars.addArray('x', { size: N, dtype: floatDtype, values: [-2.5, -1, 0, 0.5, 3, 7.25] });
  vars.addArray('y', { size: N, dtype: floatDtype, values: [1, -0.25, 2, -3, 0, 1e-17] });
  vars.addArray('n', { dtype: 'int32', size: N, values: [-7, -1, 0, 2, 5, 9] });
  vars.addArray('b', { dtype: 'bool', size: N, values: [1, 0, 1, 1, 0, 0] });
  vars.addArray('q', { dtype: 'bool', size: N, values: [0, 0, 1, 1, 1, 0] });
  vars.addArray('s', { size: 1, scalar: true, values: 0.75 });
  vars.addConstant('c', { value: -1.5 });
  vars.addConstant('k', { value: 3, type: 'integer' });
  for (const f of binomials) vars.addFunction(f.name, f.descriptor, f.implementation);
  return vars;
}

const literal = fc.oneof(
  fc.constantFrom(0, 1, 2, 3, 4, -1).map((v) => num(v, true)),
  fc.constantFrom(0.5, -0.5, 2.5, 1e-3, 0.1).map((v) => num(v, false)),
);
const unaryFns = ['exp', 'abs', 'sin', 'floor', 'ceil', 'sign', 'int', 'sqrt', 'exprel', 'tanh', 'log', 'arctan', 'expm1'];

const { numeric, boolean } = fc.letrec<{ numeric: Expr; boolean: Expr }>((tie) => ({
  numeric: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    literal,
    fc.constantFrom('x', 'y', 's', 'n', 'c', 'k', 'i', 'N').map((v) => name(v)),
    fc.tuple(fc.constantFrom('+', '-', '*', '/', '//', '%', '**') as fc.Arbitrary<'+'>, tie('numeric'), tie('numeric')).map(([op, a, b]) => binary(op, a as Expr, b as Expr)),
    tie('numeric').map((a) => unary('-', a as Expr)),
    fc.tuple(fc.constantFrom(...unaryFns), tie('numeric')).map(([f, a]) => call(f, [a as Expr])),
    fc.tuple(tie('numeric'), tie('numeric'), tie('numeric')).map(([a, lo, hi]) => call('clip', [a as Expr, lo as Expr, hi as Expr])),
    tie('boolean').map((a) => call('int', [a as Expr])),
  ),
  boolean: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(name('b'), name('q'), bool(true), bool(false)),
    fc.tuple(fc.constantFrom('<', '<=', '>', '>=', '==', '!=') as fc.Arbitrary<'<'>, tie('numeric'), tie('numeric')).map(([op, a, b]) => compare(op, a as Expr, b as Expr)),
    fc.tuple(fc.constantFrom('and', 'or') as fc.Arbitrary<'and'>, tie('boolean'), tie('boolean')).map(([op, a, b]) => logical(op, a as Expr, b as Expr)),
    tie('boolean').map((a) => unary('not', a as Expr)),
  ),
}));

const randomTerm = fc.constantFrom<Expr | undefined>(undefined, undefined, call('rand', []), call('randn', []), call('bexact', []), call('bnormal', []));
const blockOf = (numeric: fc.Arbitrary<Expr>, boolean: fc.Arbitrary<Expr>): fc.Arbitrary<Statement[]> => {
  const stmt: fc.Arbitrary<Statement> = fc.oneof(
    fc.tuple(fc.constantFrom('y', 'x', 'tmp'), fc.constantFrom('=', '+=', '*=', '/=', '%=') as fc.Arbitrary<'='>, numeric, randomTerm).map(([target, op, value, r]) =>
      statement(target, target === 'tmp' ? '=' : op, r === undefined ? value : binary('+', value, r)),
    ),
    fc.tuple(fc.constantFrom('=', '+=', '-=') as fc.Arbitrary<'='>, numeric).map(([op, value]) => statement('n', op, value)),
    fc.tuple(fc.constantFrom('b', 'q'), boolean).map(([target, value]) => statement(target, '=', value)),
  );
  return fc.array(stmt, { minLength: 1, maxLength: 4 }).map(declaredFirst);
};
// A temporary must be declared (with `=`) before it is read; drop statements that would read it first.
function declaredFirst(stmts: readonly Statement[]): Statement[] {
  const out: Statement[] = [];
  let declared = false;
  for (const s of stmts) {
    const readsTmp = JSON.stringify(s.value).includes('"tmp"');
    if (readsTmp && !declared) continue;
    if (s.target === 'tmp') declared = true;
    out.push(s);
  }
  return out.length > 0 ? out : [statement('y', '=', num(1))];
}
const block = blockOf(numeric, boolean);

function ok(f: () => void): boolean {
  try {
    f();
    return true;
  } catch {
    return false; // rejected by inference (e.g. two rand() in one statement): not what this property tests
  }
}

test('generated code equals the reference evaluator on random blocks (property)', () => {
  fc.assert(
    fc.property(block, (statements) => {
      let tw: ReturnType<typeof twins> | undefined;
      if (!ok(() => (tw = twins(build, (vars) => ({ name: 'g', template: 'stateupdate', statements, variables: vars, N }))))) return;
      tw!.step(2);
      tw!.assertSame();
    }),
    { numRuns: 300 },
  );
});

// prefs.floatDtype = 'float32': x and y in Float32Arrays. Both backends round each write to the
// nearest float32 at once (so a later read in the block sees the stored value), computing in float64.
test('float32 storage: generated code equals the reference evaluator, and every stored value is a float32 (property)', () => {
  let differs = 0;
  fc.assert(
    fc.property(block, (statements) => {
      let tw: ReturnType<typeof twins> | undefined;
      if (!ok(() => (tw = twins(() => build('float32'), (vars) => ({ name: 'g', template: 'stateupdate', statements, variables: vars, N }))))) return;
      tw!.step(2);
      tw!.assertSame();
      for (const v of ['x', 'y']) {
        const a = tw!.a.getArray(v).array;
        assert.ok(a instanceof Float32Array);
      }
      // The same block over float64 storage: the rounding must be visible somewhere.
      let wide: ReturnType<typeof twins> | undefined;
      if (!ok(() => (wide = twins(() => build('float64'), (vars) => ({ name: 'g', template: 'stateupdate', statements, variables: vars, N }))))) return;
      wide!.step(2);
      const narrow = Array.from(tw!.a.getArray('y').array);
      const full = Array.from(wide!.a.getArray('y').array);
      if (narrow.some((x, k) => !Object.is(x, full[k]))) differs++;
    }),
    { numRuns: 300 },
  );
  assert.ok(differs > 30, `float32 results differ from float64 ones in ${differs} of 300 blocks`);
});

test('float32 storage: a value is rounded when written, so the next statement reads the stored float32', () => {
  const tw = twins(() => build('float32'), (vars) => ({ name: 'g', template: 'stateupdate', statements: [statement('y', '=', binary('/', name('x'), num(3, true))), statement('x', '=', binary('-', name('y'), binary('/', name('x'), num(3, true))))], variables: vars, N }));
  tw.step(1);
  tw.assertSame();
  const x0 = [-2.5, -1, 0, 0.5, 3, 7.25];
  const y = tw.a.getArray('y').array;
  const x = tw.a.getArray('x').array;
  x0.forEach((v, k) => {
    assert.equal(y[k], Math.fround(v / 3));
    assert.equal(x[k], Math.fround(Math.fround(v / 3) - v / 3), 'x is computed from the rounded y');
  });
  assert.ok(Array.from(x).some((v) => v !== 0), 'the rounding error is visible');
});

test('code over float32 and over float64 storage never shares a compiled function (monomorphic array accesses)', () => {
  const condition = compare('>', name('x'), num(1, true));
  const source = (dtype: 'float64' | 'float32'): string => {
    const vars = build(dtype);
    vars.addArray('_spikespace', { dtype: 'int32', size: N + 1 });
    return compileCodeBlock({ name: 'g', template: 'threshold', condition, variables: vars, N, eventSpace: vars.getArray('_spikespace') }).source;
  };
  const wide = source('float64');
  const narrow = source('float32');
  assert.notEqual(wide, narrow);
  assert.match(narrow, /\/\/ float32 \$cap \d+/);
  assert.doesNotMatch(wide, /float32/);
});

test('folding, hoisting and CSE never change a result bit (property)', () => {
  fc.assert(
    fc.property(block, numeric, (statements, condition) => {
      const base = build();
      const results: string[][] = [];
      for (const optimise of [{ fold: true, hoist: true, cse: true }, { fold: false, hoist: false, cse: false }]) {
        const vars = copyVariables(base);
        const cond = compare('<', condition, num(1, true));
        const spec = { name: 'g', template: 'set_expression' as const, statements, condition: cond, variables: vars, N, random: new RandomState(9) };
        if (!ok(() => compileCodeBlock(spec, { optimise }).run())) return;
        results.push(['x', 'y', 'n', 'b'].flatMap((v) => Array.from(vars.getArray(v).array, String)));
      }
      assert.deepEqual(results[0], results[1]);
    }),
    { numRuns: 300 },
  );
});

test('thresholds on random conditions agree between generated code and the reference (property)', () => {
  fc.assert(
    fc.property(boolean, (condition) => {
      let tw: ReturnType<typeof twins> | undefined;
      const withSpace = () => {
        const vars = build();
        vars.addArray('_spikespace', { dtype: 'int32', size: N + 1 });
        return vars;
      };
      if (!ok(() => (tw = twins(withSpace, (vars) => ({ name: 'g', template: 'threshold', condition, variables: vars, N, eventSpace: vars.getArray('_spikespace') }))))) return;
      tw!.step();
      tw!.assertSame();
    }),
    { numRuns: 200 },
  );
});

// Blocks built from a small pool of subexpressions, so repeats (and writes between them) are common.
const repetitive = fc
  .tuple(fc.array(numeric, { minLength: 1, maxLength: 3 }), fc.array(fc.tuple(fc.constantFrom('y', 'x', 'tmp', 'n'), fc.nat(), fc.nat(), fc.constantFrom('+', '*', '-') as fc.Arbitrary<'+'>, fc.constantFrom('', 'exp', 'tanh')), { minLength: 2, maxLength: 5 }))
  .map(([pool, shapes]) => {
    const out: Statement[] = [];
    let declared = false;
    for (const [target, i, j, op, fn] of shapes) {
      let value: Expr = binary(op, pool[i % pool.length]!, pool[j % pool.length]!);
      if (fn !== '') value = call(fn, [value]);
      if (JSON.stringify(value).includes('"tmp"') && !declared) continue;
      if (target === 'tmp') declared = true;
      out.push(statement(target, '=', value));
    }
    return out.length > 0 ? out : [statement('y', '=', num(1))];
  });

test('CSE of repeated subexpressions agrees with the reference evaluator (property)', () => {
  fc.assert(
    fc.property(repetitive, (statements) => {
      let tw: ReturnType<typeof twins> | undefined;
      if (!ok(() => (tw = twins(build, (vars) => ({ name: 'g', template: 'stateupdate', statements, variables: vars, N }))))) return;
      tw!.step(2);
      tw!.assertSame();
    }),
    { numRuns: 300 },
  );
});

// Expressions whose per-element inputs are mostly the booleans b and q (x only sometimes), so
// boolean specialisation applies often: `exp(s*int(b)/k)`, `clip(int(q) - c, s, 2)`, `b and s > 0`.
const { specNumeric, specBoolean } = fc.letrec<{ specNumeric: Expr; specBoolean: Expr }>((tie) => ({
  specNumeric: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    literal,
    fc.constantFrom('s', 'c', 'k', 's', 'x').map((v) => name(v)),
    tie('specBoolean').map((a) => call('int', [a as Expr])),
    fc.tuple(fc.constantFrom('+', '-', '*', '/', '//', '%', '**') as fc.Arbitrary<'+'>, tie('specNumeric'), tie('specNumeric')).map(([op, a, b]) => binary(op, a as Expr, b as Expr)),
    tie('specNumeric').map((a) => unary('-', a as Expr)),
    fc.tuple(fc.constantFrom(...unaryFns), tie('specNumeric')).map(([f, a]) => call(f, [a as Expr])),
    fc.tuple(tie('specNumeric'), tie('specNumeric'), tie('specNumeric')).map(([a, lo, hi]) => call('clip', [a as Expr, lo as Expr, hi as Expr])),
  ),
  specBoolean: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(name('b'), name('q'), name('b'), name('q'), bool(true)),
    fc.tuple(fc.constantFrom('<', '<=', '>', '>=', '==', '!=') as fc.Arbitrary<'<'>, tie('specNumeric'), tie('specNumeric')).map(([op, a, b]) => compare(op, a as Expr, b as Expr)),
    fc.tuple(fc.constantFrom('and', 'or') as fc.Arbitrary<'and'>, tie('specBoolean'), tie('specBoolean')).map(([op, a, b]) => logical(op, a as Expr, b as Expr)),
    tie('specBoolean').map((a) => unary('not', a as Expr)),
  ),
}));

/**
 * Compiles `statements` (template stateupdate) once per optimiser setting, each over a fresh copy
 * of `base`, runs each twice, and returns the values of `names` and the sources per setting;
 * undefined when inference rejects the block (not what these properties test).
 */
function underSettings(base: Variables, statements: Statement[], settings: readonly OptimiseSettings[], names: readonly string[]): { results: string[][]; sources: string[] } | undefined {
  const results: string[][] = [];
  const sources: string[] = [];
  for (const optimise of settings) {
    const vars = copyVariables(base);
    const spec = { name: 'g', template: 'stateupdate' as const, statements, variables: vars, N, random: new RandomState(9) };
    if (!ok(() => {
      const code = compileCodeBlock(spec, { optimise });
      code.run();
      code.run();
      sources.push(code.source);
    })) return undefined;
    results.push(names.flatMap((v) => Array.from(vars.getArray(v).array, String)));
  }
  return { results, sources };
}
type OptimiseSettings = NonNullable<NonNullable<Parameters<typeof compileCodeBlock>[1]>['optimise']>;

test('boolean specialisation never changes a result bit (property)', () => {
  let specialised = 0;
  let compiled = 0;
  fc.assert(
    fc.property(blockOf(specNumeric, specBoolean), (statements) => {
      const run = underSettings(build(), statements, [{ specialise: true }, { specialise: false }, { fold: false, hoist: false, cse: false, expandTimestep: false }], ['x', 'y', 'n', 'b', 'q']);
      if (run === undefined) return;
      const { results, sources } = run;
      compiled++;
      if (sources[0] !== sources[1]) specialised++;
      assert.deepEqual(results[0], results[1], sources[0]!);
      assert.deepEqual(results[0], results[2], sources[0]!);
      // And the specialised code agrees with the reference evaluator.
      const tw = twins(build, (vars) => ({ name: 'g', template: 'stateupdate', statements, variables: vars, N }));
      tw.step(2);
      tw.assertSame();
    }),
    { numRuns: 400 },
  );
  // The generator must exercise the transformation, not just pass through it.
  assert.ok(specialised >= compiled / 5, `specialised ${specialised} of ${compiled} blocks`);
});

// Temporaries read only by writes gated on b (`w` is written only where b holds, as a variable of
// an `(unless refractory)` equation is): computed lazily with b known, never a different bit.
function buildGated(): Variables {
  const vars = build();
  vars.addArray('w', { size: N, values: [0.5, -2, 0, 3, 1e-3, 9], conditionalWrite: 'b' });
  return vars;
}
const gatedBlock = fc
  .tuple(
    blockOf(specNumeric, specBoolean),
    fc.oneof(specNumeric, numeric),
    fc.array(fc.oneof(fc.tuple(fc.constantFrom('b', 'q'), specBoolean).map(([t, v]) => statement(t, '=', v)), fc.tuple(fc.constant('y'), numeric).map(([t, v]) => statement(t, '=', v))), { maxLength: 2 }),
    fc.constantFrom('=', '+=', '*=') as fc.Arbitrary<'='>,
    fc.boolean(),
  )
  .map(([before, value, between, op, twice]) => [
    ...before.filter((s) => s.target !== 'tmp' && !JSON.stringify(s.value).includes('"tmp"')),
    statement('tmp', '=', value),
    ...between,
    statement('w', op, twice ? binary('*', name('tmp'), name('x')) : name('tmp')),
    ...(twice ? [statement('w', '+=', name('tmp'))] : []),
  ]);

test('computing gated temporaries lazily never changes a result bit (property)', () => {
  let gated = 0;
  let compiled = 0;
  fc.assert(
    fc.property(gatedBlock, (statements) => {
      const run = underSettings(buildGated(), statements, [{}, { gateTemporaries: false }, { fold: false, hoist: false, cse: false, expandTimestep: false, gateTemporaries: false }], ['x', 'y', 'n', 'b', 'q', 'w']);
      if (run === undefined) return;
      const { results, sources } = run;
      compiled++;
      if (/let \$t_tmp = \(\$v_b \?/.test(sources[0]!)) gated++;
      assert.deepEqual(results[0], results[1], sources[0]!);
      assert.deepEqual(results[0], results[2], sources[0]!);
      const tw = twins(buildGated, (vars) => ({ name: 'g', template: 'stateupdate', statements, variables: vars, N }));
      tw.step(2);
      tw.assertSame();
    }),
    { numRuns: 300 },
  );
  assert.ok(gated >= compiled / 6, `gated ${gated} of ${compiled} blocks`);
});

// A threshold fused into the state update (one loop) must give what the state update followed by
// the threshold gives: every variable and the event space, bit for bit, with and without refractoriness.
function buildThreshold(): Variables {
  const vars = build();
  vars.addArray('_spikespace', { dtype: 'int32', size: N + 1 });
  vars.addArray('not_refractory', { dtype: 'bool', size: N, values: [1, 0, 1, 1, 0, 1] });
  vars.addArray('lastspike', { size: N, values: [-1, 0.1, 0.25, -1e9, 0.3, 0.05] });
  vars.addArray('t', { size: 1, scalar: true, values: 0.3, readOnly: true });
  return vars;
}
const deterministicCondition = boolean.filter((e) => !/"callee":"(rand|randn|bexact|bnormal)"/.test(JSON.stringify(e)));

test('a threshold fused into the state update equals the update followed by the threshold (property)', () => {
  let compiled = 0;
  fc.assert(
    fc.property(block, deterministicCondition, fc.boolean(), (statements, condition, refractory) => {
      const fusedVars = buildThreshold();
      const splitVars = copyVariables(fusedVars);
      const common = { name: 'g', N, refractory, stream: 'g:stateupdate' };
      let fused: ReturnType<typeof compileCodeBlock> | undefined;
      let update: ReturnType<typeof compileCodeBlock> | undefined;
      let threshold: ReturnType<typeof compileCodeBlock> | undefined;
      if (!ok(() => {
        fused = compileCodeBlock({ ...common, template: 'stateupdate_threshold', statements, condition, variables: fusedVars, eventSpace: fusedVars.getArray('_spikespace'), random: new RandomState(3) });
        update = compileCodeBlock({ ...common, template: 'stateupdate', statements, variables: splitVars, random: new RandomState(3) });
        threshold = compileCodeBlock({ ...common, template: 'threshold', condition, variables: splitVars, eventSpace: splitVars.getArray('_spikespace'), random: new RandomState(3) });
      })) return;
      for (let k = 0; k < 2; k++) {
        if (!sameOutcome(() => fused!.run(), () => (update!.run(), threshold!.run()))) return;
      }
      compiled++;
      for (const v of ['x', 'y', 'n', 'b', 'q', '_spikespace', 'not_refractory', 'lastspike']) {
        assert.deepEqual(Array.from(fusedVars.getArray(v).array, String), Array.from(splitVars.getArray(v).array, String), `${v}\n${fused!.source}`);
      }
      const tw = twins(buildThreshold, (vars) => ({ ...common, template: 'stateupdate_threshold', statements, condition, variables: vars, eventSpace: vars.getArray('_spikespace') }));
      tw.step(2);
      tw.assertSame();
    }),
    { numRuns: 300 },
  );
  assert.ok(compiled >= 100, `compiled ${compiled}`);
});

test('a fused threshold that draws random numbers is refused', () => {
  assert.throws(
    () => compileCodeBlock({ name: 'g', N, template: 'stateupdate_threshold', statements: [statement('y', '=', num(1))], condition: compare('<', call('rand', []), num(0.5, false)), variables: buildThreshold(), eventSpace: buildThreshold().getArray('_spikespace') }),
    /cannot draw random numbers/,
  );
});

test('integer // and % by a possibly-zero divisor are never hoisted or specialised (same error as the reference)', () => {
  // b is true at element 0: the reference raises `4 // 0` there; a specialisation over b that
  // precomputed the b = false value first would raise `1 // 0` instead.
  for (const source of ['y = (int(b)*3 + 1) // (int(b)*0)', 'y = (int(b)*3 + 1) % (int(b)*k - int(b)*k)', 'y = (n*k + 1) // (k - k)']) {
    const tw = twins(build, (vars) => ({ name: 'g', template: 'stateupdate', statements: [statement('y', '=', parseExpression(source.slice(4)))], variables: vars, N }));
    assert.throws(() => tw.reference.run(), /by zero/);
    const again = twins(build, (vars) => ({ name: 'g', template: 'stateupdate', statements: [statement('y', '=', parseExpression(source.slice(4)))], variables: vars, N }));
    again.step();
  }
});
