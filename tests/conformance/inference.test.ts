/**
 * Conformance of src/inference with Brian2 2.5.1 (fixture: generate/inference.py).
 *
 * Error classes, Brian2 → brian-ts:
 *   DimensionMismatchError → DimensionMismatchError (src/units); description and dims compared
 *   KeyError (unresolved name) → UndefinedIdentifierError ('undefined-identifier')
 *   SyntaxError / TypeError / NotImplementedError → ExpressionError, by message:
 *     'Floor division …'                         → 'floor-division-units'
 *     'Value x is not constant', 'Cannot determine the numerical value …' → 'non-constant-exponent'
 *     "Function 'f' was called with n parameters" → 'argument-count'
 *     'f was used like a variable/constant …'    → 'function-as-value'
 *     'Boolean operator acting on non-booleans'   → 'boolean-operand'
 *     'Unary operator USub does not apply …'      → 'boolean-arithmetic'
 *     "Threshold condition '…' is not a boolean …" → 'not-boolean'
 *     'Illegal line … Cannot write to subexpression' → 'invalid-target'
 *     'All writes to scalar variables …'          → 'scalar-write-order'
 *     NotImplementedError 'contains more than one call of f' → 'multiple-stateful-calls'
 * Messages are compared after removing whitespace and parentheses (Brian2 prints sub-expressions
 * fully parenthesised, brian-ts quotes the source): ours must contain Brian2's.
 * Where brian-ts deliberately differs, DEVIATIONS gives the reason and checks our outcome instead.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadFixture } from './fixture.ts';
import {
  ExpressionError,
  UndefinedIdentifierError,
  analyse,
  checkBooleanExpression,
  checkDimensions,
  checkStatements,
  constantSymbol,
  createScope,
  variableSymbol,
  type ExpressionErrorCode,
  type ScopeSymbol,
  type ValueType,
} from '../../src/inference/index.ts';
import { parseExpression, parseStatements } from '../../src/parsing/index.ts';
import { Dimension, DimensionMismatchError } from '../../src/units/index.ts';

type Exponents = number[];
interface BrianError {
  class: string;
  message: string;
  description?: string;
  dims?: Exponents[];
}
interface SymbolRow {
  name: string;
  kind: 'variable' | 'constant' | 'subexpression';
  dims: Exponents;
  type: ValueType;
  scalar: boolean;
  readOnly: boolean;
  origin: 'group' | 'namespace';
  value?: number;
}
interface Temporary {
  name: string;
  dims: Exponents;
  type: ValueType;
  scalar: boolean;
}
interface Fixture {
  brian2: string;
  symbols: SymbolRow[];
  expressions: ({ source: string; error?: BrianError } & Partial<{ dims: Exponents; type: ValueType; scalar: boolean }>)[];
  statements: { source: string; error?: BrianError; temporaries?: Temporary[] }[];
  booleans: { source: string; error?: BrianError; ok?: boolean }[];
  dimensions: { source: string; expectedDims: Exponents; error?: BrianError; ok?: boolean }[];
}

const fixture = loadFixture<Fixture>('inference');

function toSymbol(row: SymbolRow): ScopeSymbol {
  const dim = Dimension.of(row.dims);
  if (row.kind === 'constant') return constantSymbol(row.value!, dim, row.type);
  if (row.kind === 'subexpression') return { kind: 'subexpression', dim, type: row.type, scalar: row.scalar };
  return variableSymbol(dim, { type: row.type, scalar: row.scalar, readOnly: row.readOnly });
}
const table = (origin: SymbolRow['origin']) =>
  new Map(fixture.symbols.filter((r) => r.origin === origin).map((r) => [r.name, toSymbol(r)] as const));
const scope = createScope({ variables: table('group'), namespaces: [table('namespace')] });

/** What brian-ts does where it deliberately differs from Brian2 (checked, not skipped). */
type Outcome =
  | { readonly error: 'DimensionMismatchError' | ExpressionErrorCode; readonly message: RegExp }
  | { readonly type: ValueType }
  | { readonly dims: Exponents }
  | { readonly accepted: true };
