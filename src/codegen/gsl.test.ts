import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseStatements } from '../parsing/index.ts';
import { Variables, addIndexVariables } from '../variables/index.ts';
import { CodegenError, GslIntegrationError, compileCodeBlock } from './index.ts';
import type { CodeBlockSpec, GslSpec } from './index.ts';

const N = 3;
function table(): Variables {
  const vars = new Variables('neurongroup');
  addIndexVariables(vars, N);
  vars.addArray('t', { size: 1, scalar: true });
  vars.addArray('dt', { size: 1, scalar: true, values: 1e-4 });
  vars.addArray('v', { size: N, values: [1, 2, 3] });
  vars.addArray('tau', { size: N, values: [1e-3, 5e-3, 2e-2] });
  vars.addArray('_step_count', { size: N, dtype: 'int32' });
  return vars;
}
const gsl = (over: Partial<GslSpec> = {}): GslSpec => ({
  integrator: 'rkf45', variables: ['v'], derivatives: ['_gsl_v_f0'], absoluteErrors: [1e-9], adaptableTimestep: true, maxSteps: 100, hStart: 1e-4, stepCount: '_step_count', ...over,
});
const spec = (vars: Variables, g: GslSpec, code = '_gsl_v_f0 = -v/tau'): CodeBlockSpec => ({ name: 'neurongroup_stateupdater', template: 'gsl_stateupdate', statements: parseStatements(code), variables: vars, N, gsl: g });

describe('gsl_stateupdate template', () => {
  for (const integrator of ['rk2', 'rk4', 'rkf45', 'rkck', 'rk8pd'] as const) {
    it(`${integrator}: exponential decay within the error asked for, per step`, () => {
      const vars = table();
      const code = compileCodeBlock(spec(vars, gsl({ integrator, maxSteps: 10000 })));
      const t = vars.getArray('t').array;
      for (let k = 0; k < 20; k++) {
        code.run();
        t[0] = (k + 1) * 1e-4;
      }
      const v = vars.getArray('v').array;
      const tau = vars.getArray('tau').array;
      for (let i = 0; i < N; i++) {
        const exact = (i + 1) * Math.exp(-2e-3 / tau[i]!);
        assert.ok(Math.abs(v[i]! - exact) < 20 * 1e-9 * 10, `${integrator}[${i}]: ${v[i]} vs ${exact}`);
      }
      assert.ok(Array.from(vars.getArray('_step_count').array).every((n) => n >= 1));
    });
  }

  it('fails with GslIntegrationError when max_steps is reached', () => {
    const vars = table();
    const code = compileCodeBlock(spec(vars, gsl({ absoluteErrors: [1e-15], maxSteps: 2 })));
    assert.throws(() => code.run(), (e) => e instanceof GslIntegrationError && e.index === 0 && /maximum number of steps/.test(e.message));
  });

  it('rejects settings that would be printed unchecked, before compiling', () => {
    const bad: [Partial<GslSpec>, RegExp][] = [
      [{ derivatives: ['a; globalThis.x = 1'] }, /not a temporary/],
      [{ derivatives: ['v'] }, /not a temporary/],
      [{ absoluteErrors: [Number.NaN] }, /positive numbers/],
      [{ hStart: Number.POSITIVE_INFINITY }, /start step/],
      [{ maxSteps: 1.5 }, /max_steps/],
      [{ integrator: 'euler' as never }, /unknown GSL stepper/],
      [{ variables: ['v', 'tau'] }, /one derivative and one absolute error/],
    ];
    for (const [over, message] of bad) {
      assert.throws(() => compileCodeBlock(spec(table(), gsl(over))), (e) => e instanceof CodegenError && message.test(e.message), String(message));
    }
    assert.throws(() => compileCodeBlock(spec(table(), gsl(), '_gsl_v_f0 = -v/tau + rand()')), (e) => e instanceof CodegenError && e.code === 'unsupported');
  });
});
