import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Network } from '../core/index.ts';
import { NeuronGroup } from '../groups/index.ts';
import { PopulationRateMonitor, SpikeMonitor, StateMonitor } from '../monitors/index.ts';
import { Hz, mV, ms, second } from '../units/index.ts';
import {
  IoError,
  decodeJson,
  decodeNpz,
  encodeCsv,
  encodeJson,
  encodeNpz,
  exportCsv,
  exportJson,
  exportNpz,
  loadJson,
  loadNpz,
  monitorToArrays,
} from './index.ts';
import type { NdArray } from './index.ts';

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'brian-ts-io-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** A small deterministic simulation: 4 LIF neurons driven to fire at different rates. */
function simulate() {
  const G = new NeuronGroup(4, 'dv/dt = (v0 - v)/(10*ms) : volt\nv0 : volt', {
    threshold: 'v > -50*mV',
    reset: 'v = -70*mV',
    method: 'exact',
    name: 'io_neurons',
  });
  G.v = mV(-70);
  G.v0 = mV([-60, -45, -40, -30]);
  const M = new StateMonitor(G, ['v', 'v0'], { record: [0, 2, 3] });
  const S = new SpikeMonitor(G);
  const R = new PopulationRateMonitor(G);
  const net = new Network(G, M, S, R);
  net.run(ms(20));
  return { G, M, S, R };
}

const sim = simulate();

describe('monitorToArrays', () => {
  it("monitorToArrays(stateMonitor) gives t, record and each variable as [n_indices × n_times] like Brian2's M.v", () => {
    const { M } = sim;
    const a = monitorToArrays(M);
    assert.deepEqual(Object.keys(a).sort(), ['record', 't', 'v', 'v0']);
    const v = a['v'] as { values: Float64Array[]; length: number; samples: number };
    assert.equal(v.length, 3);
    assert.equal(v.samples, 200);
    const npz = decodeNpz(encodeNpz(M));
    const V = npz.arrays['v']!;
    assert.deepEqual(V.shape, [3, 200]);
    assert.equal(V.dim, mV.dim);
    for (let k = 0; k < 3; k++) for (let j = 0; j < 200; j += 17) assert.equal(V.data[k * 200 + j], M.v.values[k]![j]);
    assert.deepEqual([...npz.arrays['record']!.data], [0, 2, 3]);
    assert.equal(npz.arrays['t']!.dim, second.dim);
    assert.equal(npz.metadata?.units['v'], 'V');
    assert.equal(npz.metadata?.units['t'], 's');
  });

  it('monitorToArrays(spikeMonitor) gives t, i and count; a rate monitor t and rate', () => {
    const { S, R } = sim;
    const npz = decodeNpz(encodeNpz(S));
    assert.deepEqual(Object.keys(npz.arrays).sort(), ['count', 'i', 't']);
    assert.equal(npz.arrays['i']!.dtype, '<i4');
    assert.deepEqual(npz.arrays['i']!.data, S.i);
    assert.deepEqual(npz.arrays['t']!.data, S.t.values);
    assert.deepEqual(npz.arrays['count']!.data, S.count);
    assert.ok(S.numSpikes > 3);
    const rate = decodeNpz(encodeNpz(R));
    assert.equal(rate.arrays['rate']!.dim, Hz.dim);
    assert.equal(rate.metadata?.units['rate'], 'Hz');
    assert.deepEqual(rate.arrays['rate']!.data, R.rate.values);
  });
});

