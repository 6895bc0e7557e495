/** `exponential_euler`: for conditionally linear systems `dx/dt = A x + B` (A, B free of x), as Brian2. */
import { binary, call, name, statement } from '../parsing/index.ts';
import type { Statement } from '../parsing/index.ts';
import { simplify, splitLinear } from '../symbolic/index.ts';
import type { Equations } from '../equations/index.ts';
import { UnsupportedEquationsError } from './errors.ts';
import { checkMethodOptions, finalAssignments, isZero, prepareSystem } from './prepare.ts';
import type { StateUpdateMethod, StateUpdaterOptions, VariableLookup } from './types.ts';

/**
 * For each variable, with A and B evaluated at the old state: `_x = x + dt*B` if A is 0, else
 * `_BA_x = B/A; _x = -_BA_x + (_BA_x + x)*exp(A*dt)` (or `x*exp(A*dt)` if B is 0).
 */
export const exponentialEuler: StateUpdateMethod = {
  name: 'exponential_euler',
  apply(equations: Equations, variables?: VariableLookup, options?: StateUpdaterOptions): Statement[] {
    checkMethodOptions(options?.methodOptions, {});
    const system = prepareSystem(equations, variables, options, this.name);
    if (system.noiseNames.length > 0) {
      throw new UnsupportedEquationsError('Cannot solve stochastic equations with this state updater.', this.name);
    }
    const out: Statement[] = [];
    for (const eq of system.diffEqs) {
      const split = splitLinear(eq.expr, eq.name);
      if (!split.isLinear) {
        throw new UnsupportedEquationsError('Can only solve conditionally linear systems with this state updater.', this.name);
      }
      const { coefficient: A, rest: B } = split;
      const x = name(eq.name);
      const dt = name('dt');
      if (isZero(A)) {
        out.push(statement(`_${eq.name}`, '=', simplify(binary('+', x, binary('*', dt, B)))));
      } else if (!isZero(B)) {
        const ba = name(`_BA_${eq.name}`);
        out.push(statement(ba.name, '=', simplify(binary('/', B, A))));
        const growth = call('exp', [simplify(binary('*', A, dt))]);
        out.push(statement(`_${eq.name}`, '=', binary('-', binary('*', binary('+', ba, x), growth), ba)));
      } else {
        out.push(statement(`_${eq.name}`, '=', binary('*', x, call('exp', [simplify(binary('*', A, dt))]))));
      }
    }
    out.push(...finalAssignments(system.diffEqs.map((e) => e.name)));
    return out;
  },
};
