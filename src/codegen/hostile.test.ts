import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParseError, call, name, num, parseExpression, parseStatements, statement } from '../parsing/index.ts';
import type { Expr, Statement } from '../parsing/index.ts';
import { UndefinedIdentifierError } from '../inference/index.ts';
import { Variables, addIndexVariables } from '../variables/index.ts';
import { CodegenError, compileCodeBlock } from './index.ts';
import type { CodeBlockSpec } from './index.ts';

function table(): Variables {
  const vars = new Variables('neurongroup');
  addIndexVariables(vars, 3);
  vars.addArray('v', { size: 3 });
  return vars;
}

/** Counts `new Function` calls while `f` runs (none may happen for rejected input). */
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

const spec = (statements: readonly Statement[], vars = table()): CodeBlockSpec => ({ name: 'neurongroup', template: 'stateupdate', statements, variables: vars, N: 3 });

test('hostile model strings are rejected by the parser with ParseError, before any compilation', () => {
  const cases: [string, RegExp][] = [
    ['v = 1; process.exit(1)', /'process' is followed by '\.'/],
    ['v = `${process.exit(1)}`', /Unexpected character '`'/],
    ['v = 1\\nprocess.exit(1)', /Unexpected character '\\'/],
    ["v = 'x'", /String literals are not supported/],
    ['v = globalThis.process', /Attribute access/],
    ['v = (lambda: 1)()', /Lambda expressions are not supported/],
  ];
  for (const [code, message] of cases) {
    const n = countCompilations(() => {
      assert.throws(() => compileCodeBlock(spec(parseStatements(code))), (e: unknown) => e instanceof ParseError && message.test(e.message), code);
    });
    assert.equal(n, 0, code);
  }
  // Control: the counter does see compilations.
  const unique = `v = ${Date.now() % 100000}.25 + i`;
  assert.equal(countCompilations(() => compileCodeBlock(spec(parseStatements(unique)))), 1);
});

test('names such as constructor, __proto__ and process are unknown identifiers (UndefinedIdentifierError)', () => {
  for (const id of ['constructor', '__proto__', 'prototype', 'process', 'require', 'globalThis', 'Function', 'eval', 'toString', 'valueOf']) {
    const n = countCompilations(() => {
      assert.throws(
        () => compileCodeBlock(spec(parseStatements(`v = ${id} + 1`))),
        (e: unknown) => e instanceof UndefinedIdentifierError && e.identifier === id && e.message === `The identifier "${id}" could not be resolved.`,
      );
      assert.throws(
        () => compileCodeBlock(spec(parseStatements(`v = ${id}(1)`))),
        (e: unknown) => e instanceof UndefinedIdentifierError && e.identifier === id,
      );
    });
    assert.equal(n, 0, id);
  }
});

test('trees built by code with invalid identifiers, operators or literals are rejected with CodegenError', () => {
  const bad: [Statement, RegExp][] = [
    [statement('v', '=', name('process.exit(1)')), /Invalid identifier "process\.exit\(1\)"/],
    [statement('v', '=', name('a;b')), /Invalid identifier/],
    [statement('v', '=', call('exit); process.exit(1', [])), /Invalid function name/],
    [statement('v;process.exit(1);v', '=', num(1)), /Invalid assignment target/],
    [statement('v', '=', { kind: 'number', value: '1); process.exit(1); (' as unknown as number, isInteger: true }), /Invalid numeric literal/],
    [statement('v', '=', { kind: 'binary', op: '); process.exit(1); (' as '+', left: num(1), right: num(2) }), /Invalid operator/],
    [statement('v', '=', { kind: 'raw', code: 'process.exit(1)' } as unknown as Expr), /Invalid expression node kind "raw"/],
    [statement('v', '=>' as '=', num(1)), /Invalid assignment operator/],
    [statement('class', '=', num(1)), /Invalid assignment target/],
  ];
  for (const [stmt, message] of bad) {
    const n = countCompilations(() => {
      assert.throws(
        () => compileCodeBlock(spec([stmt])),
        (e: unknown) => e instanceof CodegenError && e.code === 'invalid-identifier' && e.objectName === 'neurongroup' && message.test(e.message),
        message.source,
      );
    });
    assert.equal(n, 0);
  }
});

test('variables and temporaries named like JS or Object.prototype members are mangled and work', () => {
  const vars = new Variables('g');
  addIndexVariables(vars, 2);
  vars.addArray('constructor', { size: 2, values: [1, 2] });
  vars.addArray('__proto__', { size: 2 });
  vars.addArray('process', { size: 2 });
  const code = compileCodeBlock({
    name: 'g',
    template: 'stateupdate',
    statements: parseStatements('toString = constructor * 2\n__proto__ = toString + 1\nprocess = __proto__'),
    variables: vars,
    N: 2,
  });
  code.run();
  assert.deepEqual(Array.from(vars.getArray('process').array), [3, 5]);
  assert.equal(({} as Record<string, unknown>)['toString'], Object.prototype.toString);
  assert.match(code.source, /\$v_constructor/);
  assert.match(code.source, /let \$t_toString = /);
});

test('every identifier in generated source is internal ($-prefixed) or a fixed keyword', () => {
  const vars = table();
  vars.addArray('w', { dtype: 'int32', size: 3 });
  vars.addArray('s', { size: 1, scalar: true });
  const code = compileCodeBlock({
    name: 'neurongroup; process.exit(1)',
    template: 'stateupdate',
    statements: parseStatements('s = 2*s\nx = exp(v) + rand()*i + randn()\nw = x // 2\nv = clip(x % 3, 0, inf) ** 2 + poisson(abs(v))'),
    variables: vars,
    N: 3,
  });
  const withoutNumbers = code.source.replace(/\b\d+(\.\d+)?(e[+-]?\d+)?\b/g, '');
  const identifiers = new Set(withoutNumbers.match(/[A-Za-z_$][A-Za-z0-9_$]*/g));
  const keywords = new Set(['use', 'strict', 'const', 'let', 'return', 'function', 'for', 'if', 'true', 'false', 'continue']);
  for (const id of identifiers) {
    assert.ok(id.startsWith('$') || keywords.has(id) || /^run_[A-Za-z0-9_]+$/.test(id), `unexpected identifier ${id}`);
  }
  assert.match(code.source, /function run_neurongroup__process_exit_1_\(\)/);
});

test('an unknown function is an UndefinedIdentifierError; a table function without implementation is a CodegenError', () => {
  assert.throws(() => compileCodeBlock(spec(parseStatements('v = frobnicate(1)'))), UndefinedIdentifierError);
  const vars = table();
  vars.addFunction('f', { name: 'f', argUnits: [], argTypes: [], returnDim: vars.getArray('v').dim, returnType: 'float', stateful: false, autoVectorise: false });
  assert.throws(
    () => compileCodeBlock(spec(parseStatements('v = f()'), vars)),
    (e: unknown) => e instanceof CodegenError && e.code === 'no-implementation' && /Function 'f' used by 'neurongroup' has no JavaScript implementation/.test(e.message),
  );
  void parseExpression;
});
