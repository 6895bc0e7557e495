/**
 * Value types of Brian's expression language and their lattice (`brian2/parsing/bast.py`):
 * `boolean < integer < float`. A binary operation has the higher of its operand types.
 */
export type ValueType = 'boolean' | 'integer' | 'float';

const RANK: Readonly<Record<ValueType, number>> = { boolean: 0, integer: 1, float: 2 };

/** The higher of the types in the lattice `boolean < integer < float` (`'boolean'` for none). */
export function highestType(types: Iterable<ValueType>): ValueType {
  let best: ValueType = 'boolean';
  for (const t of types) if (RANK[t] > RANK[best]) best = t;
  return best;
}
