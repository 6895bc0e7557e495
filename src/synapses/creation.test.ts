import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RandomState } from '../codegen/index.ts';
import { NeuronGroup } from '../groups/index.ts';
import type { Group } from '../groups/index.ts';
import { connectSpec, createPairs } from './index.ts';
import type { ConnectArguments } from './index.ts';

/** Pairs (or the error), and the random state afterwards, of one connect() call on either path. */
function create(args: ConnectArguments, source: Group, target: Group, seed: number, direct: boolean): { pre?: number[]; post?: number[]; error?: string; state: unknown } {
  const random = new RandomState(seed);
  // An earlier connect() on the same stream: the counter must continue identically.
  random.counter('syn:connect')[0] = seed % 3;
  const spec = connectSpec(args, { synapsesName: 'syn', source: { name: source.name, size: source.N }, target: { name: target.name, size: target.N } });
  const ctx = { name: 'syn', source, target, groupNamespace: { Ne: Math.trunc(0.8 * source.N) }, runNamespace: {}, random };
  try {
    const pairs = createPairs(spec, ctx, { direct });
    return { pre: Array.from(pairs.pre), post: Array.from(pairs.post), state: random.getState() };
  } catch (e) {
    return { error: `${(e as Error).constructor.name}: ${(e as Error).message}`, state: random.getState() };
  }
}

const forms = (p: number): ConnectArguments[] => [
  { p },
  { condition: 'i != j', p },
  { condition: 'j != i', p },
  { condition: 'i < Ne', p },
  { condition: 'i >= Ne', p, n: 2 },
  { condition: 'Ne > i', p },
  { condition: 'i <= 3.5', p },
  { condition: 'i == 2', p },
  { condition: '2.5 <= i', p },
  { condition: 'i != 3', p },
  { p, n: 3 },
  { p, n: 0 },
  {},
  { condition: 'i != j' },
  { j: `k for k in sample(N_post, p=${p})` },
  { j: `k for k in sample(N_post, p=${p}) if k != i` },
  { j: `k for k in sample(i, N_post, 3, p=${p})` },
  { j: `k for k in sample(i-2, i+5, p=${p})`, skipIfInvalid: true },
  { j: `k for k in sample(i-2, i+5, p=${p})` },
  { j: `k for k in sample(i-2, i+5, p=${p}) if i != k`, skipIfInvalid: true },
  { j: `k for k in sample(N_post, p=${p}*(i%3))` },
  { j: 'k for k in sample(N_post, size=2)', skipIfInvalid: true },
  { j: 'k for k in range(i, N_post, 2)' },
  { j: 'k for k in range(i-1, i+2)', skipIfInvalid: true },
  { j: 'k for k in range(N_post-1, -1, -2) if k != i' },
  { i: `k for k in sample(N_pre, p=${p})` },
  { i: `k for k in sample(N_pre, p=${p}) if k != j`, n: 2 },
];

describe('createPairs: direct path', () => {
  it('gives the pairs, errors and random state of the batched path (random N, M, p, seeds, subgroups)', () => {
    const sizes = fc.integer({ min: 1, max: 600 });
    const probability = fc.oneof(fc.constantFrom(0, 0.001, 0.02, 0.25, 0.2500001, 0.5, 1), fc.double({ min: 0, max: 1, noNaN: true }));
    fc.assert(
      fc.property(sizes, sizes, probability, fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.boolean(), fc.nat(forms(0).length - 1), (N, M, p, seed, sub, form) => {
        const G = new NeuronGroup(N + 3, 'v : 1');
        const H = new NeuronGroup(M + 2, 'v : 1');
        const source = sub ? G.slice(2, N + 2) : G;
        const target = sub ? H.slice(1, M + 1) : H;
        const args = forms(p)[form]!;
        assert.deepEqual(create(args, source, target, seed, true), create(args, source, target, seed, false), JSON.stringify(args));
      }),
      { numRuns: 150 },
    );
  });

  it('gives the pairs of the batched path where sample() takes geometric jumps (more than 1000 candidates, p ≤ 0.25)', () => {
    const probability = fc.oneof(fc.constantFrom(0.001, 0.003, 0.0039, 0.02, 0.1, 0.25), fc.double({ min: 1e-4, max: 0.25, noNaN: true }));
    const jumpForms = (p: number): ConnectArguments[] => [{ p }, { condition: 'i != j', p }, { condition: 'i < Ne', p }, { condition: 'i >= Ne', p }, { j: `k for k in sample(N_post, p=${p})` }, { p, n: 2 }];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1001, max: 6000 }), probability, fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.boolean(), fc.nat(jumpForms(0).length - 1), (N, M, p, seed, sub, form) => {
        const G = new NeuronGroup(N + 3, 'v : 1');
        const H = new NeuronGroup(M + 2, 'v : 1');
        const source = sub ? G.slice(2, N + 2) : G;
        const target = sub ? H.slice(1, M + 1) : H;
        const args = jumpForms(p)[form]!;
        assert.deepEqual(create(args, source, target, seed, true), create(args, source, target, seed, false), JSON.stringify(args));
      }),
      { numRuns: 40 },
    );
  });

  it('connect({ p }) with p below 2^-53 (1 - p rounds to 1) ends with one draw per source neuron and no synapse', () => {
    const G = new NeuronGroup(2000, 'v : 1');
    for (const direct of [true, false]) {
      const r = create({ p: 1e-17 }, G, G, 5, direct);
      assert.deepEqual([r.pre, r.post], [[], []]);
    }
  });

  it('reports an out-of-range index when the batched path would (before or after a later argument error)', () => {
    const G = new NeuronGroup(3, 'v : 1');
    for (const [M, j] of [
      [20, 'k for k in range(i-1, i+10 + 0.5*i)'], // the argument error of i = 1 comes first
      [20000, 'k for k in range(i-1, i+9000 + 0.5*i)'], // the out-of-range index fills a batch first
      [20000, 'k for k in range(i-1, i+9000 + 0.5*i) if k != i'],
      [10, 'k for k in range(i, i+12, 1 - int(i>1))'],
    ] as const) {
      const H = new NeuronGroup(M, 'v : 1');
      const direct = create({ j }, G, H, 1, true);
      assert.ok(direct.error !== undefined, j);
      assert.deepEqual(direct, create({ j }, G, H, 1, false), j);
    }
  });
});
