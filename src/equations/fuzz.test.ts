import { describe, it } from 'node:test';
import { equationsFuzzTargets } from '../../scripts/fuzz/equations.ts';

describe('equations fuzz targets (short runs; `npm run fuzz -- equations/` for long ones)', () => {
  for (const target of equationsFuzzTargets) {
    it(`${target.name}: ${target.description}`, () => target.run({ numRuns: Math.round(1500 / (target.weight ?? 1)) }));
  }
});
