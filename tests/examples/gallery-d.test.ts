/**
 * Gallery D (more of the Brian2 examples issue 14 lists): each example runs shortened and is
 * compared with Brian2 (fixture gallery_d.json from tests/conformance/generate/gallery_d.py, which
 * also renders Brian2's own figures for the gallery page).
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertClose, loadFixture } from '../conformance/fixture.ts';
import { sweep } from '../../src/sweep/index.ts';
import { decodePNG, inkPixels } from '../../src/plot/png.test-util.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface Traces {
  taus_ms: number[];
  stride: number;
  samples: number;
  v: number[][];
}
interface Fixture {
  Graupner_Brunel_2012: { points: number[]; repetitions: number; seeds: number[]; duration: number; runs: { point: number; seed: number; U: number; D: number }[] };
  multiprocessing_exact: Traces;
  multiprocessing_euler: Traces;
  standalone_multiplerun: { taus_ms: number[]; seeds: number[]; rates: number[][] };
}

/** Mean and sample standard deviation. */
function stats(values: readonly number[]): { mean: number; sd: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
  return { mean, sd };
}

type SweepModel = { model: (p: never) => unknown; parameters: Record<string, unknown> };
const fx = loadFixture<Fixture>('gallery_d');

function assertPNG(path: string): void {
  assert.ok(existsSync(path), `${path} was not written`);
  assert.ok(statSync(path).size > 0, `${path} is empty`);
  const img = decodePNG(readFileSync(path));
  assert.ok(inkPixels(img, 0, 0, img.width, img.height) > 2000, `${path}: almost blank`);
}

/** Runs an example script as `npx brian-ts examples` would (its own process, figures into `cwd`). */
function runScript(example: string, cwd: string, env: Record<string, string>): void {
  const inherited = { ...process.env };
  for (const name of ['BRIAN_TS_NO_MAIN', 'GRAUPNER_POINTS', 'GRAUPNER_REPETITIONS', 'BRIAN_TS_DURATION_SCALE']) delete inherited[name];
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'examples', example)], {
    cwd,
    env: { ...inherited, TSX_TSCONFIG_PATH: join(root, 'tsconfig.json'), ...env },
    encoding: 'utf8',
    timeout: 300_000,
  });
  assert.equal(r.status, 0, r.stderr);
}