describe('exportNpz / loadNpz', () => {
  it('exportNpz(path, arrays) and loadNpz(path) round-trip values, dtypes, shapes and units (also compressed)', async () => {
    for (const compress of [false, true]) {
      const path = join(dir, `round${compress ? '-z' : ''}.npz`);
      await exportNpz(path, { t: sim.S.t, i: sim.S.i, flags: [true, false, true], m: [[1, 2, 3], [4, 5, 6]], x: 2.5 }, { compress, metadata: { run: 'test' } });
      const { arrays, metadata } = await loadNpz(path);
      assert.deepEqual(arrays['t']!.data, sim.S.t.values);
      assert.equal(arrays['t']!.dim, second.dim);
      assert.deepEqual(arrays['i']!.data, sim.S.i);
      assert.deepEqual(arrays['flags'], { dtype: '|b1', shape: [3], data: Uint8Array.of(1, 0, 1) });
      assert.deepEqual(arrays['m'], { dtype: '<f8', shape: [2, 3], data: Float64Array.of(1, 2, 3, 4, 5, 6) });
      assert.deepEqual(arrays['x']!.shape, []);
      assert.deepEqual(metadata?.user, { run: 'test' });
    }
  });

  it('exportNpz(group) writes the state variables; booleans as |b1', async () => {
    const G = new NeuronGroup(3, 'dv/dt = -v/(10*ms) : volt (unless refractory)', { threshold: 'v > 1*volt', refractory: ms(1), name: 'io_group' });
    const { arrays } = decodeNpz(encodeNpz(G));
    assert.equal(arrays['not_refractory']!.dtype, '|b1');
    assert.deepEqual(arrays['v']!.shape, [3]);
    assert.equal(arrays['v']!.dim, mV.dim);
    assert.equal(arrays['i']!.dtype, '<i4');
  });

  it('exportNpz(path) to a missing directory throws IoError naming the path and the reason', async () => {
    const path = join(dir, 'no', 'such', 'dir', 'x.npz');
    await assert.rejects(exportNpz(path, { t: [1] }), (e: unknown) => e instanceof IoError && e.path === path && /^exportNpz\('.*x\.npz'\): cannot write the file: the directory does not exist$/.test(e.message));
    await assert.rejects(exportNpz(dir, { t: [1] }), (e: unknown) => e instanceof IoError && /cannot write the file: it is a directory/.test(e.message));
  });

  it('loadNpz(path) of a missing file or a non-zip file throws IoError', async () => {
    await assert.rejects(loadNpz(join(dir, 'missing.npz')), (e: unknown) => e instanceof IoError && /loadNpz\('.*missing\.npz'\): cannot read the file: the file does not exist/.test(e.message));
    const junk = join(dir, 'junk.npz');
    writeFileSync(junk, 'not a zip');
    await assert.rejects(loadNpz(junk), (e: unknown) => e instanceof IoError && /not a valid \.npz \(zip\) archive/.test(e.message));
  });

  it('exportNpz(path, data) rejects unsupported values and names before writing', async () => {
    const path = join(dir, 'bad.npz');
    await assert.rejects(exportNpz(path, { x: new Float32Array(1) as never, y: new Uint8ClampedArray(1) as never }), (e: unknown) => e instanceof IoError && /'y' is a Uint8ClampedArray, an unsupported dtype/.test(e.message));
    await assert.rejects(exportNpz(path, { '': [1] }), (e: unknown) => e instanceof IoError && /invalid array name ""/.test(e.message));
    await assert.rejects(exportNpz(path, new Date() as never), (e: unknown) => e instanceof IoError && /cannot export a Date/.test(e.message));
    await assert.rejects(loadNpz(path), IoError);
  });
});

