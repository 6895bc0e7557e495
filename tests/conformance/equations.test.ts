/**
 * Equations against Brian2 2.5.1 (fixtures/equations.json, written by generate/equations.py).
 *
 * Error classes: Brian2 raises several Python classes for malformed equations; brian-ts maps them:
 *
 * | Brian2                                            | brian-ts                                         |
 * | ------------------------------------------------- | ------------------------------------------------ |
 * | EquationError "Parsing failed" (pyparsing)        | EquationError, reason 'syntax'                   |
 * | EquationError "Error parsing the unit spec…"      | EquationError, reason 'unit-specification'       |
 * | TypeError "Use 'boolean' not 'bool'…"             | EquationError, reason 'unit-specification'       |
 * | TypeError "Differential equations can only…"      | EquationError, reason 'type'                     |
 * | EquationError "Duplicate definition…"             | EquationError, reason 'duplicate'                |
 * | SyntaxError (variable naming rules)               | EquationError, reason 'identifier'               |
 * | EquationError (xi misuse)                         | EquationError, reason 'noise'                    |
 * | ValueError "…dependencies contain a cycle."       | EquationError, reason 'cycle'                    |
 * | ValueError "Cannot replace model variable…"       | EquationError, reason 'substitution'             |
 * | EquationError "Cannot replace … duplicate…"       | EquationError, reason 'duplicate'                |
 * | SyntaxError / KeyError from the expression parser | ParseError (located in the full model string)    |
 * | DimensionMismatchError (check_units)              | EquationDimensionError (a DimensionMismatchError)|
 * | KeyError "The identifier … could not be resolved" | EquationError, reason 'undefined-identifier'     |
 * | ValueError (check_flags)                          | EquationError, reason 'flags'                    |
 *
 * Where the message is Brian2's own wording, ours contains it verbatim. Expressions are compared
 * as Brian2's code strings (Brian2's `str(eqs)` prints the user's text, not sympy's), so `str` is
 * compared exactly.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadFixture } from './fixture.ts';
import {
  BASE_UNITS,
  BASE_UNITS_DESCRIPTION,
  checkFlags,
  checkUnits,
  EquationDimensionError,
  EquationError,
  Equations,
  NEURON_GROUP_FLAGS,
  SPATIAL_NEURON_FLAGS,
  SYNAPSES_FLAGS,
  SYNAPSES_INCOMPATIBLE_FLAGS,
} from '../../src/equations/index.ts';
import type { AllowedFlags, Substitution } from '../../src/equations/index.ts';
import { constantSymbol } from '../../src/inference/index.ts';
import type { NamespaceValue } from '../../src/inference/index.ts';
import { ParseError } from '../../src/parsing/index.ts';
import { Dimension, lookupUnit } from '../../src/units/index.ts';

interface ErrorRecord {
  class: string;
  message: string;
  line?: number;
  column?: number;
}
interface EquationRecord {
  type: string;
  varname: string;
  dim: number[];
  varType: string;
  flags: string[];
  expr: string | null;
  str: string;
}
interface ParseCase {
  name: string;
  source: string;
  substitutions?: Record<string, { kind: 'name' | 'number' | 'quantity'; value: string | number; unit?: string }>;
  result?: {
    equations: EquationRecord[];
    str: string;
    ordered: string[];
    names: string[];
    diffEqNames: string[];
    subexprNames: string[];
    parameterNames: string[];
    identifiers: string[];
    stochasticVariables: string[];
    stochasticType: string | null;
  };
  error?: ErrorRecord;
}
interface UnitCheckCase {
  name: string;
  source: string;
  namespace: Record<string, { value: number; dim: number[] }>;
  ok?: true;
  error?: ErrorRecord;
}
interface FlagCase {
  name: string;
  source: string;
  table: 'NeuronGroup' | 'Synapses' | 'SpatialNeuron';
  ok?: true;
  error?: ErrorRecord;
}
interface Fixture {
  baseUnits: { description: string; units: Record<string, number[]> };
  parse: ParseCase[];
  unitCheck: UnitCheckCase[];
  flags: FlagCase[];
}

const fixture = loadFixture<Fixture>('equations');

const sorted = (s: Iterable<string>): string[] => [...s].sort();

function substitutions(c: ParseCase): Record<string, Substitution> {
  const out: Record<string, Substitution> = {};
  for (const [k, s] of Object.entries(c.substitutions ?? {})) {
    if (s.kind === 'quantity') {
      const unit = lookupUnit(s.unit!);
      assert.ok(unit !== undefined, `unit ${s.unit}`);
      out[k] = unit(s.value as number);
    } else {
      out[k] = s.value;
    }
  }
  return out;
}

/** Which brian-ts error (class and EquationError reason) a Brian2 error maps to. */
function expectedError(e: ErrorRecord): { cls: 'EquationError' | 'ParseError' | 'EquationDimensionError'; reason?: string } {
  const m = e.message;
  switch (e.class) {
    case 'EquationError':
      if (m.startsWith('Parsing failed')) return { cls: 'EquationError', reason: 'syntax' };
      if (m.startsWith('Error parsing the unit')) return { cls: 'EquationError', reason: 'unit-specification' };
      if (m.startsWith('Duplicate') || m.includes('duplicate definition')) return { cls: 'EquationError', reason: 'duplicate' };
      if (m.includes("'xi'")) return { cls: 'EquationError', reason: 'noise' };
      break;
    case 'TypeError':
      if (m.startsWith("Use 'boolean'")) return { cls: 'EquationError', reason: 'unit-specification' };
      return { cls: 'EquationError', reason: 'type' };
    case 'SyntaxError':
      if (/variable name|Python keyword|starts with an underscore|refractory mechanism/.test(m)) return { cls: 'EquationError', reason: 'identifier' };
      return { cls: 'ParseError' };
    case 'KeyError':
      if (m.includes('could not be resolved')) return { cls: 'EquationError', reason: 'undefined-identifier' };
      return { cls: 'ParseError' };
    case 'ValueError':
      if (m.includes('cycle')) return { cls: 'EquationError', reason: 'cycle' };
      if (m.startsWith('Cannot replace')) return { cls: 'EquationError', reason: 'substitution' };
      return { cls: 'EquationError', reason: 'flags' };
    case 'DimensionMismatchError':
      return { cls: 'EquationDimensionError' };
    default:
      break;
  }
  throw new Error(`unmapped Brian2 error ${e.class}: ${m}`);
}