describe('examples gallery D (against Brian2)', () => {
  const scratch = join(root, 'node_modules', '.gallery-d-test');
  before(() => mkdirSync(scratch, { recursive: true }));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('frompapers/Graupner_Brunel_2012.ts (random): switching probabilities U (DOWN→UP) and D (UP→DOWN) within Brian2’s spread, at three time differences', async () => {
    const f = fx.Graupner_Brunel_2012;
    // The example's module, without its main part (that is the sweep over all points and the figure).
    process.env['BRIAN_TS_NO_MAIN'] = '1';
    process.env['GRAUPNER_REPETITIONS'] = String(f.repetitions);
    const example = (await import('../../examples/frompapers/Graupner_Brunel_2012.ts')) as typeof import('../../examples/frompapers/Graupner_Brunel_2012.ts');
    assert.equal(example.REPETITIONS, f.repetitions);
    assert.equal(example.POINTS, 41);
    // brian-ts's way of running the points: sweep(), here in this thread (workers: 0), seeded.
    const result = await sweep((p) => example.model(p as { point: number }), { point: f.points }, { workers: 0, seed: 2012, parameters: example.parameters, progress: false });
    assert.equal(result.failed, 0);
    for (const row of result.rows) {
      const point = row.params['point']!;
      const arrays = result.arrays.get(row.index)!;
      const ours = example.changeInStrength(arrays['rho']!, arrays['rho_initial']!);
      for (const key of ['U', 'D'] as const) {
        // Each synapse switches independently (its own noise): U and D are binomial proportions.
        // Brian2's pooled estimate over its seeds has n = seeds*repetitions; ours n = repetitions.
        const theirs = f.runs.filter((r) => r.point === point).map((r) => r[key]);
        const p = theirs.reduce((a, b) => a + b, 0) / theirs.length;
        const sd = Math.sqrt(Math.max(p * (1 - p), 0.05) * (1 / f.repetitions + 1 / (f.repetitions * theirs.length)));
        // Brian2's own seed-to-seed differences are within the same binomial spread.
        assert.ok(Math.abs(theirs[0]! - theirs[1]!) < 4 * Math.sqrt(2 * p * (1 - p) / f.repetitions) + 1e-9);
        assert.ok(Math.abs(ours[key] - p) < 4 * sd, `point ${point}: ${key} = ${ours[key]} vs Brian2's ${p} (sd of the difference ${sd.toFixed(3)})`);
      }
    }
  });

  for (const [file, key] of [
    ['01_using_cython', 'multiprocessing_exact'],
    ['02_using_standalone', 'multiprocessing_euler'],
    ['03_standalone_joblib', 'multiprocessing_euler'],
  ] as const) {
    it(`multiprocessing/${file}.ts: the ten traces (sweep, in this thread) equal Brian2's`, async () => {
      process.env['BRIAN_TS_NO_MAIN'] = '1';
      const example = (await import(`../../examples/multiprocessing/${file}.ts`)) as SweepModel;
      const f = fx[key];
      const result = await sweep((p) => example.model(p as never), { tau: f.taus_ms.map((t) => `${t} ms`) }, { workers: 0, parameters: example.parameters, progress: false });
      assert.equal(result.rows.length, f.taus_ms.length);
      for (const row of result.rows) {
        const v = result.arrays.get(row.index)!['v']!;
        assert.equal(v.length, f.samples);
        const every = v.filter((_, j) => j % f.stride === 0);
        assertClose(every, f.v[row.index]!, { rtol: 1e-12, atol: 1e-15, label: `tau ${f.taus_ms[row.index]} ms` });
      }
    });
  }

  it('standalone/standalone_multiplerun.ts (random): the firing rate at three values of tau within Brian2’s seed-to-seed spread', async () => {
    process.env['BRIAN_TS_NO_MAIN'] = '1';
    const example = (await import('../../examples/standalone/standalone_multiplerun.ts')) as SweepModel;
    const f = fx.standalone_multiplerun;
    const result = await sweep((p) => example.model(p as never), { tau: f.taus_ms.map((t) => `${t} ms`) }, { workers: 0, seed: 3, parameters: example.parameters, progress: false });
    for (const row of result.rows) {
      const ours = row.values['rate']!;
      const theirs = stats(f.rates[row.index]!);
      // 12 seeds; the floor is a Poisson count's spread over the 1 s run (sqrt(rate)).
      const spread = Math.max(theirs.sd, Math.sqrt(Math.max(theirs.mean, 1)));
      assert.ok(Math.abs(ours - theirs.mean) < 4 * spread, `tau ${f.taus_ms[row.index]} ms: ${ours} Hz vs Brian2's ${theirs.mean} ± ${theirs.sd}`);
    }
    // the rate grows with tau, as in Brian2 (its means are well apart)
    const means = f.rates.map((r) => stats(r).mean);
    assert.ok(means[0]! < means[1]! && means[1]! < means[2]!);
  });

  it('the sweep examples as scripts: worker threads and figures (shortened)', () => {
    for (const [example, png] of [
      ['multiprocessing/01_using_cython.ts', '01_using_cython.png'],
      ['multiprocessing/02_using_standalone.ts', '02_using_standalone.png'],
      ['multiprocessing/03_standalone_joblib.ts', '03_standalone_joblib.png'],
      ['standalone/standalone_multiplerun.ts', 'standalone_multiplerun.png'],
    ] as const) {
      const dir = join(scratch, png.replace('.png', ''));
      mkdirSync(dir, { recursive: true });
      runScript(example, dir, { BRIAN_TS_DURATION_SCALE: '0.2' });
      assertPNG(join(dir, png));
    }
  });

  it('frompapers/Graupner_Brunel_2012.ts as a script: the sweep on worker threads and the figure (3 points, 20 repetitions, 3 s)', () => {
    const dir = join(scratch, 'graupner');
    mkdirSync(dir, { recursive: true });
    runScript('frompapers/Graupner_Brunel_2012.ts', dir, { GRAUPNER_POINTS: '3', GRAUPNER_REPETITIONS: '20', BRIAN_TS_DURATION_SCALE: '0.05' });
    assertPNG(join(dir, 'Graupner_Brunel_2012.png'));
  });
});
