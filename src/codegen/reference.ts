/**
 * The reference backend: a closure-compiling evaluator of the same lowered IR, with no source
 * text, no folding and no hoisting (math.js `Node._compile` style). Tests run it next to the
 * generated code on identical inputs and compare every array bit for bit, random draws included
 * (both read the same counter-based streams).
 */
import { InternalError } from '../util/index.ts';
import { CodegenError } from './errors.ts';
import { ensureCapacity } from '../variables/index.ts';
import type { ArrayVariable, StorageArray } from '../variables/index.ts';
import { OPERATOR_HELPERS, PURE_FUNCTIONS, toInt32Checked } from './functions.ts';
import { siteKey, streamName } from './generate.ts';
import type { IRExpr, IRStatement } from './ir.ts';
import { lower } from './lower.ts';
import { binomialAt } from './binomial.ts';
import { defaultRandomState, normalAt, poissonAt, uniformAt } from './random.ts';
import type { CodeBlockSpec, CodeObject } from './spec.ts';

type Value = number | boolean;

/** Per-execution state the closures read. */
interface Env {
  idx: number;
  k0: number;
  c1: number;
  readonly locals: Map<string, Value>;
  readonly temps: Map<string, Value>;
}

type Compiled = (env: Env) => Value;

function elementOf(variable: ArrayVariable, arrays: ReadonlyMap<string, ArrayVariable>, idx: number): number {
  if (variable.scalar) return 0;
  if (variable.index === '_idx') return idx;
  return arrays.get(variable.index)!.array[idx]!;
}

