/**
 * Issue 15 §5: `prefs.checkFinite` (or BRIAN_TS_CHECK_FINITE=1) stops a run at the first NaN or
 * ±Infinity with a typed error naming the variable, the index and the time; off, no code is emitted.
 */
import { describe, it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { BrianObjectError, Network, NeuronGroup, NonFiniteValueError, StateMonitor, Synapses, SpikeGeneratorGroup, defaultclock, ms, prefs, resetPrefs } from 'brian-ts';

const BLOWUP = 'dv/dt = v**2/(10*ms) : 1';

function nonFinite(e: unknown): NonFiniteValueError {
  assert.ok(e instanceof BrianObjectError, String(e));
  assert.ok(e.cause instanceof NonFiniteValueError, String(e.cause));
  return e.cause;
}

describe('prefs.checkFinite (issue 15 §5)', () => {
  afterEach(() => {
    resetPrefs();
    delete process.env['BRIAN_TS_CHECK_FINITE'];
  });

  it('off (the default): dv/dt = v**2/(10*ms) reaches Infinity silently, and the generated code has no check', () => {
    const G = new NeuronGroup(3, BLOWUP, { method: 'euler' });
    G.v = [0.1, 0.5, 0.2];
    new Network(G).run(ms(100));
    assert.ok((G.v.values as Float64Array).some((x) => !Number.isFinite(x)));
    assert.doesNotMatch(G.stateUpdater.codeObject!.source, /\$finite|\$nonFinite/);
  });

  it('on: stops at the first step that produces Infinity, naming the variable, the index and the time', () => {
    // Where and when v first becomes non-finite, from a run without the check.
    const probe = new NeuronGroup(3, BLOWUP, { method: 'euler' });
    probe.v = [0.1, 0.5, 0.2];
    const M = new StateMonitor(probe, 'v', { record: true });
    new Network(probe, M).run(ms(100));
    const trace = M.v.get(1).values;
    const first = trace.findIndex((x) => !Number.isFinite(x)); // recorded at 'start': one step after the update
    assert.ok(first > 0);

    prefs.checkFinite = true;
    const G = new NeuronGroup(3, BLOWUP, { method: 'euler' });
    G.v = [0.1, 0.5, 0.2];
    const net = new Network(G);
    let error: NonFiniteValueError | undefined;
    try {
      net.run(ms(100));
    } catch (e) {
      error = nonFinite(e);
    }
    assert.ok(error !== undefined, 'the run stopped');
    assert.equal(error.variable, 'v');
    assert.equal(error.index, 1);
    assert.equal(error.value, Infinity);
    assert.ok(Math.abs(error.time! - M.t_[first - 1]!) < 1e-12, `${error.time} vs ${M.t_[first - 1]}`);
    assert.match(error.message, /The variable 'v' of '.*stateupdater' became Infinity at index 1 at t = .* ms \(prefs.checkFinite is on\)/);
    assert.match(G.stateUpdater.codeObject!.source, /\$finite/);
  });

  it('BRIAN_TS_CHECK_FINITE=1 turns it on; NaN from a run_regularly operation is caught too', () => {
    process.env['BRIAN_TS_CHECK_FINITE'] = '1';
    const G = new NeuronGroup(4, 'x : 1\ny : 1');
    G.y = [1, 4, -1, 9];
    G.runRegularly('x = sqrt(y)', { dt: defaultclock.dt });
    assert.throws(() => new Network(G).run(ms(1)), (e: unknown) => {
      const c = nonFinite(e);
      return c.variable === 'x' && c.index === 2 && Number.isNaN(c.value) && c.time === 0;
    });
  });

  it('a synaptic pathway that makes a target variable infinite is stopped there', () => {
    prefs.checkFinite = true;
    const inp = new SpikeGeneratorGroup(1, [0], [ms(0.5)]);
    const G = new NeuronGroup(2, 'v : 1');
    const S = new Synapses(inp, G, 'w : 1', { onPre: 'v_post += w' });
    S.connect({ j: 'i + 1' });
    S.w = Infinity;
    assert.throws(() => new Network(inp, G, S).run(ms(2)), (e: unknown) => {
      const c = nonFinite(e);
      return c.variable === 'v_post' && c.index === 1 && c.value === Infinity;
    });
  });

  it('finite values whose sum overflows are not reported', () => {
    prefs.checkFinite = true;
    const G = new NeuronGroup(2, 'dx/dt = 0/ms : 1\ndy/dt = 0/ms : 1');
    G.x = 1.5e308;
    G.y = 1.5e308;
    new Network(G).run(ms(1));
    assert.deepEqual(Array.from(G.x.values as Float64Array), [1.5e308, 1.5e308]);
  });
});
