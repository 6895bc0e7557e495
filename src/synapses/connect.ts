/**
 * Synapses.connect(): Brian2's argument forms turned into one structured, validated
 * {@link ConnectSpec} that the Synapses implementation turns into generated code. Mirrors
 * `Synapses.connect`, `_condition_to_generator_expression`, `_finalize_generator_expression`,
 * `_add_synapses_from_arrays` (index checks) and `_add_synapses_generator` (checks and template
 * flags) of brian2/synapses/synapses.py, with Brian2's rules, order of checks and messages.
 *
 * Everything is ASTs: a condition becomes the generator Brian2 would build from it
 * (`_k for _k in range(N_post) if COND` with `j` renamed to `_k`, or `sample(N_post, p=p)`),
 * built as a tree rather than as text.
 */
import { DIMENSIONLESS, DimensionMismatchError } from '../units/index.ts';
import { analyse, ExpressionError, UndefinedIdentifierError } from '../inference/index.ts';
import type { Resolver, ScopeSymbol } from '../inference/index.ts';
import { bool, call, collectIdentifiers, compare, logical, name, num, ParseError, parseExpression, printExpr, tokenize, walkExpr } from '../parsing/index.ts';
import type { Expr, Token } from '../parsing/index.ts';
import { ConnectError } from './errors.ts';
import type { BrianExceptionClass, ConnectErrorCode } from './errors.ts';
import { generatorErrorPrefix, iteratorArguments, parseSynapseGenerator } from './generator.ts';
import type { GeneratorIterator, SynapseGenerator } from './generator.ts';

/** Integer indices: one index, or an array of them. */
export type IndexArgument = number | ArrayLike<number>;

/**
 * The arguments of `connect()`, named as in Brian2 (`skip_if_invalid` → `skipIfInvalid`).
 * `i`/`j` are index arrays or generator strings.
 */
export interface ConnectArguments {
  /** Which pairs to connect: a boolean expression over `i`, `j` and pre/post variables (`'i != j'`), or `true` for all (Brian2's `condition`). */
  readonly condition?: string | boolean;
  /** Source indices: an index or array (paired with `j`), or an expression generating them from `j` (Brian2's `i`). */
  readonly i?: IndexArgument | string;
  /** Target indices: an index or array (paired with `i`), or a generator expression such as `'k for k in range(i-3, i+4)'` (Brian2's `j`). */
  readonly j?: IndexArgument | string;
  /** Probability of creating each candidate synapse: a number or an expression (Brian2's `p`). */
  readonly p?: number | string;
  /** Number of synapses per selected pair: a number or an expression (Brian2's `n`). */
  readonly n?: number | string;
  /** Leave out generated indices outside the target instead of failing (Brian2's `skip_if_invalid`). */
  readonly skipIfInvalid?: boolean;
}

/** Which index a variable is stored by: Brian2's `_presynaptic_idx`, `_postsynaptic_idx`, `_idx`. */
export type VariableIndex = 'presynaptic' | 'postsynaptic' | 'synaptic';

/** A neuron group as connect() needs to know it. */
export interface ConnectGroup {
  readonly name: string;
  readonly size: number;
}

/** What connect() needs to know about the Synapses object. Every field but the name is optional. */
export interface ConnectContext {
  /** The Synapses object's name; every error names it. */
  readonly synapsesName: string;
  /** Source and target groups: enable the index range checks of the array form. */
  readonly source?: ConnectGroup;
  readonly target?: ConnectGroup;
  /**
   * Resolves the names of connect expressions (`i`, `j`, `N_pre`, pre/post/synaptic variables,
   * the namespace): enables Brian2's type and unit checks (boolean condition, integer `range()`
   * arguments, dimensionless `p`). Without it those checks are left to code generation.
   */
  readonly scope?: Resolver;
  /**
   * The indices a name depends on (for a subexpression: those of every variable it uses);
   * `[]` for constants and functions. Default: `x_pre` → presynaptic, `x_post` → postsynaptic (except `N_pre`/`N_post`).
   */
  readonly indexOf?: (name: string) => readonly VariableIndex[];
  /**
   * Replaces the Synapses' own subexpressions by their definitions (Brian2 allows
   * `connect('sub_1 == sub_2')` with `sub_1 = v_pre : 1`); applied to the generator before its checks.
   */
  readonly inline?: (expr: Expr) => Expr;
}

