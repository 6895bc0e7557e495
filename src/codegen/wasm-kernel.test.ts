/**
 * WebAssembly kernels of fast-math state updates: which code objects get one (the rule and the
 * statements a kernel cannot express), that a kernel computes what the JavaScript loop computes
 * (bit for bit where no exp/expm1/exprel is involved; within their bounds where one is), and that
 * its results do not depend on the index ranges it is run over (threads) or on lanes (odd counts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseExpression, parseStatements } from '../parsing/index.ts';
import { Variables, addIndexVariables, packWasmStorage, wasmStorageAvailable } from '../variables/index.ts';
import { compileCodeBlock, setParallelHook } from './index.ts';
import type { CompileOptions, RangedCode } from './index.ts';
import type { CodeBlockSpec } from './spec.ts';
import { exprel } from './functions.ts';

function table(N: number, x: (i: number) => number): Variables {
  const vars = new Variables('g');
  addIndexVariables(vars, N);
  vars.addArray('x', { size: N, values: Array.from({ length: N }, (_, i) => x(i)) });
  vars.addArray('y', { size: N, values: Array.from({ length: N }, (_, i) => 0.5 - i / N) });
  vars.addArray('z', { size: N, values: 0 });
  vars.addArray('k', { dtype: 'int32', size: N, values: Array.from({ length: N }, (_, i) => i % 7) });
  vars.addArray('nr', { dtype: 'bool', size: N, values: Array.from({ length: N }, (_, i) => i % 3) });
  vars.addArray('flag', { dtype: 'bool', size: N, values: 0 });
  vars.addArray('_spikespace', { dtype: 'int32', size: N + 1 });
  vars.addArray('dt', { size: 1, scalar: true, values: 1e-4, readOnly: true });
  vars.addArray('t', { size: 1, scalar: true, values: 0.25, readOnly: true });
  vars.addArray('gain', { size: 1, scalar: true, values: 1.75 });
  vars.addConstant('tau', { value: 0.02 });
  vars.addConstant('c', { value: 3.5 });
  return vars;
}

const get = (vars: Variables, name: string): number[] => Array.from((vars.get(name) as { array: ArrayLike<number> }).array);

function run(code: string, options: CompileOptions, N = 33, x: (i: number) => number = (i) => -3 + (6 * i) / (N - 1), condition?: string) {
  const vars = table(N, x);
  const spec: CodeBlockSpec = {
    name: 'g',
    template: condition === undefined ? 'stateupdate' : 'stateupdate_threshold',
    statements: parseStatements(code),
    variables: vars,
    N,
    ...(condition === undefined ? {} : { condition: parseExpression(condition), eventSpace: vars.get('_spikespace') as never }),
  };
  const o = compileCodeBlock(spec, options);
  o.run();
  return { vars, source: o.source, kernel: o.source.includes('$K.run('), get: (name: string) => get(vars, name) };
}

/** Fast mode with kernels from one exp call per element (the default rule asks for four). */
const FAST_WASM: CompileOptions = { fastMath: true, kernels: true, kernelMinCalls: 1 };
const FAST_JS: CompileOptions = { fastMath: true, kernels: false };

test('a fast state update with exp/expm1/exprel runs as a kernel; exact mode and kernels: false never do', () => {
  const code = 'y = exp(x/tau*dt)*c/tau + exprel(x) - expm1(x/3)\nz = sqrt(abs(x)) + clip(x, -1, 1) + floor(x)*ceil(y) + x**2 + x**3 + x**4 + x**-1';
  assert.ok(run(code, FAST_WASM).kernel);
  assert.ok(!run(code, FAST_JS).kernel);
  assert.ok(!run(code, { fastMath: false, kernels: true }).kernel);
  // The default rule: at least 4 exp/expm1/exprel calls per element (after CSE: the same call twice counts once).
  const four = 'y = exp(x) + exprel(x - 1) + expm1(x/3)\nz = exp(2*x)';
  assert.ok(run(four, { fastMath: true }).kernel);
  assert.ok(!run('y = exp(x) + exprel(x - 1) + expm1(x/3)\nz = exp(x)', { fastMath: true }).kernel);
  assert.ok(!run(four, { fastMath: true, kernelMinCalls: 5 }).kernel);
  // The rule: no exp/expm1/exprel per element (exp of a constant is hoisted) → the JavaScript loop.
  assert.ok(!run('y = x*exp(-dt/tau) + c', FAST_WASM).kernel);
  assert.ok(run('y = x*exp(-dt/tau) + c', { ...FAST_WASM, kernelMinCalls: 0 }).kernel);
});

