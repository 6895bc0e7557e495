// Constants as captured values (issue 12, session 6): code differing only in the values of its
// namespace constants has one source (compiled once, reused), and gives every bit the literal form
// — folded and printed constants — and the reference evaluator give.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { binary, call, compare, name, num, parseStatements, statement, unary } from '../parsing/index.ts';
import type { Expr, Statement } from '../parsing/index.ts';
import { Variables, addIndexVariables } from '../variables/index.ts';
import { compileCodeBlock, compileReference, RandomState } from './index.ts';
import type { CodeObject } from './index.ts';
import { copyVariables, sameOutcome } from './testing.ts';

const N = 6;

function build(c: number, k: number): Variables {
  const vars = new Variables('g');
  addIndexVariables(vars, N);
  vars.addArray('x', { size: N, values: [-2.5, -1, 0, 0.5, 3, 7.25] });
  vars.addArray('y', { size: N, values: [1, -0.25, 2, -3, 0, 1e-17] });
  vars.addArray('n', { dtype: 'int32', size: N, values: [-7, -1, 0, 2, 5, 9] });
  vars.addArray('b', { dtype: 'bool', size: N, values: [1, 0, 1, 1, 0, 0] });
  vars.addArray('s', { size: 1, scalar: true, values: 0.75 });
  vars.addConstant('c', { value: c });
  vars.addConstant('k', { value: k, type: 'integer' });
  vars.addConstant('flag', { value: true, type: 'boolean' });
  return vars;
}

/** Every value of the float arrays as a bit-exact string (-0 and NaN included). */
function bits(vars: Variables): string[] {
  return ['x', 'y', 'n', 'b'].flatMap((v) => Array.from(vars.getArray(v).array, (x) => (Object.is(x, -0) ? '-0' : String(x))));
}

/** Counts `new Function` calls while `f` runs. */
function countCompilations(f: () => void): number {
  const original = globalThis.Function;
  let count = 0;
  globalThis.Function = new Proxy(original, {
    construct(target, args: unknown[]) {
      count++;
      return Reflect.construct(target, args) as object;
    },
  });
  try {
    f();
  } finally {
    globalThis.Function = original;
  }
  return count;
}

// Values that would trip a value-dependent rewrite of literals: x*1, x*-1, the small exponents,
// a zero divisor, signed zeros, non-finite values.
const floatValue = fc.constantFrom(1.5, -1.5, 0, -0, 1, -1, 2, 3, 0.5, 1e-300, 1e300, Infinity, -Infinity, NaN);
const intValue = fc.constantFrom(3, 0, 1, -1, 2, 4, 7);
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
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => call('clip', [a as Expr, num(-1, false), b as Expr])),
  ),
}));
const block = fc.array(
  fc.oneof(
    fc.tuple(fc.constantFrom('x', 'y'), fc.constantFrom('=', '+=', '*=') as fc.Arbitrary<'='>, expr).map(([t, op, v]) => statement(t, op, v)),
    fc.tuple(expr, expr).map(([a, b]) => statement('b', '=', compare('<', a, b))),
    expr.map((v) => statement('y', '=', binary('+', v, call('rand', [])))),
    expr.map((v) => statement('n', '+=', v)),
    expr.map((v) => statement('x', '=', binary('*', v, name('flag')))),
  ),
  { minLength: 1, maxLength: 4 },
);

function compiles(f: () => void): boolean {
  try {
    f();
    return true;
  } catch {
    return false; // rejected by inference (units, types): not what these properties test
  }
}

