/**
 * Exact-mode in-place kernels (session 8): where a group's state lives in WebAssembly memory and
 * every per-element operation of its state update is one WebAssembly computes bit-identically to
 * JavaScript, exact mode runs the update (and the fused threshold) as an f64x2 kernel. Exact mode's
 * rule is "bit-identical to the reference evaluator": the kernel's arrays and events are compared
 * byte for byte (any NaN equals any NaN: JavaScript leaves NaN bits to the engine) with the
 * JavaScript loop's and the reference evaluator's, over random call-free
 * models and values (NaN, ±Infinity, −0, subnormals, huge), odd sizes, gates, booleans,
 * refractoriness, captured constants and exp/expm1/exprel (s8-exp: the fdlibm ports); and what must stay JavaScript (other
 * transcendental calls per element, integer storage, `%`, `//`) does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseExpression, parseStatements } from '../parsing/index.ts';
import { Variables, addIndexVariables, packWasmStorage, wasmStorageAvailable } from '../variables/index.ts';
import type { ArrayVariable } from '../variables/index.ts';
import { compileCodeBlock, setParallelHook } from './index.ts';
import type { CompileOptions, RangedCode } from './index.ts';
import { compileReference } from './reference.ts';
import type { CodeBlockSpec, CodeObject } from './spec.ts';

const skip = !wasmStorageAvailable && 'no shared WebAssembly memory';

/** Values that exercise every IEEE corner: NaN, ±Infinity, ±0, subnormals, the extremes, ordinary numbers. */
const SPECIAL = [NaN, Infinity, -Infinity, -0, 0, 5e-324, -5e-324, 2.2250738585072014e-308, -1e-310, 1.7976931348623157e308, -1e308, 1, -1, 0.5, 1.1, 0.3, -2.5, 3e5, 1e-9, 0.95, 7, -0.7, 1.05, 0.1];
const value = (i: number, shift: number): number => (i % 5 === 4 ? SPECIAL[(i * 7 + shift) % SPECIAL.length]! : ((i * 0.6180339887 + shift * 0.37) % 1.3) - 0.1);

/** A group's table; `pack`: its arrays in one WebAssembly memory (as a NeuronGroup of ≥ 1024 neurons). */
function table(N: number, pack: boolean, specials = true, c = -0.25): Variables {
  const vars = new Variables('e');
  addIndexVariables(vars, N);
  const values = (shift: number): number[] => Array.from({ length: N }, (_, i) => (specials ? value(i, shift) : ((i * 0.6180339887 + shift * 0.37) % 1.3) - 0.1));
  vars.addArray('v', { size: N, values: values(0) });
  vars.addArray('u', { size: N, values: values(3) });
  vars.addArray('w', { size: N, values: values(11) });
  vars.addArray('x', { size: N, values: values(5), conditionalWrite: 'not_refractory' });
  vars.addArray('nr', { dtype: 'bool', size: N, values: Array.from({ length: N }, (_, i) => (i % 3 === 0 ? 0 : 1)) });
  vars.addArray('flag', { dtype: 'bool', size: N, values: Array.from({ length: N }, (_, i) => i % 2) });
  vars.addArray('g', { size: N, values: values(7), conditionalWrite: 'nr' });
  vars.addArray('n', { dtype: 'int32', size: N, values: Array.from({ length: N }, (_, i) => [0, -1, 7, 2147483647, -2147483648, 3, -12][i % 7]!) });
  vars.addArray('lastspike', { size: N, values: Array.from({ length: N }, (_, i) => (i % 4 === 0 ? -1e4 : 0.001 * (i % 5))) });
  vars.addArray('not_refractory', { dtype: 'bool', size: N, values: Array.from({ length: N }, (_, i) => (i % 4 === 1 ? 0 : 1)) });
  vars.addArray('_spikespace', { dtype: 'int32', size: N + 1 });
  vars.addArray('t', { size: 1, scalar: true, values: 0.003 });
  vars.addArray('dt', { size: 1, scalar: true, values: 1e-4, readOnly: true });
  vars.addArray('gain', { size: 1, scalar: true, values: 1.75 });
  vars.addConstant('tau', { value: 0.01 });
  vars.addConstant('c', { value: c });
  if (pack) assert.ok(packWasmStorage(vars, 1) !== undefined, 'packed');
  return vars;
}

