/**
 * Fast-math mode through the public API: `run(T, { fastMath })`, `prefs.fastMath` and
 * `BRIAN_TS_FAST_MATH=1` switch the run's code objects; exact mode is the default and is
 * unaffected; a bad option is a NetworkError. The conformance suite in fast mode: a part of it
 * runs here (HH, the spatial neuron, synapses, AdEx and Izhikevich fixtures); all of it with
 * `npm run test:conformance:fast`.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Network, NetworkError, NeuronGroup, SpikeMonitor, mV, ms, prefs, resetPrefs, startScope } from '../../src/index.ts';

const model = `
dv/dt = (-(v + 65*mV) + 5*mV*exp((v + 50*mV)/(3*mV)) + I)/tau : volt
I : volt
`;

function simulate(options: { fastMath?: boolean }) {
  startScope();
  const G = new NeuronGroup(40, model, { threshold: 'v > -30*mV', reset: 'v = -65*mV', method: 'euler', namespace: { tau: ms(10) } });
  G.v = mV(-65);
  G.I = 'i*1.0*mV';
  const S = new SpikeMonitor(G);
  const net = new Network(G, S);
  net.run(ms(200), options);
  return { source: G.stateUpdater.codeObject!.source as string, spikes: [...S.count], v: [...(G.v_ as Float64Array)] };
}

describe('fast-math mode', () => {
  it('is off by default; run(T, { fastMath: true }) and prefs.fastMath turn it on for the run', () => {
    const exact = simulate({});
    assert.ok(!exact.source.includes('fast math'));
    const fast = simulate({ fastMath: true });
    assert.ok(fast.source.includes('fast math'));
    try {
      prefs.fastMath = true;
      assert.ok(simulate({}).source.includes('fast math'));
      assert.ok(!simulate({ fastMath: false }).source.includes('fast math'), 'the run option wins over prefs');
    } finally {
      resetPrefs('fastMath');
    }
    assert.ok(!simulate({}).source.includes('fast math'));
    // Same spikes, membrane potentials within 1e-9 relative (exponential integrate-and-fire, 200 ms).
    assert.deepEqual(fast.spikes, exact.spikes);
    assert.ok(exact.spikes.reduce((a, b) => a + b, 0) > 100);
    fast.v.forEach((v, i) => assert.ok(Math.abs(v - exact.v[i]!) <= 1e-9 * Math.abs(exact.v[i]!), `v[${i}]`));
  });

  it('rejects a fastMath option that is not a boolean, and a bad prefs value', () => {
    startScope();
    const G = new NeuronGroup(1, 'dv/dt = -v/(10*ms) : 1');
    const net = new Network(G);
    assert.throws(() => net.run(ms(1), { fastMath: 1 as unknown as boolean }), NetworkError);
    assert.throws(() => {
      prefs.fastMath = 'yes' as unknown as boolean;
    }, /prefs.fastMath must be true or false/);
  });

  it('BRIAN_TS_FAST_MATH=1: the HH, spatial, synapse, AdEx and Izhikevich conformance tests pass at their stated tolerances', () => {
    const dir = fileURLToPath(new URL('../conformance/', import.meta.url));
    const files = ['hh.test.ts', 'spatial_neuron.test.ts', 'synapses.test.ts', 'adex.test.ts', 'izhikevich.test.ts'].map((f) => dir + f);
    // A nested test runner (NODE_TEST_CONTEXT unset) reporting TAP, with fast math from the environment.
    const env: Record<string, string | undefined> = { ...process.env, BRIAN_TS_FAST_MATH: '1' };
    delete env['NODE_TEST_CONTEXT'];
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', ...files], {
      encoding: 'utf8',
      env,
      maxBuffer: 1 << 26,
    });
    const summary = r.stdout.split('\n').filter((l) => /^# (pass|fail)/.test(l)).join(', ');
    const failures = r.stdout.split('\n').filter((l) => /^\s*not ok/.test(l)).join('\n');
    assert.equal(r.status, 0, `fast-math conformance failed (${summary}):\n${failures}\n${r.stderr.slice(-2000)}`);
    assert.match(summary, /# pass [1-9]/);
  });
});
