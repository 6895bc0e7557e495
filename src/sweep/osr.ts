/**
 * V8's tiering flags while a local sweep runs (issue 12). V8 flags are process-wide (a worker's
 * execArgv refuses them), so each is set with `v8.setFlagsFromString` before the pool's workers
 * start, for the whole process, while at least one local sweep holds it, and restored when the
 * last one ends; flags change only when and where V8 compiles, never a result.
 *
 * - OSR off (session 8): with prefs.codeReuse a sweep's points share the code factories of the
 *   step code, and V8 then keeps running the later closures of a shared state-update loop on its
 *   OSR code at every call instead of optimising them normally: ≈ 1.5× slower step loops for the
 *   first ≈ 32–70 points of a worker, all of a 2-worker 64-point sweep. Without OSR a hot loop is
 *   optimised at its next call (one run is thousands of steps, so nothing is lost).
 *   BRIAN_TS_SWEEP_OSR=1 keeps OSR on.
 * - Concurrent recompilation off when the pool has a worker per core (session 9): V8 optimises a
 *   hot function on a helper thread while the worker goes on in slower code; with every core
 *   running a worker, that helper thread only takes its time from a worker (and the worker runs
 *   its slow code for longer while the job waits for a core). Compiled in the worker's own thread,
 *   the optimised code is there at once. Read when an isolate is created, so it applies to the
 *   pool's workers (and to workers that replace them). A pool with a spare core keeps it: there
 *   the helper thread runs on the idle core. BRIAN_TS_SWEEP_CONCURRENT_COMPILE=1 keeps it on.
 */
import { setFlagsFromString } from 'node:v8';

/** A process-wide V8 flag held off by any number of sweeps at once. */
class HeldFlag {
  private holders = 0;
  private changed = false;
  private readonly flag: string;
  private readonly keepEnv: string;

  constructor(flag: string, keepEnv: string) {
    this.flag = flag;
    this.keepEnv = keepEnv;
  }

  /** Whether the process was started with the flag off (then there is nothing to turn off or restore). */
  private startedOff(): boolean {
    const args = [...process.execArgv, ...(process.env['NODE_OPTIONS'] ?? '').split(/\s+/)];
    const canonical = (a: string): string => a.replace(/_/g, '-');
    return args.some((a) => canonical(a) === `--no-${this.flag}`);
  }

  hold(): void {
    this.holders++;
    if (this.holders > 1 || process.env[this.keepEnv] === '1' || this.startedOff()) return;
    setFlagsFromString(`--no-${this.flag}`);
    this.changed = true;
  }

  release(): void {
    if (this.holders === 0) return;
    this.holders--;
    if (this.holders > 0 || !this.changed) return;
    setFlagsFromString(`--${this.flag}`);
    this.changed = false;
  }

  get off(): boolean {
    return this.changed;
  }
}

const osr = new HeldFlag('use-osr', 'BRIAN_TS_SWEEP_OSR');
const concurrentCompile = new HeldFlag('concurrent-recompilation', 'BRIAN_TS_SWEEP_CONCURRENT_COMPILE');

/** Turns OSR off for the process (unless BRIAN_TS_SWEEP_OSR=1); pair each call with {@link releaseOsr}. */
export function holdOsrOff(): void {
  osr.hold();
}

/** Ends one {@link holdOsrOff}; the last one restores OSR if the sweep turned it off. */
export function releaseOsr(): void {
  osr.release();
}

/** Whether a sweep currently holds OSR off (for tests). */
export function osrHeldOff(): boolean {
  return osr.off;
}

/**
 * Turns V8's concurrent recompilation off for isolates created from now on (unless
 * BRIAN_TS_SWEEP_CONCURRENT_COMPILE=1): for a pool with a worker per core. Pair each call with
 * {@link releaseConcurrentCompile}.
 */
export function holdConcurrentCompileOff(): void {
  concurrentCompile.hold();
}

/** Ends one {@link holdConcurrentCompileOff}; the last one restores the flag if a sweep turned it off. */
export function releaseConcurrentCompile(): void {
  concurrentCompile.release();
}

/** Whether a sweep currently holds concurrent recompilation off (for tests). */
export function concurrentCompileHeldOff(): boolean {
  return concurrentCompile.off;
}