/** `condition=False`: nothing to create. */
export interface NoConnection {
  readonly kind: 'none';
}

/** `connect(i=…, j=…)`: explicit pairs (broadcast together with `n`), each kept with probability `p`. */
export interface ArrayConnection {
  readonly kind: 'arrays';
  readonly i: Int32Array;
  readonly j: Int32Array;
  /** Synapses per pair, broadcast to the pairs' length. */
  readonly n: Int32Array;
  /** Probability of keeping each pair (one draw per pair); 1 keeps all. */
  readonly p: number;
}

/** Every string form: a generator over the outer index (`i` for `j='…'` and conditions, `j` for `i='…'`). */
export interface GeneratorConnection {
  readonly kind: 'generator';
  readonly generator: SynapseGenerator;
  /** The outer loop runs over `'i'` (presynaptic, Brian2's `over_presynaptic`) or `'j'`. */
  readonly outerIndex: 'i' | 'j';
  /** The index computed by the generator's element. */
  readonly resultIndex: 'j' | 'i';
  /** Synapses per created pair (Brian2's `_n`): a number literal or an expression. */
  readonly n: Expr;
  readonly skipIfInvalid: boolean;
  /**
   * Brian2's `result_index_condition`: the condition depends on the result index, the iterator
   * or a random draw, so it is evaluated per candidate; otherwise once per outer index, before
   * the iterator is set up.
   */
  readonly conditionPerCandidate: boolean;
  /**
   * Brian2's `result_index_used`: the condition reads a variable of the result side (a post
   * variable for `j='…'`), so out-of-range candidates must be rejected (or skipped) before it runs.
   */
  readonly conditionUsesResultIndex: boolean;
}

export type ConnectSpec = NoConnection | ArrayConnection | GeneratorConnection;

const fail = (ctx: ConnectContext, code: ConnectErrorCode, cls: BrianExceptionClass, reason: string, cause?: unknown): never => {
  throw new ConnectError(code, cls, ctx.synapsesName, reason, cause === undefined ? undefined : { cause });
};

const isIndexArray = (x: unknown): x is ArrayLike<number> =>
  typeof x === 'object' && x !== null && typeof (x as { length?: unknown }).length === 'number';

/**
 * Analyses the arguments of one `connect()` call: dispatches between Brian2's forms, parses the
 * strings, applies Brian2's checks in Brian2's order, and returns what to create.
 * @example
 * connectSpec({ j: 'k for k in range(i-1, i+2) if k != i', skipIfInvalid: true }, { synapsesName: 'syn' })
 * connectSpec({ condition: 'i != j', p: 0.1 }, { synapsesName: 'syn' })   // sample(N_post, p=0.1) if i != _k
 */
