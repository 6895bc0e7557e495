/** Brian2 2.5.1 `brian2/tests/test_base.py`, translated (status: README.md in this folder). */
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BrianObject, Network, NeuronGroup, StateMonitor, defaultclock, ms, run, startScope } from '../../src/index.ts';
import { assertAllclose, raises } from './helpers.ts';

beforeEach(() => {
  startScope();
  defaultclock.dt = ms(0.1);
});

class DerivedBrianObject extends BrianObject {
  constructor(name = 'derivedbrianobject*') {
    super({ name }, 'derivedbrianobject*');
  }
  override toString(): string {
    return this.name;
  }
}

describe('test_base (Brian2 2.5.1)', () => {
  it('test_base', () => {
    const x = new DerivedBrianObject('x');
    const y = new DerivedBrianObject('y');
    assert.equal(x.when, 'start');
    assert.equal(x.order, 0);
    assert.equal(x.containedObjects.length, 0);
    raises(() => {
      (x as { containedObjects: BrianObject[] }).containedObjects = [];
    }, 'AttributeError');
    x.containedObjects.push(y);
    assert.equal(x.containedObjects.length, 1);
    assert.equal(x.containedObjects[0], y);
    assert.equal(x.active, true);
    assert.equal(y.active, true);
    y.active = false;
    assert.equal(x.active, true);
    assert.equal(y.active, false);
    y.active = true;
    assert.equal(x.active, true);
    assert.equal(y.active, true);
    x.active = false;
    assert.equal(x.active, false);
    assert.equal(y.active, false);
  });

  it('test_names', () => {
    const obj = new BrianObject();
    const obj2 = new BrianObject();
    const obj3 = new DerivedBrianObject();
    assert.equal(obj.name, 'brianobject');
    assert.equal(obj2.name, 'brianobject_1');
    assert.equal(obj3.name, 'derivedbrianobject');
  });

  it('test_duplicate_names', () => {
    // duplicate names are allowed, as long as they are not part of the same network
    const obj1 = new BrianObject({ name: 'name1' });
    const obj2 = new BrianObject({ name: 'name2' });
    const obj3 = new BrianObject({ name: 'name' });
    const obj4 = new BrianObject({ name: 'name' });
    let net = new Network(obj1, obj2);
    net.run(ms(0)); // all is good
    net = new Network(obj3, obj4);
    raises(() => net.run(ms(0)), 'ValueError');
  });

  it('test_active_flag', () => {
    const G = new NeuronGroup(1, 'dv/dt = 1/ms : 1');
    const mon = new StateMonitor(G, 'v', { record: 0 });
    mon.active = false;
    run(ms(1));
    mon.active = true;
    G.active = false;
    run(ms(1));
    // Monitor should start recording at 1ms; the group should not integrate after 1ms (but should have before)
    assertAllclose(mon.at(0).t.values[0]!, 1e-3);
    assertAllclose(mon.at(0).v.values, 1.0);
  });
});
