import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CliError, findExample, firstComment, listExamples, packageRoot, parsePositiveNumber, resolveTsx } from './index.ts';

const root = packageRoot();
const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const brian = pathToFileURL(join(root, 'src', 'index.ts')).href;

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'brian-ts-cli-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `brian-ts ...args` from `cwd` (the temporary directory by default). */
function cli(args: readonly string[], cwd = dir, env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    const inherited = { ...process.env };
    delete inherited['BRIAN_TS_REPORT'];
    delete inherited['BRIAN_TS_REPORT_PERIOD'];
    const child = spawn(process.execPath, ['--import', tsx, main, ...args], { cwd, env: { ...inherited, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('brian-ts run', () => {
  it('brian-ts run script.mjs --out dir runs it there with its arguments and reports the files it wrote', async () => {
    write('hello.mjs', "import { writeFileSync } from 'node:fs';\nwriteFileSync('result.txt', process.argv.slice(2).join(' '));\nconsole.log('cwd=' + process.cwd());\n");
    const r = await cli(['run', 'hello.mjs', '--out', 'results', '--', 'a', '--b']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(join(dir, 'results', 'result.txt'), 'utf8'), 'a --b');
    assert.match(r.stdout, new RegExp(`cwd=.*results`));
    assert.match(r.stderr, /brian-ts: wrote results\/result\.txt/);
  });

  it('brian-ts run model.ts reports the progress of long runs on stderr; --no-progress turns it off', async () => {
    write(
      'model.ts',
      `import { NeuronGroup, Network, ms } from '${brian}';\n` +
        "const G = new NeuronGroup(5000, 'dv/dt = -v/(10*ms) : 1', { method: 'exact' });\n" +
        'const net: Network = new Network(G);\n' +
        "net.run(ms(200));\nconsole.log('done');\n",
    );
    const r = await cli(['run', 'model.ts', '--report-period', '0.001']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /done/);
    assert.match(r.stderr, /^Starting simulation at t=0\. s for a duration of 200\. ms$/m);
    assert.match(r.stderr, /^200\. ms \(100%\) simulated in .+$/m);
    const quiet = await cli(['run', 'model.ts', '--report-period', '0.001', '--no-progress']);
    assert.equal(quiet.code, 0, quiet.stderr);
    assert.doesNotMatch(quiet.stderr, /Starting simulation/);
  });

  it("brian-ts run passes on the script's exit code and errors", async () => {
    write('fails.mjs', 'process.exit(3);\n');
    assert.equal((await cli(['run', 'fails.mjs'])).code, 3);
    write('throws.mjs', "throw new Error('boom');\n");
    const r = await cli(['run', 'throws.mjs']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Error: boom/);
  });

  it('brian-ts run rejects a missing script, an unsupported file type, a bad --report-period and a file as --out', async () => {
    const missing = await cli(['run', 'nope.ts']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^brian-ts: error: script not found: .*nope\.ts$/m);
    write('model.py', 'print(1)\n');
    const py = await cli(['run', 'model.py']);
    assert.equal(py.code, 2);
    assert.match(py.stderr, /cannot run '.*model\.py': expected a \.ts, \.mts, \.cts, \.js, \.mjs or \.cjs script/);
    const period = await cli(['run', 'model.py', '--report-period', '10s']);
    assert.equal(period.code, 1);
    assert.match(period.stderr, /--report-period must be a positive number, got '10s'/);
    write('taken', '');
    write('ok.mjs', '');
    const out = await cli(['run', 'ok.mjs', '--out', 'taken']);
    assert.equal(out.code, 2);
    assert.match(out.stderr, /the output directory '.*taken' is a file/);
  });
});

describe('brian-ts examples', () => {
  it('brian-ts examples lists each example with the first line of its first comment', async () => {
    const r = await cli(['examples']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^seed\/seed-1-lif +The seed's first program: one leaky integrate-and-fire neuron, recorded and plotted\.$/m);
    assert.doesNotMatch(r.stdout, /^(_duration|start)\b/m);
  });

  it('brian-ts examples seed/seed-1-lif --out dir runs the example and writes its figure there', async () => {
    const r = await cli(['examples', 'seed/seed-1-lif', '--out', 'figures']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(existsSync(join(dir, 'figures', 'seed-1-lif.png')));
    assert.match(r.stderr, /brian-ts: wrote figures\/seed-1-lif\.png/);
  });

  it('brian-ts examples <unknown> suggests close names; --duration-scale must be a positive number', async () => {
    const r = await cli(['examples', 'seed-1-lfi']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /brian-ts: error: unknown example 'seed-1-lfi'\. Did you mean 'seed\/seed-1-lif'\? Run 'brian-ts examples' for the list\./);
    const scale = await cli(['examples', 'CUBA', '--duration-scale', '0']);
    assert.equal(scale.code, 1);
    assert.match(scale.stderr, /--duration-scale must be a positive number, got '0'/);
  });
});

describe('brian-ts bench', () => {
  it('brian-ts bench <filter> runs bench/run.ts with the filter', async () => {
    const r = await cli(['bench', 'no-such-benchmark']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /No benchmark matches no-such-benchmark/);
  });
});

describe('command-line helpers', () => {
  it('firstComment(source) gives the first line of a leading // or /** */ comment', () => {
    assert.equal(firstComment('// One.\n// Two.\ncode'), 'One.');
    assert.equal(firstComment('#!/usr/bin/env node\n\n/**\n * Block comment.\n * More.\n */'), 'Block comment.');
    assert.equal(firstComment('/* Inline. */\n'), 'Inline.');
    assert.equal(firstComment('const x = 1;'), '');
  });

  it("findExample(name) accepts Brian2's dotted names and folds case when unambiguous", () => {
    const examples = listExamples(root);
    assert.equal(findExample('seed.seed-1-lif', examples).name, 'seed/seed-1-lif');
    assert.equal(findExample('SEED/SEED-1-LIF', examples).name, 'seed/seed-1-lif');
    assert.throws(() => findExample('zzzzzzzz', examples), (e: unknown) => e instanceof CliError && /^unknown example 'zzzzzzzz'\. Run 'brian-ts examples' for the list\.$/.test(e.message));
  });

  it('parsePositiveNumber(text) rejects empty, hex, negative, infinite and trailing text; resolveTsx finds nothing in an empty directory', () => {
    assert.equal(parsePositiveNumber('2.5e-1', 'x'), 0.25);
    for (const bad of ['', '0x10', '-1', 'Infinity', '1e999', '3 ms', 'NaN', '0']) {
      assert.throws(() => parsePositiveNumber(bad, '--x'), new RegExp(`--x must be a positive number, got '${bad}'`));
    }
    assert.equal(resolveTsx([dir]), undefined);
    assert.ok(resolveTsx([dir, root])?.endsWith('loader.mjs'));
  });
});
