/** Brian2 2.5.1 `brian2/tests/test_variables.py`, translated (status: README.md in this folder). */
import { describe, it } from 'node:test';
import { second } from '../../src/index.ts';
import { Variables } from '../../src/variables/index.ts';
import { raises } from './helpers.ts';

describe('test_variables (Brian2 2.5.1)', () => {
  it('test_construction_errors', () => {
    // Boolean variable that isn't dimensionless
    raises(() => new Variables('owner').addArray('name', { dim: second.dim, dtype: 'bool', size: 1 }), 'ValueError');
    // (Brian2's second case, a DynamicArrayVariable that is constant but "needs_reference_update",
    // concerns its device's array references; brian-ts has no such flag.)
  });
});