test('constants as values give the bits of folded literals and of the reference evaluator (property)', () => {
  let compared = 0;
  fc.assert(
    fc.property(block, floatValue, intValue, (statements: Statement[], c: number, k: number) => {
      const base = build(c, k);
      const tables = [copyVariables(base), copyVariables(base), copyVariables(base)];
      const spec = (vars: Variables) => ({ name: 'g', template: 'stateupdate' as const, statements, variables: vars, N, random: new RandomState(5) });
      let codes: CodeObject[] = [];
      if (!compiles(() => {
        codes = [
          compileCodeBlock(spec(tables[0]!), { constantsAsValues: true }),
          compileCodeBlock(spec(tables[1]!), { constantsAsValues: false }),
          compileReference(spec(tables[2]!)),
        ];
      })) return;
      for (let step = 0; step < 2; step++) if (!sameOutcome(...codes.map((code) => () => code.run()))) return;
      compared++;
      const [asValues, asLiterals, reference] = tables.map(bits);
      assert.deepEqual(asValues, asLiterals, codes[0]!.source);
      assert.deepEqual(asValues, reference, codes[0]!.source);
    }),
    { numRuns: 400 },
  );
  assert.ok(compared >= 200, `compared ${compared}`);
});

test('a rebuild with other constant values reuses the compiled code and computes with the new values', () => {
  const code = parseStatements('x = x*exp(-s/c) + c*k\ny = y + c*rand()\nn = n + k');
  const run = (c: number, k: number, constantsAsValues?: boolean) => {
    const vars = build(c, k);
    const spec = { name: 'g', template: 'stateupdate' as const, statements: code, variables: vars, N, random: new RandomState(7) };
    let source = '';
    const compilations = countCompilations(() => {
      const compiled = compileCodeBlock(spec, { constantsAsValues });
      source = compiled.source;
      compiled.run();
      compiled.run();
    });
    return { bits: bits(vars), source, compilations };
  };
  // Values not seen before in this process (the factory cache is per module instance).
  const first = run(0.3125, 5, true);
  const second = run(-0.8125, 6, true);
  assert.equal(second.source, first.source, 'one source for both builds');
  assert.equal(second.compilations, 0, 'the second build compiles nothing');
  assert.match(first.source, /const \$k_c = \$kv\[\d\];/);
  assert.doesNotMatch(first.source, /0\.3125|-0\.8125/);
  assert.notDeepEqual(second.bits, first.bits, 'the new values are used');
  // Each equals the literal form (which prints the values, so each build compiles anew).
  const firstLiteral = run(0.3125, 5, false);
  const secondLiteral = run(-0.8125, 6, false);
  assert.ok(firstLiteral.compilations >= 1 && secondLiteral.compilations >= 1);
  assert.notEqual(secondLiteral.source, firstLiteral.source);
  assert.deepEqual(first.bits, firstLiteral.bits);
  assert.deepEqual(second.bits, secondLiteral.bits);
});

test("the default ('varying'): a first build folds its constants, a rebuild captures those that changed, later rebuilds reuse it", () => {
  // Its own statements: the shapes seen are per thread (a fresh shape for this test).
  const code = parseStatements('x = x*exp(-s/c) + c*k + k*k\ny = y + c*rand()');
  const run = (c: number, k: number, constantsAsValues?: boolean | 'varying') => {
    const vars = build(c, k);
    const spec = { name: 'varying_g', template: 'stateupdate' as const, statements: code, variables: vars, N, random: new RandomState(7) };
    let source = '';
    const compilations = countCompilations(() => {
      const compiled = compileCodeBlock(spec, constantsAsValues === undefined ? {} : { constantsAsValues });
      source = compiled.source;
      compiled.run();
    });
    return { bits: bits(vars), source, compilations };
  };
  const first = run(0.40625, 3);
  assert.ok(first.compilations >= 1);
  assert.doesNotMatch(first.source, /\$kv/, 'the first build prints literals');
  assert.match(first.source, /0\.40625/);
  const second = run(0.59375, 3); // c changed, k did not
  assert.ok(second.compilations >= 1);
  assert.match(second.source, /const \$k_c = \$kv\[0\];/);
  assert.doesNotMatch(second.source, /\$k_k/, 'k kept its value: still a literal');
  const third = run(0.71875, 3);
  assert.equal(third.compilations, 0, 'a third value of c reuses the second build');
  assert.equal(third.source, second.source);
  const fourth = run(0.71875, 5); // now k changes too: compiled once more
  assert.ok(fourth.compilations >= 1);
  assert.match(fourth.source, /\$k_k/);
  for (const [r, c, k] of [[first, 0.40625, 3], [second, 0.59375, 3], [third, 0.71875, 3], [fourth, 0.71875, 5]] as const) {
    assert.deepEqual(r.bits, run(c, k, false).bits, `c = ${c}, k = ${k}: the literal form's bits`);
  }
});