export function connectSpec(args: ConnectArguments, ctx: ConnectContext): ConnectSpec {
  const { condition, i, j } = args;
  const p = args.p ?? 1;
  const n = args.n ?? 1;
  const skipIfInvalid = args.skipIfInvalid ?? false;
  verifyArgumentTypes(args, p, n, ctx);

  if (condition !== undefined || (i === undefined && j === undefined)) {
    if (i !== undefined || j !== undefined) fail(ctx, 'argument-combination', 'ValueError', 'Cannot combine condition with i or j arguments');
    const cond = condition ?? true;
    if (cond === false || cond === 'False') return { kind: 'none' };
    checkProbability(p, ctx);
    const generator = conditionToGenerator(cond, p, ctx);
    return generatorConnection(generator, n, skipIfInvalid, 'i', ctx);
  }
  if (i !== undefined && j !== undefined && typeof i !== 'string' && typeof j !== 'string') {
    if (skipIfInvalid) fail(ctx, 'argument-combination', 'ValueError', 'Can only use skip_if_invalid with string syntax');
    return arrayConnection(i, j, n, p, ctx);
  }
  if (typeof i === 'string') {
    return generatorConnection(finalizeGenerator(i, j, p, 'i', 'j', ctx), n, skipIfInvalid, 'j', ctx);
  }
  if (typeof j === 'string') {
    return generatorConnection(finalizeGenerator(j, i, p, 'j', 'i', ctx), n, skipIfInvalid, 'i', ctx);
  }
  return fail(ctx, 'argument-combination', 'ValueError', 'Must specify at least one of condition, i or j arguments');
}

/** Brian2's `_verify_connect_argument_types`, plus the integer/number checks JS needs. */
function verifyArgumentTypes(args: ConnectArguments, p: unknown, n: unknown, ctx: ConnectContext): void {
  const { condition, i, j } = args;
  if (condition !== undefined && typeof condition !== 'boolean' && typeof condition !== 'string') {
    fail(ctx, 'argument-type', 'TypeError', 'condition argument must be bool or string. If you want to connect based on indices, use connect(i=..., j=...).');
  }
  for (const [what, x] of [['i', i], ['j', j]] as const) {
    if (x !== undefined && typeof x !== 'number' && typeof x !== 'string' && !isIndexArray(x)) {
      fail(ctx, 'argument-type', 'TypeError', `${what} argument must be int, array or string`);
    }
  }
  if (typeof p !== 'number' && typeof p !== 'string') fail(ctx, 'argument-type', 'TypeError', 'p must be float or string');
  if (!(typeof n === 'string' || (typeof n === 'number' && Number.isInteger(n)))) fail(ctx, 'argument-type', 'TypeError', 'n must be int or string');
  if (typeof n === 'number' && n < 0) fail(ctx, 'invalid-value', 'ValueError', `n must not be negative, got ${n}`);
  if (typeof condition === 'string' && hasForKeyword(condition)) {
    fail(ctx, 'condition', 'ValueError', `Generator expression given for condition, write connect(j='${condition}'...) instead of connect('${condition}'...).`);
  }
}

/** brian-ts checks a number `p` (Brian2 silently treats p > 1 as 1 and p < 0 as 0). */
function checkProbability(p: number | string, ctx: ConnectContext): void {
  if (typeof p === 'number' && !(p >= 0 && p <= 1)) fail(ctx, 'invalid-value', 'ValueError', `p must be a probability between 0 and 1, got ${p}`);
}

/** Tokens of a string, or none when it does not lex (the parser reports that later, with context). */
function tokensOf(text: string): Token[] {
  try {
    return tokenize(text);
  } catch (e) {
    if (e instanceof ParseError) return [];
    throw e;
  }
}

/** Brian2's `re.search(r'\bfor\b', …)`, on tokens. */
function hasForKeyword(text: string): boolean {
  return tokensOf(text).some((t) => t.kind === 'name' && t.text === 'for');
}

/** Wraps a parse of a user string into a ConnectError naming the Synapses object. */
function parseArgument(text: string, what: string, ctx: ConnectContext): Expr {
  try {
    return parseExpression(text);
  } catch (e) {
    if (e instanceof ParseError) fail(ctx, 'expression', 'SyntaxError', `Error parsing the ${what} '${text}': ${e.message}`, e);
    throw e;
  }
}

