/**
 * Question: how fast does a StateMonitor stream to disk (`file: 'v.npy'`) and does memory stay
 * bounded? Issue 15 asks for 10^5 neurons × 10^4 steps (8 GB of float64) against Brian2, which
 * records in memory and then writes with numpy's np.save (./brian2/stream_monitor.py, run in the
 * same command). Reports brian-ts's run time with and without the monitor, end-to-end MB/s, the
 * peak RSS of each side, and checks that numpy reads our file and that both files agree.
 * Run: node --import tsx bench/reliability/stream-monitor.bench.ts [N=100000] [steps=10000] [dir=tmpdir]
 * (The full size needs 8 GB of disk per side and ~16 GB of memory for Brian2.)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Network, NeuronGroup, StateMonitor, defaultclock, startScope } from 'brian-ts';

const N = Number(process.argv[2] ?? 100_000);
const steps = Number(process.argv[3] ?? 10_000);
const dir = mkdtempSync(join(process.argv[4] ?? tmpdir(), 'brian-ts-stream-bench-'));
const ours = join(dir, 'brian-ts.npy');
const theirs = join(dir, 'brian2.npy');
const bytes = N * steps * 8;

function model(): NeuronGroup {
  startScope();
  const G = new NeuronGroup(N, 'dv/dt = (1 + 0.001*i - v)/(10*ms) : 1', { method: 'exact' });
  return G;
}

try {
  // Simulation alone, to separate the cost of recording and writing.
  const bare = model();
  const bareNet = new Network(bare);
  let t = performance.now();
  bareNet.run(defaultclock.dt.times(steps));
  const bareS = (performance.now() - t) / 1000;

  const G = model();
  const M = new StateMonitor(G, 'v', { record: true, file: ours });
  const net = new Network(G, M);
  let peakRss = 0;
  const rssBefore = process.memoryUsage().rss;
  const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  t = performance.now();
  // Several runs of equal length, sampling RSS between them (the timer cannot fire during a run).
  const chunks = 10;
  for (let k = 0; k < chunks; k++) {
    net.run(defaultclock.dt.times(steps / chunks));
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const streamS = (performance.now() - t) / 1000;
  clearInterval(timer);
  const maxRss = process.resourceUsage().maxRSS / 1024; // MB
  const size = statSync(ours).size;

  const script = fileURLToPath(new URL('./brian2/stream_monitor.py', import.meta.url));
  const b2 = JSON.parse(execFileSync('/usr/bin/python3', [script, String(N), String(steps), theirs], { maxBuffer: 1 << 20 }).toString().trim().split('\n').pop()!) as Record<string, number>;
  const check = execFileSync('/usr/bin/python3', [
    '-c',
    `import numpy as np; a = np.load(${JSON.stringify(ours)}, mmap_mode='r'); b = np.load(${JSON.stringify(theirs)}, mmap_mode='r'); ` +
      `k = np.linspace(0, a.shape[0]-1, 50).astype(int); print(a.shape, b.shape, float(np.max(np.abs(a[k] - b[k]))))`,
  ]).toString().trim();

  const mb = bytes / 1e6;
  console.log(`StateMonitor to disk: ${N} neurons × ${steps} steps = ${mb.toFixed(0)} MB of float64 (file ${(size / 1e6).toFixed(0)} MB)`);
  console.log('| | brian-ts (file: streaming) | Brian2 numpy + np.save |');
  console.log('| --- | --- | --- |');
  console.log(`| simulate + record + write (s) | ${streamS.toFixed(2)} | ${(b2['run_s']! + b2['save_s']!).toFixed(2)} (run ${b2['run_s']!.toFixed(2)}, np.save ${b2['save_s']!.toFixed(2)}) |`);
  console.log(`| simulation alone (s) | ${bareS.toFixed(2)} | — |`);
  console.log(`| end-to-end throughput (MB/s) | ${(mb / streamS).toFixed(0)} | ${b2['total_MBps']!.toFixed(0)} |`);
  console.log(`| writing throughput (MB/s) | ${(mb / Math.max(1e-9, streamS - bareS)).toFixed(0)} (recording + writing beyond the bare run) | ${b2['save_MBps']!.toFixed(0)} (np.save alone) |`);
  console.log(`| peak RSS (MB) | ${maxRss.toFixed(0)} (sampled during the run: ${(peakRss / 1e6).toFixed(0)}, at start ${(rssBefore / 1e6).toFixed(0)}) | ${b2['peak_rss_MB']!.toFixed(0)} |`);
  console.log(`| monitor buffers (MB) | ${(M.bufferBytes / 1e6).toFixed(1)} | ${mb.toFixed(0)} (all in memory) |`);
  console.log(`numpy reads both files: ${check} (shapes, max |difference| over 50 neurons)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