test("'varying' on random blocks and values: bit-identical to the literal form (property)", () => {
  let compared = 0;
  fc.assert(
    fc.property(block, floatValue, intValue, floatValue, intValue, (statements: Statement[], c1: number, k1: number, c2: number, k2: number) => {
      // Two builds of the same block under one shape name: the second captures what changed.
      const results: string[][] = [];
      for (const [c, k, mode] of [[c1, k1, 'varying'], [c2, k2, 'varying'], [c2, k2, false]] as const) {
        const vars = build(c, k);
        const spec = { name: 'varying_property', template: 'stateupdate' as const, statements, variables: vars, N, random: new RandomState(5) };
        let code: CodeObject | undefined;
        if (!compiles(() => (code = compileCodeBlock(spec, { constantsAsValues: mode })))) return;
        let ok = true;
        for (let step = 0; step < 2 && ok; step++) ok = sameOutcome(() => code!.run());
        if (!ok) return;
        results.push(bits(vars));
      }
      compared++;
      assert.deepEqual(results[1], results[2]);
    }),
    { numRuns: 300 },
  );
  assert.ok(compared >= 150, `compared ${compared}`);
});

test('constants in exponents and boolean constants stay literals; fast-math mode keeps literals', () => {
  const vars = build(1.5, 2);
  const source = compileCodeBlock({ name: 'g', template: 'stateupdate', statements: parseStatements('x = x**k + c\ny = y*flag'), variables: vars, N }, { constantsAsValues: true }).source;
  assert.match(source, /\(\$v_x \* \$v_x\)/, 'x**k with k = 2 is still a multiplication');
  assert.match(source, /\$k_c/);
  assert.doesNotMatch(source, /\$k_k|\$k_flag/);
  const fast = compileCodeBlock({ name: 'g', template: 'stateupdate', statements: parseStatements('x = x + c'), variables: vars, N }, { fastMath: true, constantsAsValues: true }).source;
  assert.doesNotMatch(fast, /\$kv/);
  assert.match(fast, /1\.5/);
});

test('the same objects built again get a factory of their own (a later run), other objects share it', () => {
  // V8 leaves a later closure of a shared factory in baseline code (generate.ts, instantiate): a
  // later run of a network, which captures the same arrays, must not reuse the factory.
  const code = parseStatements('x = x*0.5 + y\nn = n + 1');
  const vars = build(0.1875, 2);
  const spec = { name: 'later_run_g', template: 'stateupdate' as const, statements: code, variables: vars, N };
  let first: CodeObject | undefined;
  let again: CodeObject | undefined;
  assert.ok(countCompilations(() => (first = compileCodeBlock(spec))) >= 1);
  assert.equal(countCompilations(() => (again = compileCodeBlock(spec))), 1, 'the same arrays again: a fresh factory');
  assert.equal(again!.source, first!.source, 'from the same generated source');
  const other = build(0.1875, 2);
  assert.equal(countCompilations(() => compileCodeBlock({ ...spec, variables: other }).run()), 0, 'other arrays: the shared factory');
  // Every instance computes the same thing.
  again!.run();
  const x = Array.from(vars.getArray('x').array);
  const n = Array.from(vars.getArray('n').array);
  assert.deepEqual(Array.from(other.getArray('x').array), x);
  assert.deepEqual(Array.from(other.getArray('n').array), n);
  assert.deepEqual(n, [-6, 0, 1, 3, 6, 10]);
});