/** Renames names in a tree (Brian2's `word_substitute`). */
function rename(expr: Expr, from: string, to: string): Expr {
  switch (expr.kind) {
    case 'name':
      return expr.name === from ? { ...expr, name: to } : expr;
    case 'number':
    case 'boolean':
      return expr;
    case 'unary':
      return { ...expr, operand: rename(expr.operand, from, to) };
    case 'call':
      return { ...expr, args: expr.args.map((a) => rename(a, from, to)) };
    default:
      return { ...expr, left: rename(expr.left, from, to), right: rename(expr.right, from, to) };
  }
}

/** Brian2's `_condition_to_generator_expression`, building the generator as a tree. */
function conditionToGenerator(condition: string | true, p: number | string, ctx: ConnectContext): SynapseGenerator {
  const condSource = condition === true ? 'True' : condition;
  const parsed = condition === true ? bool(true) : parseArgument(condition, 'condition', ctx);
  if (ctx.scope !== undefined && condition !== true) {
    const info = inferOrFail(parsed, condSource, ctx);
    if (info.type !== 'boolean' || !info.dim.equals(DIMENSIONLESS)) fail(ctx, 'condition', 'TypeError', `Condition '${condSource}' is not a boolean condition`);
  }
  const cond = rename(parsed, 'j', '_k');
  const rangeNPost = { kind: 'range', low: num(0), high: name('N_post'), step: num(1) } as const;
  const base = { element: name('_k'), innerVariable: '_k' };
  if (typeof p !== 'string' && p === 1) {
    return { ...base, source: `_k for _k in range(N_post) if ${printExpr(cond)}`, iterator: rangeNPost, condition: cond };
  }
  const pExpr = typeof p === 'string' ? parseArgument(p, 'probability p', ctx) : num(p, false);
  if (typeof p === 'string') {
    if (ctx.scope !== undefined) {
      const info = inferOrFail(pExpr, p, ctx);
      if (!info.dim.equals(DIMENSIONLESS)) fail(ctx, 'expression', 'DimensionMismatchError', 'Expression for p should be dimensionless.');
    }
    const deps = indexDependence(pExpr, ctx, new Map());
    if (deps.has('_postsynaptic_idx') || deps.has('_iterator_idx')) {
      const withDraw = logical('and', cond, compare('<', call('rand', []), pExpr));
      return { ...base, source: `_k for _k in range(N_post) if (${printExpr(cond)}) and rand()<${printExpr(pExpr)}`, iterator: rangeNPost, condition: withDraw };
    }
  }
  return {
    ...base,
    source: `_k for _k in sample(N_post, p=${printExpr(pExpr)}) if ${printExpr(cond)}`,
    iterator: { kind: 'sample', sampleSize: 'random', low: num(0), high: name('N_post'), step: num(1), p: pExpr },
    condition: cond,
  };
}

/** Brian2's `_finalize_generator_expression`: argument checks and the short forms `j='EXPR [if COND]'`. */
function finalizeGenerator(
  text: string,
  other: IndexArgument | string | undefined,
  p: number | string,
  targetName: 'i' | 'j',
  iterationName: 'i' | 'j',
  ctx: ConnectContext,
): SynapseGenerator {
  if (other !== undefined) fail(ctx, 'argument-combination', 'TypeError', `Generator syntax for ${targetName} cannot be combined with ${iterationName} argument`);
  if (typeof p === 'string' || p !== 1) fail(ctx, 'argument-combination', 'ValueError', 'Generator syntax cannot be combined with p argument');
  if (hasForKeyword(text)) return parseSynapseGenerator(text, ctx.synapsesName);
  // Short form: `EXPR` or `EXPR if COND` means `EXPR for _ in range(1) [if COND]`.
  const tokens = tokensOf(text);
  const ifs = tokens.filter((t) => t.kind === 'name' && t.text === 'if');
  if (ifs.length > 1) fail(ctx, 'generator-syntax', 'SyntaxError', generatorErrorPrefix(text, iterationName));
  const split = ifs[0];
  const elementText = split === undefined ? text : text.slice(0, split.start).trimEnd();
  const condText = split === undefined ? undefined : text.slice(split.end).trimStart();
  const rewritten = condText === undefined ? `${elementText} for _ in range(1)` : `${elementText} for _ in range(1) if ${condText}`;
  const piece = (start: number, end: number): Expr => {
    try {
      if (text.slice(start, end).trim() === '') throw new ParseError('Expected an expression', text, start, 1);
      return parseExpression(text, { start, end });
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      return fail(ctx, 'generator-syntax', 'SyntaxError', `${generatorErrorPrefix(rewritten)}. Error encountered was ${e.reason} (column ${e.column})`, e);
    }
  };
  const element = piece(0, split === undefined ? text.length : split.start);
  const condition = split === undefined ? undefined : piece(split.end, text.length);
  return {
    source: rewritten,
    element,
    innerVariable: '_',
    iterator: { kind: 'range', low: num(0), high: num(1), step: num(1) },
    condition,
  };
}

