import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DIMENSIONLESS, Dimension } from '../units/index.ts';
import {
  ANY_UNIT,
  DEFAULT_CONSTANTS,
  DEFAULT_FUNCTIONS,
  FunctionDefinitionError,
  defineFunction,
  returnDimension,
  sameUnitAs,
  unitOf,
} from './functions.ts';

const VOLT = Dimension.of([2, 1, -3, -1, 0, 0, 0]);
const SECOND = Dimension.of([0, 0, 1, 0, 0, 0, 0]);

describe('DEFAULT_FUNCTIONS', () => {
  it('DEFAULT_FUNCTIONS lists exactly Brian2\'s string functions', () => {
    assert.deepEqual(
      [...DEFAULT_FUNCTIONS.keys()].sort(),
      [
        'abs', 'arccos', 'arcsin', 'arctan', 'ceil', 'clip', 'cos', 'cosh', 'exp', 'expm1', 'exprel', 'floor', 'int',
        'log', 'log10', 'log1p', 'poisson', 'rand', 'randn', 'sign', 'sin', 'sinh', 'sqrt', 'tan', 'tanh', 'timestep',
      ],
    );
  });

  it('DEFAULT_FUNCTIONS.get(name) describes argument units, return types and state', () => {
    const fn = (name: string) => DEFAULT_FUNCTIONS.get(name)!;
    assert.deepEqual(fn('exp').argUnits, [unitOf(DIMENSIONLESS)]);
    assert.equal(fn('exp').returnType, 'float');
    assert.deepEqual(fn('clip').argUnits, [ANY_UNIT, sameUnitAs(0), sameUnitAs(0)]);
    assert.equal(fn('clip').returnType, 'highest');
    assert.equal(fn('abs').returnType, 'highest');
    assert.equal(fn('sign').returnType, 'highest');
    assert.equal(fn('floor').returnType, 'float');
    assert.equal(fn('int').returnType, 'integer');
    assert.equal(fn('poisson').returnType, 'integer');
    assert.deepEqual(fn('timestep').argUnits, [unitOf(SECOND), unitOf(SECOND)]);
    for (const name of ['rand', 'randn', 'poisson']) {
      assert.equal(fn(name).stateful, true, name);
      assert.equal(fn(name).autoVectorise, true, name);
    }
    assert.equal(fn('rand').argUnits.length, 0);
    assert.equal(fn('sqrt').stateful, false);
  });

  it('returnDimension(fn, dims) computes dimension-dependent results', () => {
    const fn = (name: string) => DEFAULT_FUNCTIONS.get(name)!;
    assert.equal(returnDimension(fn('sqrt'), [VOLT.pow(2)]), VOLT);
    assert.equal(returnDimension(fn('abs'), [VOLT]), VOLT);
    assert.equal(returnDimension(fn('clip'), [VOLT, VOLT, VOLT]), VOLT);
    assert.equal(returnDimension(fn('sign'), [VOLT]), DIMENSIONLESS);
    assert.equal(returnDimension(fn('exp'), [DIMENSIONLESS]), DIMENSIONLESS);
  });

  it('DEFAULT_CONSTANTS holds pi, e and inf', () => {
    assert.deepEqual([...DEFAULT_CONSTANTS], [['pi', Math.PI], ['e', Math.E], ['inf', Infinity]]);
  });
});

describe('defineFunction(spec)', () => {
  it('defineFunction(spec) fills in Brian2\'s defaults', () => {
    const f = defineFunction({ name: 'f', argUnits: [unitOf(VOLT)], returnDim: DIMENSIONLESS });
    assert.deepEqual(f.argTypes, ['any']);
    assert.equal(f.returnType, 'float');
    assert.equal(f.stateful, false);
    assert.equal(f.autoVectorise, false);
    assert.ok(Object.isFrozen(f));
  });

  it('defineFunction(spec) rejects inconsistent declarations', () => {
    assert.throws(
      () => defineFunction({ name: 'f', argUnits: [ANY_UNIT], argTypes: [], returnDim: DIMENSIONLESS }),
      (e: unknown) => e instanceof FunctionDefinitionError && /^Invalid declaration of function 'f': 1 argument units but 0 argument types/.test(e.message),
    );
    assert.throws(
      () => defineFunction({ name: 'g', argUnits: [unitOf(VOLT)], argTypes: ['integer'], returnDim: DIMENSIONLESS }),
      (e: unknown) => e instanceof FunctionDefinitionError && /argument 1 has type 'integer', so it must be dimensionless/.test(e.message) && e.functionName === 'g',
    );
    assert.throws(
      () => defineFunction({ name: 'h', argUnits: [ANY_UNIT, sameUnitAs(2)], returnDim: DIMENSIONLESS }),
      (e: unknown) => e instanceof FunctionDefinitionError && /argument 2 should have the same unit as argument index 2/.test(e.message),
    );
    assert.throws(
      () => defineFunction({ name: 'r', argUnits: [], returnDim: DIMENSIONLESS, returnType: 'highest' }),
      (e: unknown) => e instanceof FunctionDefinitionError && /'highest' needs at least one argument/.test(e.message),
    );
  });
});
