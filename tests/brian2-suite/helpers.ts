/**
 * Shared helpers of the translated Brian2 2.5.1 test suite: Brian2's `pytest.raises(Kind)` and
 * `exc_isinstance(exc, Kind)` as `raises(fn, 'Kind')`, and warning capture (`catch_logs`).
 */
import assert from 'node:assert/strict';
import { BrianError, InternalError } from '../../src/util/index.ts';
import { setWarningHandler } from '../../src/util/index.ts';
import { BrianObjectError } from '../../src/core/index.ts';
import { DimensionMismatchError } from '../../src/units/index.ts';
import { EquationError } from '../../src/equations/index.ts';

/** The Python exception classes Brian2's tests expect. */
export type BrianKind =
  | 'TypeError'
  | 'ValueError'
  | 'SyntaxError'
  | 'KeyError'
  | 'IndexError'
  | 'NotImplementedError'
  | 'AttributeError'
  | 'DimensionMismatchError'
  | 'EquationError'
  | 'BrianObjectException';

/** Brian2's `exc_isinstance`: the error or any error in its `cause` chain. */
function chain(e: unknown): unknown[] {
  const out: unknown[] = [];
  let x: unknown = e;
  while (x !== undefined && x !== null && out.length < 10) {
    out.push(x);
    x = x instanceof Error ? x.cause : undefined;
  }
  return out;
}

/**
 * Whether `e` is brian-ts's counterpart of Brian2's `kind`. DimensionMismatchError and
 * EquationError have the same classes in brian-ts; Python's built-in classes map onto the typed
 * error of the layer that raised it (a `BrianError`, never a raw JS error or an InternalError),
 * and where that error records Brian2's class (`brianClass`, e.g. ConnectError) it must agree.
 */
export function isKind(e: unknown, kind: BrianKind): boolean {
  const errors = chain(e);
  if (kind === 'BrianObjectException') return e instanceof BrianObjectError;
  if (kind === 'DimensionMismatchError') return errors.some((x) => x instanceof DimensionMismatchError);
  if (kind === 'EquationError') return errors.some((x) => x instanceof EquationError);
  const innermostTyped = [...errors].reverse().find((x) => x instanceof BrianError && !(x instanceof BrianObjectError));
  if (innermostTyped === undefined || innermostTyped instanceof InternalError) return false;
  const recorded = errors.map((x) => (x as { brianClass?: unknown }).brianClass).find((c) => typeof c === 'string');
  return recorded === undefined || recorded === kind;
}

/** `with pytest.raises(kind): fn()`; `match` (a RegExp) is tested against every message in the cause chain. */
export function raises(fn: () => unknown, kind: BrianKind, match?: RegExp): void {
  let thrown: unknown;
  let threw = false;
  try {
    fn();
  } catch (e) {
    threw = true;
    thrown = e;
  }
  assert.ok(threw, `expected ${kind}, nothing was thrown`);
  assert.ok(isKind(thrown, kind), `expected ${kind}, got ${String((thrown as Error)?.name)}: ${String((thrown as Error)?.message)}`);
  if (match !== undefined) {
    assert.ok(chain(thrown).some((x) => x instanceof Error && match.test(x.message)), `no message matches ${match}: ${String((thrown as Error)?.message)}`);
  }
}

/** Brian2's `catch_logs()`: the warnings (key, message) emitted while `fn` runs. */
export function catchLogs(fn: () => void): [string, string][] {
  const logs: [string, string][] = [];
  setWarningHandler((key, message) => logs.push([key, message]));
  try {
    fn();
  } finally {
    setWarningHandler(undefined);
  }
  return logs;
}

/** numpy's `assert_allclose` (rtol 1e-7, atol 0). */
export function assertAllclose(actual: ArrayLike<number> | number, expected: ArrayLike<number> | number, rtol = 1e-7, atol = 0): void {
  const a = typeof actual === 'number' ? [actual] : Array.from(actual);
  const b = typeof expected === 'number' ? a.map(() => expected) : Array.from(expected);
  assert.equal(a.length, b.length, `length ${a.length} != ${b.length}`);
  a.forEach((x, k) => {
    const y = b[k]!;
    assert.ok(x === y || Math.abs(x - y) <= atol + rtol * Math.abs(y) || (Number.isNaN(x) && Number.isNaN(y)), `element ${k}: ${x} != ${y}`);
  });
}