/** `analyse` with inference errors re-thrown as ConnectErrors naming the Synapses object. */
function inferOrFail(expr: Expr, text: string, ctx: ConnectContext): ReturnType<typeof analyse> {
  try {
    return analyse(expr, ctx.scope!, { source: text });
  } catch (e) {
    if (e instanceof UndefinedIdentifierError) return fail(ctx, 'expression', 'KeyError', e.message, e);
    if (e instanceof DimensionMismatchError) return fail(ctx, 'expression', 'DimensionMismatchError', e.message, e);
    // Brian2 reports a wrong number of function arguments as a SyntaxError.
    if (e instanceof ExpressionError) return fail(ctx, 'expression', e.code === 'argument-count' ? 'SyntaxError' : 'TypeError', e.message, e);
    throw e;
  }
}

// Brian2's functions with `auto_vectorise=True`: a call depends on `_vectorisation_idx`.
const AUTO_VECTORISED = new Set(['rand', 'randn', 'poisson']);

const INDEX_NAMES: Readonly<Record<VariableIndex, string>> = {
  presynaptic: '_presynaptic_idx',
  postsynaptic: '_postsynaptic_idx',
  synaptic: '_idx',
};

// `N_pre`/`N_post` are scalars (index '0' in Brian2) despite their suffix.
const defaultIndexOf = (id: string): readonly VariableIndex[] =>
  id === 'N_pre' || id === 'N_post' ? [] : id.endsWith('_pre') ? ['presynaptic'] : id.endsWith('_post') ? ['postsynaptic'] : [];

/** Brian2's `_expression_index_dependence`: `i` → presynaptic, `j` → iterator, extra names as given. */
function indexDependence(expr: Expr, ctx: ConnectContext, additional: ReadonlyMap<string, string>): Set<string> {
  const deps = new Set<string>();
  const indexOf = ctx.indexOf ?? defaultIndexOf;
  const names = collectIdentifiers(expr);
  let vectorised = false;
  walkExpr(expr, (e) => {
    if (e.kind === 'call' && AUTO_VECTORISED.has(e.callee)) vectorised = true;
  });
  if (vectorised) names.add('_vectorisation_idx');
  for (const id of names) {
    if (id === 'i') deps.add('_presynaptic_idx');
    else if (id === 'j') deps.add('_iterator_idx');
    else if (additional.has(id)) deps.add(additional.get(id)!);
    else if (id === '_vectorisation_idx') deps.add('_idx');
    else for (const index of indexOf(id)) deps.add(INDEX_NAMES[index]);
  }
  return deps;
}

/** The generator with `inline` applied to every expression in it. */
function inlineGenerator(g: SynapseGenerator, inline: (expr: Expr) => Expr): SynapseGenerator {
  const it = g.iterator;
  const iterator: GeneratorIterator =
    it.kind === 'range'
      ? { ...it, low: inline(it.low), high: inline(it.high), step: inline(it.step) }
      : it.sampleSize === 'random'
        ? { ...it, low: inline(it.low), high: inline(it.high), step: inline(it.step), p: inline(it.p) }
        : { ...it, low: inline(it.low), high: inline(it.high), step: inline(it.step), size: inline(it.size) };
  return { ...g, element: inline(g.element), iterator, condition: g.condition === undefined ? undefined : inline(g.condition) };
}

