/**
 * connect() argument forms against Brian2 2.5.1 (fixtures/connect_syntax.json, written by
 * generate/connect_syntax.py). Each case runs through `connectSpec` with a context mirroring the
 * Python setup (source 'src' of 5 neurons with `x : 1`, `m : integer`; target 'tgt' of 4 with
 * `y : 1`, `n_int : integer`; Synapses 'syn' with `w : 1`).
 *
 * - Accepted by Brian2 (or failing only when the generated code runs, e.g. an index out of range
 *   without `skip_if_invalid`): the spec must be the generator Brian2 parsed (element, loop
 *   variable, iterator and its arguments, condition — compared as ASTs), with Brian2's template
 *   flags (`result_index_condition`, `result_index_used`); array forms give Brian2's pairs.
 * - Rejected: a ConnectError whose `brianClass` is Brian2's class and whose `reason` is Brian2's
 *   message, except where the message quotes Python's own parser (compared up to "Error
 *   encountered was") and the deliberate differences listed in DIFFERENT_WORDING / DEVIATIONS.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadFixture } from './fixture.ts';
import { connectSpec, ConnectError, parseSynapseGenerator } from '../../src/synapses/index.ts';
import type { ConnectArguments, ConnectContext, SynapseGenerator, VariableIndex } from '../../src/synapses/index.ts';
import { constantSymbol, createScope, variableSymbol } from '../../src/inference/index.ts';
import type { ScopeSymbol } from '../../src/inference/index.ts';
import { bool, exprEquals, parseExpression, printExpr } from '../../src/parsing/index.ts';
import type { Expr } from '../../src/parsing/index.ts';
import { DIMENSIONLESS } from '../../src/units/index.ts';

interface Parsed {
  element: string;
  inner_variable: string;
  iterator_func: 'range' | 'sample';
  iterator_kwds: Record<string, string | null>;
  if_expression: string;
}
interface BrianError {
  cls: string;
  msg: string;
}
interface ConnectCase {
  args: Record<string, unknown>;
  error: BrianError | null;
  generator: string | null;
  parsed: Parsed | null;
  flags: { result_index_condition: boolean; result_index_used: boolean } | null;
  synapses?: { i: number[]; j: number[] };
}
interface GeneratorCase {
  expr: string;
  parsed: Parsed | null;
  error: BrianError | null;
}
const fixture = loadFixture<{ connect: ConnectCase[]; generators: GeneratorCase[] }>('connect_syntax');

const int = (): ScopeSymbol => variableSymbol(DIMENSIONLESS, { type: 'integer', readOnly: true });
const float = (): ScopeSymbol => variableSymbol(DIMENSIONLESS);
const VARIABLES: Record<string, [ScopeSymbol, VariableIndex[]]> = {
  i: [int(), ['presynaptic']],
  j: [int(), ['postsynaptic']],
  N_pre: [constantSymbol(5, DIMENSIONLESS, 'integer'), []],
  N_post: [constantSymbol(4, DIMENSIONLESS, 'integer'), []],
  N: [constantSymbol(0, DIMENSIONLESS, 'integer'), []],
  x_pre: [float(), ['presynaptic']],
  m_pre: [int(), ['presynaptic']],
  y_post: [float(), ['postsynaptic']],
  y: [float(), ['postsynaptic']],
  n_int_post: [int(), ['postsynaptic']],
  n_int: [int(), ['postsynaptic']],
  w: [float(), ['synaptic']],
  N_incoming: [int(), ['synaptic']],
  N_outgoing: [int(), ['synaptic']],
};
const context: ConnectContext = {
  synapsesName: 'syn',
  source: { name: 'src', size: 5 },
  target: { name: 'tgt', size: 4 },
  scope: createScope({ variables: Object.fromEntries(Object.entries(VARIABLES).map(([k, [s]]) => [k, s])) }),
  indexOf: (id) => VARIABLES[id]?.[1] ?? [],
};

/** Brian2's keyword names → ours. */
function toArguments(args: Record<string, unknown>): ConnectArguments {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) out[k === 'skip_if_invalid' ? 'skipIfInvalid' : k] = v;
  return out as ConnectArguments;
}

// Deliberate differences. Wording: Brian2's typos fixed, numpy's broadcast message replaced.
const DIFFERENT_WORDING = new Set([
  'Presynaptic indices can only be combined with postsynaptic integer indices))',
  'Indices cannot be combined with a stringexpression for n. Either use an array/scalar for n, or a string expression for the connections',
]);
const isBroadcastMessage = (msg: string): boolean => msg.startsWith('shape mismatch');
// Behaviour: brian-ts rejects a number p outside [0, 1] (Brian2 treats p > 1 as 1 and p < 0 as 0).
const DEVIATIONS = new Map<string, RegExp>([
  [JSON.stringify({ p: 1.5 }), /p must be a probability between 0 and 1, got 1\.5/],
  [JSON.stringify({ p: -0.1 }), /p must be a probability between 0 and 1, got -0\.1/],
]);

const expr = (text: string): Expr => parseExpression(text);
function assertExpr(actual: Expr, brian: string, label: string): void {
  assert.ok(exprEquals(actual, expr(brian)), `${label}: got '${printExpr(actual)}', Brian2 has '${brian}'`);
}