test('statements a kernel cannot express keep the JavaScript loop', () => {
  for (const code of ['y = exp(x) + rand()', 'y = exp(x) + log(x)', 'k = int(exp(x))', 'y = exp(x) + x % 2', 'y = exp(x) + x // 2', 'y = exp(x) + x**2.5', 'y = exp(x) + sin(x)']) {
    const r = run(code, FAST_WASM);
    assert.ok(!r.kernel, `${code}: no kernel`);
  }
});

test('without exp the kernel computes the JavaScript loop\'s bits (arithmetic, comparisons, gates, booleans, powers, functions)', () => {
  const codes = [
    'y = (x - c) / (-3 - k) + (1.5 - x) * gain + t\nz = y * y - x / 7',
    'y = sqrt(abs(x)) + clip(x, -1, 1) + floor(x) + ceil(y) + x**2 + x**3 + x**4 + x**-1',
    'flag = (x > 0.5 and y < 0.2) or not nr\nz = x * 2',
    'flag = x == y or x != 0.25\nnr = nr == flag',
    'y += x / tau\nz -= y\nz *= 1.5\nz /= gain',
  ];
  for (const code of codes) {
    for (const N of [1, 2, 33, 64, 4099]) {
      const a = run(code, { ...FAST_WASM, kernelMinCalls: 0 }, N);
      const b = run(code, FAST_JS, N);
      assert.ok(a.kernel, `${code}: kernel`);
      for (const name of ['x', 'y', 'z', 'nr', 'flag']) assert.deepEqual(a.get(name), b.get(name), `${code}, N = ${N}: ${name}`);
    }
  }
});

test('gated writes ((unless refractory)) and a fused threshold after the kernel', () => {
  const vars = table(41, (i) => -2 + i / 10);
  const spec = (v: Variables): CodeBlockSpec => ({
    name: 'g',
    template: 'stateupdate_threshold',
    statements: parseStatements('y = exp(x) * 0.5'),
    variables: v,
    N: 41,
    condition: parseExpression('y > 1'),
    eventSpace: v.get('_spikespace') as never,
  });
  // Gate by hand as lowering does for (unless refractory) variables: compare with the JS loop.
  const a = compileCodeBlock(spec(vars), FAST_WASM);
  assert.ok(a.source.includes('$K.run('));
  a.run();
  const other = table(41, (i) => -2 + i / 10);
  compileCodeBlock(spec(other), FAST_JS).run();
  assert.deepEqual(get(vars, '_spikespace'), get(other, '_spikespace'));
  const ya = get(vars, 'y');
  const yb = get(other, 'y');
  ya.forEach((v, i) => assert.ok(Math.abs(v - yb[i]!) <= 4e-16 * Math.abs(yb[i]!), `y[${i}]`));
});

test('kernel exp/expm1/exprel within their ulp bounds of exact mode, NaN and infinities included', () => {
  const xs = [NaN, Infinity, -Infinity, 0, -0, 1e-17, -750, 750, 709.5, -745.1, 0.3, -0.3, 5e-324, 1e-300];
  const N = xs.length;
  const a = run('y = exp(x)\nz = exprel(x)', FAST_WASM, N, (i) => xs[i]!);
  assert.ok(a.kernel);
  const y = a.get('y');
  const z = a.get('z');
  xs.forEach((x, i) => {
    const e = Math.exp(x);
    const r = exprel(x);
    if (!Number.isFinite(e) || e === 0) assert.ok(Object.is(y[i], e), `exp(${x}) = ${y[i]}`);
    else assert.ok(Math.abs(y[i]! - e) <= 2 * Number.EPSILON * Math.max(e, 2.2250738585072014e-308), `exp(${x}) = ${y[i]}, ${e}`);
    if (!Number.isFinite(r) || r === 0) assert.ok(Object.is(z[i], r), `exprel(${x}) = ${z[i]}`);
    else assert.ok(Math.abs(z[i]! - r) <= 3 * Number.EPSILON * Math.abs(r), `exprel(${x}) = ${z[i]}, ${r}`);
  });
});