/**
 * The part of Brian2's message that ours contains verbatim, or undefined where we use our own
 * wording: pyparsing failures and Python/sympy syntax errors (we name the position and what
 * was expected instead), Python's own texts after "Could not interpret '…' as a unit
 * specification:", and the detail of dimension errors that Brian2 prints through sympy.
 */
function brianWording(e: ErrorRecord): string | undefined {
  const { cls, reason } = expectedError(e);
  if (cls === 'ParseError' || reason === 'syntax') return undefined;
  // Brian2's subexpression message has a stray '%' (`…subexpression I:\n%Expression…`).
  const m = e.message.replace(':\n%', ':\n');
  if (m.includes('Could not interpret')) return m.split(' as a unit specification: ')[0];
  if (cls === 'EquationDimensionError' && !m.includes('does not have the expected unit')) return m.split('\n')[0];
  return m;
}

function assertMapped(err: unknown, e: ErrorRecord, source: string): void {
  const { cls, reason } = expectedError(e);
  const name = err instanceof Error ? err.constructor.name : typeof err;
  assert.equal(name, cls, `expected ${cls} for Brian2 ${e.class} "${e.message}", got ${name}: ${String(err)}`);
  if (reason !== undefined) assert.equal((err as EquationError).reason, reason);
  const brian = brianWording(e);
  if (brian !== undefined) {
    assert.ok((err as Error).message.includes(brian), `message\n  ${(err as Error).message}\ndoes not contain Brian2's\n  ${brian}`);
  }
  if (err instanceof ParseError || (err instanceof EquationError && err.line !== undefined)) {
    assert.equal((err as ParseError).source ?? source, source);
  }
  if (e.line !== undefined && err instanceof EquationError) {
    // pyparsing reports where the failing equation starts; we report the furthest point reached in it.
    assert.ok(err.line !== undefined && err.line >= e.line, `line ${err.line} < Brian2's ${e.line}`);
  }
}