interface Model {
  readonly code: string;
  readonly condition?: string;
  readonly refractory?: boolean;
}

function spec(vars: Variables, N: number, m: Model): CodeBlockSpec {
  return {
    name: 'e',
    template: m.condition === undefined ? 'stateupdate' : 'stateupdate_threshold',
    statements: parseStatements(m.code),
    variables: vars,
    N,
    ...(m.condition === undefined ? {} : { condition: parseExpression(m.condition), eventSpace: vars.get('_spikespace') as never, refractory: m.refractory === true }),
  };
}

const EXACT_KERNEL: CompileOptions = { fastMath: false, exactKernels: true };
const EXACT_JS: CompileOptions = { fastMath: false, exactKernels: false };
const usesKernel = (o: CodeObject): boolean => o.source.includes('$wasmInPlace(');

/** Every array of the table as bytes (the exact bits: NaN payloads and −0 included). */
function bytes(vars: Variables): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const [name, v] of vars) {
    if (v.kind !== 'array') continue;
    let a = (v as ArrayVariable).array;
    // The event space: the events and their count (a kernel may leave other indices after the count).
    if (name === '_spikespace') a = Int32Array.from(a, (x, i) => (i < a[a.length - 1]! || i === a.length - 1 ? x : 0));
    out[name] = Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  }
  return out;
}

/** Asserts two tables' bytes are equal, naming the first array and element that differ (as numbers). */
function assertSameBytes(x: Record<string, number[]>, y: Record<string, number[]>, vars: Variables, message: string): void {
  assert.deepEqual(Object.keys(x), Object.keys(y));
  for (const name of Object.keys(x)) {
    const a = x[name]!;
    const b = y[name]!;
    const per = (vars.get(name) as ArrayVariable).array.BYTES_PER_ELEMENT;
    // NaN equals NaN whatever its payload and sign: JavaScript leaves a NaN's bits to the engine
    // (V8's Math.max/min/floor return a positive quiet NaN, x64 arithmetic a negative one).
    const nan = (bytes: number[], i: number): boolean => per === 8 && Number.isNaN(new DataView(new Uint8Array(bytes.slice(i * 8, i * 8 + 8)).buffer).getFloat64(0, true));
    const k = a.findIndex((byte, i) => byte !== b[i] && !(nan(a, Math.floor(i / per)) && nan(b, Math.floor(i / per))));
    if (k < 0 && a.length === b.length) continue;
    const e = Math.floor(k / per);
    const read = (bytes: number[]): string => {
      const chunk = new Uint8Array(bytes.slice(e * per, e * per + per));
      const view = new DataView(chunk.buffer);
      return per === 8 ? `${view.getFloat64(0, true)} (0x${view.getBigUint64(0, true).toString(16)})` : per === 4 ? String(view.getInt32(0, true)) : String(chunk[0]);
    };
    assert.fail(`${message}: ${name}[${e}] is ${read(a)}, expected ${read(b)}`);
  }
}

/** Runs `steps` executions; after each, the events' `v` is reset to 0 (as a group's reset) and `t` advances. */
function steps(vars: Variables, N: number, code: CodeObject, n: number): Record<string, number[]> {
  const ev = (vars.get('_spikespace') as ArrayVariable).array as Int32Array;
  const v = (vars.get('v') as ArrayVariable).array;
  const t = (vars.get('t') as ArrayVariable).array;
  for (let s = 0; s < n; s++) {
    code.run();
    for (const i of ev.subarray(0, ev[N]!)) v[i] = 0;
    t[0] = t[0]! + 1e-4;
  }
  return bytes(vars);
}

