/**
 * The session-15 warm-ups (awaitDone's sleep path before a run's first step, the worker's
 * long-wait polling path in warmServe, a session's polling share held as a double): V8 optimized
 * these functions inside the first 2-thread run before those paths had run, and deoptimized them
 * there. And the main thread's chunk runner and a session's wrapped code objects, one function
 * each for every session: with one per session, runShare (and runPending), and the objects' `run`
 * methods that call the wrappers, deoptimized in every later run of a process. Checked with
 * V8's own optimization status in a child process, not with timing.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

describe('the warm-ups leave no deopt for a run (session 15; V8 natives, not timing)', () => {
  it("awaitDone stays optimized through a sleep, serveBatch through long-wait polling, runShare and an object's run into the next run; a session keeps its map", () => {
    // A child with --allow-natives-syntax (V8's own optimization status; see warm.fixture.ts).
    const script = fileURLToPath(new URL('./warm.fixture.ts', import.meta.url));
    const out = spawnSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(out.status, 0, out.stderr);
    const r = JSON.parse(out.stdout.trim().split('\n').pop()!) as Record<string, boolean>;
    assert.ok(r['awaitDoneOptimized'] && r['serveBatchOptimized'] && r['chunks'], JSON.stringify(r));
    assert.equal(r['awaitDoneAfterSleep'], true, 'warmAwaitDone: the sleep path has type feedback');
    assert.equal(r['serveBatchAfterLongWaits'], true, 'warmServe: the long-wait polling path has type feedback');
    assert.equal(r['sessionMapKept'], true, "a session's waitShare holds doubles from the start");
    assert.equal(r['runShareNextRun'], true, "the main thread's chunk runner is one function for every session");
    assert.equal(r['objectRunNextRun'], true, "a session's wrapped code objects run the same function in every session");
  });

  it("with BRIAN_TS_WARM_MAIN_STEPS, the main thread's per-batch code is optimized (or on its way) at the first step of the first 2-thread run (session 16)", () => {
    // The control (warm-up off) shows that the check can fail: those functions have not run yet then.
    const script = fileURLToPath(new URL('./warm-main.fixture.ts', import.meta.url));
    const run = (steps: string | undefined): { atFirstStep: Record<string, boolean>; threads: number } => {
      const env = { ...process.env };
      if (steps === undefined) delete env['BRIAN_TS_WARM_MAIN_STEPS'];
      else env['BRIAN_TS_WARM_MAIN_STEPS'] = steps;
      const out = spawnSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000, env });
      assert.equal(out.status, 0, out.stderr);
      return JSON.parse(out.stdout.trim().split('\n').pop()!) as { atFirstStep: Record<string, boolean>; threads: number };
    };
    const warm = run('4000');
    assert.equal(warm.threads, 2);
    for (const [name, ok] of Object.entries(warm.atFirstStep)) assert.equal(ok, true, `${name} at the first step: ${JSON.stringify(warm.atFirstStep)}`);
    const cold = run(undefined); // the default: off
    assert.ok(Object.values(cold.atFirstStep).some((ok) => !ok), `without the warm-up: ${JSON.stringify(cold.atFirstStep)}`);
  });
});