test('ranged runs (threads) give the bits of one run over all elements, whatever the split and the chunks', () => {
  const code = 'y = exp(x*y) + exprel(x - 0.5) * gain\nflag = y > 1.2\nz = expm1(-x) + y';
  for (const [N, splits] of [
    [37, [[0, 37], [0, 1, 37], [0, 2, 3, 20, 37], [0, 18, 19, 37], [0, 5, 6, 7, 8, 37]]],
    [4501, [[0, 4501], [0, 1, 4501], [0, 2049, 4501], [0, 1125, 2250, 3375, 4501], [0, 4095, 4097, 4500, 4501]]],
  ] as const) {
    let ranged: RangedCode | undefined;
    setParallelHook((c, r) => {
      ranged = r;
      return c;
    });
    let vars: Variables;
    try {
      vars = table(N, (i) => Math.sin(i) * 2);
      compileCodeBlock({ name: 'g', template: 'stateupdate', statements: parseStatements(code), variables: vars, N }, FAST_WASM);
    } finally {
      setParallelHook(undefined);
    }
    assert.ok(ranged !== undefined && ranged.source.includes('$K.run($lo, $hi)'));
    const whole = run(code, FAST_WASM, N, (i) => Math.sin(i) * 2);
    const initial = table(N, (i) => Math.sin(i) * 2);
    for (const cuts of splits) {
      for (const name of ['x', 'y', 'z', 'flag']) (vars!.get(name) as { array: Float64Array }).array.set((initial.get(name) as { array: Float64Array }).array);
      // Each range as a thread runs it (here one after another on this thread).
      for (let p = 0; p + 1 < cuts.length; p++) ranged!.run(cuts[p]!, cuts[p + 1]!, p, new Int32Array(8));
      for (const name of ['y', 'z', 'flag']) assert.deepEqual(get(vars!, name), whole.get(name), `N = ${N}, ${cuts.join('/')}: ${name}`);
    }
  }
});

test('random arithmetic: the kernel gives the JavaScript loop\'s bits', () => {
  const leaf = fc.constantFrom('x', 'y', 'gain', 'c', '2.5', '0.1', 'k', 'dt');
  const expr = fc.letrec<{ e: string }>((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/'), tie('e')).map(([a, op, b]) => `(${a} ${op} ${b})`),
      fc.tuple(fc.constantFrom('sqrt', 'abs', 'floor', 'ceil', '-'), tie('e')).map(([f, a]) => (f === '-' ? `(-${a})` : `${f}(${a})`)),
      fc.tuple(tie('e'), tie('e')).map(([a, b]) => `clip(${a}, -1, ${b})`),
      tie('e').map((a) => `(${a})**2`),
    ),
  })).e;
  let kernels = 0;
  fc.assert(
    fc.property(expr, expr, (a, b) => {
      const code = `y = ${a}\nz = ${b} + y`;
      const w = run(code, { ...FAST_WASM, kernelMinCalls: 0 }, 9);
      const j = run(code, FAST_JS, 9);
      if (!w.kernel) return; // e.g. integer-only values
      kernels++;
      for (const name of ['y', 'z']) assert.deepEqual(w.get(name).map(String), j.get(name).map(String), `${code}: ${name}`);
    }),
    { numRuns: 200 },
  );
  assert.ok(kernels > 150, `${kernels} of 200 ran as kernels`);
});

test('a fused threshold reusing a value of the statements keeps the JavaScript loop; one that does not runs after the kernel', () => {
  // `exp(k*0.1) > 1.2` is computed by the statements too (k is not written): the condition may read it as a CSE value.
  const statements = 'y = exp(k*0.1) + exp(x) + exprel(x) + expm1(x*0.5)';
  for (const condition of ['exp(k*0.1) > 1.2 and y > 0', 'y > 2']) {
    const a = run(statements, FAST_WASM, 41, (i) => -2 + i / 10, condition);
    const b = run(statements, FAST_JS, 41, (i) => -2 + i / 10, condition);
    assert.deepEqual(a.get('_spikespace'), b.get('_spikespace'), condition);
    assert.ok(a.get('_spikespace')[41]! > 0, `${condition}: some events`);
    assert.equal(a.kernel, condition === 'y > 2', `${condition}: kernel ${a.kernel}`);
  }
});