/** The kernel, the JavaScript loop and the reference evaluator on the same model: the same bytes everywhere. */
function compare(m: Model, N: number, n = 3, options: CompileOptions = {}): boolean {
  const a = table(N, true);
  const b = table(N, true);
  const r = table(N, false);
  const k = compileCodeBlock(spec(a, N, m), { ...EXACT_KERNEL, ...options });
  const j = compileCodeBlock(spec(b, N, m), { ...EXACT_JS, ...options });
  assert.ok(!usesKernel(j));
  const x = steps(a, N, k, n);
  const y = steps(b, N, j, n);
  const z = steps(r, N, compileReference(spec(r, N, m)), n);
  assertSameBytes(x, y, a, `kernel vs JavaScript, N = ${N}: ${m.code} / ${m.condition}\n${k.source}`);
  assertSameBytes(x, z, a, `kernel vs the reference evaluator, N = ${N}: ${m.code} / ${m.condition}`);
  return usesKernel(k);
}

test('exact mode: call-free LIF and CUBA-like updates run in place with the JavaScript loop\'s and the reference evaluator\'s bits', { skip }, () => {
  const models: Model[] = [
    { code: '_v = 1.1 + (v - 1.1)*exp(-dt/tau)\nv = _v', condition: 'v > 1' },
    { code: 'not_refractory = (t - lastspike) >= 0.002\n_x = x + (1.2 + g - x)*0.01\ng = g*0.98\nx = _x', condition: 'x > 1', refractory: true },
    { code: 'w = u*gain + v*v\nv = v + (1.1 - v)*0.0099 + w*1e-3' },
    { code: 'v = sqrt(abs(u)) + clip(v, -1, w) + floor(u) + ceil(w) + int(v*3) + sign(u) + u**2 + v**3 + w**4 + u**-1' },
    { code: 'flag = (v > 0.5 and u < 0.2) or not nr\nnr = nr == flag\ng = g + v', condition: 'v > 0.9 and not flag' },
    { code: 'v += u/tau\nw -= v\nw *= 1.5\nu /= gain\ng += c' },
    // An integer variable read (int32 storage in the same memory; never written by a kernel).
    { code: 'v = v*0.5 + n*1e-10\nw = n/3 + abs(n)', condition: 'n > 2 and v > 0.4' },
  ];
  for (const m of models) for (const N of [1, 2, 3, 7, 33, 1031]) assert.ok(compare(m, N, 4), `${m.code}: a kernel`);
});

test('exact mode: random call-free models (arithmetic, functions, powers, comparisons, booleans, gates, temporaries, thresholds, refractoriness) give the same bytes as the JavaScript loop and the reference evaluator', { skip }, () => {
  const leaf = fc.constantFrom('v', 'u', 'w', 'x', 'g', 'n', 'gain', 'tau', 'c', 'dt', 't', 'lastspike', '2.5', '0.1', '(-0.0)', '1e308', '5e-324');
  const expr = fc.letrec<{ e: string }>((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/'), tie('e')).map(([a, op, b]) => `(${a} ${op} ${b})`),
      // exp, expm1, exprel (s8-exp): the fdlibm ports, where their self-check passed (asserted in wasm-exp.test.ts).
      fc.tuple(fc.constantFrom('sqrt', 'abs', 'floor', 'ceil', 'int', 'sign', '-', 'exp', 'exp', 'expm1', 'exprel'), tie('e')).map(([f, a]) => (f === '-' ? `(-${a})` : `${f}(${a})`)),
      fc.tuple(tie('e'), tie('e'), tie('e')).map(([a, lo, hi]) => `clip(${a}, ${lo}, ${hi})`),
      fc.tuple(tie('e'), fc.constantFrom('2', '3', '4', '-1')).map(([a, n]) => `(${a})**${n}`),
      // A subtree of loop invariants and one boolean: the optimiser makes it a select of two hoisted values.
      fc.constantFrom('(exp(-dt/tau*int(nr)) * 2.5)', '(gain*int(not flag) + c)'),
    ),
  })).e;
  const cmp = fc.tuple(expr, fc.constantFrom('<', '>', '<=', '>=', '==', '!='), expr).map(([a, op, b]) => `${a} ${op} ${b}`);
  const cond = fc.oneof(
    cmp,
    fc.tuple(cmp, fc.constantFrom('and', 'or'), fc.constantFrom('nr', 'flag', 'not nr', 'not flag')).map(([a, op, b]) => `(${a}) ${op} ${b}`),
  );
  const statement = fc.oneof(
    fc.tuple(fc.constantFrom('v', 'u', 'w', 'g', 'x', '_tmp'), fc.constantFrom('=', '=', '+=', '-=', '*=', '/='), expr).map(([t, op, e]) => `${t} ${t === '_tmp' ? '=' : op} ${e}`),
    fc.tuple(fc.constantFrom('flag', 'nr'), cond).map(([t, c]) => `${t} = ${c}`),
  );
  const model = fc.record({
    statements: fc.array(statement, { minLength: 1, maxLength: 4 }),
    condition: fc.option(cond, { nil: undefined }),
    refractory: fc.boolean(),
    N: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.constantFrom(1029, 1030)),
  });
  let runs = 0;
  let kernels = 0;
  fc.assert(
    fc.property(model, ({ statements, condition, refractory, N }) => {
      // A temporary is read only after it is set.
      const code = ['_tmp = v*u', ...(refractory && condition !== undefined ? ['not_refractory = (t - lastspike) >= 0.002'] : []), ...statements].join('\n');
      runs++;
      if (compare({ code, condition, refractory }, N, 2)) kernels++;
    }),
    { numRuns: 300 },
  );
  // Every model of this grammar can be a kernel, except where a select's boolean subtree was not specialised.
  assert.ok(kernels > 0.8 * runs, `${kernels} of ${runs} ran as kernels`);
});

