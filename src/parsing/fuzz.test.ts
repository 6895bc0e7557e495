import { describe, it } from 'node:test';
import { parsingFuzzTargets } from '../../scripts/fuzz/parsing.ts';

// The same targets as `npm run fuzz`, with a few thousand inputs in total so `npm test` stays fast.
// A fixed seed keeps CI deterministic; `npm run fuzz` explores new seeds.
const RUNS = 800;

describe('parsing fuzz targets (scripts/fuzz/parsing.ts)', () => {
  for (const target of parsingFuzzTargets) {
    it(`${target.name}: ${target.description}`, () => {
      target.run({ numRuns: Math.round(RUNS / (target.weight ?? 1)), seed: 20240601 });
    });
  }
});