test('dynamic storage (Synapses\' per-synapse state): the kernel reads the current arrays at each execution', () => {
  const build = (): Variables => {
    const vars = new Variables('s');
    addIndexVariables(vars, 0);
    vars.addArray('g', { size: 'dynamic', values: Array.from({ length: 9 }, (_, i) => 0.1 * i) });
    vars.addArray('u', { size: 'dynamic', values: Array.from({ length: 9 }, (_, i) => -0.5 + 0.1 * i) });
    vars.addArray('dt', { size: 1, scalar: true, values: 1e-4, readOnly: true });
    return vars;
  };
  const code = 'g = g*exp(-u) + exprel(u)*0.1 + expm1(g) - exp(2*u)\nu = u + 0.01';
  const spec = (v: Variables): CodeBlockSpec => ({ name: 's', template: 'stateupdate', statements: parseStatements(code), variables: v, N: 9 });
  const a = build();
  const b = build();
  const ka = compileCodeBlock(spec(a), { fastMath: true, kernels: true });
  const kb = compileCodeBlock(spec(b), FAST_JS);
  assert.ok(ka.source.includes('$K.run('));
  for (let step = 0; step < 3; step++) {
    ka.run();
    kb.run();
  }
  for (const name of ['g', 'u']) {
    const x = get(a, name);
    const y = get(b, name);
    x.forEach((v, i) => assert.ok(Math.abs(v - y[i]!) <= 1e-14 * Math.max(1, Math.abs(y[i]!)), `${name}[${i}]: ${v} vs ${y[i]}`));
  }
  // The storage grows and is replaced (a connect between runs): the kernel follows the new array.
  const g = a.get('g') as { array: Float64Array };
  const old = g.array;
  g.array = Float64Array.from(old);
  ka.run();
  assert.notDeepEqual(Array.from(g.array), Array.from(old));
});

// In-place kernels (session 7): the group's state in one shared WebAssembly memory
// (variables/wasm-storage.ts); the kernel works on it directly and does a fused threshold too.

/** A LIF-like table whose arrays are packed into WebAssembly memory (`pack`: false keeps today's storage). */
function packedTable(N: number, pack = true): Variables {
  const vars = new Variables('p');
  addIndexVariables(vars, N);
  vars.addArray('v', { size: N, values: Array.from({ length: N }, (_, i) => (i * 0.6180339887) % 1.05) });
  vars.addArray('u', { size: N, values: Array.from({ length: N }, (_, i) => 0.5 - (i % 13) / 13) });
  vars.addArray('w', { size: N, values: 0 });
  vars.addArray('nr', { dtype: 'bool', size: N, values: Array.from({ length: N }, (_, i) => (i % 3 === 0 ? 0 : 1)) });
  vars.addArray('g', { size: N, values: 0, conditionalWrite: 'nr' });
  vars.addArray('_spikespace', { dtype: 'int32', size: N + 1 });
  vars.addArray('dt', { size: 1, scalar: true, values: 1e-4, readOnly: true });
  vars.addArray('gain', { size: 1, scalar: true, values: 1.75 });
  vars.addConstant('tau', { value: 0.01 });
  vars.addConstant('v_inf', { value: 1.1 });
  if (pack) assert.ok(packWasmStorage(vars, 1) !== undefined || !wasmStorageAvailable);
  return vars;
}

const LIF = '_v = v_inf + (v - v_inf)*exp(-dt/tau)\nv = _v';

function fused(vars: Variables, N: number, statements: string, condition: string | undefined, options: CompileOptions) {
  return compileCodeBlock(
    {
      name: 'p',
      template: condition === undefined ? 'stateupdate' : 'stateupdate_threshold',
      statements: parseStatements(statements),
      variables: vars,
      N,
      ...(condition === undefined ? {} : { condition: parseExpression(condition), eventSpace: vars.get('_spikespace') as never }),
    },
    options,
  );
}

/** Runs `steps` steps (with a reset v = 0 of the events in between, as a group does) and returns every step's events and the final arrays. */
function steps(vars: Variables, N: number, code: { run(): void }, n: number, condition = true): { events: number[][]; v: number[]; u: number[]; w: number[] } {
  const events: number[][] = [];
  const ev = (vars.get('_spikespace') as { array: Int32Array }).array;
  const v = (vars.get('v') as { array: Float64Array }).array;
  for (let s = 0; s < n; s++) {
    code.run();
    if (!condition) continue;
    const found = Array.from(ev.subarray(0, ev[N]!));
    events.push(found);
    for (const i of found) v[i] = 0;
  }
  return { events, v: get(vars, 'v'), u: get(vars, 'u'), w: get(vars, 'w') };
}