/** Compiles the same spec as {@link compileCodeBlock} into closures. */
export function compileReference(spec: CodeBlockSpec): CodeObject {
  if (spec.template === 'gsl_stateupdate') {
    // The GSL driver exists only as generated code; its tests compare with Brian2+GSL directly.
    throw new CodegenError('unsupported', spec.name, `The reference evaluator does not run the template 'gsl_stateupdate' ('${spec.name}').`);
  }
  const { ir, arrays } = lower(spec);
  const random = spec.random ?? defaultRandomState;
  const stream = streamName(spec);
  const counter = random.counter(stream);
  const keys = Array.from({ length: ir.sites }, (_, s) => siteKey(stream, s));

  const compile = (e: IRExpr): Compiled => {
    switch (e.k) {
      case 'num': {
        const v: Value = e.type === 'boolean' ? e.value !== 0 : e.value;
        return () => v;
      }
      case 'const': {
        const v = e.value;
        return () => v;
      }
      case 'array': {
        const name = e.name;
        return (env) => env.locals.get(name)!;
      }
      case 'temp': {
        const name = e.name;
        return (env) => env.temps.get(name)!;
      }
      case 'select': {
        const cond = compile(e.cond);
        const a = compile(e.a);
        const b = compile(e.b);
        return (env) => (cond(env) ? a(env) : b(env));
      }
      case 'hoisted':
      case 'cse':
        throw new InternalError('the reference evaluator runs unoptimised IR');
      case 'unary': {
        const a = compile(e.a);
        if (e.op === 'not') return (env) => !a(env);
        if (e.op === '-') return (env) => -a(env);
        return (env) => +a(env);
      }
      case 'binary': {
        const a = compile(e.a);
        const b = compile(e.b);
        const num = (f: (x: number, y: number) => Value): Compiled => (env) => f(a(env) as number, b(env) as number);
        switch (e.op) {
          case '+':
            return num((x, y) => x + y);
          case '-':
            return num((x, y) => x - y);
          case '*':
            return num((x, y) => x * y);
          case '/':
            return num((x, y) => x / y);
          case '//':
            return num(OPERATOR_HELPERS.floordiv);
          case '%':
            return num(OPERATOR_HELPERS.mod);
          case '**':
            return num(OPERATOR_HELPERS.pow);
          case '<':
            return num((x, y) => x < y);
          case '<=':
            return num((x, y) => x <= y);
          case '>':
            return num((x, y) => x > y);
          case '>=':
            return num((x, y) => x >= y);
          // eslint-disable-next-line eqeqeq -- booleans and stored 0/1 compare equal, as in generated code
          case '==':
            return (env) => a(env) == b(env);
          // eslint-disable-next-line eqeqeq
          case '!=':
            return (env) => a(env) != b(env);
          case 'and':
            return (env) => a(env) && b(env);
          case 'or':
            return (env) => a(env) || b(env);
        }
        throw new InternalError('unknown binary operator');
      }
      case 'call': {
        const args = e.args.map(compile);
        const impl = e.user ?? PURE_FUNCTIONS.get(e.fn)!;
        return (env) => impl(...args.map((a) => a(env) as number));
      }
      case 'random': {
        const k1 = keys[e.site]!;
        if (e.fn === 'rand') return (env) => uniformAt(env.k0, k1, env.idx, env.c1);
        if (e.fn === 'randn') return (env) => normalAt(env.k0, k1, env.idx, env.c1);
        if (e.fn === 'binomial') {
          const params = e.binomial!;
          return (env) => binomialAt(env.k0, k1, env.idx, env.c1, params);
        }
        const lam = compile(e.args[0]!);
        return (env) => poissonAt(env.k0, k1, env.idx, env.c1, lam(env) as number);
      }
    }
  };

  interface CompiledStatement {
    readonly s: IRStatement;
    readonly value: Compiled;
  }
  const compileStatement = (s: IRStatement): CompiledStatement => {
    if (s.op === '=') return { s, value: compile(s.value) };
    const op = s.op === '%=' ? '%' : (s.op[0] as '+' | '-' | '*' | '/');
    const self: IRExpr = s.variable === undefined ? { k: 'temp', name: s.target } : { k: 'array', name: s.target, variable: s.variable };
    return { s, value: compile({ k: 'binary', op, a: self, b: s.value }) };
  };
  const scalar = ir.scalar.map(compileStatement);
  const vector = ir.vector.map(compileStatement);
  const condition = ir.condition === undefined ? undefined : compile(ir.condition);
  const records = ir.records.map(compile);

  const exec = (list: readonly CompiledStatement[], env: Env): void => {
    for (const { s, value } of list) {
      if (s.gate !== undefined && !env.locals.get(s.gate.name)) continue;
      let v = value(env);
      if (s.variable?.dtype === 'int32') v = toInt32Checked(v as number);
      else if (s.variable?.dtype === 'int64') v = Math.trunc(v as number);
      else if (s.variable?.dtype === 'bool') v = Boolean(v);
      else if (s.variable?.dtype === 'float32') v = Math.fround(v as number);
      (s.variable === undefined ? env.temps : env.locals).set(s.target, v);
    }
  };
  const vectorArrays = [...arrays].filter(([, v]) => !v.scalar);
  const scalarArrays = [...arrays].filter(([, v]) => v.scalar);
  const written = new Set(ir.vector.filter((s) => s.variable !== undefined).map((s) => s.target));
  const scalarWritten = new Set(ir.scalar.filter((s) => s.variable !== undefined).map((s) => s.target));
  const load = (env: Env, idx: number): void => {
    env.idx = idx;
    env.temps.forEach((_, k) => env.temps.delete(k));
    for (const [name, v] of vectorArrays) env.locals.set(name, v.array[elementOf(v, arrays, idx)]!);
  };
  const store = (env: Env): void => {
    for (const name of written) {
      const v = arrays.get(name)!;
      v.array[elementOf(v, arrays, env.idx)] = Number(env.locals.get(name)!);
    }
  };
  const append = (variable: ArrayVariable, value: Value): void => {
    const n = variable.length;
    ensureCapacity(variable, n + 1)[n] = Number(value);
    variable.length = n + 1;
  };
  const N = spec.N;

  const run = (): void => {
    const env: Env = { idx: 0, k0: 0, c1: 0, locals: new Map(), temps: new Map() };
    if (ir.sites > 0) {
      env.k0 = random.seedWord[0]! | 0;
      env.c1 = counter[0]! | 0;
      counter[0] = env.c1 + 1;
    }
    for (const [name, v] of scalarArrays) env.locals.set(name, v.array[0]!);
    exec(scalar, env);
    for (const name of scalarWritten) arrays.get(name)!.array[0] = Number(env.locals.get(name)!);
    const scalarTemps = new Map(env.temps);
    const element = (idx: number, body: () => void): void => {
      load(env, idx);
      scalarTemps.forEach((v, k) => env.temps.set(k, v));
      body();
    };
    const ev: StorageArray | undefined = spec.eventSpace?.array;
    const t = (): number => arrays.get('t')!.array[0]!;
    switch (spec.template) {
      case 'stateupdate':
      case 'run_regularly':
      case 'subexpression_update':
      case 'set_expression': {
        const indices = spec.indices ?? Int32Array.from({ length: N }, (_, k) => k);
        for (const idx of indices) {
          element(idx, () => {
            if (condition !== undefined && !condition(env)) return;
            exec(vector, env);
            store(env);
          });
        }
        break;
      }
      case 'stateupdate_threshold':
      case 'threshold': {
        const fused = spec.template === 'stateupdate_threshold';
        let n = 0;
        for (let idx = 0; idx < N; idx++) {
          element(idx, () => {
            if (fused) {
              exec(vector, env);
              store(env);
            }
            if (!condition!(env)) return;
            if (spec.refractory === true && !env.locals.get('not_refractory')) return;
            ev![n++] = idx;
            if (spec.refractory === true) {
              arrays.get('not_refractory')!.array[idx] = 0;
              arrays.get('lastspike')!.array[idx] = t();
            }
          });
        }
        ev![N] = n;
        break;
      }
      case 'reset': {
        const n = ev![N]!;
        for (let k = 0; k < n; k++) {
          element(ev![k]!, () => {
            exec(vector, env);
            store(env);
          });
        }
        break;
      }
      case 'synapses': {
        const buffer = spec.queue!.peekBuffer();
        const n = spec.queue!.peekCount();
        for (let k = 0; k < n; k++) {
          element(buffer[k]!, () => {
            exec(vector, env);
            store(env);
          });
        }
        break;
      }
      case 'statemonitor': {
        append(spec.times!, t());
        for (const idx of spec.indices!) {
          element(idx, () => spec.record!.forEach((r, k) => append(r.storage, records[k]!(env))));
        }
        break;
      }
      case 'spikemonitor': {
        const [lo, hi] = spec.eventRange ?? [0, N];
        const n = ev![N]!;
        for (let k = 0; k < n; k++) {
          const idx = ev![k]!;
          if (idx < lo || idx >= hi) continue;
          element(idx, () => {
            if (spec.times !== undefined) append(spec.times, t());
            if (spec.eventIndices !== undefined) append(spec.eventIndices, idx - lo);
            if (spec.counts !== undefined) spec.counts.array[idx - lo]! += 1;
            (spec.record ?? []).forEach((r, j) => append(r.storage, records[j]!(env)));
          });
        }
        break;
      }
      case 'ratemonitor': {
        const [lo, hi] = spec.eventRange ?? [0, N];
        const n = ev![N]!;
        let m = 0;
        for (let k = 0; k < n; k++) if (ev![k]! >= lo && ev![k]! < hi) m++;
        append(spec.times!, t());
        // Brian2 computes n / dt / N; the order matters in the last bit.
        append(spec.rates!, m / arrays.get('dt')!.array[0]! / (hi - lo));
        break;
      }
    }
  };
  return Object.freeze({ name: spec.name, template: spec.template, source: '', run });
}
