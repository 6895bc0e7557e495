/**
 * scripts/api-docs.ts (`npm run docs`): every name exported by src/index.ts gets an entry in the
 * API reference, with its declaration found and its TSDoc comment where there is one.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

describe('the API reference is complete (issue 14)', () => {
  const docs = generateApiDocs(ROOT);
  const entry = (name: string) => docs.sections.flatMap((s) => s.entries).find((e) => e.name === name);
  const memberNames = (name: string): string[] => (entry(name)?.members ?? []).map((m) => /^(?:static\s+)?(?:readonly\s+)?(?:get\s+)?([\w$]+)/.exec(m.signature)?.[1] ?? m.signature);

  it('every exported name and every public member has a TSDoc comment', () => {
    assert.deepEqual(docs.undocumented, []);
    assert.deepEqual(docs.undocumentedMembers, []);
  });

  it('lists the members of the monitors (through their type aliases and base classes)', () => {
    for (const [name, members] of [
      ['StateMonitor', ['t', 'at', 'get', 'record', 'recordSingleTimestep']],
      ['SpikeMonitor', ['t', 'i', 'count', 'numSpikes', 'spikeTrains']],
      ['EventMonitor', ['t', 'i', 'count']],
      ['PopulationRateMonitor', ['rate', 'smoothRate']],
    ] as const) {
      const got = memberNames(name);
      for (const m of members) assert.ok(got.includes(m), `${name}.${m} missing from ${got.join(', ')}`);
    }
  });

  it("documents SynapsesOptions' and ConnectOptions' fields, inherited ones included", () => {
    for (const m of ['namespace', 'methodOptions', 'dt', 'clock', 'order', 'onPre']) assert.ok(memberNames('SynapsesOptions').includes(m), m);
    for (const m of ['condition', 'i', 'j', 'p', 'n', 'skipIfInvalid', 'namespace']) assert.ok(memberNames('ConnectOptions').includes(m), m);
    assert.ok(entry('ConnectOptions')!.members.every((m) => m.doc !== ''));
  });

  it('shows every overload of a function', () => {
    const sqrt = entry('sqrt')!;
    assert.ok((sqrt.signature ?? '').split('\n').length >= 4, String(sqrt.signature));
    assert.match(sqrt.signature ?? '', /sqrt\(x: Quantity\): Quantity/);
    assert.match(docs.markdown, /function sqrt\(x: QuantityArray\): QuantityArray/);
  });

  it('reports a public member without a comment (the check can fail)', () => {
    const root = mkdtempSync(join(tmpdir(), 'api-docs-'));
    try {
      mkdirSync(join(root, 'src'));
      writeFileSync(join(root, 'src', 'index.ts'), "// Things\nexport type { Thing } from './thing.ts';\nexport { Box } from './thing.ts';\n");
      writeFileSync(
        join(root, 'src', 'thing.ts'),
        '/** A thing. */\nexport interface Base {\n  inherited: number;\n}\n/** A thing. */\nexport interface Thing extends Base {\n  /** Documented. */\n  a: number;\n  b: string;\n}\n/** A box. */\nexport class Box {\n  constructor(x: number) {}\n  /** Documented. */\n  get size(): number {\n    return 1;\n  }\n  open(): void {}\n  private hidden(): void {}\n}\n',
      );
      const d = generateApiDocs(root);
      assert.deepEqual([...d.undocumentedMembers].sort(), ['Base.inherited', 'Box.open', 'Thing.b']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
