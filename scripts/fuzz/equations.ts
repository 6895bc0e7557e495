/**
 * Fuzz targets for src/equations: any model string either gives Equations or throws a typed
 * brian-ts error whose location lies inside the input (Brian2's `str(eqs)` prints display units
 * such as `V`, which are not valid unit specifications, so there is no print/parse round trip to
 * test). Used by scripts/fuzz.ts (large runs) and src/equations/fuzz.test.ts (small runs).
 */
import fc from 'fast-check';
import { loadFixture } from '../../tests/conformance/fixture.ts';
import { EquationError, Equations } from '../../src/equations/index.ts';
import { ParseError } from '../../src/parsing/index.ts';
import { BrianError } from '../../src/util/index.ts';
import type { FuzzTarget } from './target.ts';

/** The valid model strings of the Brian2 conformance fixture (HH, COBAHH, CUBA, STDP, …). */
export const equationCorpus: readonly string[] = loadFixture<{ parse: { source: string; result?: unknown; substitutions?: unknown }[] }>('equations')
  .parse.filter((c) => c.result !== undefined && c.substitutions === undefined && c.source.trim() !== '')
  .map((c) => c.source);

/** Builds Equations from `source`, accepting success or a well-formed typed error; anything else throws. */
export function equationsOrTypedError(source: string): Equations | undefined {
  try {
    return new Equations(source);
  } catch (err) {
    if (!(err instanceof BrianError)) throw new Error(`${JSON.stringify(source)} threw a non-brian-ts error: ${String(err)}`);
    if (err instanceof EquationError || err instanceof ParseError) {
      const offset = err.offset;
      if (offset !== undefined && !(offset >= 0 && offset <= source.length)) throw new Error(`error offset ${offset} outside the input`);
      if (err.line !== undefined && !err.message.includes('^')) throw new Error(`located error without a caret: ${err.message}`);
    }
    return undefined;
  }
}

const PIECES = [
  'x', 'v', 'tau', 'dv/dt', 'd', '/dt', ' = ', '=', ' : ', ':', 'volt', 'siemens/metre**2', '1', 'boolean', 'integer',
  'bool', 'mV', '(', ')', '(constant)', '(unless refractory)', ', ', '#', '# c', '\n', '\n\n', '\t', ' ', '*', '**',
  '-', '/', 'xi', 'xi_1', 'exp(', 'sqrt(second)', '.5', '1e-3', 't', 'i', '_x', 'lambda', 'é', '\\', '\r\n', '"',
];
const soup = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((p) => p.join(''));
const randomText = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 30 }), soup);

const mutated = fc
  .tuple(
    fc.constantFrom(...equationCorpus),
    fc.array(fc.tuple(fc.nat(), fc.nat(4), fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 3 }))), { minLength: 1, maxLength: 4 }),
  )
  .map(([source, edits]) => {
    let s = source;
    for (const [at, cut, piece] of edits) {
      const k = at % (s.length + 1);
      s = s.slice(0, k) + piece + s.slice(k + cut);
    }
    return s;
  });

export const equationsFuzzTargets: readonly FuzzTarget[] = [
  {
    name: 'equations/random-text',
    description: 'random strings and equation-token soup give Equations or a typed, located error',
    run: ({ numRuns, seed }) => fc.assert(fc.property(randomText, (s) => void equationsOrTypedError(s)), { numRuns, ...(seed !== undefined ? { seed } : {}) }),
  },
  {
    name: 'equations/mutations',
    description: 'random edits of real models (HH, COBAHH, CUBA, STDP, …) give Equations or a typed, located error',
    weight: 2,
    run: ({ numRuns, seed }) => fc.assert(fc.property(mutated, (s) => void equationsOrTypedError(s)), { numRuns, ...(seed !== undefined ? { seed } : {}) }),
  },
];
