/** The start gate of bench children run side by side (threads.bench.ts `--ceiling`). */
import { readSync, writeSync } from 'node:fs';

/**
 * `BENCH_START_GATE=1` (threads.bench.ts `--ceiling`: two children run side by side): at the first
 * step, before the loop's clock starts, say `BENCH_READY` on stderr and block until the parent
 * writes a line on stdin — so the two children's loops start together however differently their
 * start-up (tsx, construction, compilation) went. A no-op without the variable, and after the
 * first call (the first-step probes and BENCH_SCHED's probe all call it: whichever runs first waits).
 */
let opened = false;
export function startGate(): void {
  if (opened || process.env['BENCH_START_GATE'] !== '1') return;
  opened = true;
  writeSync(2, 'BENCH_READY\n');
  const buf = new Uint8Array(64);
  const nap = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    let n: number;
    try {
      n = readSync(0, buf, 0, buf.length, null);
    } catch (e) {
      // A non-blocking stdin: wait a little and read again.
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(nap, 0, 0, 0.05);
      continue;
    }
    if (n === 0 || buf.subarray(0, n).includes(10)) return;
  }
}

/** The loop's start and end on the wall clock shared by processes (ms since the epoch; sub-ms): the overlap of two children's loops. */
export function loopEpochs(startPerf: number, endPerf: number): { loop_start_epoch_ms: number; loop_end_epoch_ms: number } {
  return { loop_start_epoch_ms: performance.timeOrigin + startPerf, loop_end_epoch_ms: performance.timeOrigin + endPerf };
}