describe('JSON and CSV', () => {
  it('decodeJson(encodeJson(data)) round-trips values, non-finite floats, shapes and units', async () => {
    const data = { v: mV([1, NaN, Infinity, -Infinity]), i: Int32Array.of(3, -4), m: [[1, 2], [3, 4]], b: [true, false] };
    const text = encodeJson(data);
    assert.match(text, /"NaN","Infinity","-Infinity"/);
    const parsed = JSON.parse(text) as { arrays: { m: { data: unknown; unit: string }; v: { unit: string } } };
    assert.deepEqual(parsed.arrays.m.data, [[1, 2], [3, 4]]);
    assert.equal(parsed.arrays.v.unit, 'V');
    const back = decodeJson(text);
    assert.deepEqual(back.arrays['v']!.data, Float64Array.of(0.001, NaN, Infinity, -Infinity));
    assert.equal(back.arrays['v']!.dim, mV.dim);
    assert.deepEqual(back.arrays['i']!.data, Int32Array.of(3, -4));
    assert.deepEqual(back.arrays['m']!.shape, [2, 2]);
    assert.deepEqual(back.arrays['b'], { dtype: '|b1', shape: [2], data: Uint8Array.of(1, 0) });
    const path = join(dir, 'spikes.json');
    await exportJson(path, sim.S);
    const loaded = await loadJson(path);
    assert.deepEqual(loaded.arrays['i']!.data, sim.S.i);
    assert.throws(() => decodeJson('{"format": "other"}'), (e: unknown) => e instanceof IoError && /not a brian-ts JSON export/.test(e.message));
    assert.throws(() => decodeJson('{'), (e: unknown) => e instanceof IoError && /^decodeJson: not valid JSON/.test(e.message));
  });

  it('encodeCsv(stateMonitor) writes one row per time with columns named by neuron index and unit', () => {
    const csv = encodeCsv(sim.M);
    const lines = csv.trimEnd().split('\n');
    assert.equal(lines[0], 't (s),v[0] (V),v[2] (V),v[3] (V),v0[0] (V),v0[2] (V),v0[3] (V)');
    assert.equal(lines.length, 201);
    const row = lines[11]!.split(',').map(Number);
    assert.equal(row[0], sim.M.t.values[10]);
    assert.equal(row[2], sim.M.v.values[1]![10]);
  });

  it('encodeCsv(spikeMonitor) writes t and i per spike; exportCsv(path, arrays) checks column lengths', async () => {
    const lines = encodeCsv(sim.S).trimEnd().split('\n');
    assert.equal(lines[0], 't (s),i');
    assert.equal(lines.length, sim.S.numSpikes + 1);
    assert.deepEqual(lines[1]!.split(',').map(Number), [sim.S.t.values[0], sim.S.i[0]]);
    const path = join(dir, 'table.csv');
    await exportCsv(path, { 'a,b': [1, NaN], flag: [true, false] });
    assert.equal(readFileSync(path, 'utf8'), '"a,b",flag\n1,1\nnan,0\n');
    await assert.rejects(exportCsv(path, { t: [1, 2], i: [1] }), (e: unknown) => e instanceof IoError && /the columns have different lengths: 't' has 2 rows, 'i' has 1/.test(e.message));
    assert.throws(() => encodeCsv({ x: 3 }), (e: unknown) => e instanceof IoError && /'x' has shape \(\); a CSV table takes/.test(e.message));
  });
});