test('exact mode: captured constants (code shared by builds with other values) are kernel parameters, not baked into the module', { skip }, () => {
  const m: Model = { code: 'v = v + (c - v)*dt/tau + u*c', condition: 'v > c' };
  for (const c of [-0.25, 0.5]) {
    const a = table(37, true, true, c);
    const b = table(37, false, true, c);
    const k = compileCodeBlock(spec(a, 37, m), { ...EXACT_KERNEL, constantsAsValues: true });
    assert.ok(usesKernel(k) && k.source.includes('$k_c'), k.source);
    assertSameBytes(steps(a, 37, k, 3), steps(b, 37, compileReference(spec(b, 37, m)), 3), a, `c = ${c}`);
  }
});

test('exact mode: exp, expm1 and exprel per element run in the kernel (the fdlibm ports); other transcendental calls per element, integer storage, % and // keep the JavaScript loop; exp of constants is hoisted', { skip }, () => {
  const kernel = (code: string, condition?: string, vars = table(33, true)): boolean => usesKernel(compileCodeBlock(spec(vars, 33, { code, condition }), EXACT_KERNEL));
  // exp per element, HH-like rate functions included, in the update and in the threshold.
  for (const m of [
    { code: 'v = v*exp(-u)' },
    { code: 'v = exprel(u)' },
    { code: 'v = expm1(u) + w' },
    { code: '_a = 0.32*4/exprel((13 - v + u)/4)\nw = w + 0.01*(_a*(1 - w) - 0.5*exp((10 - v)/40)*w)\nv = v + 0.01*expm1(-w)', condition: 'exprel(v) > 2.5' },
    { code: '_a = 0.32*(13 - v + u)/(exp((13 - v + u)/4) - 1)\n_b = 0.28*(v - u - 40)/(exp((v - u - 40)/5) - 1)\nw = w + 0.01*(_a*(1 - w) - _b*w)\nv = v + 0.01*exp(-w)', condition: 'exp(v) > 2.5' },
  ]) {
    for (const N of [1, 33, 1031]) assert.ok(compare(m, N, 3), `${m.code}: a kernel`);
  }
  for (const code of ['v = log(abs(u) + 1)', 'v = sin(u)', 'v = tanh(u)', 'v = u**2.5', 'v = u % 2', 'v = u // 2', 'v = v + rand()']) {
    assert.ok(!kernel(code), `${code}: the JavaScript loop`);
    if (code.includes('rand')) continue; // (the reference's draws are compared in properties.test.ts)
    // …and its results are exact mode's (the JavaScript loop).
    const a = table(33, true, false);
    const r = table(33, false, false);
    assertSameBytes(steps(a, 33, compileCodeBlock(spec(a, 33, { code }), EXACT_KERNEL), 2), steps(r, 33, compileReference(spec(r, 33, { code })), 2), a, code);
  }
  // A threshold with an exp per element: the update is a kernel, the threshold a JavaScript loop after it.
  {
    const m: Model = { code: 'v = v + 0.01', condition: 'log(abs(v) + 1) > 0.5' };
    const a = table(33, true, false);
    const r = table(33, false, false);
    const k = compileCodeBlock(spec(a, 33, m), EXACT_KERNEL);
    assert.ok(usesKernel(k) && k.source.includes('for (let $idx') && k.source.includes('$f_log('), k.source);
    assertSameBytes(steps(a, 33, k, 2), steps(r, 33, compileReference(spec(r, 33, m)), 2), a, 'log in the threshold');
  }
  // exp of loop invariants only: hoisted, computed by Math.exp once per step; the element loop is call-free.
  assert.ok(kernel('v = 1.1 + (v - 1.1)*exp(-dt/tau)', 'v > 1'));
  // Integer storage is read but never written by a kernel (the JavaScript store checks the range); storage outside one WebAssembly memory is not read.
  assert.ok(!kernel('n = v*3'));
  assert.ok(!kernel('n += 1'));
  assert.ok(kernel('v = v*n'));
  const late = table(33, true);
  late.addArray('k', { dtype: 'int32', size: 33, values: 1 });
  late.addArray('q', { size: 33, values: 1 });
  assert.ok(!kernel('v = v*k', undefined, late));
  assert.ok(!kernel('v = v*q', undefined, late));
  assert.ok(!kernel('v = v*u', undefined, table(33, false)));
  // The switches: exactKernels false, inPlace false, fast mode's own rule.
  assert.ok(!usesKernel(compileCodeBlock(spec(table(33, true), 33, { code: 'v = v*u' }), { ...EXACT_KERNEL, inPlace: false })));
  assert.ok(!usesKernel(compileCodeBlock(spec(table(33, true), 33, { code: 'v = v*u' }), EXACT_JS)));
});

