/**
 * The `synapses` template (a pathway's per-event code) against the reference evaluator: random
 * pathway code reading and writing synaptic, presynaptic and postsynaptic variables (through
 * `_presynaptic_idx`/`_postsynaptic_idx`), random connectivity and random queue contents over
 * several steps, compared bit for bit on every array of all three tables.
 */
import { sameOutcome } from './testing.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { binary, call, compare, logical, name, num, statement, unary } from '../parsing/index.ts';
import type { Expr, Statement } from '../parsing/index.ts';
import { Variables } from '../variables/index.ts';
import type { ArrayVariable } from '../variables/index.ts';
import { compileCodeBlock, compileReference } from './index.ts';
import { RandomState } from './random.ts';
import type { SynapticEvents } from './spec.ts';

const N_PRE = 4;
const N_POST = 3;
const N_SYN = 9;

interface World {
  readonly pre: Variables;
  readonly post: Variables;
  readonly syn: Variables;
}

/** Three tables like a Synapses object's: its own arrays plus references into both groups. */
function world(preIdx: readonly number[], postIdx: readonly number[]): World {
  const pre = new Variables('pre');
  const u = pre.addArray('u', { size: N_PRE, values: [0.5, -1.25, 3, 7] });
  const post = new Variables('post');
  const v = post.addArray('v', { size: N_POST, values: [-2, 0.25, 1e-3] });
  const c = post.addArray('c', { dtype: 'int32', size: N_POST, values: [0, 5, -3] });
  const syn = new Variables('syn');
  syn.addArray('_presynaptic_idx', { dtype: 'int32', size: N_SYN, values: preIdx, readOnly: true, constant: true });
  syn.addArray('_postsynaptic_idx', { dtype: 'int32', size: N_SYN, values: postIdx, readOnly: true, constant: true });
  syn.addArray('w', { size: N_SYN, values: [0.1, 0.2, -0.3, 0.4, 2.5, -1, 0, 3.25, 0.01] });
  syn.addArray('x', { size: N_SYN, values: [1, 1, 2, 3, 5, 8, 13, 21, 34] });
  syn.addArray('s', { size: 1, scalar: true, values: 0.75 });
  syn.addConstant('k', { value: 3, type: 'integer' });
  syn.addReference('u_pre', u, '_presynaptic_idx');
  syn.addReference('v_post', v, '_postsynaptic_idx');
  syn.addReference('v', v, '_postsynaptic_idx');
  syn.addReference('c_post', c, '_postsynaptic_idx');
  return { pre, post, syn };
}

/** A queue delivering a fixed list per step; `next()` moves to the next step's list. */
class ScriptedQueue implements SynapticEvents {
  private step = 0;
  private readonly buffers: Int32Array[];
  constructor(lists: readonly (readonly number[])[]) {
    this.buffers = lists.map((l) => Int32Array.from(l));
  }
  peekBuffer(): Int32Array {
    return this.buffers[this.step] ?? new Int32Array(0);
  }
  peekCount(): number {
    return this.peekBuffer().length;
  }
  next(): void {
    this.step++;
  }
}

const literal = fc.oneof(
  fc.constantFrom(0, 1, 2, 3, -1).map((v) => num(v, true)),
  fc.constantFrom(0.5, -0.5, 2.5, 1e-3).map((v) => num(v, false)),
);
const { numeric, boolean } = fc.letrec<{ numeric: Expr; boolean: Expr }>((tie) => ({
  numeric: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    literal,
    fc.constantFrom('w', 'x', 's', 'k', 'u_pre', 'v_post', 'v', 'c_post').map((v) => name(v)),
    fc.tuple(fc.constantFrom('+', '-', '*', '/', '//', '%', '**') as fc.Arbitrary<'+'>, tie('numeric'), tie('numeric')).map(([op, a, b]) => binary(op, a as Expr, b as Expr)),
    tie('numeric').map((a) => unary('-', a as Expr)),
    fc.tuple(fc.constantFrom('exp', 'abs', 'floor', 'sign', 'tanh', 'sqrt'), tie('numeric')).map(([f, a]) => call(f, [a as Expr])),
    fc.tuple(tie('numeric'), tie('numeric'), tie('numeric')).map(([a, lo, hi]) => call('clip', [a as Expr, lo as Expr, hi as Expr])),
    tie('boolean').map((a) => call('int', [a as Expr])),
  ),
  boolean: fc.oneof(
    { depthSize: 'small' },
    fc.tuple(fc.constantFrom('<', '>=', '==', '!=') as fc.Arbitrary<'<'>, tie('numeric'), tie('numeric')).map(([op, a, b]) => compare(op, a as Expr, b as Expr)),
    fc.tuple(fc.constantFrom('and', 'or') as fc.Arbitrary<'and'>, tie('boolean'), tie('boolean')).map(([op, a, b]) => logical(op, a as Expr, b as Expr)),
  ),
}));

