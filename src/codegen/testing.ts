/**
 * Test helpers (not exported from index.ts): twin variable tables so the generated code and the
 * reference evaluator can run the same spec on identical, separate storage.
 * @internal
 */
import assert from 'node:assert/strict';
import { compileCodeBlock } from './generate.ts';
import { compileReference } from './reference.ts';
import { RandomState } from './random.ts';
import type { CodeBlockSpec, CodeObject } from './spec.ts';
import { Variables } from '../variables/index.ts';
import type { ArrayVariable } from '../variables/index.ts';

/** Both backends compiled from one spec shape, each over its own copy of the storage. */
export interface Twins {
  readonly generated: CodeObject;
  readonly reference: CodeObject;
  readonly a: Variables;
  readonly b: Variables;
  /**
   * Runs both `steps` times. A run-time error (integer division by zero, an out-of-range integer
   * store) must be the same error from both; the runs stop there and `assertSame` compares nothing.
   */
  step(steps?: number): void;
  /** Asserts every array of both tables is identical (bit for bit; NaN equals NaN). */
  assertSame(message?: string): void;
}

/** Deep-copies a table: new storage, same values (references are not supported here). */
export function copyVariables(source: Variables): Variables {
  const copy = new Variables(source.owner);
  for (const [name, v] of source) {
    if (v.kind === 'array') {
      copy.set(name, { ...v, array: v.array.slice() });
    } else {
      copy.set(name, v);
    }
  }
  return copy;
}

/**
 * Builds twins: `build` makes the table; `specOf` makes the spec for a given table (so
 * storage-referencing fields — eventSpace, monitor storage — come from the right copy).
 */
export function twins(build: () => Variables, specOf: (vars: Variables) => CodeBlockSpec, seed = 1234): Twins {
  const a = build();
  const b = copyVariables(a);
  const generated = compileCodeBlock({ ...specOf(a), random: new RandomState(seed) });
  const reference = compileReference({ ...specOf(b), random: new RandomState(seed) });
  let failed = false;
  const attempt = (o: CodeObject): Error | undefined => {
    try {
      o.run();
      return undefined;
    } catch (e) {
      return e as Error;
    }
  };
  return {
    generated,
    reference,
    a,
    b,
    step(steps = 1) {
      for (let k = 0; k < steps && !failed; k++) {
        const ea = attempt(generated);
        const eb = attempt(reference);
        if (ea !== undefined || eb !== undefined) {
          assert.equal(`${ea?.name}: ${ea?.message}`, `${eb?.name}: ${eb?.message}`, `both backends raise the same error\n${generated.source}`);
          failed = true;
        }
      }
    },
    assertSame(message = '') {
      if (failed) return;
      for (const [name, v] of a) {
        if (v.kind !== 'array') continue;
        const w = b.get(name) as ArrayVariable;
        assert.equal(v.length, w.length, `${message} length of ${name}`);
        const x = Array.from(v.array.subarray(0, v.length));
        const y = Array.from(w.array.subarray(0, w.length));
        assert.deepEqual(x.map(String), y.map(String), `${message} values of ${name}\n${generated.source}`);
      }
    },
  };
}

/**
 * Runs each function: true when all return; false when all raise the same error (a run-time
 * error such as integer division by zero: stop comparing); a failed assertion otherwise.
 */
export function sameOutcome(...runs: (() => void)[]): boolean {
  const errors = runs.map((f) => {
    try {
      f();
      return undefined;
    } catch (e) {
      return e as Error;
    }
  });
  if (errors.every((e) => e === undefined)) return true;
  const described = errors.map((e) => (e === undefined ? 'no error' : `${e.name}: ${e.message}`));
  assert.ok(described.every((d) => d === described[0]), `different outcomes: ${described.join(' | ')}`);
  return false;
}