test('in place: the LIF update + threshold runs as one kernel over the group\'s WebAssembly memory, with fast-JS\'s bits and events', { skip: !wasmStorageAvailable && 'no shared WebAssembly memory' }, () => {
  for (const N of [1, 2, 3, 7, 33, 4501]) {
    const a = packedTable(N);
    const b = packedTable(N);
    const k = fused(a, N, LIF, 'v > 1', FAST_WASM);
    const j = fused(b, N, LIF, 'v > 1', FAST_JS);
    // No loop in JavaScript at all: the kernel writes the events and returns their number.
    assert.ok(k.source.includes('$wasmInPlace(') && !k.source.includes('for (let $idx'), k.source);
    const x = steps(a, N, k, 120);
    const y = steps(b, N, j, 120);
    assert.deepEqual(x, y, `N = ${N}`);
    if (N > 30) assert.ok(x.events.flat().length > N / 10, `N = ${N}: the neurons fire (${x.events.flat().length} events)`);
  }
});

test('in place: ranged runs (threads) write each range\'s events in its own segment and give the bits of one run, whatever the split', { skip: !wasmStorageAvailable && 'no shared WebAssembly memory' }, () => {
  const code = 'w = u*gain + v*v\nv = v + (1.1 - v)*0.0099 + w*1e-3';
  for (const [N, splits] of [
    [37, [[0, 37], [0, 1, 37], [0, 2, 3, 20, 37], [0, 18, 19, 37], [0, 5, 6, 7, 8, 37]]],
    [4501, [[0, 4501], [0, 1, 4501], [0, 2049, 4501], [0, 1125, 2250, 3375, 4501], [0, 4095, 4097, 4500, 4501]]],
  ] as const) {
    let ranged: RangedCode | undefined;
    setParallelHook((c, r) => {
      ranged = r;
      return c;
    });
    const vars = packedTable(N);
    try {
      fused(vars, N, code, 'v > 0.9', FAST_WASM);
    } finally {
      setParallelHook(undefined);
    }
    assert.ok(ranged !== undefined && ranged.source.includes('$wasmInPlace($wk)($lo, $hi'), ranged?.source ?? 'no ranged code');
    const whole = packedTable(N);
    const one = fused(whole, N, code, 'v > 0.9', FAST_WASM);
    const reference = steps(whole, N, one, 1);
    const initial = packedTable(N, false);
    const ev = (vars.get('_spikespace') as { array: Int32Array }).array;
    for (const cuts of splits) {
      for (const name of ['v', 'u', 'w']) (vars.get(name) as { array: Float64Array }).array.set((initial.get(name) as { array: Float64Array }).array);
      ev.fill(-1);
      const segs = new Int32Array(8);
      const merged: number[] = [];
      for (let p = 0; p + 1 < cuts.length; p++) {
        ranged!.run(cuts[p]!, cuts[p + 1]!, p, segs);
        merged.push(...ev.subarray(cuts[p]!, cuts[p]! + segs[p]!));
        // Nothing written in the range's segment past its count (the next range's segment is its own).
        if (cuts[p]! + segs[p]! < cuts[p + 1]!) assert.equal(ev[cuts[p + 1]! - 1], -1, `N = ${N}, ${cuts.join('/')}: segment ${p}'s end`);
      }
      assert.deepEqual(merged, reference.events[0], `N = ${N}, ${cuts.join('/')}: events`);
      assert.ok(merged.length > 0);
      for (const name of ['v', 'w']) assert.deepEqual(get(vars, name), name === 'v' ? reference.v.map((x, i) => (merged.includes(i) ? get(vars, 'v')[i]! : x)) : reference.w, `N = ${N}, ${cuts.join('/')}: ${name}`);
    }
  }
});

