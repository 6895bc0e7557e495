/**
 * scripts/api-docs.ts (`npm run docs`): every name exported by src/index.ts gets an entry in the
 * API reference, with its declaration found and its TSDoc comment where there is one.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateApiDocs } from '../../scripts/api-docs.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('generateApiDocs(root)', () => {
  const docs = generateApiDocs(ROOT);

  it('finds the declaration of every name exported by src/index.ts', () => {
    assert.deepEqual(docs.unresolved, []);
    const index = readFileSync(new URL('../../src/index.ts', import.meta.url), 'utf8');
    const exported = [...index.matchAll(/^export\s+(?:type\s+)?\{([^}]*)\}/gm)].flatMap((m) =>
      m[1]!.split(',').map((s) => s.trim().replace(/^type\s+/, '').split(/\s+as\s+/).pop()!).filter((s) => s !== ''),
    );
    const listed = new Set(docs.sections.flatMap((s) => [...s.entries.map((e) => e.name), ...(s.plainNames ?? [])]));
    assert.deepEqual(exported.filter((n) => !listed.has(n)), []);
    assert.ok(exported.length > 300);
  });

  it('groups entries by index.ts section comments and renders signatures, TSDoc and members', () => {
    const plotting = docs.sections.find((s) => s.title.startsWith('Plotting'));
    assert.ok(plotting !== undefined);
    const fig = plotting.entries.find((e) => e.name === 'figure');
    assert.equal(fig?.kind, 'function');
    assert.match(fig?.signature ?? '', /^function figure\(options: FigureOptions = \{\}\): Figure$/);
    assert.match(fig?.doc ?? '', /matplotlib/);
    const ng = docs.sections.flatMap((s) => s.entries).find((e) => e.name === 'NeuronGroup');
    assert.ok(ng?.members.some((m) => m.signature.startsWith('slice(')));
    assert.match(docs.markdown, /^### StateMonitor$/m);
    assert.match(docs.markdown, /```ts\nconst G = new NeuronGroup\(/);
  });
});
