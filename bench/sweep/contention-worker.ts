/**
 * The worker of contention.bench.ts: runs `units` points of ./brunel-hakim.model.ts on request and
 * reports their wall time, this thread's own CPU time and its run-queue wait (Linux
 * /proc/thread-self/schedstat: ns on a CPU, ns runnable but waiting). `same`: every point is the
 * same point (muext 25 mV, sigmaext 1 mV, seed 7), so two batches do the same work; else the
 * sweep's 8 × 8 grid in index order (muext major, seed = index), repeated from index 64 on.
 * `times`: also each point's wall time.
 */
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { mV, seed, startScope } from 'brian-ts';
import { model } from './brunel-hakim.model.ts';

const schedstat = (): number[] => readFileSync('/proc/thread-self/schedstat', 'utf8').trim().split(' ').map((x) => Number(x) / 1e6);
let index = 0;
let sink = 0;

parentPort!.on('message', (m: { units: number; same: boolean; times?: boolean }) => {
  const s0 = schedstat();
  const t0 = performance.now();
  const times: number[] = [];
  for (let u = 0; u < m.units; u++, index++) {
    const tp = performance.now();
    const j = index % 64;
    startScope();
    seed(m.same ? 7 : j);
    const p = m.same ? { muext: mV(25), sigmaext: mV(1) } : { muext: mV(20 + Math.floor(j / 8) * (10 / 7)), sigmaext: mV(0.5 + (j % 8) * 0.5) };
    sink += model(p as never).spikes;
    if (m.times === true) times.push(performance.now() - tp);
  }
  const s1 = schedstat();
  parentPort!.postMessage({ wall: performance.now() - t0, cpu: s1[0]! - s0[0]!, wait: s1[1]! - s0[1]!, times, sink });
});