test('in place: random arithmetic and conditions give the JavaScript loop\'s bits and events', { skip: !wasmStorageAvailable && 'no shared WebAssembly memory' }, () => {
  const leaf = fc.constantFrom('v', 'u', 'gain', 'tau', '2.5', '0.1', 'dt');
  const expr = fc.letrec<{ e: string }>((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/'), tie('e')).map(([a, op, b]) => `(${a} ${op} ${b})`),
      fc.tuple(fc.constantFrom('sqrt', 'abs', 'floor', 'ceil', '-'), tie('e')).map(([f, a]) => (f === '-' ? `(-${a})` : `${f}(${a})`)),
      tie('e').map((a) => `(${a})**2`),
    ),
  })).e;
  const cond = fc.tuple(fc.constantFrom('v', 'w', 'u'), fc.constantFrom('<', '>', '<=', '>=', '==', '!='), fc.constantFrom('0.5', 'u', 'gain*w')).map(([a, op, b]) => `${a} ${op} ${b}`);
  fc.assert(
    fc.property(expr, expr, cond, fc.integer({ min: 1, max: 40 }), (a, b, c, N) => {
      const code = `w = ${a}\nv = ${b} + w*0.5`;
      const x = packedTable(N);
      const y = packedTable(N);
      const k = fused(x, N, code, c, FAST_WASM);
      const j = fused(y, N, code, c, FAST_JS);
      assert.ok(k.source.includes('$wasmInPlace('), code);
      const r = steps(x, N, k, 2);
      const s = steps(y, N, j, 2);
      assert.deepEqual(JSON.stringify(r), JSON.stringify(s), `${code} / ${c}`);
    }),
    { numRuns: 150 },
  );
});

test('in place only where every element array of the kernel is float64 storage of one WebAssembly memory', { skip: !wasmStorageAvailable && 'no shared WebAssembly memory' }, () => {
  const inPlace = (vars: Variables, code: string, condition?: string, options: CompileOptions = FAST_WASM) => fused(vars, 33, code, condition, options).source.includes('$wasmInPlace(');
  assert.ok(inPlace(packedTable(33), LIF, 'v > 1'));
  assert.ok(inPlace(packedTable(33), 'w = u*v + gain'), 'a state update without threshold');
  assert.ok(!inPlace(packedTable(33, false), LIF, 'v > 1'), 'unpacked storage: no kernel (0 calls)');
  assert.ok(!inPlace(packedTable(33), LIF, 'v > 1', { ...FAST_WASM, inPlace: false }));
  assert.ok(!inPlace(packedTable(33), LIF, 'v > 1', { fastMath: false, exactKernels: false }), 'exact mode without its kernels');
  assert.ok(inPlace(packedTable(33), LIF, 'v > 1', { fastMath: false }), 'exact mode (session 8: wasm-exact.test.ts)');
  assert.ok(!inPlace(packedTable(33), LIF, 'v > 1', FAST_JS));
  // An array added after packing lives elsewhere; so does integer storage.
  const late = packedTable(33);
  late.addArray('q', { size: 33, values: 1 });
  late.addArray('k', { dtype: 'int32', size: 33, values: 1 });
  assert.ok(!inPlace(late, 'v = v*q'));
  assert.ok(inPlace(late, 'v = v*u'));
  // The threshold condition reads an array outside the memory: the update is in place, the threshold a JavaScript loop after it.
  const mixed = fused(late, 33, LIF, 'v > 1 and q > 0', FAST_WASM).source;
  assert.ok(mixed.includes('$wasmInPlace(') && mixed.includes('for (let $idx'), mixed);
  const a = packedTable(33);
  const b = packedTable(33);
  for (const t of [a, b]) t.addArray('q', { size: 33, values: Array.from({ length: 33 }, (_, i) => i % 2) });
  assert.deepEqual(steps(a, 33, fused(a, 33, LIF, 'v > 1 and q > 0', FAST_WASM), 100), steps(b, 33, fused(b, 33, LIF, 'v > 1 and q > 0', FAST_JS), 100));
});

test('in place: booleans (one byte per element) read, written, as gates and in the threshold give the JavaScript loop\'s bits', { skip: !wasmStorageAvailable && 'no shared WebAssembly memory' }, () => {
  for (const N of [1, 2, 5, 33, 1030]) {
    for (const [code, condition] of [
      ['w = u*v\nnr = w > 0.2', undefined],
      ['nr = v < 0.7 or u > 0.3\nw = u*v\ng = g + 0.1', 'v > 1 and nr'],
      ['v = v + 0.01*(1.2 - v)\ng = g + v', 'v > 1 and not nr'],
    ] as const) {
      const a = packedTable(N);
      const b = packedTable(N);
      const k = fused(a, N, code, condition, FAST_WASM);
      assert.ok(k.source.includes('$wasmInPlace(') && !k.source.includes('for (let $idx'), k.source);
      const x = steps(a, N, k, 60, condition !== undefined);
      const y = steps(b, N, fused(b, N, code, condition, FAST_JS), 60, condition !== undefined);
      assert.deepEqual(x, y, `N = ${N}: ${code} / ${condition}`);
      for (const name of ['nr', 'g']) assert.deepEqual(get(a, name), get(b, name), `N = ${N}: ${code}: ${name}`);
      // Only 0 and 1 are ever stored.
      assert.ok(get(a, 'nr').every((x) => x === 0 || x === 1));
    }
  }
});