test('exact mode: ranged runs (threads) give the bits of one run, whatever the split', { skip }, () => {
  const m: Model = { code: 'not_refractory = (t - lastspike) >= 0.002\n_x = x + (1.2 + g - x)*0.01\ng = g*0.98\nx = _x\nv = sign(v)*sqrt(abs(v)) + 0.1', condition: 'x > 1 or v > 1.2', refractory: true };
  for (const [N, splits] of [
    [37, [[0, 37], [0, 1, 37], [0, 2, 3, 20, 37], [0, 18, 19, 37], [0, 5, 6, 7, 8, 37]]],
    [2049, [[0, 2049], [0, 1, 2049], [0, 1025, 2049], [0, 512, 1024, 1537, 2049], [0, 683, 1366, 2049]]],
  ] as const) {
    let ranged: RangedCode | undefined;
    setParallelHook((c, r) => {
      ranged = r;
      return c;
    });
    const vars = table(N, true);
    try {
      compileCodeBlock(spec(vars, N, m), EXACT_KERNEL);
    } finally {
      setParallelHook(undefined);
    }
    assert.ok(ranged !== undefined && ranged.source.includes('$wasmInPlace($wk)($lo, $hi'), ranged?.source ?? 'no ranged code');
    const whole = table(N, false);
    const reference = steps(whole, N, compileReference(spec(whole, N, m)), 1);
    const ev = (vars.get('_spikespace') as ArrayVariable).array as Int32Array;
    for (const cuts of splits) {
      const fresh = table(N, false);
      for (const [name, v] of fresh) if (v.kind === 'array') (vars.get(name) as ArrayVariable).array.set((v as ArrayVariable).array);
      const segs = new Int32Array(8);
      const merged: number[] = [];
      for (let p = 0; p + 1 < cuts.length; p++) {
        ranged!.run(cuts[p]!, cuts[p + 1]!, p, segs);
        merged.push(...ev.subarray(cuts[p]!, cuts[p]! + segs[p]!));
      }
      assert.ok(merged.length > 0, 'events');
      ev.fill(0);
      ev.set(merged);
      ev[N] = merged.length;
      assertSameBytes(steps(vars, N, { run: () => undefined } as unknown as CodeObject, 1), reference, vars, `N = ${N}, ${cuts.join('/')}`);
    }
  }
});