describe('Equations conformance with Brian2 2.5.1', () => {
  it('BASE_UNITS lists exactly the unit names Brian2 allows after ":", with their dimensions', () => {
    assert.deepEqual(sorted(BASE_UNITS.keys()), sorted(Object.keys(fixture.baseUnits.units)));
    for (const [n, dim] of Object.entries(fixture.baseUnits.units)) assert.equal(BASE_UNITS.get(n), Dimension.of(dim), n);
    assert.equal(BASE_UNITS_DESCRIPTION, fixture.baseUnits.description);
  });

  assert.ok(fixture.parse.length >= 60);
  for (const c of fixture.parse) {
    it(`new Equations(${JSON.stringify(c.source).slice(0, 60)}${c.substitutions ? ', substitutions' : ''}) [${c.name}]`, () => {
      let eqs: Equations;
      try {
        eqs = new Equations(c.source, substitutions(c));
      } catch (err) {
        if (c.error === undefined) throw err;
        assertMapped(err, c.error, c.source);
        return;
      }
      assert.equal(c.error, undefined, `Brian2 raised ${c.error?.class}: ${c.error?.message}; brian-ts accepted it`);
      const r = c.result!;
      const mine = [...eqs];
      assert.deepEqual(
        mine.map((eq) => ({ type: eq.type, varname: eq.varname, dim: Dimension.of(eq.dim.exponents), varType: eq.varType, flags: [...eq.flags], expr: eq.exprSource ?? null, str: String(eq) })),
        r.equations.map((eq) => ({ ...eq, dim: Dimension.of(eq.dim) })),
      );
      assert.equal(String(eqs), r.str);
      assert.deepEqual(eqs.ordered.map((eq) => eq.varname), r.ordered);
      assert.deepEqual(sorted(eqs.names), r.names);
      assert.deepEqual(sorted(eqs.diffEqNames), r.diffEqNames);
      assert.deepEqual(sorted(eqs.subexprNames), r.subexprNames);
      assert.deepEqual(sorted(eqs.parameterNames), r.parameterNames);
      assert.deepEqual(sorted(eqs.identifiers), r.identifiers);
      assert.deepEqual(sorted(eqs.stochasticVariables), r.stochasticVariables);
      assert.equal(eqs.stochasticType, r.stochasticType);
    });
  }

  for (const c of fixture.unitCheck) {
    it(`checkUnits(new Equations(${JSON.stringify(c.source).slice(0, 50)}), namespace) [${c.name}]`, () => {
      const namespace: Record<string, NamespaceValue> = {};
      for (const [k, v] of Object.entries(c.namespace)) namespace[k] = constantSymbol(v.value, Dimension.of(v.dim));
      const eqs = new Equations(c.source);
      try {
        checkUnits(eqs, { namespaces: [namespace] });
      } catch (err) {
        if (c.error === undefined) throw err;
        assertMapped(err, c.error, c.source);
        if (err instanceof EquationDimensionError) assert.ok(err instanceof EquationDimensionError && err.variable.length > 0);
        return;
      }
      assert.equal(c.error, undefined, `Brian2 raised ${c.error?.class}: ${c.error?.message}; brian-ts accepted it`);
    });
  }

  const tables: Record<FlagCase['table'], [AllowedFlags, readonly (readonly string[])[]]> = {
    NeuronGroup: [NEURON_GROUP_FLAGS, []],
    Synapses: [SYNAPSES_FLAGS, SYNAPSES_INCOMPATIBLE_FLAGS],
    SpatialNeuron: [SPATIAL_NEURON_FLAGS, []],
  };
  for (const c of fixture.flags) {
    it(`checkFlags(eqs, ${c.table} flags) [${c.name}]`, () => {
      const [allowed, incompatible] = tables[c.table];
      const eqs = new Equations(c.source);
      if (c.ok) {
        checkFlags(eqs, allowed, undefined, incompatible);
        return;
      }
      // Brian2 prints the Synapses table as a list ([...]); we always print Python tuples.
      const brian = c.error!.message.replace(/\[([^\]]*)\]$/, '($1)');
      assert.throws(
        () => checkFlags(eqs, allowed, undefined, incompatible),
        (err: unknown) => err instanceof EquationError && err.reason === 'flags' && err.message.includes(brian),
      );
    });
  }
});
