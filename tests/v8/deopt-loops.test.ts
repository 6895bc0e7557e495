/**
 * Session 13: no deopt loops in the step loop. V8 (Node 20's TurboFan, Node 22/24's and Chromium's
 * Maglev) kept entering a function's OSR code at every call and deoptimising it at a site after the
 * loop that the interpreter had never run (the summed-variable update: 1592 deopts in
 * Brunel_Wang_2001, one a step). The model (deopt-model.ts: two summed variables, 1000 steps) runs
 * in a child process under `--trace-deopt`; no function may be deoptimised more than 100 times (the
 * loop made ≈ 1270 on Node 20, the fixed code 0–2; ordinary tier-up churn is a few per function).
 * Counts, not times: nothing here depends on the machine's speed.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { countDeopts } from './deopts.ts';

const root = resolve(fileURLToPath(import.meta.url), '../../..');

describe('deopt loops (V8 --trace-deopt in a child process)', () => {
  it('countDeopts reads the bailout lines of Node 20 and Node 24', () => {
    const trace = [
      '[bailout (kind: deopt-eager, reason: Insufficient type feedback for compare operation): begin. deoptimizing 0x1f10b8582ae9 <JSFunction run (sfi = 0x314a6be98b19)>, opt id 94, bytecode offset 199, deopt exit 1, FP to SP delta 184]',
      '[bailout (kind: deopt-eager, reason: not int32): begin. deoptimizing 0x37c49b7c9e71 <JSFunction jumpRun (sfi = 0x3b0fccb15349)>, 0x2f60802c2841 <Code MAGLEV>, opt id 1, bytecode offset 255, deopt exit 27]',
      '[bailout (kind: deopt-eager, reason: not int32): begin. deoptimizing 0x37c49b7c9e71 <JSFunction jumpRun (sfi = 0x3b0fccb15349)>, 0x2f60802c2841 <Code MAGLEV>, opt id 1, bytecode offset 255, deopt exit 27]',
      '[bailout (kind: deopt-eager, reason: wrong map): begin. deoptimizing 0x37c49b7c9e71 <JSFunction (sfi = 0x3b0fccb15349)>, 0x2f60802c2841 <Code TURBOFAN_JS>, opt id 2, bytecode offset 18, deopt exit 3]',
      'not a bailout line',
    ].join('\n');
    const { total, functions } = countDeopts(trace);
    assert.equal(total, 4);
    assert.deepEqual(functions.map((f) => [f.fn, f.count]), [['jumpRun', 2], ['run', 1], ['(anonymous)', 1]]);
    assert.equal(functions[0]!.top, '2× jumpRun@255 MAGLEV deopt-eager: not int32');
  });

  it('a run with two summed variables deoptimises no function more than 100 times', () => {
    const r = spawnSync(process.execPath, ['--trace-deopt', '--import', pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href, join(root, 'tests/v8/deopt-model.ts')], {
      cwd: root,
      env: { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.json') },
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      timeout: 120_000,
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^done 200$/m);
    const { functions } = countDeopts(r.stdout);
    const loops = functions.filter((f) => f.count > 100);
    assert.deepEqual(loops, [], `deopt loops: ${loops.map((f) => `${f.fn} ${f.count} (${f.top})`).join('; ')}`);
  });
});
