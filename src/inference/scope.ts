/**
 * What inference needs to know about a name, and how names are looked up: a scope is a
 * function from a name to a symbol, built from layers in Brian2's resolution order
 * (`Group._resolve` / `_resolve_external`, semantics §2.7).
 */
import { DIMENSIONLESS, Quantity, lookupUnit } from '../units/index.ts';
import type { Dimension } from '../units/index.ts';
import { ExpressionError } from './errors.ts';
import { DEFAULT_CONSTANTS, DEFAULT_FUNCTIONS } from './functions.ts';
import type { FunctionDescriptor } from './functions.ts';
import type { ValueType } from './types.ts';

/** A name that stands for a value: a model variable, an external constant, a unit or a subexpression. */
export interface ValueSymbol {
  readonly kind: 'variable' | 'constant' | 'unit' | 'subexpression';
  readonly dim: Dimension;
  readonly type: ValueType;
  /** Whether the value is the same for every element (shared variables, `t`, constants, units). */
  readonly scalar: boolean;
  /**
   * The SI value, when it is known before the run (constants, units, `N`). Only names with a
   * value can appear in the exponent of a base that has units.
   */
  readonly value?: number;
  /** A variable that code may not write (`t`, `dt`, `i`, `N`). Constants, units and subexpressions are never writable. */
  readonly readOnly?: boolean;
}

/** A name that stands for a function. */
export interface FunctionSymbol {
  readonly kind: 'function';
  readonly fn: FunctionDescriptor;
}

/** Everything a name can resolve to. */
export type ScopeSymbol = ValueSymbol | FunctionSymbol;

/** Looks a name up; `undefined` when this scope does not define it. */
export type Resolver = (name: string) => ScopeSymbol | undefined;

/** Options of {@link variableSymbol}. */
export interface VariableOptions {
  /** Default `'float'`. */
  readonly type?: ValueType;
  /** Default `false` (one value per element). */
  readonly scalar?: boolean;
  /** Default `false`. */
  readonly readOnly?: boolean;
}

/**
 * A model variable.
 * @example variableSymbol(volt.dim)   // v : volt
 * @example variableSymbol(DIMENSIONLESS, { type: 'integer', readOnly: true })   // i
 */
export function variableSymbol(dim: Dimension, options: VariableOptions = {}): ValueSymbol {
  return Object.freeze({
    kind: 'variable',
    dim,
    type: options.type ?? 'float',
    scalar: options.scalar ?? false,
    readOnly: options.readOnly ?? false,
  });
}

/**
 * A scalar constant with a known SI value. Its type is `'float'` unless given: a JS number
 * cannot tell `3` from `3.0`, so integer constants must say so (Brian2 infers it from Python's `int`).
 */
export function constantSymbol(value: number | boolean, dim: Dimension = DIMENSIONLESS, type?: ValueType): ValueSymbol {
  return Object.freeze({
    kind: 'constant',
    dim,
    type: type ?? (typeof value === 'boolean' ? 'boolean' : 'float'),
    scalar: true,
    value: Number(value),
    readOnly: true,
  });
}

/** A function symbol for a descriptor. */
export function functionSymbol(fn: FunctionDescriptor): FunctionSymbol {
  return Object.freeze({ kind: 'function', fn });
}

/** True for symbols that stand for values (everything but functions). */
export function isValueSymbol(symbol: ScopeSymbol): symbol is ValueSymbol {
  return symbol.kind !== 'function';
}

/** A resolver over a fixed table of symbols. */
export function tableResolver(table: ReadonlyMap<string, ScopeSymbol> | Readonly<Record<string, ScopeSymbol>>): Resolver {
  if (table instanceof Map) return (name) => table.get(name);
  const record = table as Readonly<Record<string, ScopeSymbol>>;
  return (name) => (Object.hasOwn(record, name) ? record[name] : undefined);
}

/**
 * A value a user namespace may hold: a number (float), a boolean, a scalar `Quantity` (such as
 * `ms(10)` or a unit), or a ready-made symbol.
 */
export type NamespaceValue = number | boolean | Quantity | ScopeSymbol;

/**
 * A resolver over a user namespace (Brian2's group `namespace=` or run namespace): numbers
 * become dimensionless float constants, booleans boolean constants; symbols are used as given.
 */