type Section = 'expression' | 'statements' | 'threshold';
const readOnlyWrite = {
  why: "Brian2's unit check lets this through; it fails later ('Writing to scalar variable t not allowed in this context') or silently writes a read-only variable.",
  ours: { error: 'invalid-target', message: /is (a read-only variable|a constant)\.$/ },
} as const;
const shadowingWrite = {
  why: 'Brian2 silently declares a temporary that shadows the constant, unit or function for the rest of the block.',
  ours: { error: 'invalid-target', message: /is a (constant|unit|function)/ },
} as const;
/** Keyed by `section: source`. */
const DEVIATIONS: Readonly<Record<`${Section}: ${string}`, { readonly why: string; readonly ours: Outcome }>> = {
  'expression: n**2': {
    why: '`**` is always a float power. Brian2 types it like `+`, so integer powers truncate (2**-1 gives 0 in C++).',
    ours: { type: 'float' },
  },
  'expression: v**(k - 1)': {
    why: "Brian2's _get_value_from_expression evaluates `a - b` as `a + b`, giving volt**4.",
    ours: { dims: [4, 2, -6, -2, 0, 0, 0] },
  },
  'expression: 2**tau_c': {
    why: "Brian2 does not check the exponent's unit in strings and computes 2**0.005; Quantity arithmetic rejects it.",
    ours: { error: 'DimensionMismatchError', message: /the exponent 'tau_c' has to be dimensionless/ },
  },
  'expression: v**ms': {
    why: 'Brian2 uses the SI value of `ms` and gives volt**0.001.',
    ours: { error: 'DimensionMismatchError', message: /the exponent 'ms' has to be dimensionless/ },
  },
  'expression: not x': {
    why: 'Brian2 accepts `not` on a float (typed float); Python truthiness is not part of the language.',
    ours: { error: 'boolean-operand', message: /'x' in 'not x' is a float/ },
  },
  'expression: not n': {
    why: 'As `not x`.',
    ours: { error: 'boolean-operand', message: /'n' in 'not n' is an integer/ },
  },
  'expression: v(2)': {
    why: "Brian2 fails with an internal AttributeError ('Call' object has no attribute 'func_id').",
    ours: { error: 'not-a-function', message: /'v' is not a function \(it is a variable\)/ },
  },
  'threshold: abs(b)': {
    why: "Brian2's is_boolean_expression only trusts functions declared to return bool, although its own type inference types abs(b) as boolean; brian-ts uses the type.",
    ours: { accepted: true },
  },
  'statements: v *= 2*mV': {
    why: 'Same condition as Brian2 (which checks v*(2*mV)); ours says the right-hand side must be dimensionless.',
    ours: { error: 'DimensionMismatchError', message: /^The right-hand-side of code statement "v \*= 2\*mV" does not have the expected unit 1 \(unit is V\)\.$/ },
  },
  'statements: v /= tau': {
    why: 'As `v *= 2*mV`.',
    ours: { error: 'DimensionMismatchError', message: /"v \/= tau" does not have the expected unit 1 \(unit is s\)\.$/ },
  },
  'statements: t = 5*ms': readOnlyWrite,
  'statements: i = 3': readOnlyWrite,
  'statements: N = 2': readOnlyWrite,
  'statements: dt = 1*ms': readOnlyWrite,
  'statements: pi = 3': shadowingWrite,
  'statements: mV = 3': shadowingWrite,
  'statements: exp = 3': shadowingWrite,
  'statements: k = 2': shadowingWrite,
};

const CODE_BY_MESSAGE: readonly [RegExp, ExpressionErrorCode][] = [
  [/^Floor division/, 'floor-division-units'],
  [/^(Value \w+ is not constant|Cannot determine the numerical value)/, 'non-constant-exponent'],
  [/^Function '\w+' was called with/, 'argument-count'],
  [/was used like a variable\/constant/, 'function-as-value'],
  [/^Boolean operator acting on non-booleans/, 'boolean-operand'],
  [/^Unary operator \w+ does not apply to boolean types/, 'boolean-arithmetic'],
  [/is not a boolean expression/, 'not-boolean'],
  [/^Illegal line .* Cannot write to subexpression/, 'invalid-target'],
  [/^All writes to scalar variables/, 'scalar-write-order'],
  [/contains more than one call of/, 'multiple-stateful-calls'],
];

/** Removes what legitimately differs: spacing, parentheses, Python's location suffix, AST op names. */
function normalise(message: string): string {
  return message
    .replace(/ \(<string>, line \d+\)$/, '')
    .replace(/\bUSub\b/g, "'-'")
    .replace(/\bUAdd\b/g, "'+'")
    .replace(/[\s()]/g, '');
}

function run(f: () => unknown): { value?: unknown; error?: unknown } {
  try {
    return { value: f() };
  } catch (error) {
    return { error };
  }
}

/** Asserts that our error corresponds to Brian2's. */
function assertSameError(label: string, ours: unknown, brian: BrianError): void {
  assert.ok(ours instanceof Error, `${label}: Brian2 raises ${brian.class}: ${brian.message}; brian-ts accepted it`);
  if (brian.class === 'DimensionMismatchError') {
    assert.ok(ours instanceof DimensionMismatchError, `${label}: expected DimensionMismatchError, got ${String(ours)}`);
    assert.deepEqual(ours.dims, brian.dims!.map((d) => Dimension.of(d)), `${label}: dims`);
    assert.equal(normalise(ours.description), normalise(brian.description!), `${label}: description`);
    return;
  }
  if (brian.class === 'KeyError') {
    assert.ok(ours instanceof UndefinedIdentifierError, `${label}: expected UndefinedIdentifierError, got ${String(ours)}`);
  } else {
    const code = CODE_BY_MESSAGE.find(([pattern]) => pattern.test(brian.message))?.[1];
    assert.ok(code !== undefined, `${label}: no mapping for Brian2's ${brian.class}: ${brian.message}`);
    assert.ok(ours instanceof ExpressionError, `${label}: expected ExpressionError, got ${String(ours)}`);
    assert.equal(ours.code, code, `${label}: ${ours.message}`);
  }
  assert.ok(
    normalise(ours.message).includes(normalise(brian.message)),
    `${label}: message\n  ours:   ${ours.message}\n  Brian2: ${brian.message}`,
  );
}

