/**
 * sweep() end to end (issue 12): the same results on 0, 1 and 2 workers and for TypeScript and
 * JavaScript scripts; the output folder (JSON, CSV, npz, per-point arrays) and resuming; points that
 * throw, crash their worker or run out of memory; bad scripts.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadNpz } from 'brian-ts/io';
import { sweep, SweepError, type SweepResult } from 'brian-ts/sweep';
import { concurrentCompileHeldOff, osrHeldOff } from '../../src/sweep/osr.ts';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const GRID = { tau: ['10 ms', '20 ms'], drive: [1.1, 1.6, 2.5] };
const table = (r: SweepResult): unknown[] => r.rows.map((row) => [row.index, row.seed, row.params, row.values, row.error]);

describe('sweep()', () => {
  let dir: string;
  let inProcess: SweepResult;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'brian-ts-sweep-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the same table in this thread, on 1 worker and on 2 workers', async () => {
    inProcess = await sweep(fixture('model.ts'), GRID, { workers: 0, seed: 5, progress: false });
    assert.equal(inProcess.rows.length, 6);
    assert.equal(inProcess.failed, 0);
    // Parameters in SI with the declared order; the model saw its own index; seeds differ per point.
    assert.deepEqual(inProcess.rows[4]!.params, { tau: 0.02, drive: 1.6 });
    assert.deepEqual(inProcess.rows.map((r) => r.values['index_seen']), [0, 1, 2, 3, 4, 5]);
    assert.equal(new Set(inProcess.rows.map((r) => r.seed)).size, 6);
    assert.ok(inProcess.rows.every((r) => r.values['spikes']! > 0));
    assert.ok(inProcess.rows[2]!.values['rate']! > inProcess.rows[0]!.values['rate']!, 'more drive, more spikes');
    const one = await sweep(fixture('model.ts'), GRID, { workers: 1, seed: 5, progress: false });
    assert.deepEqual(table(one), table(inProcess));
    const out = join(dir, 'two');
    const lines: string[] = [];
    const two = await sweep(fixture('model.ts'), GRID, { workers: 2, seed: 5, out, progress: { write: (t: string) => lines.push(t) } });
    assert.deepEqual(table(two), table(inProcess));
    assert.match(lines.join(''), /6\/6 points, .* elapsed, ETA 0:00/);
    // Another sweep seed, other numbers (the comparison above can fail).
    const other = await sweep(fixture('model.ts'), GRID, { workers: 0, seed: 6, progress: false });
    assert.notDeepEqual(other.rows.map((r) => r.values['spikes']), inProcess.rows.map((r) => r.values['spikes']));
  });

  it('reuses compiled code from point to point (prefs.codeReuse) with bit-identical results on 1 and 2 workers, reuse on or off', async () => {
    // Every point differs from the previous one in a constant its code reads (tau or drive).
    const grid = { tau: ['8 ms', '12 ms'], drive: [1.3, 1.7, 2.1] };
    const runs = new Map<string, SweepResult>();
    const saved = process.env['BRIAN_TS_CODE_REUSE'];
    try {
      for (const reuse of ['1', '0']) {
        process.env['BRIAN_TS_CODE_REUSE'] = reuse; // worker threads start with a copy of the environment
        for (const workers of [1, 2]) runs.set(`${workers} workers, reuse ${reuse}`, await sweep(fixture('reuse.ts'), grid, { workers, seed: 3, progress: false }));
      }
    } finally {
      if (saved === undefined) delete process.env['BRIAN_TS_CODE_REUSE'];
      else process.env['BRIAN_TS_CODE_REUSE'] = saved;
    }
    const results = (r: SweepResult): unknown[] => r.rows.map((row) => [row.index, row.seed, row.params, row.error, row.values['spikes'], row.values['v_checksum'], row.values['times_checksum']]);
    const compiled = (r: SweepResult): number[] => r.rows.map((row) => row.values['compiled']!);
    const base = runs.get('1 workers, reuse 1')!;
    assert.equal(base.failed, 0);
    assert.equal(new Set(base.rows.map((row) => row.values['v_checksum'])).size, 6, 'each point its own state');
    for (const [label, r] of runs) assert.deepEqual(results(r), results(base), label);
    // One worker: the first point compiles its code (constants folded); the second handed out,
    // point 4, differs in tau and drive (order.ts), so it compiles once more with tau, drive and w
    // captured; every other point reuses that (in index order point 1 and then point 3 compiled).
    const on = compiled(base);
    assert.ok(on[0]! > 0 && on[4]! > 0, `compiled per point: ${on.join(' ')}`);
    assert.deepEqual([on[1], on[2], on[3], on[5]], [0, 0, 0, 0], `compiled per point: ${on.join(' ')}`);
    // Reuse off: constants are printed into the source, so every point compiles again.
    const off = compiled(runs.get('1 workers, reuse 0')!);
    assert.ok(off.every((n) => n > 0), `compiled per point without reuse: ${off.join(' ')}`);
  });

  it('turns V8 OSR off during a worker sweep and back on after it, with bit-identical results either way', async () => {
    const grid = { tau: ['8 ms', '12 ms'], drive: [1.3, 1.7, 2.1] };
    const saved = process.env['BRIAN_TS_SWEEP_OSR'];
    const results = (r: SweepResult): unknown[] => r.rows.map((row) => [row.index, row.seed, row.error, row.values['spikes'], row.values['v_checksum'], row.values['times_checksum']]);
    try {
      delete process.env['BRIAN_TS_SWEEP_OSR'];
      const running = sweep(fixture('reuse.ts'), grid, { workers: 2, seed: 3, progress: false });
      assert.equal(osrHeldOff(), true, 'set as the pool starts, before the workers');
      const off = await running;
      assert.equal(osrHeldOff(), false, 'restored when the sweep ends');
      process.env['BRIAN_TS_SWEEP_OSR'] = '1';
      const kept = sweep(fixture('reuse.ts'), grid, { workers: 2, seed: 3, progress: false });
      assert.equal(osrHeldOff(), false, 'BRIAN_TS_SWEEP_OSR=1 keeps it on');
      const on = await kept;
      assert.equal(off.failed, 0);
      assert.deepEqual(results(off), results(on));
      // A failing sweep restores it too.
      delete process.env['BRIAN_TS_SWEEP_OSR'];
      await assert.rejects(sweep(fixture('no-model.ts'), grid, { workers: 2, progress: false }));
      assert.equal(osrHeldOff(), false);
    } finally {
      if (saved === undefined) delete process.env['BRIAN_TS_SWEEP_OSR'];
      else process.env['BRIAN_TS_SWEEP_OSR'] = saved;
    }
  });

  it('turns concurrent recompilation off while a worker runs on every core, with bit-identical results', async () => {
    const grid = { tau: ['8 ms', '12 ms'], drive: [1.3, 1.7, 2.1] };
    const saved = process.env['BRIAN_TS_SWEEP_CONCURRENT_COMPILE'];
    const results = (r: SweepResult): unknown[] => r.rows.map((row) => [row.index, row.seed, row.error, row.values['spikes'], row.values['v_checksum'], row.values['times_checksum']]);
    const cores = availableParallelism();
    try {
      delete process.env['BRIAN_TS_SWEEP_CONCURRENT_COMPILE'];
      const full = sweep(fixture('reuse.ts'), grid, { workers: cores, seed: 3, progress: false });
      assert.equal(concurrentCompileHeldOff(), true, 'a worker per core: off as the pool starts');
      const off = await full;
      assert.equal(concurrentCompileHeldOff(), false, 'restored when the sweep ends');
      if (cores > 1) {
        const spare = sweep(fixture('reuse.ts'), grid, { workers: cores - 1, seed: 3, progress: false });
        assert.equal(concurrentCompileHeldOff(), false, 'a spare core: kept on');
        assert.deepEqual(results(await spare), results(off));
      }
      process.env['BRIAN_TS_SWEEP_CONCURRENT_COMPILE'] = '1';
      const kept = sweep(fixture('reuse.ts'), grid, { workers: cores, seed: 3, progress: false });
      assert.equal(concurrentCompileHeldOff(), false, 'BRIAN_TS_SWEEP_CONCURRENT_COMPILE=1 keeps it on');
      const on = await kept;
      assert.equal(off.failed, 0);
      assert.deepEqual(results(off), results(on));
      delete process.env['BRIAN_TS_SWEEP_CONCURRENT_COMPILE'];
      await assert.rejects(sweep(fixture('no-model.ts'), grid, { workers: cores, progress: false }));
      assert.equal(concurrentCompileHeldOff(), false, 'a failing sweep restores it too');
    } finally {
      if (saved === undefined) delete process.env['BRIAN_TS_SWEEP_CONCURRENT_COMPILE'];
      else process.env['BRIAN_TS_SWEEP_CONCURRENT_COMPILE'] = saved;
    }
  });

  it('writes the table as JSON, CSV and npz, the arrays per point, and skips finished points on a re-run', async () => {
    const out = join(dir, 'two');
    const json = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Record<string, unknown>[];
    assert.deepEqual(Object.keys(json[0]!), ['index', 'tau', 'drive', 'seed', 'rate', 'spikes', 'index_seen', 'error', 'error_code']);
    assert.equal(json[3]!['rate'], inProcess.rows[3]!.values['rate']);
    const csv = readFileSync(join(out, 'results.csv'), 'utf8').trim().split('\n');
    assert.equal(csv[0], 'index,tau (s),drive,seed,rate (Hz),spikes,index_seen,error,error_code');
    assert.equal(csv.length, 7);
    assert.equal(Number(csv[1]!.split(',')[4]), inProcess.rows[0]!.values['rate']);
    const npz = await loadNpz(join(out, 'results.npz'));
    assert.deepEqual(Array.from(npz.arrays['rate']!.data as Float64Array), inProcess.rows.map((r) => r.values['rate']));
    assert.equal(npz.metadata?.units['tau'], 's');
    const arrays = await loadNpz(join(out, 'arrays', 'point-2.npz'));
    assert.equal((arrays.arrays['count']!.data as Float64Array).reduce((a, b) => a + b, 0), inProcess.rows[2]!.values['spikes']);
    const again = await sweep(fixture('model.ts'), GRID, { workers: 2, out, progress: false });
    assert.equal(again.skipped, 6);
    assert.equal(again.ran, 0);
    assert.equal(again.seed, 5, 'the folder remembers its seed');
    assert.deepEqual(table(again), table(inProcess));
    await assert.rejects(sweep(fixture('model.ts'), { tau: ['10 ms'], drive: [1.1] }, { workers: 0, out, progress: false }), (e: unknown) => e instanceof SweepError && e.code === 'output' && /holds another sweep/.test(e.message));
  });

  it('gives the same table with workers that load the script unbundled; errors name the script line either way', async () => {
    const bundled = await sweep(fixture('model.ts'), GRID, { workers: 2, seed: 5, progress: false });
    assert.match(bundled.startup!.bundle, /^(built|cached)$/);
    assert.equal(bundled.startup!.workerLoadSeconds.length, 2);
    // A worker still loading when the last point finished has NaN (its documented value): on a loaded
    // machine (CI runs two test files at once) the first worker can run all 6 points before the second loads.
    const loads = bundled.startup!.workerLoadSeconds;
    assert.ok(loads.some((s) => Number.isFinite(s)) && loads.every((s) => Number.isNaN(s) || (s > 0 && s < 120)), JSON.stringify(bundled.startup));
    const unbundled = await sweep(fixture('model.ts'), GRID, { workers: 2, seed: 5, progress: false, bundle: false });
    assert.equal(unbundled.startup!.bundle, 'not asked for');
    assert.deepEqual(table(bundled), table(inProcess));
    assert.deepEqual(table(unbundled), table(inProcess));
    for (const [workers, bundle] of [[0, true], [1, true], [1, false]] as const) {
      const r = await sweep(fixture('bad-units.ts'), { x: [1] }, { workers, bundle, progress: false });
      assert.match(r.rows[0]!.error!.message, /Object was created here: model \(.*bad-units\.ts:5:\d+\)/, `workers ${workers}, bundle ${bundle}`);
    }
  });

  it('keeps the __dirname of a CommonJS script in the bundle, and falls back to loading unbundled when the bundle does not load', async () => {
    const cjs = await sweep(fixture('dirname.cjs'), { x: [1, 2] }, { workers: 2, progress: false });
    assert.match(cjs.startup!.bundle, /^(built|cached)$/);
    assert.deepEqual(cjs.rows.map((row) => row.values), [{ y: 2, here_ok: 1 }, { y: 4, here_ok: 1 }]);
    const r = await sweep(fixture('resolve-sibling.cjs'), { x: [1, 2] }, { workers: 2, progress: false });
    assert.match(r.startup!.bundle, /^the bundle failed to load \(.*model\.mjs.*\); loaded unbundled$/s);
    assert.deepEqual(r.rows.map((row) => row.values), [{ y: 2, sibling_ok: 1 }, { y: 4, sibling_ok: 1 }]);
  });

  it('starts bundled workers under process-wide options that workers refuse (V8 flags)', () => {
    const r = spawnSync(process.execPath, ['--single-threaded-gc', '--stack-size=2000', '--import', 'tsx', fixture('sweep-child.ts')], { cwd: fileURLToPath(new URL('../..', import.meta.url)), encoding: 'utf8', timeout: 300_000 });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { bundle: string; values: unknown };
    assert.match(out.bundle, /^(built|cached)$/);
    assert.deepEqual(out.values, [{ y: 2, here_ok: 1 }, { y: 4, here_ok: 1 }]);
  });

  it('runs JavaScript scripts too', async () => {
    const js = await sweep(fixture('model.mjs'), { drive: [1.5, 2] }, { workers: 1, seed: 1, progress: false });
    assert.deepEqual(js.rows.map((r) => r.error), [undefined, undefined]);
    assert.ok(js.rows[1]!.values['spikes']! > 0);
  });

  it('records a throwing, crashing or out-of-memory point with its error and goes on (the worker replaced)', async () => {
    const out = join(dir, 'failing');
    const r = await sweep(fixture('failing.ts'), { mode: [0, 1, 2, 3, 4, 5] }, { workers: 2, memoryLimitMb: 64, out, progress: false });
    const codes = r.rows.map((row) => row.error === undefined ? 'ok' : `${row.error.name}:${row.error.code ?? ''}`);
    assert.deepEqual(codes, ['ok', 'DimensionMismatchError:', 'SweepError:worker-crashed', 'SweepError:out-of-memory', 'SweepError:invalid-result', 'ok']);
    assert.match(r.rows[1]!.error!.message, /a typed error from the model/);
    assert.match(r.rows[2]!.error!.message, /exited with code 3/);
    assert.equal(r.failed, 4);
    assert.ok(Number.isFinite(r.rows[5]!.values['v0']), 'the point after the crashes ran on a replacement worker');
    const csv = readFileSync(join(out, 'results.csv'), 'utf8');
    assert.match(csv, /3,3,\d+,nan,SweepError: The worker ran out of memory/);
  });

  it('a re-run skips the finished points and runs the failed ones again', async () => {
    const out = join(dir, 'flaky');
    let calls = 0;
    const flaky = (p: Record<string, number>) => {
      calls++;
      if (p['x'] === 2 && calls <= 3) throw new Error('transient');
      return { y: p['x']! + 1 };
    };
    const first = await sweep(flaky, { x: [1, 2, 3] }, { workers: 0, out, progress: false });
    assert.deepEqual(first.rows.map((r) => r.error?.message), [undefined, 'transient', undefined]);
    const again = await sweep(flaky, { x: [1, 2, 3] }, { workers: 0, out, progress: false });
    assert.equal(again.skipped, 2);
    assert.equal(again.ran, 1);
    assert.deepEqual(again.rows.map((r) => r.values['y']), [2, 3, 4]);
    assert.equal(calls, 4);
  });

  it('refuses a script without a model export, a missing script, a function on workers, unknown options', async () => {
    await assert.rejects(sweep(fixture('no-model.ts'), { tau: [1] }, { workers: 1, progress: false }), (e: unknown) => e instanceof SweepError && e.code === 'invalid-script' && /exports no model function.*it exports parameters, simulate/.test(e.message));
    await assert.rejects(sweep(fixture('nope.ts'), { tau: [1] }), (e: unknown) => e instanceof SweepError && e.code === 'invalid-script' && /does not exist/.test(e.message));
    await assert.rejects(sweep(() => ({}), { a: [1] }, { workers: 2 }), (e: unknown) => e instanceof SweepError && /runs only in this thread/.test(e.message));
    await assert.rejects(sweep(() => ({}), { a: [1] }, { wokers: 2 } as never), (e: unknown) => e instanceof SweepError && e.code === 'invalid-option' && /Did you mean 'workers'/.test(e.message));
    await assert.rejects(sweep(fixture('model.ts'), { tau: ['10 mV'] }, { workers: 0 }), (e: unknown) => e instanceof SweepError && e.code === 'invalid-grid' && /wrong units for 'tau'/.test(e.message));
  });

  it('a model function in this thread: parameters declared by option', async () => {
    const r = await sweep((p: Record<string, number>, c) => ({ y: p['a']! * 2, seed: c.seed }), { a: [1, 2] }, { workers: 0, progress: false, parameters: { a: 0 } });
    assert.match(r.rows[0]!.error!.message, /'seed' has the name of a column/);
    const ok = await sweep((p: Record<string, number>) => ({ y: p['a']! * 2 }), { points: [{ a: 1 }, { a: 3 }] }, { workers: 0, progress: false });
    assert.deepEqual(ok.rows.map((row) => row.values['y']), [2, 6]);
    assert.ok(!existsSync(join(dir, 'results.json')));
  });
});
