/**
 * The package as a user sees it: the built `dist/` imported by name (`npm ci` builds it through
 * the `prepare` script), and the explicit public export list of src/index.ts.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as api from '../src/index.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('the brian-ts package', () => {
  it("import {mV, nS} from 'brian-ts' works from the built package and prints 6. pA", () => {
    const script = "import {mV,nS} from 'brian-ts'; console.log(String(mV(3).times(nS(2))))";
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.equal(output.trim(), '6. pA');
  });

  it('every subpath export (brian-ts/units, /parsing, /inference, /symbolic, /equations) resolves', () => {
    const script = [
      "import { mV } from 'brian-ts/units';",
      "import { parseExpression } from 'brian-ts/parsing';",
      "import { analyse } from 'brian-ts/inference';",
      "import { differentiate } from 'brian-ts/symbolic';",
      "import { Equations } from 'brian-ts/equations';",
      'console.log([mV, parseExpression, analyse, differentiate, Equations].every((x) => typeof x === "function"));',
    ].join('\n');
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    assert.equal(output.trim(), 'true');
  });

  it('src/index.ts exports no undefined name and includes the seed programs\' units', () => {
    for (const [exportName, value] of Object.entries(api)) {
      assert.notEqual(value, undefined, `export ${exportName} is undefined`);
    }
    for (const unitName of ['mV', 'ms', 'nS', 'Hz', 'second', 'volt', 'amp', 'siemens', 'um2', 'cm2', 'mM']) {
      assert.ok(unitName in api, `${unitName} is not exported`);
    }
    assert.equal(String(api.mV(-70)), '-70. mV');
    assert.equal(api.ms(5).in(api.second), 0.005);
  });
});