/** Checks a deviation: our outcome is the documented one. */
function assertDeviation(label: string, outcome: { value?: unknown; error?: unknown }, ours: Outcome): void {
  if ('error' in ours) {
    const error = outcome.error;
    if (ours.error === 'DimensionMismatchError') assert.ok(error instanceof DimensionMismatchError, `${label}: got ${String(error)}`);
    else assert.ok(error instanceof ExpressionError && error.code === ours.error, `${label}: got ${String(error)}`);
    assert.match((error as Error).message, ours.message, label);
    return;
  }
  assert.equal(outcome.error, undefined, `${label}: ${String(outcome.error)}`);
  const info = outcome.value as { type: ValueType; dim: Dimension };
  if ('type' in ours) assert.equal(info.type, ours.type, label);
  if ('dims' in ours) assert.equal(info.dim, Dimension.of(ours.dims), label);
}

describe(`inference conformance with Brian2 ${fixture.brian2}`, () => {
  it('the fixture has at least 80 cases and every deviation names a fixture case', () => {
    const keys = [
      ...fixture.expressions.map((c) => `expression: ${c.source}`),
      ...fixture.statements.map((c) => `statements: ${c.source}`),
      ...fixture.booleans.map((c) => `threshold: ${c.source}`),
    ];
    const total = keys.length + fixture.dimensions.length;
    assert.ok(total >= 80, `${total} cases`);
    for (const key of Object.keys(DEVIATIONS)) assert.ok(keys.includes(key), `deviation '${key}' is not in the fixture`);
  });

  describe('expressions: dimension, type, scalarity or error', () => {
    for (const c of fixture.expressions) {
      it(`analyse(${JSON.stringify(c.source)})`, () => {
        const outcome = run(() => analyse(parseExpression(c.source), scope, { source: c.source }));
        const deviation = DEVIATIONS[`expression: ${c.source}`];
        if (deviation !== undefined) return assertDeviation(c.source, outcome, deviation.ours);
        if (c.error !== undefined) return assertSameError(c.source, outcome.error, c.error);
        assert.equal(outcome.error, undefined, `${c.source}: ${String(outcome.error)}`);
        const info = outcome.value as ReturnType<typeof analyse>;
        assert.equal(info.dim, Dimension.of(c.dims!), `${c.source}: dim ${info.dim}`);
        assert.equal(info.type, c.type, `${c.source}: type`);
        assert.equal(info.scalar, c.scalar, `${c.source}: scalar`);
      });
    }
  });

  describe('statements: temporaries or error', () => {
    for (const c of fixture.statements) {
      it(`checkStatements(${JSON.stringify(c.source)})`, () => {
        const outcome = run(() => checkStatements(parseStatements(c.source), scope, { source: c.source }));
        const deviation = DEVIATIONS[`statements: ${c.source}`];
        if (deviation !== undefined) return assertDeviation(c.source, outcome, deviation.ours);
        if (c.error !== undefined) return assertSameError(c.source, outcome.error, c.error);
        assert.equal(outcome.error, undefined, `${c.source}: ${String(outcome.error)}`);
        const { temporaries } = outcome.value as ReturnType<typeof checkStatements>;
        assert.deepEqual(
          [...temporaries].map(([name, s]) => ({ name, dim: s.dim, type: s.type, scalar: s.scalar })),
          c.temporaries!.map((t) => ({ name: t.name, dim: Dimension.of(t.dims), type: t.type, scalar: t.scalar })),
        );
      });
    }
  });

  describe('threshold conditions', () => {
    for (const c of fixture.booleans) {
      it(`checkBooleanExpression(${JSON.stringify(c.source)}, 'Threshold condition')`, () => {
        const outcome = run(() => checkBooleanExpression(parseExpression(c.source), scope, 'Threshold condition', { source: c.source }));
        const deviation = DEVIATIONS[`threshold: ${c.source}`];
        if (deviation !== undefined) return assertDeviation(c.source, outcome, deviation.ours);
        if (c.error !== undefined) return assertSameError(c.source, outcome.error, c.error);
        assert.equal(outcome.error, undefined, `${c.source}: ${String(outcome.error)}`);
      });
    }
  });

  describe('expected dimensions (equation right-hand sides)', () => {
    for (const c of fixture.dimensions) {
      it(`checkDimensions(${JSON.stringify(c.source)}, ${Dimension.of(c.expectedDims)})`, () => {
        const outcome = run(() => checkDimensions(parseExpression(c.source), Dimension.of(c.expectedDims), scope, { source: c.source }));
        if (c.error !== undefined) return assertSameError(c.source, outcome.error, c.error);
        assert.equal(outcome.error, undefined, `${c.source}: ${String(outcome.error)}`);
      });
    }
  });
});
