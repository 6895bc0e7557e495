/**
 * Short run of the whole-pipeline fuzz target (issue 15): random and mutated models through
 * parsing, code generation and a few steps of run; only BrianErrors, each input within
 * INPUT_TIME_BOUND_MS. `npm run fuzz -- pipeline/` runs 10^5 inputs.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BrianError } from 'brian-ts';
import { modelArbitrary, pipelineFuzzTargets, runModel } from '../../scripts/fuzz/pipeline.ts';

describe('pipeline fuzz (short run)', () => {
  for (const target of pipelineFuzzTargets) {
    it(`${target.name}: ${target.description}`, () => target.run({ numRuns: 150 }));
  }

  it('the generated models reach every stage: some run (with synapses too), others fail with typed errors at different layers', () => {
    const outcomes = fc.sample(modelArbitrary, { numRuns: 200, seed: 42 }).map((m) => [m, runModel(m)] as const);
    const ran = outcomes.filter(([, o]) => o === 'ran');
    assert.ok(ran.length >= 15, `${ran.length} of 200 models ran`);
    assert.ok(ran.some(([m]) => m.synapses !== undefined), 'a model with synapses ran');
    const kinds = new Set(outcomes.filter(([, o]) => o !== 'ran').map(([, o]) => (o as BrianError).name));
    for (const k of ['ParseError', 'BrianObjectError']) assert.ok(kinds.has(k), `${k} among ${[...kinds].join(', ')}`);
  });
});
