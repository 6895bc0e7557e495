/**
 * Issue 15 item 2: the reproductions that gave raw JavaScript errors (or an out-of-memory kill)
 * now give typed errors that say what was wrong and, for sizes, how many bytes it would need.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BrianObjectError,
  ConnectError,
  EquationError,
  Equations,
  GroupError,
  MonitorError,
  MorphologyError,
  Network,
  NeuronGroup,
  StateMonitor,
  StateUpdaterError,
  Synapses,
  morphologyFromSwc,
  ms,
} from '../../src/index.ts';
import { formatBytes, setPhysicalMemoryForTesting } from '../../src/util/index.ts';

describe('raw JavaScript errors become typed errors (issue 15 item 2)', () => {
  // A fixed "machine" of 8 GB, so that no test ever tries a large allocation and the messages are stable.
  before(() => setPhysicalMemoryForTesting(8e9));
  after(() => setPhysicalMemoryForTesting(undefined));

  it('new Equations(42) and other non-model arguments', () => {
    assert.throws(() => new Equations(42 as never), (e: unknown) => e instanceof EquationError && e.reason === 'argument' && /got a number/.test(e.message));
    assert.throws(() => new Equations([42] as never), (e: unknown) => e instanceof EquationError && /SingleEquation/.test(e.message));
    assert.throws(() => new Equations('v : 1', 42 as never), (e: unknown) => e instanceof EquationError && /substitutions/.test(e.message));
  });

  it('new NeuronGroup(1, eqs, null)', () => {
    assert.throws(() => new NeuronGroup(1, 'v : 1', null as never), (e: unknown) => e instanceof GroupError && e.code === 'invalid-option' && /got null/.test(e.message));
  });

  it('morphologyFromSwc(42)', () => {
    assert.throws(() => morphologyFromSwc(42 as never), (e: unknown) => e instanceof MorphologyError && /as a string, got a number/.test(e.message));
  });

  it('method: 3 is refused when the group is created', () => {
    assert.throws(() => new NeuronGroup(1, 'dv/dt = -v/ms : 1', { method: 3 as never }), (e: unknown) => e instanceof StateUpdaterError && /integration method .* got a number/.test(e.message));
    const G = new NeuronGroup(1, 'v : 1');
    assert.throws(() => new Synapses(G, G, 'dw/dt = -w/ms : 1 (clock-driven)', { method: [] as never }), StateUpdaterError);
    assert.throws(() => new NeuronGroup(1, 'dv/dt = -v/ms : 1', { methodOptions: 3 as never }), StateUpdaterError);
  });

  it('new NeuronGroup(1e12, eqs) and new NeuronGroup(2**31, eqs) are refused, saying the bytes needed', () => {
    assert.throws(() => new NeuronGroup(1e12, 'v : 1'), (e: unknown) => e instanceof GroupError && e.code === 'invalid-size' && /larger than the largest supported group, 2147483646/.test(e.message) && /8 TB/.test(e.message));
    assert.throws(() => new NeuronGroup(2 ** 31, 'v : 1'), (e: unknown) => e instanceof GroupError && e.code === 'invalid-size' && /17.2 GB/.test(e.message));
    // In range, but more than the machine's memory: refused before allocating.
    assert.throws(
      () => new NeuronGroup(2 ** 28, 'v : 1\nw : 1\nu : 1\nx : 1'),
      (e: unknown) => e instanceof GroupError && /cannot be created: it would need 9.66 GB of memory, more than this machine's 8 GB\. Use fewer neurons\./.test(e.message),
    );
  });

  it('a StateMonitor of 10^5 neurons over 10^5 steps is refused at run start, saying the bytes and what to do', () => {
    const G = new NeuronGroup(100_000, 'dv/dt = -v/(10*ms) : 1');
    const M = new StateMonitor(G, 'v', { record: true });
    const net = new Network(G, M);
    assert.throws(
      () => net.run(ms(10_000)),
      (e: unknown) =>
        e instanceof BrianObjectError &&
        e.cause instanceof MonitorError &&
        /it would need 80 GB of memory, more than this machine's 8 GB/.test(e.cause.message) &&
        /100000 steps × 100000 recorded indices × 1 variable × 8 bytes/.test(e.cause.message) &&
        /Record fewer indices .* coarser 'dt'.*'file' option/.test(e.cause.message),
    );
    assert.equal(M.t.length, 0);
  });

  it("connect({ n: 1e9 }) on 5×5 groups is refused before allocating, and creates nothing", () => {
    const G = new NeuronGroup(5, 'v : 1');
    const S = new Synapses(G, G, 'w : 1');
    const t0 = performance.now();
    assert.throws(() => S.connect({ n: 1e9 }), (e: unknown) => e instanceof ConnectError && e.code === 'too-many-synapses' && /25000000000/.test(e.message) && /2147483646/.test(e.message));
    assert.throws(() => S.connect({ i: [0, 1], j: [1, 2], n: 1e9 }), (e: unknown) => e instanceof ConnectError && /more than this machine's 8 GB/.test(e.message));
    assert.throws(() => S.connect({ j: 'k for k in sample(N_post, p=0.5)', n: 1e9 }), ConnectError);
    assert.throws(() => S.connect({ condition: 'i >= 0', n: 'i*500000000 + 1' }), ConnectError);
    assert.ok(performance.now() - t0 < 20_000, 'refused quickly, without filling memory');
    assert.equal(S.N, 0);
    S.connect({ n: 2 });
    assert.equal(S.N, 50);
  });

  it('formatBytes', () => {
    assert.equal(formatBytes(800), '800 B');
    assert.equal(formatBytes(1.53e9), '1.53 GB');
    assert.equal(formatBytes(8e12), '8 TB');
  });
});
