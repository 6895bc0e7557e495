/**
 * Question: how many ns per neuron-step do the generated kernels take for an uncoupled LIF
 * population (exact update + threshold + reset), at N = 10^5 … 10^6, and how far are they from a
 * hand-written fused JS loop over the same typed arrays (the plain-JS floor)?
 *
 * Method: one Variables table per N; code objects compiled once with compileCodeBlock
 * (stateupdate, threshold, reset), exactly as a NeuronGroup will; a warm-up, then R repetitions
 * of S steps each, median and min reported in ns per neuron-step. Variant "refractory" adds
 * Brian2's refractoriness (timestep() check, conditional write, lastspike/not_refractory in the
 * threshold). Run: node --import tsx bench/codegen/lif-kernel.bench.ts [N...]
 */
import { parseExpression, parseStatements } from '../../src/parsing/index.ts';
import { Variables, addIndexVariables } from '../../src/variables/index.ts';
import { compileCodeBlock, RandomState } from '../../src/codegen/index.ts';
import { volt, second } from '../../src/units/index.ts';

const mV = 1e-3;
const ms = 1e-3;
const dt = 0.1 * ms;

function group(N: number, refractory: boolean) {
  const vars = new Variables('neurongroup');
  addIndexVariables(vars, N);
  const v = vars.addArray('v', { dim: volt.dim, size: N, values: -70 * mV, ...(refractory ? { conditionalWrite: 'not_refractory' } : {}) });
  const v0 = vars.addArray('v0', { dim: volt.dim, size: N, constant: true });
  for (let k = 0; k < N; k++) v0.array[k] = (-45 + (20 * k) / N) * mV;
  vars.addArray('not_refractory', { dtype: 'bool', size: N, values: 1 });
  vars.addArray('lastspike', { dim: second.dim, size: N, values: -1e4 });
  const t = vars.addArray('t', { dim: second.dim, size: 1, scalar: true, readOnly: true });
  vars.addArray('dt', { dim: second.dim, size: 1, scalar: true, readOnly: true, values: dt });
  const spikes = vars.addArray('_spikespace', { dtype: 'int32', size: N + 1 });
  vars.addConstant('tau', { dim: second.dim, value: 10 * ms });
  const random = new RandomState(1);
  const update = compileCodeBlock({
    name: 'neurongroup_stateupdater',
    template: 'stateupdate',
    statements: parseStatements(
      (refractory ? 'not_refractory = timestep(t - lastspike, dt) >= timestep(5*ms, dt)\n' : '') +
        '_v = v*exp(-dt/tau) + v0 - v0*exp(-dt/tau)\nv = _v',
    ),
    variables: vars,
    N,
    random,
  });
  const threshold = compileCodeBlock({
    name: 'neurongroup_thresholder',
    template: 'threshold',
    condition: parseExpression('v > -40*mV'),
    variables: vars,
    N,
    eventSpace: spikes,
    refractory,
  });
  const reset = compileCodeBlock({ name: 'neurongroup_resetter', template: 'reset', statements: parseStatements('v = -60*mV'), variables: vars, N, eventSpace: spikes });
  return { v: v.array, v0: v0.array, t: t.array, spikes: spikes.array, update, threshold, reset };
}

/** The plain-JS floor: one fused loop, constants hoisted by hand, no refractoriness. */
function handWritten(N: number) {
  const v = new Float64Array(N).fill(-70 * mV);
  const v0 = new Float64Array(N);
  for (let k = 0; k < N; k++) v0[k] = (-45 + (20 * k) / N) * mV;
  const spikes = new Int32Array(N + 1);
  const decay = Math.exp(-dt / (10 * ms));
  return () => {
    let n = 0;
    for (let k = 0; k < N; k++) {
      let x = v[k]! * decay + v0[k]! - v0[k]! * decay;
      if (x > -40 * mV) {
        spikes[n++] = k;
        x = -60 * mV;
      }
      v[k] = x;
    }
    spikes[N] = n;
  };
}

function time(stepFn: (s: number) => void, N: number, steps: number, reps: number): { median: number; min: number } {
  for (let s = 0; s < Math.max(20, steps / 4); s++) stepFn(s); // warm-up
  const per: number[] = [];
  for (let r = 0; r < reps; r++) {
    const start = process.hrtime.bigint();
    for (let s = 0; s < steps; s++) stepFn(s);
    per.push(Number(process.hrtime.bigint() - start) / (steps * N));
  }
  per.sort((a, b) => a - b);
  return { median: per[Math.floor(per.length / 2)]!, min: per[0]! };
}

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const Ns = sizes.length > 0 ? sizes : [1e5, 3e5, 1e6];
const rows: string[] = [];
let spikeCount = 0;
for (const N of Ns) {
  const steps = Math.max(50, Math.round(2e7 / N));
  const reps = 5;
  for (const refractory of [false, true]) {
    const g = group(N, refractory);
    const whole = time((s) => {
      g.t[0] = s * dt;
      g.update.run();
      g.threshold.run();
      g.reset.run();
      spikeCount += g.spikes[N]!;
    }, N, steps, reps);
    const updateOnly = time(() => g.update.run(), N, steps, reps);
    const thresholdOnly = time(() => g.threshold.run(), N, steps, reps);
    rows.push(
      `| ${N.toExponential(0)} | generated${refractory ? ' + refractory' : ''} | ${whole.median.toFixed(2)} | ${whole.min.toFixed(2)} | ${updateOnly.median.toFixed(2)} | ${thresholdOnly.median.toFixed(2)} |`,
    );
  }
  const hand = handWritten(N);
  const fused = time(() => hand(), N, steps, reps);
  rows.push(`| ${N.toExponential(0)} | hand-written fused loop | ${fused.median.toFixed(2)} | ${fused.min.toFixed(2)} | – | – |`);
}
console.log('ns per neuron-step (update + threshold + reset per step; update and threshold alone)\n');
console.log('| N | kernel | median | min | update | threshold |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of rows) console.log(r);
console.log(`\n(spikes: ${spikeCount}; Node ${process.version})`);