function assertGenerator(gen: SynapseGenerator, parsed: Parsed, label: string): void {
  assertExpr(gen.element, parsed.element, `${label} element`);
  assert.equal(gen.innerVariable, parsed.inner_variable, `${label} inner variable`);
  assert.equal(gen.iterator.kind, parsed.iterator_func, `${label} iterator`);
  const kw = parsed.iterator_kwds;
  assertExpr(gen.iterator.low, kw['low']!, `${label} low`);
  assertExpr(gen.iterator.high, kw['high']!, `${label} high`);
  assertExpr(gen.iterator.step, kw['step']!, `${label} step`);
  if (gen.iterator.kind === 'sample') {
    assert.equal(gen.iterator.sampleSize, kw['sample_size'], `${label} sample_size`);
    if (gen.iterator.sampleSize === 'random') assertExpr(gen.iterator.p, kw['p']!, `${label} p`);
    else assertExpr(gen.iterator.size, kw['size']!, `${label} size`);
  }
  assertExpr(gen.condition ?? bool(true), parsed.if_expression, `${label} condition`);
}

function assertBrianError(run: () => unknown, error: BrianError, label: string): void {
  assert.throws(run, (e: unknown) => {
    assert.ok(e instanceof ConnectError, `${label}: expected ConnectError, got ${String(e)}`);
    assert.equal(e.brianClass, error.cls, `${label}: class (${e.message})`);
    assert.match(e.message, /^Synapses 'syn': |^Error parsing/, `${label}: names the object`);
    const cut = error.msg.indexOf('Error encountered was');
    if (cut >= 0) assert.equal(e.reason.slice(0, cut + 21), error.msg.slice(0, cut + 21), label);
    else if (!DIFFERENT_WORDING.has(error.msg) && !isBroadcastMessage(error.msg) && error.msg !== 'Unknown syntax: Attribute') {
      assert.equal(e.reason, error.msg, label);
    }
    return true;
  });
}

// Brian2 errors raised only by the generated creation code, after every check connect() itself makes.
const isRuntimeError = (e: BrianError | null): boolean => e !== null && e.cls === 'BrianObjectException';

describe('connectSpec(args, context) against Brian2', () => {
  assert.ok(fixture.connect.length >= 40);
  for (const c of fixture.connect) {
    const label = `connect(${JSON.stringify(c.args)})`;
    it(label, () => {
      const args = toArguments(c.args);
      const deviation = DEVIATIONS.get(JSON.stringify(c.args));
      if (deviation !== undefined) {
        assert.throws(() => connectSpec(args, context), (e: unknown) => e instanceof ConnectError && deviation.test(e.message));
        return;
      }
      if (c.error !== null && !isRuntimeError(c.error)) {
        assertBrianError(() => connectSpec(args, context), c.error, label);
        return;
      }
      const spec = connectSpec(args, context);
      if (c.generator === null) {
        if (spec.kind === 'none') {
          assert.deepEqual(c.synapses, { i: [], j: [] });
          return;
        }
        assert.equal(spec.kind, 'arrays', label);
        if (spec.kind !== 'arrays' || c.synapses === undefined) return;
        const i: number[] = [];
        const j: number[] = [];
        spec.i.forEach((v, k) => {
          for (let r = 0; r < spec.n[k]!; r++) i.push(v), j.push(spec.j[k]!);
        });
        assert.deepEqual({ i, j }, c.synapses, label);
        return;
      }
      assert.equal(spec.kind, 'generator', label);
      if (spec.kind !== 'generator') return;
      assertGenerator(spec.generator, c.parsed!, label);
      assert.equal(spec.conditionPerCandidate, c.flags!.result_index_condition, `${label}: result_index_condition`);
      assert.equal(spec.conditionUsesResultIndex, c.flags!.result_index_used, `${label}: result_index_used`);
      assert.equal(spec.skipIfInvalid, c.args['skip_if_invalid'] === true);
      assert.equal(spec.outerIndex, typeof c.args['i'] === 'string' ? 'j' : 'i');
      const n = c.args['n'] ?? 1;
      assertExpr(spec.n, String(n), `${label} n`);
    });
  }
});

describe('parseSynapseGenerator(expr) against Brian2', () => {
  for (const c of fixture.generators) {
    it(`parseSynapseGenerator(${JSON.stringify(c.expr)})`, () => {
      if (c.error !== null) {
        assert.throws(
          () => parseSynapseGenerator(c.expr),
          (e: unknown) => {
            assert.ok(e instanceof ConnectError && e.brianClass === c.error!.cls, String(e));
            const cut = c.error!.msg.indexOf('Error encountered was');
            if (cut >= 0) assert.equal(e.reason.slice(0, cut + 21), c.error!.msg.slice(0, cut + 21));
            else if (c.error!.msg !== 'Unknown syntax: Attribute') assert.equal(e.reason, c.error!.msg);
            return true;
          },
        );
        return;
      }
      assertGenerator(parseSynapseGenerator(c.expr), c.parsed!, c.expr);
    });
  }
});
