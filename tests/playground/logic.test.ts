/**
 * The playground's pure parts, in Node: share links (round trip, damaged and truncated links,
 * fuzzed), locating errors in the program, and the import rewriting that runs the program.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { existsSync, readFileSync } from 'node:fs';
import { decodeShare, encodeShare, ShareLinkError, adler32 } from '../../playground/src/share.ts';
import { locateError } from '../../playground/src/locate.ts';
import { rewriteImports, stripExports } from '../../playground/src/imports.ts';
import { transpile } from '../../playground/src/transpile.ts';
import { collectExamples, excludedExamples, NOT_IN_PLAYGROUND, pointSandbox } from '../../playground/build.ts';
import { NeuronGroup, StateMonitor, Network, mV, ms } from 'brian-ts';
import type { ErrorInfo, ErrorLink } from '../../playground/src/protocol.ts';

describe('share links', () => {
  it('round-trips any program, Unicode included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (program) => {
        assert.equal(decodeShare(`#${encodeShare(program)}`), program);
      }),
    );
  });

  it('keeps links short for a typical program (the seed programs compress ~3x)', () => {
    const program = `import { NeuronGroup } from 'brian-ts';\n${'const G = new NeuronGroup(1, "dv/dt = -v/tau : 1");\n'.repeat(20)}`;
    assert.ok(encodeShare(program).length < program.length / 3);
  });

  it('ignores fragments that are not share links', () => {
    assert.equal(decodeShare(''), undefined);
    assert.equal(decodeShare('#'), undefined);
    assert.equal(decodeShare('#section-2'), undefined);
  });

  it('rejects every truncation and every altered character with a ShareLinkError', () => {
    const link = encodeShare('const x = 1;\nconsole.log(x * 2);\n// a comment to make it longer\n');
    const value = link.slice('code='.length);
    for (let n = 0; n < value.length; n++) {
      assert.throws(() => decodeShare(`code=${value.slice(0, n)}`), ShareLinkError, `truncated to ${n}`);
    }
    for (let k = 0; k < value.length; k++) {
      const c = value[k] === 'A' ? 'B' : 'A';
      const altered = value.slice(0, k) + c + value.slice(k + 1);
      let out: string | undefined;
      try {
        out = decodeShare(`code=${altered}`);
      } catch (e) {
        assert.ok(e instanceof ShareLinkError, String(e));
        continue;
      }
      // Base64's last character may carry unused bits: then the program is unchanged.
      assert.equal(out, decodeShare(link), `altered at ${k} gave another program`);
    }
    assert.throws(() => decodeShare('code=abc!!'), /characters that a share link never has/);
    assert.throws(() => decodeShare('code='), /carries no program/);
  });

  it('never fails with anything but a ShareLinkError (fuzzed)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (junk) => {
        try {
          decodeShare(`code=${junk}`);
        } catch (e) {
          assert.ok(e instanceof ShareLinkError, String(e));
        }
      }),
    );
  });

  it('computes zlib\'s Adler-32', () => {
    assert.equal(adler32(new TextEncoder().encode('Wikipedia')), 0x11e60398);
  });
});

function chainOf(e: unknown): ErrorLink[] {
  const out: ErrorLink[] = [];
  for (let c = e; c instanceof Error; c = c.cause) {
    const r = c as unknown as Record<string, unknown>;
    out.push({
      name: c.name,
      message: c.message,
      ...(typeof r['source'] === 'string' ? { source: r['source'] } : {}),
      ...(typeof r['offset'] === 'number' ? { offset: r['offset'] } : {}),
      ...(typeof r['variable'] === 'string' ? { variable: r['variable'] } : {}),
    });
  }
  return out;
}

describe('locating errors in the program', () => {
  const program = [
    "import { NeuronGroup, ms } from 'brian-ts';", // 1
    'const eqs = `', // 2
    'dv/dt = (v0 - v)/tau : volt', // 3
    'dw/dt = (a*(v - 3) : 1', // 4
    '`;', // 5
    'const G = new NeuronGroup(1, eqs);', // 6
  ].join('\n');

  it('finds a ParseError inside a template-literal model string (real error from brian-ts)', () => {
    let error: unknown;
    try {
      new NeuronGroup(1, '\ndv/dt = (v0 - v)/tau : volt\ndw/dt = (a*(v - 3) : 1\n');
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof Error);
    const info: ErrorInfo = { phase: 'run', chain: chainOf(error), createdAt: { line: 6, column: 11 } };
    const at = locateError(program, info);
    assert.equal(at?.how, 'model-string');
    assert.equal(at?.line, 4);
  });

  it('finds the equation of an EquationDimensionError by its variable (real error from brian-ts)', () => {
    const seed1 = [
      "const eqs = 'dv/dt = (v0-v) : volt (unless refractory)';", // 1
      'const G = new NeuronGroup(1, eqs, {', // 2
      "  threshold: 'v > -40*mV', method: 'exact', namespace: { v0 },", // 3
      '});', // 4
    ].join('\n');
    let error: unknown;
    try {
      const G = new NeuronGroup(1, 'dv/dt = (v0-v) : volt (unless refractory)', { threshold: 'v > -40*mV', method: 'exact', namespace: { v0: mV(-10) } });
      new Network(G, new StateMonitor(G, 'v', { record: true })).run(ms(1));
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof Error);
    const at = locateError(seed1, { phase: 'run', chain: chainOf(error), createdAt: { line: 2, column: 11 } });
    assert.deepEqual([at?.how, at?.line, at?.column], ['equation', 1, 14]);
  });

  it('falls back to where the object was created, then to the stack frame', () => {
    const info: ErrorInfo = { phase: 'run', chain: [{ name: 'BrianObjectError', message: 'x' }], createdAt: { line: 6, column: 11 }, frame: { line: 2, column: 1 } };
    assert.deepEqual(locateError(program, info), { line: 6, column: 11, length: 1, how: 'created' });
    assert.deepEqual(locateError(program, { phase: 'run', chain: [{ name: 'TypeError', message: 'x' }], frame: { line: 2, column: 3 } }), { line: 2, column: 3, length: 1, how: 'stack' });
    assert.equal(locateError(program, { phase: 'run', chain: [{ name: 'TypeError', message: 'x' }] }), undefined);
  });
});

describe('running a program as a function body', () => {
  it('turns imports into require calls, keeping every line in place', () => {
    const src = "import { a, b as c,\n  type T } from 'brian-ts';\nimport * as ns from \"brian-ts\";\nimport d, { e } from './m.ts';\nimport 'side';\nconst s = 'import { x } from \"y\"';\n";
    const out = rewriteImports(src);
    assert.equal(out.split('\n').length, src.split('\n').length);
    assert.equal(
      out,
      'const { a, b: c } = require("brian-ts");\n\nconst ns = require("brian-ts");\nconst d = require("./m.ts").default; const { e } = require("./m.ts");\nrequire("side");\nconst s = \'import { x } from "y"\';\n',
    );
  });

  it('drops export keywords in front of declarations', () => {
    assert.equal(stripExports('export const x = 1;\nexport default function f() {}\n  export class C {}'), 'const x = 1;\nfunction f() {}\n  class C {}');
  });
  it('transpiles in the page: types stripped, imports rewritten, lines kept; a syntax error located (transpile.ts)', () => {
    const src = "import { ms, type Quantity } from 'brian-ts';\nconst d: Quantity = ms(5);\nexport const x = d;\n";
    const ok = transpile(src);
    assert.ok(ok.ok);
    assert.equal(ok.code, 'const { ms } = require("brian-ts");\nconst d = ms(5);\nconst x = d;\n');
    const bad = transpile("const a = 1;\nconst b = (;\n");
    assert.ok(!bad.ok);
    assert.equal(bad.error.phase, 'transpile');
    assert.equal(bad.error.chain[0]!.name, 'SyntaxError');
    assert.deepEqual(bad.error.frame, { line: 2, column: 12 });
    assert.deepEqual(locateError("const a = 1;\nconst b = (;\n", bad.error), { line: 2, column: 12, length: 1, how: 'syntax' });
  });
});

describe('the sandbox on another site', () => {
  it('points the frame and the page\'s frame-src at the given URL, and only at http(s)', () => {
    const html = readFileSync(new URL('../../playground/index.html', import.meta.url), 'utf8');
    const out = pointSandbox(html, 'https://sandbox.example.org/play/runner.html');
    assert.match(out, /<iframe id="sandbox" sandbox="allow-scripts"[^>]* src="https:\/\/sandbox\.example\.org\/play\/runner\.html"/);
    assert.match(out, /frame-src https:\/\/sandbox\.example\.org;/);
    assert.equal(pointSandbox(html, undefined), html);
    assert.throws(() => pointSandbox(html, 'javascript:alert(1)'), /must be http/);
  });
});

describe('the examples menu', () => {
  it('holds every example but those listed, with a reason, as unable to run in a browser', () => {
    const unlisted = excludedExamples().filter((e) => !e.listed);
    assert.deepEqual(unlisted, [], 'an example imports a module the playground lacks: make it run there, or list it in NOT_IN_PLAYGROUND with the reason');
    for (const [path, reason] of Object.entries(NOT_IN_PLAYGROUND)) {
      assert.ok(existsSync(new URL(`../../examples/${path}`, import.meta.url)), `NOT_IN_PLAYGROUND lists ${path}, which does not exist`);
      assert.ok(reason.length > 20, path);
    }
    const menu = collectExamples().map((e) => e.path);
    assert.ok(menu.length >= 50, `${menu.length} examples`);
    assert.deepEqual(menu.slice(0, 3), ['seed/seed-1-lif.ts', 'seed/seed-2-population.ts', 'seed/seed-3-stdp.ts']);
    for (const path of Object.keys(NOT_IN_PLAYGROUND)) assert.ok(!menu.includes(path), path);
  });
});