function wholeConstantAsInteger(symbol: ScopeSymbol | undefined): ScopeSymbol | undefined {
  if (symbol === undefined || symbol.kind !== 'constant' || symbol.type !== 'float') return symbol;
  if (symbol.value === undefined || !Number.isSafeInteger(symbol.value) || !symbol.dim.isDimensionless) return symbol;
  return { ...symbol, type: 'integer' };
}

/** Brian2's `_add_synapses_generator` checks (after parsing) and template flags. */
function generatorConnection(
  generator: SynapseGenerator,
  n: number | string,
  skipIfInvalid: boolean,
  outerIndex: 'i' | 'j',
  ctx: ConnectContext,
): GeneratorConnection {
  const overPresynaptic = outerIndex === 'i';
  if (ctx.inline !== undefined) generator = inlineGenerator(generator, ctx.inline);
  const it = generator.iterator;
  // `_check_parsed_synapses_generator`: range() arguments must be integers.
  if (it.kind === 'range' && ctx.scope !== undefined) {
    // A JS number cannot say it is an int (Brian2 sees Python's `int`): a whole-number
    // dimensionless constant from a namespace counts as an integer here, so
    // `range(k*group_size)` with `group_size = 100` works while `range(42.0)` is still refused.
    const scope = ctx.scope;
    const rangeCtx: ConnectContext = { ...ctx, scope: (name) => wholeConstantAsInteger(scope(name)) };
    for (const [argName, arg] of iteratorArguments(it)) {
      const info = inferOrFail(arg, printExpr(arg), rangeCtx);
      if (info.type !== 'integer') {
        fail(ctx, 'iterator-type', 'TypeError', `The '${argName}' argument of the range function was '${printExpr(arg)}', but it needs to be an integer.`);
      }
    }
  }
  // Referring to N_incoming/N_outgoing in connect is ill-defined (Brian2 issue #1227).
  const used = new Set<string>();
  for (const part of [generator.element, ...iteratorArguments(it).map(([, e]) => e), ...(generator.condition ? [generator.condition] : [])]) {
    for (const id of collectIdentifiers(part)) used.add(id);
  }
  for (const forbidden of ['N_incoming', 'N_outgoing']) {
    if (used.has(forbidden)) fail(ctx, 'forbidden-variable', 'ValueError', `The connect statement cannot refer to '${forbidden}'.`);
  }
  const resultName = overPresynaptic ? 'postsynaptic' : 'presynaptic';
  const additional = new Map([[generator.innerVariable, '_iterator_idx']]);
  for (const [, arg] of iteratorArguments(it)) {
    const deps = indexDependence(arg, ctx, additional);
    if (deps.has(`_${resultName}_idx`) || deps.has('_iterator_idx')) {
      fail(ctx, 'iterator-dependence', 'ValueError', `Expression "${printExpr(arg)}" depends on ${resultName} index or iterator`);
    }
  }
  // rand() in the condition is drawn per candidate.
  additional.set('_vectorisation_idx', '_iterator_idx');
  let perCandidate = false;
  let usesResult = false;
  if (generator.condition !== undefined) {
    const deps = indexDependence(generator.condition, ctx, additional);
    const targetIdx = overPresynaptic ? '_postsynaptic_idx' : '_presynaptic_idx';
    usesResult = deps.has(targetIdx);
    perCandidate = usesResult || deps.has('_iterator_idx');
  }
  const nExpr = typeof n === 'number' ? num(n, true) : parseArgument(n, 'number of synapses n', ctx);
  return {
    kind: 'generator',
    generator,
    outerIndex,
    resultIndex: overPresynaptic ? 'j' : 'i',
    n: nExpr,
    skipIfInvalid,
    conditionPerCandidate: perCandidate,
    conditionUsesResultIndex: usesResult,
  };
}

