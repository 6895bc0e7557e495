/** README.md's status table is current: regenerate it with `npm run brian2-suite-table`. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { FUNCTION_NOT_APPLICABLE } from './status.ts';
import { README, buildTable, withTable } from './table.ts';

describe('tests/brian2-suite/README.md', () => {
  it('its status table matches the translated files and status.ts', () => {
    const status = buildTable();
    const readme = readFileSync(README, 'utf8');
    assert.equal(readme, withTable(readme, status.markdown), 'README.md is out of date: run npm run brian2-suite-table');
    assert.deepEqual(status.unknown, [], 'every test_* name in a translated file is a Brian2 2.5.1 function of that module');
    assert.deepEqual(status.unexplained, [], 'every it.todo has its reason in status.ts FUNCTION_FAILING, and every reason its it.todo');
    assert.ok(status.passes > 0);
  });

  it('status.ts names only functions that exist in Brian2 2.5.1', () => {
    const tests = JSON.parse(readFileSync(new URL('./brian2-2.5.1-tests.json', import.meta.url), 'utf8')) as Record<string, { name: string }[]>;
    for (const [module, fns] of Object.entries(FUNCTION_NOT_APPLICABLE)) {
      const known = new Set((tests[module] ?? []).map((f) => f.name));
      for (const fn of Object.keys(fns)) assert.ok(known.has(fn), `${module}.${fn} is not a Brian2 2.5.1 test function`);
    }
  });
});
