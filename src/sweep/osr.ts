/**
 * V8's on-stack replacement (OSR) off while a local sweep runs (issue 12, session 8).
 * With prefs.codeReuse a sweep's points share the code factories of the step code, and V8 then
 * keeps running the later closures of a shared state-update loop on its OSR code at every call
 * instead of optimising them normally: ≈ 1.5× slower step loops for the first ≈ 32–70 points of a
 * worker, all of a 2-worker 64-point sweep. Without OSR a hot loop is optimised at its next call
 * (one run is thousands of steps, so nothing is lost). V8 flags are process-wide (a worker's
 * execArgv refuses them), so this is set for the whole process while at least one local sweep
 * runs and restored afterwards; flags change only V8's tiering, never a result.
 * BRIAN_TS_SWEEP_OSR=1 keeps OSR on.
 */
import { setFlagsFromString } from 'node:v8';

let holders = 0;
let changed = false;

/** Whether the process was started with OSR off (then there is nothing to turn off or restore). */
function startedWithoutOsr(): boolean {
  const args = [...process.execArgv, ...(process.env['NODE_OPTIONS'] ?? '').split(/\s+/)];
  return args.some((a) => a === '--no-use-osr' || a === '--no_use_osr' || a === '--no-use_osr' || a === '--no_use-osr');
}

/** Turns OSR off for the process (unless BRIAN_TS_SWEEP_OSR=1); pair each call with {@link releaseOsr}. */
export function holdOsrOff(): void {
  holders++;
  if (holders > 1 || process.env['BRIAN_TS_SWEEP_OSR'] === '1' || startedWithoutOsr()) return;
  setFlagsFromString('--no-use-osr');
  changed = true;
}

/** Ends one {@link holdOsrOff}; the last one restores OSR if the sweep turned it off. */
export function releaseOsr(): void {
  if (holders === 0) return;
  holders--;
  if (holders > 0 || !changed) return;
  setFlagsFromString('--use-osr');
  changed = false;
}

/** Whether a sweep currently holds OSR off (for tests). */
export function osrHeldOff(): boolean {
  return changed;
}
