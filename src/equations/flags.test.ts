import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Equations } from './equations.ts';
import { EquationError } from './errors.ts';
import { checkFlags, NEURON_GROUP_FLAGS, SYNAPSES_FLAGS, SYNAPSES_INCOMPATIBLE_FLAGS } from './flags.ts';
import { addRefractoriness, unlessRefractory } from './refractory.ts';
import { parseExpression, printExpr } from '../parsing/index.ts';
import { prePostSuffixProblem } from './identifiers.ts';

describe('checkFlags and refractoriness', () => {
  it('checkFlags(eqs, NEURON_GROUP_FLAGS, name) rejects a Synapses flag with Brian2\'s message', () => {
    checkFlags(new Equations('dv/dt = -v/tau : volt (unless refractory)\nx : 1 (constant, shared)'), NEURON_GROUP_FLAGS, 'neurongroup');
    assert.throws(
      () => checkFlags(new Equations('x : 1 (event-driven)'), NEURON_GROUP_FLAGS, 'neurongroup'),
      (e: unknown) =>
        e instanceof EquationError &&
        e.reason === 'flags' &&
        e.message.includes("Invalid flags in the equations of 'neurongroup': Equations of type 'parameter' cannot have a flag 'event-driven', only the following flags are allowed: ('constant', 'shared', 'linked')"),
    );
  });

  it('checkFlags(eqs, SYNAPSES_FLAGS, name, SYNAPSES_INCOMPATIBLE_FLAGS) rejects event-driven with clock-driven', () => {
    assert.throws(
      () => checkFlags(new Equations('dx/dt = -x/tau : 1 (event-driven, clock-driven)'), SYNAPSES_FLAGS, 'synapses', SYNAPSES_INCOMPATIBLE_FLAGS),
      (e: unknown) => e instanceof EquationError && /Flag 'event-driven' cannot be combined with flag 'clock-driven'/.test(e.message),
    );
  });

  it('prePostSuffixProblem(name) gives Brian2\'s message for x_pre / x_post', () => {
    assert.match(prePostSuffixProblem('x_post')!, /'x_post' cannot be used as a variable name, the '_pre' and '_post' suffixes/);
    assert.equal(prePostSuffixProblem('x'), undefined);
  });

  it('unlessRefractory(rhs) multiplies by int(not_refractory)', () => {
    assert.equal(printExpr(unlessRefractory(parseExpression('(v0 - v)/tau'))), 'int(not_refractory) * ((v0 - v) / tau)');
  });

  it('addRefractoriness(eqs) rewrites (unless refractory) equations and adds not_refractory, lastspike', () => {
    const eqs = addRefractoriness(new Equations('dv/dt = (v0 - v)/tau : volt (unless refractory)\ndw/dt = -w/tau : 1'));
    assert.equal(
      String(eqs),
      'dv/dt = int(not_refractory)*((v0 - v)/tau) : V (unless refractory)\ndw/dt = -w/tau : 1\nlastspike : s\nnot_refractory : 1',
    );
    assert.equal(eqs.get('not_refractory')!.varType, 'boolean');
  });
});