const randomTerm = fc.constantFrom<Expr | undefined>(undefined, undefined, undefined, call('rand', []), call('randn', []));
const stmt: fc.Arbitrary<Statement> = fc.oneof(
  fc.tuple(fc.constantFrom('w', 'x', 'v_post', 'v', 'u_pre', 'tmp'), fc.constantFrom('=', '+=', '-=', '*=') as fc.Arbitrary<'='>, numeric, randomTerm).map(([target, op, value, r]) =>
    statement(target, target === 'tmp' ? '=' : op, r === undefined ? value : binary('+', value, r)),
  ),
  fc.tuple(fc.constantFrom('=', '+=', '-=') as fc.Arbitrary<'='>, numeric).map(([op, value]) => statement('c_post', op, call('int', [value]))),
);
const pathwayCode = fc.array(stmt, { minLength: 1, maxLength: 4 }).map((stmts) => {
  const out: Statement[] = [];
  let declared = false;
  for (const s of stmts) {
    if (JSON.stringify(s.value).includes('"tmp"') && !declared) continue;
    if (s.target === 'tmp') declared = true;
    out.push(s);
  }
  return out.length > 0 ? out : [statement('v_post', '+=', name('w'))];
});
const connectivity = fc.tuple(
  fc.array(fc.integer({ min: 0, max: N_PRE - 1 }), { minLength: N_SYN, maxLength: N_SYN }),
  fc.array(fc.integer({ min: 0, max: N_POST - 1 }), { minLength: N_SYN, maxLength: N_SYN }),
);
// Each step's deliveries: distinct synapses (one delay per synapse) in any order, sometimes none.
const queueContents = fc.array(fc.uniqueArray(fc.integer({ min: 0, max: N_SYN - 1 }), { maxLength: N_SYN }), { minLength: 1, maxLength: 4 });

function snapshot(w: World): string[] {
  const out: string[] = [];
  for (const table of [w.pre, w.post, w.syn]) {
    for (const [n, v] of table) {
      if (v.kind !== 'array') continue;
      const a = v as ArrayVariable;
      out.push(`${table.owner}.${n}=${Array.from(a.array.subarray(0, a.length), String).join(',')}`);
    }
  }
  return out;
}

function compiles(f: () => void): boolean {
  try {
    f();
    return true;
  } catch {
    return false; // rejected before running (e.g. two random draws in one statement): not this property
  }
}

test('synapses template: generated code equals the reference evaluator on random pathway code and queues (property)', () => {
  let checked = 0;
  fc.assert(
    fc.property(pathwayCode, connectivity, queueContents, (statements, [preIdx, postIdx], lists) => {
      const a = world(preIdx, postIdx);
      const b = world(preIdx, postIdx);
      const qa = new ScriptedQueue(lists);
      const qb = new ScriptedQueue(lists);
      const spec = (w: World, q: ScriptedQueue) => ({ name: 'syn_pre', template: 'synapses' as const, statements, variables: w.syn, N: N_SYN, queue: q });
      let gen: ReturnType<typeof compileCodeBlock> | undefined;
      let ref: ReturnType<typeof compileReference> | undefined;
      if (!compiles(() => {
        gen = compileCodeBlock({ ...spec(a, qa), random: new RandomState(77) });
        ref = compileReference({ ...spec(b, qb), random: new RandomState(77) });
      })) return;
      checked++;
      for (let step = 0; step < lists.length; step++) {
        if (!sameOutcome(() => gen!.run(), () => ref!.run())) break;
        qa.next();
        qb.next();
        assert.deepEqual(snapshot(a), snapshot(b), `step ${step}\n${gen!.source}`);
      }
    }),
    { numRuns: 300 },
  );
  assert.ok(checked > 150, `only ${checked} of 300 random blocks compiled`);
});

test('synapses template: a delivery list touches only its synapses and their neurons, in list order', () => {
  // Synapses 0 and 2 share post neuron 1: sequential accumulation (Brian2's semantics for `+=`).
  const w = world([0, 1, 3, 2, 0, 0, 0, 0, 0], [1, 0, 1, 2, 0, 0, 0, 0, 0]);
  const q = new ScriptedQueue([[2, 0]]);
  const stmts = [statement('v_post', '+=', name('w')), statement('x', '=', name('v_post'))];
  compileCodeBlock({ name: 'syn_pre', template: 'synapses', statements: stmts, variables: w.syn, N: N_SYN, queue: q }).run();
  assert.deepEqual(Array.from(w.post.getArray('v').array), [-2, 0.25 - 0.3 + 0.1, 1e-3]);
  const x = Array.from(w.syn.getArray('x').array);
  assert.equal(x[2], 0.25 - 0.3);
  assert.equal(x[0], 0.25 - 0.3 + 0.1);
  assert.deepEqual(x.slice(3), [3, 5, 8, 13, 21, 34]);
  assert.equal(x[1], 1);
});