/** Integers of an index argument, with Brian2's dtype messages. */
function integerArray(x: IndexArgument, message: string, ctx: ConnectContext): Int32Array {
  const values = typeof x === 'number' ? [x] : Array.from(x);
  // Nested arrays are numpy's 2-D index arrays (Brian2: ValueError after its dtype check).
  const nested = (v: unknown): boolean => typeof v === 'object' && v !== null && 'length' in v;
  if (values.some(nested)) {
    if ((values as unknown[]).every((row) => nested(row) && Array.from(row as ArrayLike<unknown>).every((v) => typeof v === 'number' && Number.isInteger(v)))) {
      fail(ctx, 'argument-combination', 'ValueError', 'Can only use 1-dimensional indices');
    }
    fail(ctx, 'argument-type', 'TypeError', message);
  }
  const out = new Int32Array(values.length);
  values.forEach((v, k) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || Math.abs(v) > 2147483647) fail(ctx, 'argument-type', 'TypeError', message);
    out[k] = v;
  });
  return out;
}

/** Brian2's `_verify_connect_array_arguments` and the range check of `_add_synapses_from_arrays`. */
function arrayConnection(i: IndexArgument, j: IndexArgument, n: number | string, p: number | string, ctx: ConnectContext): ArrayConnection {
  const iv = integerArray(i, `Presynaptic indices have to be given as integers, are type ${describeType(i)} instead.`, ctx);
  const jv = integerArray(j, 'Presynaptic indices can only be combined with postsynaptic integer indices', ctx);
  if (typeof n === 'string') {
    fail(ctx, 'argument-type', 'TypeError', 'Indices cannot be combined with a string expression for n. Either use an array/scalar for n, or a string expression for the connections');
  }
  if (typeof p === 'string') fail(ctx, 'argument-type', 'TypeError', 'p must be a number when connecting with index arrays');
  checkProbability(p, ctx);
  // numpy broadcasting of i, j and n (all 1-D or scalars).
  const scalarI = typeof i === 'number';
  const scalarJ = typeof j === 'number';
  const lengths = [scalarI ? 1 : iv.length, scalarJ ? 1 : jv.length];
  const length = scalarI && scalarJ ? 1 : Math.max(...lengths.filter((l, k) => !(k === 0 ? scalarI : scalarJ)));
  for (const [k, l] of lengths.entries()) {
    const scalar = k === 0 ? scalarI : scalarJ;
    if (!scalar && l !== length && l !== 1) {
      fail(ctx, 'argument-combination', 'ValueError', `shape mismatch: objects cannot be broadcast to a single shape (i has ${iv.length} elements, j has ${jv.length}).`);
    }
  }
  const broadcast = (a: Int32Array): Int32Array => (a.length === length ? a : new Int32Array(length).fill(a[0] ?? 0));
  const ib = broadcast(iv);
  const jb = broadcast(jv);
  for (const [indices, which, group] of [[ib, 'source', ctx.source], [jb, 'target', ctx.target]] as const) {
    if (group === undefined) continue;
    if (indices.some((v) => v < 0 || v >= group.size)) {
      fail(
        ctx,
        'index-out-of-range',
        'IndexError',
        `Tried to create synapse indices outside valid range. Original error message: The given ${which} indices contain values outside of the range [0, ${group.size - 1}] allowed for the ${which} group "${group.name}"`,
      );
    }
  }
  return { kind: 'arrays', i: ib, j: jb, n: new Int32Array(length).fill(n as number), p: p as number };
}

function describeType(x: IndexArgument): string {
  const values = typeof x === 'number' ? [x] : Array.from(x);
  return values.every((v) => typeof v === 'number') ? 'float64' : 'object';
}
