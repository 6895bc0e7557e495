import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseExpression, parseStatements } from '../parsing/index.ts';
import { Variables, addIndexVariables } from '../variables/index.ts';
import { DynamicArray, RandomState, RuntimeDevice } from './index.ts';

test('DynamicArray grows, reserves, snapshots and restores', () => {
  const d = new DynamicArray('rec', 'int32');
  for (let k = 0; k < 100; k++) d.push(k);
  assert.equal(d.length, 100);
  assert.ok(d.values instanceof Int32Array);
  assert.equal(d.values[99], 99);
  const snap = d.snapshot();
  d.push(7);
  d.restore(snap);
  assert.equal(d.length, 100);
  d.reserve(10_000);
  const storage = d.variable.array;
  for (let k = 0; k < 9000; k++) d.push(k);
  assert.equal(d.variable.array, storage, 'no reallocation after reserve');
});

test('RuntimeDevice compiles generated or reference code objects that agree, and snapshots the RNG', () => {
  const results: number[][] = [];
  for (const mode of ['generated', 'reference'] as const) {
    const device = new RuntimeDevice({ random: new RandomState(3), mode });
    const vars = new Variables('g');
    addIndexVariables(vars, 5);
    const x = vars.addArray('x', { size: 5 });
    const times = new DynamicArray('t_rec');
    const rec = new DynamicArray('x_rec');
    vars.addArray('t', { size: 1, scalar: true, values: 0.5 });
    const update = device.codeObject({ name: 'g', template: 'stateupdate', statements: parseStatements('x = x + randn()'), variables: vars, N: 5 });
    const monitor = device.codeObject({
      name: 'statemonitor',
      template: 'statemonitor',
      variables: vars,
      N: 5,
      indices: Int32Array.from([1, 3]),
      times: times.variable,
      record: [{ expr: parseExpression('x'), storage: rec.variable }],
    });
    update.run();
    const state = device.getState();
    const x1 = x.array.slice();
    update.run();
    monitor.run();
    const x2 = x.array.slice();
    device.setState(state);
    x.array.set(x1);
    update.run();
    assert.deepEqual(x.array, x2);
    results.push([...Array.from(rec.values), ...Array.from(times.values)]);
  }
  assert.deepEqual(results[0], results[1]);
});
