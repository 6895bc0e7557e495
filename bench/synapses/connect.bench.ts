/**
 * Question: how long does connect({ p: 0.02 }) take for 4000 × 4000 candidate pairs (≈ 320 000
 * synapses, no condition), and with a condition string (CUBA's 'i<Ne' / 'i>=Ne' split), against
 * Brian2 numpy / cython / cpp_standalone (whose synapse creation runs inside the binary)?
 * Brian2 side: ./brian2/connect.py. Both report the best of 5 repetitions in one process
 * (brian-ts: fresh Synapses each time; it includes appending the synapses and N_incoming/N_outgoing).
 * Run: node --import tsx bench/synapses/connect.bench.ts [N=4000] [p=0.02]
 */
import { NeuronGroup, seed, Synapses } from 'brian-ts';
import { bytesPerSynapse, measureBrian2, measureBrianTs, brian2Targets, printTable, timed } from './harness.ts';
import type { Measurement } from './harness.ts';

if (process.argv[2] === '--child') {
  const N = Number(process.argv[3]);
  const p = Number(process.argv[4]);
  seed(12345);
  const G = new NeuronGroup(N, 'v : 1', { namespace: {} });
  let best = Infinity;
  let bestCond = Infinity;
  let S: Synapses | undefined;
  for (let rep = 0; rep < 5; rep++) {
    const T = new Synapses(G, G, 'w : 1');
    best = Math.min(best, timed(() => T.connect({ p })));
    S = T;
    const U = new Synapses(G, G, 'w : 1', { namespace: { Ne: Math.trunc(0.8 * N) } });
    bestCond = Math.min(bestCond, timed(() => {
      U.connect({ condition: 'i<Ne', p });
      U.connect({ condition: 'i>=Ne', p });
    }));
  }
  const mem = bytesPerSynapse([S!]);
  const out: Measurement = { target: 'brian-ts', model: 'connect', N, synapses: S!.N, connect_s: best, connect_cond_s: bestCond, bytes_per_synapse: mem.perSynapse, bytes_breakdown: mem.breakdown, maxrss_mb: process.resourceUsage().maxRSS / 1024 };
  console.log(JSON.stringify(out));
} else {
  const N = process.argv[2] ?? '4000';
  const p = process.argv[3] ?? '0.02';
  const rows: Measurement[] = [measureBrianTs(import.meta.url, 'connect', [N, p])];
  for (const target of brian2Targets()) rows.push(measureBrian2('connect.py', target, 'connect', [N, p]));
  const cpp = rows.find((r) => r.target === 'cpp_standalone' && r.error === undefined);
  const fmt = (x: unknown): string => (typeof x === 'number' && Number.isFinite(x) ? x.toPrecision(3) : '–');
  const ratio = (a: unknown, b: unknown): string => (typeof a === 'number' && typeof b === 'number' ? fmt(a / b) : '–');
  console.log(`\nconnect(p = ${p}), ${N} × ${N} candidates, best of 5`);
  console.log('| target | connect s | ratio to cpp | connect with condition s | ratio to cpp | synapses | synapses / s | bytes / synapse (w : 1) |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    const note = r.error === undefined ? '' : ` (failed: ${r.error.slice(0, 200)})`;
    console.log(`| ${r.target}${note} | ${fmt(r.connect_s)} | ${ratio(r.connect_s, cpp?.connect_s)} | ${fmt(r.connect_cond_s)} | ${ratio(r.connect_cond_s, cpp?.connect_cond_s)} | ${r.synapses ?? '–'} | ${fmt(typeof r.synapses === 'number' && typeof r.connect_s === 'number' ? r.synapses / r.connect_s : NaN)} | ${fmt(r.bytes_per_synapse)} |`);
  }
  console.log(`\nraw: ${JSON.stringify(rows)}`);
  void printTable;
}
