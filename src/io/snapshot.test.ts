import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { Network, run, seed, startScope } from '../core/index.ts';
import { NeuronGroup } from '../groups/index.ts';
import { SpikeMonitor, StateMonitor } from '../monitors/index.ts';
import { Synapses } from '../synapses/index.ts';
import { mV, ms } from '../units/index.ts';
import { IoError, loadSnapshot, saveSnapshot } from './index.ts';
import { crc32 } from './zip-check.ts';

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'brian-ts-snapshot-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** A noisy network with synapses (spike queues with delays) and monitors. */
function build(N = 20, prefix = 'snap') {
  const G = new NeuronGroup(N, 'dv/dt = (-60*mV - v)/(10*ms) + 5*mV*xi/sqrt(10*ms) + 2*mV/ms : volt (unless refractory)', {
    threshold: 'v > -50*mV',
    reset: 'v = -70*mV',
    refractory: ms(2),
    method: 'euler',
    name: `${prefix}_G`,
  });
  G.v = mV(-65);
  const S = new Synapses(G, G, 'w : volt', { onPre: 'v_post += w', delay: ms(1.5), name: `${prefix}_S` });
  S.connect({ p: 0.3 });
  S.w = mV(0.5);
  const M = new StateMonitor(G, 'v', { record: [0, 1], name: `${prefix}_M` });
  const spikes = new SpikeMonitor(G, { name: `${prefix}_spikes` });
  return { G, S, M, spikes, net: new Network(G, S, M, spikes) };
}