const python = '/usr/bin/python3';
const hasNumpy = spawnSync(python, ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;

describe('numpy interoperability', { skip: hasNumpy ? false : `skipped: ${python} with numpy (Debian's python3-numpy) is not installed` }, () => {
  it('numpy.load(exportNpz file) sees the same dtypes, shapes, values and units', async () => {
    const path = join(dir, 'for-numpy.npz');
    await exportNpz(path, { ...monitorToArrays(sim.M), i: sim.S.i, flags: [true, false], z: Int32Array.of() });
    const script = `
import json, sys, numpy as np
d = np.load(sys.argv[1])
out = {k: {'dtype': d[k].dtype.str, 'shape': list(d[k].shape), 'sum': float(np.sum(d[k]))} for k in d.files if k != 'metadata.json'}
out['v_1_5'] = float(d['v'][1, 5])
out['units'] = json.loads(d['metadata.json'])['units']
print(json.dumps(out))
`;
    const result = spawnSync(python, ['-c', script, path], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const out = JSON.parse(result.stdout) as Record<string, { dtype: string; shape: number[]; sum: number }> & { v_1_5: number; units: Record<string, string> };
    assert.deepEqual(out['v'], { dtype: '<f8', shape: [3, 200], sum: sim.M.v.values.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0) });
    assert.equal(out['t']!.dtype, '<f8');
    assert.deepEqual(out['t']!.shape, [200]);
    assert.deepEqual(out['record'], { dtype: '<i4', shape: [3], sum: 5 });
    assert.deepEqual(out['i']!.dtype, '<i4');
    assert.deepEqual(out['flags'], { dtype: '|b1', shape: [2], sum: 1 });
    assert.deepEqual(out['z']!.shape, [0]);
    assert.equal(out.v_1_5, sim.M.v.values[1]![5]);
    assert.deepEqual(out.units, { t: 's', v: 'V', v0: 'V', record: '1', i: '1', flags: '1', z: '1' });
  });

  it("float32 data (dtype: 'float32' groups, their StateMonitor, the file option) is written as '<f4' and read by numpy", async () => {
    const G = new NeuronGroup(3, 'dv/dt = (v0 - v)/(10*ms) : volt\nv0 : volt', { method: 'exact', name: 'f32', dtype: 'float32' });
    G.v0 = '-60*mV + i*7.1*mV';
    G.v = mV(-70);
    const streamed = join(dir, 'f32-stream-v.npy');
    const M = new StateMonitor(G, 'v', { record: true, name: 'f32_m' });
    const F = new StateMonitor(G, 'v', { record: [0, 2], name: 'f32_file', file: { v: streamed } });
    new Network(G, M, F).run(ms(3));
    assert.equal(M.v.dtype, 'float32');
    const mpath = join(dir, 'f32-monitor.npz');
    const gpath = join(dir, 'f32-group.npz');
    await exportNpz(mpath, M);
    await exportNpz(gpath, G);
    const script = `
import json, sys, numpy as np
m = np.load(sys.argv[1]); g = np.load(sys.argv[2]); s = np.load(sys.argv[3])
print(json.dumps({'mv': [m['v'].dtype.str, list(m['v'].shape), [float(x) for x in m['v'][2]]], 't': m['t'].dtype.str,
  'gv': [g['v'].dtype.str, [float(x) for x in g['v']]], 'gv0': g['v0'].dtype.str, 'units': json.loads(g['metadata.json'])['units']['v'],
  's': [s.dtype.str, list(s.shape), [float(x) for x in s[1]]]}))
`;
    const result = spawnSync(python, ['-c', script, mpath, gpath, streamed], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const out = JSON.parse(result.stdout) as { mv: [string, number[], number[]]; t: string; gv: [string, number[]]; gv0: string; units: string; s: [string, number[], number[]] };
    assert.deepEqual(out.mv, ['<f4', [3, 30], Array.from(M.v.values[2]!)]);
    assert.equal(out.t, '<f8', 'times stay float64');
    assert.deepEqual(out.gv, ['<f4', Array.from(G.state('v').values)]);
    assert.equal(out.gv0, '<f4');
    assert.equal(out.units, 'V');
    assert.deepEqual(out.s, ['<f4', [2, 30], Array.from(M.v.values[2]!)]);
  });

  it('loadNpz(file written by numpy.savez/savez_compressed) reads C and Fortran order, bool and int', async () => {
    const path = join(dir, 'from-numpy.npz');
    const zpath = join(dir, 'from-numpy-z.npz');
    const script = `
import sys, numpy as np
a = np.arange(6, dtype='<f8').reshape(2, 3)
np.savez(sys.argv[1], a=a, f=np.asfortranarray(a), b=np.array([True, False]), i=np.array([1, -2], dtype='<i4'), s=np.float64(2.5))
np.savez_compressed(sys.argv[2], a=a)
`;
    const result = spawnSync(python, ['-c', script, path, zpath], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const { arrays, metadata } = await loadNpz(path);
    assert.equal(metadata, undefined);
    const expected: NdArray = { dtype: '<f8', shape: [2, 3], data: Float64Array.of(0, 1, 2, 3, 4, 5) };
    assert.deepEqual(arrays['a'], expected);
    assert.deepEqual(arrays['f'], expected);
    assert.deepEqual(arrays['b'], { dtype: '|b1', shape: [2], data: Uint8Array.of(1, 0) });
    assert.deepEqual(arrays['i'], { dtype: '<i4', shape: [2], data: Int32Array.of(1, -2) });
    assert.deepEqual(arrays['s'], { dtype: '<f8', shape: [], data: Float64Array.of(2.5) });
    assert.deepEqual((await loadNpz(zpath)).arrays['a'], expected);
  });
});