test('in place: refractoriness in the fused threshold (an event needs not_refractory, sets it false and lastspike to t), whatever the split', { skip: !wasmStorageAvailable && 'no shared WebAssembly memory' }, () => {
  // CUBA's neurons: the refractory check, the gated x, a decay; the threshold writes the refractory state.
  const build = (N: number): Variables => {
    const vars = new Variables('r');
    addIndexVariables(vars, N);
    vars.addArray('x', { size: N, values: Array.from({ length: N }, (_, i) => (i * 0.6180339887) % 1.05), conditionalWrite: 'not_refractory' });
    vars.addArray('ge', { size: N, values: Array.from({ length: N }, (_, i) => 0.002 * (i % 5)) });
    vars.addArray('lastspike', { size: N, values: -1e4 });
    vars.addArray('not_refractory', { dtype: 'bool', size: N, values: 1 });
    vars.addArray('_spikespace', { dtype: 'int32', size: N + 1 });
    vars.addArray('t', { size: 1, scalar: true, values: 0 });
    vars.addArray('dt', { size: 1, scalar: true, values: 1e-4, readOnly: true });
    assert.ok(packWasmStorage(vars, 1) !== undefined);
    return vars;
  };
  const code = 'not_refractory = (t - lastspike) >= 0.002\n_x = x + (1.2 + ge - x)*0.01\nge = ge*0.98\nx = _x';
  const spec = (vars: Variables, N: number): CodeBlockSpec => ({
    name: 'r',
    template: 'stateupdate_threshold',
    statements: parseStatements(code),
    variables: vars,
    N,
    condition: parseExpression('x > 1'),
    eventSpace: vars.get('_spikespace') as never,
    refractory: true,
  });
  for (const N of [1, 7, 33, 1031]) {
    const a = build(N);
    const b = build(N);
    let ranged: RangedCode | undefined;
    setParallelHook((c, r) => {
      ranged = r;
      return c;
    });
    let k;
    try {
      k = compileCodeBlock(spec(a, N), FAST_WASM);
    } finally {
      setParallelHook(undefined);
    }
    const j = compileCodeBlock(spec(b, N), FAST_JS);
    assert.ok(k.source.includes('$wasmInPlace(') && !k.source.includes('for (let $idx'), k.source);
    const arr = (v: Variables, name: string): Float64Array => (v.get(name) as { array: Float64Array }).array;
    const evA = (a.get('_spikespace') as { array: Int32Array }).array;
    const evB = (b.get('_spikespace') as { array: Int32Array }).array;
    const cuts = [0, Math.floor(N / 3), Math.floor(N / 3) + 1, N].filter((c, i, all) => i === 0 || c > all[i - 1]!);
    const segs = new Int32Array(8);
    let events = 0;
    for (let step = 0; step < 300; step++) {
      arr(a, 't')[0] = arr(b, 't')[0] = step * 1e-4;
      // Odd steps as threads run it (ranges one after another), even steps whole.
      if (step % 2 === 1) {
        const merged: number[] = [];
        for (let p = 0; p + 1 < cuts.length; p++) {
          ranged!.run(cuts[p]!, cuts[p + 1]!, p, segs);
          merged.push(...evA.subarray(cuts[p]!, cuts[p]! + segs[p]!));
        }
        evA.set(merged);
        evA[N] = merged.length;
      } else k.run();
      j.run();
      const x = Array.from(evA.subarray(0, evA[N]!));
      assert.deepEqual(x, Array.from(evB.subarray(0, evB[N]!)), `N = ${N}, step ${step}: events`);
      events += x.length;
      for (const name of ['x', 'ge', 'lastspike', 'not_refractory']) assert.deepEqual(get(a, name), get(b, name), `N = ${N}, step ${step}: ${name}`);
      // The reset.
      for (const v of [a, b]) for (const i of x) arr(v, 'x')[i] = 0;
    }
    if (N > 30) assert.ok(events > N / 2, `N = ${N}: ${events} events`);
  }
});