describe('saveSnapshot / loadSnapshot', () => {
  it('loadSnapshot(net, path, {restoreRandomState: true}) continues exactly as after saveSnapshot(net, path)', async () => {
    seed(1234);
    const { G, M, spikes, net } = build();
    net.run(ms(10));
    const path = join(dir, 'net.snapshot');
    await saveSnapshot(net, path);
    net.run(ms(10));
    const first = { v: G.v.values.slice(), spikes: spikes.i.slice(), trace: M.v.values[0]!.slice(), t: net.t.value };
    assert.ok(first.spikes.length > 5, 'the network spikes');

    // A fresh network of the same names, restored from the file.
    const again = build();
    await loadSnapshot(again.net, path, { restoreRandomState: true });
    assert.equal(again.net.t.value, 0.01);
    assert.equal(again.M.N, 100);
    again.net.run(ms(10));
    assert.deepEqual(again.G.v.values, first.v);
    assert.deepEqual(again.spikes.i, first.spikes);
    assert.deepEqual(again.M.v.values[0], first.trace);
    assert.equal(again.net.t.value, first.t);
  });

  it('loadSnapshot(path) and saveSnapshot(path) act on the magic network', async () => {
    startScope();
    const G = new NeuronGroup(2, 'dv/dt = 1/(10*ms) : 1', { name: 'magic_G' });
    run(ms(1));
    const path = join(dir, 'magic.snapshot');
    await saveSnapshot(path, { name: 'one', compress: true });
    run(ms(2));
    assert.ok(Math.abs(G.v.values[0]! - 0.3) < 1e-12);
    await loadSnapshot(path, { name: 'one' });
    assert.ok(Math.abs(G.v.values[0]! - 0.1) < 1e-12);
    startScope();
  });

  it('loadSnapshot(net, path) of a snapshot from another network throws IoError before changing anything', async () => {
    const { net } = build(20, 'src');
    net.run(ms(1));
    const path = join(dir, 'src.snapshot');
    await saveSnapshot(net, path);

    const renamed = build(20, 'other');
    await assert.rejects(
      loadSnapshot(renamed.net, path),
      (e: unknown) => e instanceof IoError && e.path === path && /does not fit network .* \(objects not in the snapshot: 'other_G'.*; objects not in the network: 'src_G'/.test(e.message),
    );
    const resized = build(30, 'src');
    resized.G.v = mV(-61);
    await assert.rejects(loadSnapshot(resized.net, path), (e: unknown) => e instanceof IoError && /'src_G' has N=30 in the network but N=20 in the snapshot/.test(e.message));
    assert.equal(resized.G.v.values[0], -0.061);

    const different = build(20, 'src');
    different.net.remove(different.spikes);
    const extra = new StateMonitor(different.G, 'v', { record: 0, name: 'src_spikes' });
    different.net.add(extra);
    await assert.rejects(loadSnapshot(different.net, path), (e: unknown) => e instanceof IoError && /'src_spikes' is a StateMonitor in the network but a SpikeMonitor in the snapshot/.test(e.message));
  });

  it('several named snapshots share one file; each loads its own; a missing name is an IoError (Brian2 store(name, filename))', async () => {
    seed(5);
    const { G, net } = build(10, 'named');
    const path = join(dir, 'named.snapshot');
    net.run(ms(2));
    await saveSnapshot(net, path);
    const atDefault = { v: G.v.values.slice(), t: net.t.value };
    net.run(ms(3));
    await saveSnapshot(net, path, { name: 'second' });
    const atSecond = { v: G.v.values.slice(), t: net.t.value };
    net.run(ms(1));
    await loadSnapshot(net, path);
    assert.equal(net.t.value, atDefault.t);
    assert.deepEqual(G.v.values, atDefault.v);
    await loadSnapshot(net, path, { name: 'second' });
    assert.equal(net.t.value, atSecond.t);
    assert.deepEqual(G.v.values, atSecond.v);
    // Saving 'default' again replaces only that one.
    net.run(ms(1));
    await saveSnapshot(net, path);
    await loadSnapshot(net, path, { name: 'second' });
    assert.equal(net.t.value, atSecond.t);
    await assert.rejects(loadSnapshot(net, path, { name: 'third' }), (e: unknown) => e instanceof IoError && /no snapshot named 'third' \(it has '(default|second)', '(default|second)'\)/.test(e.message));
  });

  it('loadSnapshot(net, path) of a file that is no snapshot, or of a newer version, throws IoError', async () => {
    const { net } = build(5, 'v');
    const missing = join(dir, 'none.snapshot');
    await assert.rejects(loadSnapshot(net, missing), (e: unknown) => e instanceof IoError && /^loadSnapshot\('.*none\.snapshot'\): cannot read the file: the file does not exist$/.test(e.message));
    const newer = join(dir, 'newer.snapshot');
    writeFileSync(newer, zipSync({ 'snapshot.json': new TextEncoder().encode('{"format": "brian-ts snapshot", "version": 99}') }));
    await assert.rejects(loadSnapshot(net, newer), (e: unknown) => e instanceof IoError && /version 99; this brian-ts reads version 2/.test(e.message));
    const other = join(dir, 'other.snapshot');
    writeFileSync(other, zipSync({ 'x.npy': new Uint8Array(3) }));
    await assert.rejects(loadSnapshot(net, other), (e: unknown) => e instanceof IoError && /not a brian-ts snapshot \(no snapshot\.json/.test(e.message));
    await assert.rejects(saveSnapshot(net, join(dir, 'missing-dir', 'x.snapshot')), (e: unknown) => e instanceof IoError && /saveSnapshot\(.*\): cannot write the file: the directory does not exist/.test(e.message));
    await assert.rejects(saveSnapshot(42 as never, 'x'), (e: unknown) => e instanceof IoError && /saveSnapshot: expected a Network \(or a path, for the magic network\), got number/.test(e.message));
  });

  it('loadSnapshot of a file with 64 bytes flipped mid-file throws IoError (CRC-32) and leaves the network unchanged (issue 15 §4)', async () => {
    seed(77);
    const { net } = build(400, 'crc');
    net.run(ms(5));
    const path = join(dir, 'crc.snapshot');
    await saveSnapshot(net, path);
    const original = readFileSync(path);
    assert.ok(original.length > 50_000, `a realistic snapshot (${original.length} bytes)`);
    const corrupt = Uint8Array.from(original);
    const mid = corrupt.length >> 1;
    for (let k = mid; k < mid + 64; k++) corrupt[k] = corrupt[k]! ^ 0xff;
    const bad = join(dir, 'crc-bad.snapshot');
    writeFileSync(bad, corrupt);

    const target = build(400, 'crc');
    target.G.v = mV(-61);
    target.net.run(ms(1));
    const before = { v: target.G.v.values.slice(), w: target.S.w.values.slice(), t: target.net.t.value, n: target.M.N, spikes: target.spikes.numSpikes };
    await assert.rejects(loadSnapshot(target.net, bad), (e: unknown) => e instanceof IoError && e.path === bad && /fails its CRC-32 check .* the file is damaged/.test(e.message));
    assert.deepEqual(target.G.v.values, before.v);
    assert.deepEqual(target.S.w.values, before.w);
    assert.equal(target.net.t.value, before.t);
    assert.equal(target.M.N, before.n);
    assert.equal(target.spikes.numSpikes, before.spikes);
    // The intact file still loads.
    await loadSnapshot(target.net, path);
    assert.equal(target.net.t.value, 0.005);
  });

  it('a damaged snapshot either fails with IoError or loads exactly the saved state, wherever the damage is', async () => {
    const { net, G } = build(50, 'sweep');
    net.run(ms(2));
    const path = join(dir, 'sweep.snapshot');
    await saveSnapshot(net, path);
    const saved = G.v.values.slice();
    const original = readFileSync(path);
    const bad = join(dir, 'sweep-bad.snapshot');
    let rejected = 0;
    for (let at = 0; at < original.length; at += Math.max(1, Math.floor(original.length / 97))) {
      const corrupt = Uint8Array.from(original);
      for (let k = at; k < Math.min(at + 8, corrupt.length); k++) corrupt[k] = corrupt[k]! ^ 0x5a;
      writeFileSync(bad, corrupt);
      const target = build(50, 'sweep');
      try {
        await loadSnapshot(target.net, bad);
        assert.deepEqual(target.G.v.values, saved, `damage at ${at} loaded different values`);
      } catch (e) {
        assert.ok(e instanceof IoError, `damage at ${at}: ${String(e)}`);
        rejected++;
      }
    }
    assert.ok(rejected > 80, `${rejected} damaged files rejected`);
  });

  it('crc32 is the zip CRC-32', () => {
    assert.equal(crc32(new TextEncoder().encode('123456789')), 0xcbf43926);
    assert.equal(crc32(new Uint8Array(0)), 0);
  });
});
