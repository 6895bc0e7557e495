/**
 * Question (issue 12, session 11 s11-sweep): what does memory the process has not touched before
 * cost on this host, against rewriting memory it already holds? A paper-size sweep point needs
 * ≈ 100 MB of arrays; a worker's first point gets them fresh (later points reuse them,
 * src/util/recycle.ts), so this is part of every worker's fixed cost. Allocates a 100 MB
 * SharedArrayBuffer (as the synapse storage does), fills it (first touch), fills it again, lets it
 * go (GC) and repeats; prints wall and system CPU time per step.
 * Run: node --expose-gc --import tsx bench/sweep/fresh-memory.ts
 */
const N = 25e6; // 100 MB of int32
const gc = (globalThis as { gc?: () => void }).gc;
for (let r = 0; r < 4; r++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let a: Int32Array | undefined = new Int32Array(new SharedArrayBuffer(4 * N));
  a.fill(1);
  const t1 = performance.now();
  const c1 = process.cpuUsage(c0);
  a.fill(2);
  const t2 = performance.now();
  console.log(`100 MB: first touch ${(t1 - t0).toFixed(0)} ms (system ${(c1.system / 1000).toFixed(0)} ms), rewrite ${(t2 - t1).toFixed(0)} ms`);
  a = undefined;
  gc?.();
}
