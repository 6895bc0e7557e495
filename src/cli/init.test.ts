/**
 * `brian-ts init`: creates a project in a temporary folder, links it to this checkout (no
 * network: node_modules/brian-ts, tsx, typescript and @types point at the checkout's own), then
 * type-checks the created model with the created tsconfig (strict, noUncheckedIndexedAccess) and
 * runs it with `npm start`'s command against the built package, as a user would.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { defaultBrianTsSpec, packageRoot, projectName } from './index.ts';

const root = packageRoot();
const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'brian-ts-init-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', tsx, main, ...args], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('brian-ts init', () => {
  it('creates a module project that type-checks strictly and runs against the local package', () => {
    const r = cli(['init', 'My Model', '--brian-ts', `file:${root}`]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /created package\.json, tsconfig\.json, model\.ts, README\.md, \.gitignore in My Model/);
    const project = join(dir, 'My Model');
    const pkg = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(pkg['type'], 'module');
    assert.equal(pkg['name'], 'my-model');
    assert.deepEqual(pkg['dependencies'], { 'brian-ts': `file:${root}` });
    assert.deepEqual(Object.keys(pkg['devDependencies'] as object).sort(), ['@types/node', 'tsx', 'typescript']);
    const tsconfig = JSON.parse(readFileSync(join(project, 'tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
    assert.equal(tsconfig.compilerOptions['strict'], true);
    assert.equal(tsconfig.compilerOptions['noUncheckedIndexedAccess'], true);

    // What `npm install` would do, without a registry: link the packages to this checkout's.
    const modules = join(project, 'node_modules');
    mkdirSync(modules);
    symlinkSync(root, join(modules, 'brian-ts'), 'dir');
    for (const dep of ['tsx', 'typescript', '@types']) symlinkSync(join(root, 'node_modules', dep), join(modules, dep), 'dir');

    // `npm run typecheck` (tsc -p .): the README idioms (M.v[0].in(mV), top-level await) type-check.
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const check = spawnSync(process.execPath, [tsc, '-p', '.'], { cwd: project, encoding: 'utf8' });
    assert.equal(check.status, 0, `${check.stdout}${check.stderr}\n(the project imports the built package: run npm run build if dist/ is stale)`);

    // `npm start` (tsx model.ts): runs against the built package (dist/, what the exports point to).
    const output = execFileSync(process.execPath, ['--import', 'tsx', 'model.ts'], { cwd: project, encoding: 'utf8' });
    assert.match(output, /\$\\frac\{\\mathrm\{d\}v\}\{\\mathrm\{d\}t\} = \\frac\{v_\{0\} - v\}\{\\tau\}\$/);
    const m = /(\d+) spikes, first at ([\d.]+) ms; v ranges from (-?[\d.]+) to (-?[\d.]+) mV/.exec(output);
    assert.ok(m !== null, output);
    // v0 = -40 mV drives the neuron from -70 mV to the -50 mV threshold: it fires regularly.
    assert.ok(Number(m[1]) >= 5, output);
    assert.equal(Number(m[3]), -70);
    assert.ok(Number(m[4]) <= -50 && Number(m[4]) > -51, output);
    assert.ok(existsSync(join(project, 'model.png')));
  });

  it('a type error in the model fails the strict check (the check can fail)', () => {
    const project = join(dir, 'My Model');
    writeFileSync(join(project, 'bad.ts'), "import { StateMonitor } from 'brian-ts';\ndeclare const M: StateMonitor;\nconst k: number = M.v.get(3);\nexport { k };\n");
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const check = spawnSync(process.execPath, [tsc, '-p', '.'], { cwd: project, encoding: 'utf8' });
    rmSync(join(project, 'bad.ts'));
    assert.notEqual(check.status, 0);
    assert.match(`${check.stdout}${check.stderr}`, /bad\.ts/);
  });

  it('refuses a folder that has files, and names them', () => {
    const r = cli(['init', 'My Model']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /brian-ts: error: 'My Model' is not empty \(.*model\.ts.*\); brian-ts init only fills a new or empty folder\./);
  });

  it('the default dependency: this checkout by relative path, or ^version when installed under node_modules', () => {
    assert.equal(defaultBrianTsSpec('/home/u/brian-ts', '/home/u/projects/m', '0.1.0'), 'file:../../brian-ts');
    assert.equal(defaultBrianTsSpec('/home/u/app/node_modules/brian-ts', '/home/u/m', '0.1.0'), '^0.1.0');
    assert.equal(projectName('/tmp/My Model!'), 'my-model-');
    assert.equal(projectName('/tmp/...'), 'brian-ts-model');
  });
});
