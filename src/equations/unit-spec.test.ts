import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DIMENSIONLESS, Dimension } from '../units/index.ts';
import { readUnitSpecification, suggestBaseUnit, UnitSpecificationProblem } from './unit-spec.ts';

const dim = (s: string) => {
  const r = readUnitSpecification(s);
  assert.ok(!(r instanceof UnitSpecificationProblem), r instanceof UnitSpecificationProblem ? r.message : '');
  return r;
};
const problem = (s: string) => {
  const r = readUnitSpecification(s);
  assert.ok(r instanceof UnitSpecificationProblem, `${s} was accepted`);
  return r.message;
};

describe('readUnitSpecification', () => {
  it('readUnitSpecification("1" | "boolean" | "integer") gives dimensionless types', () => {
    assert.deepEqual(dim('1'), { dim: DIMENSIONLESS, varType: 'float' });
    assert.deepEqual(dim(' boolean '), { dim: DIMENSIONLESS, varType: 'boolean' });
    assert.deepEqual(dim('integer'), { dim: DIMENSIONLESS, varType: 'integer' });
  });

  it('readUnitSpecification evaluates compound base units', () => {
    assert.equal(dim('amp/meter**2').dim, Dimension.of([-2, 0, 0, 1, 0, 0, 0]));
    assert.equal(dim('siemens / metre ** 2').dim, Dimension.of([-4, -1, 3, 2, 0, 0, 0]));
    assert.equal(dim('1/second').dim, Dimension.of([0, 0, -1, 0, 0, 0, 0]));
    assert.equal(dim('volt**-1**2').dim, Dimension.of([-2, -1, 3, 1, 0, 0, 0]));
    assert.equal(dim('metre**1.5').dim, Dimension.of([1.5, 0, 0, 0, 0, 0, 0]));
  });

  it('readUnitSpecification rejects scaled units with Brian2\'s suggestion', () => {
    assert.match(problem('mV'), /refers to 'mV', but this is not a base unit\. Use 'volt' instead\./);
    assert.match(problem('molar'), /Use 'mmolar' instead/);
    assert.match(problem('gram'), /Use 'kilogram' instead/);
    assert.match(problem('cm'), /Use 'metre' instead/);
    assert.match(problem('cm3'), /Use 'metre \*\* 3' instead/);
    assert.match(problem('foo'), /The following base units are allowed: amp \(ampere\), /);
  });

  it('readUnitSpecification rejects bool, quantities and numbers in Brian2\'s words', () => {
    assert.equal(problem('bool'), "Use 'boolean' not 'bool' as the unit for a boolean variable.");
    assert.match(problem('1*siemens'), /does not evaluate to a unit but to a quantity/);
    assert.match(problem('-volt'), /but to a quantity/);
    assert.match(problem('3'), /the result has type <class 'int'> instead/);
    assert.match(problem('2.5'), /<class 'float'>/);
    assert.match(problem('volt*'), /Could not interpret 'volt\*' as a unit specification: invalid syntax/);
    assert.match(problem('1/0'), /division by zero/);
    assert.match(problem('volt**volt'), /the exponent has to be dimensionless/);
  });

  it('suggestBaseUnit(dim) spells out dimensions without an allowed unit', () => {
    assert.equal(suggestBaseUnit(Dimension.of([2, 0, 0, 0, 0, 0, 0])), 'metre ** 2');
    assert.equal(suggestBaseUnit(DIMENSIONLESS), 'radian');
  });
});
