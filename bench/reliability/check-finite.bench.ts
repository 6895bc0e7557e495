/**
 * Question: what does `prefs.checkFinite` cost on Brian2's CUBA example (4000 LIF neurons, 80/20
 * exc/inh current synapses, p = 0.02)? Runs the same seeded network with the check off and on,
 * alternating, and reports the minimum and median CPU time of each run (issue 15 §5 asks for ≤ 5 %).
 * Run: node --import tsx bench/reliability/check-finite.bench.ts [duration_s=1] [repeats=7] [off|on]
 * Load-independent: perf stat -e instructions:u node --import tsx bench/reliability/check-finite.bench.ts 1 1 off (then on)
 */
import { ms, mV, Network, NeuronGroup, prefs, second, seed, SpikeMonitor, Synapses } from 'brian-ts';

const durationS = Number(process.argv[2] ?? 1);
const repeats = Number(process.argv[3] ?? 7);
/** `off` or `on`: run only that mode (for instruction counts: perf stat -e instructions:u node … off). */
const only = process.argv[4] as 'off' | 'on' | undefined;

function cuba(): { net: Network; M: SpikeMonitor } {
  seed(12345);
  const N = 4000;
  const namespace = { taum: ms(20), taue: ms(5), taui: ms(10), Vt: mV(-50), Vr: mV(-60), El: mV(-49), we: mV((60 * 0.27) / 10), wi: mV((-20 * 4.5) / 10), Ne: 3200 };
  const P = new NeuronGroup(N, `
dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
dge/dt = -ge/taue : volt
dgi/dt = -gi/taui : volt
`, { threshold: 'v>Vt', reset: 'v = Vr', refractory: ms(5), method: 'exact', namespace, name: 'P' });
  P.v = 'Vr + rand() * (Vt - Vr)';
  const Ce = new Synapses(P, P, '', { onPre: 'ge += we', namespace, name: 'Ce' });
  const Ci = new Synapses(P, P, '', { onPre: 'gi += wi', namespace, name: 'Ci' });
  Ce.connect({ condition: 'i<Ne', p: 0.02 });
  Ci.connect({ condition: 'i>=Ne', p: 0.02 });
  const M = new SpikeMonitor(P, { record: false, name: 'M' });
  return { net: new Network(P, Ce, Ci, M), M };
}

const times: Record<'off' | 'on', number[]> = { off: [], on: [] };
const spikes: Record<'off' | 'on', number> = { off: 0, on: 0 };
for (let r = 0; r < repeats; r++) {
  for (const mode of only !== undefined ? [only] : r % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
    prefs.checkFinite = mode === 'on';
    const { net, M } = cuba();
    net.run(ms(1)); // compile and warm up outside the timing
    // CPU time of this process: far less sensitive than wall time to other processes' load.
    const began = process.cpuUsage();
    net.run(second(durationS));
    const used = process.cpuUsage(began);
    times[mode].push((used.user + used.system) / 1e6);
    spikes[mode] = M.numSpikes;
  }
}
const min = (xs: number[]) => Math.min(...xs);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
console.log(`CUBA N=4000, ${durationS} s simulated, ${repeats} runs each (spikes off/on: ${spikes.off}/${spikes.on})`);
console.log('| checkFinite | min CPU (s) | median CPU (s) |');
console.log('| --- | --- | --- |');
if (only !== undefined) {
  console.log(`only ${only}: min ${min(times[only]).toFixed(3)} s`);
  process.exit(0);
}
for (const mode of ['off', 'on'] as const) console.log(`| ${mode} | ${min(times[mode]).toFixed(3)} | ${median(times[mode]).toFixed(3)} |`);
// Paired: each repeat ran off and on back to back, so their ratio cancels slow drifts in load.
const ratios = times.on.map((t, k) => t / times.off[k]!);
console.log(
  `cost of the check: ${(100 * (min(times.on) / min(times.off) - 1)).toFixed(1)} % (min), ${(100 * (median(times.on) / median(times.off) - 1)).toFixed(1)} % (median), ` +
    `${(100 * (median(ratios) - 1)).toFixed(1)} % (median of paired ratios)`,
);
