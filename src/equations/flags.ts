/** Which flags each kind of group accepts on each kind of equation, and the check (Brian2's `Equations.check_flags`). */
import { EquationError } from './errors.ts';
import type { Equations } from './equations.ts';
import type { EquationType } from './single-equation.ts';

/** Allowed flags per equation type; a type that is missing allows no flags. */
export type AllowedFlags = Readonly<Partial<Record<EquationType, readonly string[]>>>;

/** The flags `NeuronGroup` accepts (`brian2/groups/neurongroup.py`). */
export const NEURON_GROUP_FLAGS: AllowedFlags = Object.freeze({
  'differential equation': Object.freeze(['unless refractory']),
  parameter: Object.freeze(['constant', 'shared', 'linked']),
  subexpression: Object.freeze(['shared', 'constant over dt']),
});

/** The flags `Synapses` accepts (`brian2/synapses/synapses.py`). */
export const SYNAPSES_FLAGS: AllowedFlags = Object.freeze({
  'differential equation': Object.freeze(['event-driven', 'clock-driven']),
  subexpression: Object.freeze(['summed', 'shared', 'constant over dt']),
  parameter: Object.freeze(['constant', 'shared']),
});

/** Flag combinations `Synapses` rejects on one equation: `summed` goes with nothing else. */
export const SYNAPSES_INCOMPATIBLE_FLAGS: readonly (readonly string[])[] = Object.freeze([
  Object.freeze(['event-driven', 'clock-driven']),
  Object.freeze(['summed', 'shared', 'constant over dt']),
]);

/** The flags `SpatialNeuron` accepts (`brian2/spatialneuron/spatialneuron.py`). */
export const SPATIAL_NEURON_FLAGS: AllowedFlags = Object.freeze({
  'differential equation': Object.freeze(['point current']),
  parameter: Object.freeze(['constant', 'shared', 'linked', 'point current']),
  subexpression: Object.freeze(['shared', 'point current', 'constant over dt']),
});

// Python's repr of a tuple of strings, as in Brian2's message: ('a',) or ('a', 'b').
const pyTuple = (items: readonly string[]): string =>
  items.length === 1 ? `('${items[0]}',)` : `(${items.map((f) => `'${f}'`).join(', ')})`;

/**
 * Checks every equation's flags against `allowed` (and flag pairs against `incompatible`);
 * throws EquationError (reason `'flags'`) with Brian2's message, prefixed by `objectName` when given.
 * @example checkFlags(eqs, NEURON_GROUP_FLAGS, 'neurongroup')
 */
export function checkFlags(
  equations: Equations,
  allowed: AllowedFlags,
  objectName?: string,
  incompatible: readonly (readonly string[])[] = [],
): void {
  const prefix = objectName === undefined ? '' : `Invalid flags in the equations of '${objectName}': `;
  for (const eq of equations) {
    const location = eq.origin === undefined ? {} : { location: { source: eq.origin.source, offset: eq.origin.offset } };
    const fail = (description: string): never => {
      throw new EquationError('flags', prefix + description, { variable: eq.varname, ...location });
    };
    const ok = allowed[eq.type] ?? [];
    for (const flag of eq.flags) {
      if (ok.length === 0) fail(`Equations of type '${eq.type}' cannot have any flags.`);
      if (!ok.includes(flag)) {
        fail(`Equations of type '${eq.type}' cannot have a flag '${flag}', only the following flags are allowed: ${pyTuple(ok)}`);
      }
      for (const group of incompatible) {
        if (!group.includes(flag)) continue;
        const other = group.find((f) => f !== flag && eq.flags.includes(f));
        if (other !== undefined) fail(`Flag '${flag}' cannot be combined with flag '${other}'`);
      }
    }
  }
}