export function namespaceResolver(
  namespace: ReadonlyMap<string, NamespaceValue> | Readonly<Record<string, NamespaceValue>>,
): Resolver {
  const lookup = (name: string): NamespaceValue | undefined => {
    if (namespace instanceof Map) return namespace.get(name);
    const record = namespace as Readonly<Record<string, NamespaceValue>>;
    return Object.hasOwn(record, name) ? record[name] : undefined;
  };
  return (name) => {
    const value = lookup(name);
    if (value === undefined) return undefined;
    if (typeof value === 'number' || typeof value === 'boolean') return constantSymbol(value);
    if (value instanceof Quantity) return constantSymbol(value.value, value.dim);
    if (typeof value === 'object' && value !== null && 'kind' in value) return value;
    // Brian2 accepts only scalars from namespaces ("... is not a scalar value").
    throw new ExpressionError(
      'non-scalar-namespace-value',
      `Variable ${name} was found in the namespace, but is not a scalar value (a number, boolean or scalar Quantity).`,
      name,
    );
  };
}

const constantSymbols = new Map([...DEFAULT_CONSTANTS].map(([name, value]) => [name, constantSymbol(value)]));
const functionSymbols = new Map([...DEFAULT_FUNCTIONS].map(([name, fn]) => [name, functionSymbol(fn)]));
const unitSymbols = new Map<string, ValueSymbol | null>();

/** Brian2's `DEFAULT_CONSTANTS`: `pi`, `e`, `inf`. */
export const constantsResolver: Resolver = (name) => constantSymbols.get(name);

/** Every unit name Brian2 makes available in model strings (`mV`, `nS`, `Hz`, …), as scalar float constants. */
export const unitsResolver: Resolver = (name) => {
  let symbol = unitSymbols.get(name);
  if (symbol === undefined) {
    const unit = lookupUnit(name);
    symbol = unit === undefined
      ? null
      : Object.freeze({ kind: 'unit', dim: unit.dim, type: 'float', scalar: true, value: unit.scale, readOnly: true } as const);
    unitSymbols.set(name, symbol);
  }
  return symbol ?? undefined;
};

/** Brian2's `DEFAULT_FUNCTIONS`. */
export const functionsResolver: Resolver = (name) => functionSymbols.get(name);

/** Combines resolvers: the first one that defines a name wins. */
export function layerResolvers(...layers: readonly Resolver[]): Resolver {
  return (name) => {
    for (const layer of layers) {
      const symbol = layer(name);
      if (symbol !== undefined) return symbol;
    }
    return undefined;
  };
}

/** Options of {@link createScope}. */
export interface ScopeOptions {
  /** The group's own variables (and any additional variables), looked up first. */
  readonly variables?: Resolver | ReadonlyMap<string, ScopeSymbol> | Readonly<Record<string, ScopeSymbol>>;
  /** User namespaces (group-specific, then run), looked up last, in this order. */
  readonly namespaces?: readonly (Resolver | ReadonlyMap<string, NamespaceValue> | Readonly<Record<string, NamespaceValue>>)[];
}

/**
 * A scope in Brian2's resolution order: variables, then the constants `pi`/`e`/`inf`, then
 * units, then the default functions, then user namespaces. The first match wins, so a user
 * value named `ms` or `exp` is shadowed by the unit or function, as in Brian2.
 * @example
 * const scope = createScope({ variables: { v: variableSymbol(volt.dim) }, namespaces: [{ tau: constantSymbol(0.01, second.dim) }] });
 * analyse(parseExpression('-v/tau'), scope).dim   // V/s
 */
export function createScope(options: ScopeOptions = {}): Resolver {
  const toResolver = (
    x: Resolver | ReadonlyMap<string, NamespaceValue> | Readonly<Record<string, NamespaceValue>>,
  ): Resolver => (typeof x === 'function' ? x : namespaceResolver(x));
  const variables = options.variables === undefined ? () => undefined : typeof options.variables === 'function' ? options.variables : tableResolver(options.variables);
  return layerResolvers(
    variables,
    constantsResolver,
    unitsResolver,
    functionsResolver,
    ...(options.namespaces ?? []).map(toResolver),
  );
}
