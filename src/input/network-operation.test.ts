import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Network, startScope } from '../core/index.ts';
import { ms } from '../units/index.ts';
import type { Quantity } from '../units/index.ts';
import { InputError } from './errors.ts';
import { NetworkOperation, networkOperation } from './network-operation.ts';

describe('networkOperation(fn, options)', () => {
  it('calls a no-argument callback every step and a one-argument one with t', () => {
    startScope();
    let n = 0;
    const times: number[] = [];
    const a = networkOperation(() => void n++);
    const b = networkOperation((t: Quantity) => void times.push(t.value), { dt: ms(0.5) });
    new Network(a, b).run(ms(2));
    assert.equal(n, 20);
    assert.deepEqual(times, [0, 0.5e-3, 1e-3, 1.5e-3]);
    assert.equal(a.when, 'start');
    assert.ok(a instanceof NetworkOperation);
  });

  it('runs in its slot and order', () => {
    startScope();
    const log: string[] = [];
    const end = networkOperation(() => void log.push('end'), { when: 'end' });
    const late = networkOperation(() => void log.push('start 1'), { order: 1 });
    const early = networkOperation(() => void log.push('start 0'), { order: 0 });
    new Network(end, late, early).run(ms(0.1));
    assert.deepEqual(log, ['start 0', 'start 1', 'end']);
  });

  it('rejects callbacks with more than one parameter, non-functions and unknown options', () => {
    assert.throws(() => networkOperation(((_a: unknown, _b: unknown) => {}) as never), (e: unknown) => e instanceof InputError && e.code === 'invalid-function' && /only 't' as an argument/.test(e.message));
    assert.throws(() => networkOperation(3 as never), (e: unknown) => e instanceof InputError && /needs a function/.test(e.message));
    assert.throws(() => networkOperation(() => {}, { name: 'op', every: 1 } as never), (e: unknown) => e instanceof InputError && /Unknown option 'every' for network operation 'op'/.test(e.message));
  });
});
