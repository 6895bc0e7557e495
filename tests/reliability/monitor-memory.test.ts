/**
 * Issue 15 §6: StateMonitor memory stays within ~1.25× of the recorded data, and `file:` streams
 * the recording to a real `.npy` file that numpy and our own reader read during and after a run.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MonitorError, Network, NeuronGroup, NetworkOperation, StateMonitor, ms } from 'brian-ts';
import { decodeNpy } from '../../src/io/index.ts';

const EQS = 'dv/dt = (i + 1 - v)/(10*ms) : 1\nw : 1';
const PYTHON = '/usr/bin/python3';
const hasNumpy = existsSync(PYTHON) && (() => {
  try {
    execFileSync(PYTHON, ['-c', 'import numpy'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

function readNpy(path: string): { shape: readonly number[]; data: Float64Array } {
  const a = decodeNpy(new Uint8Array(readFileSync(path)));
  return { shape: a.shape, data: a.data as Float64Array };
}

describe('StateMonitor memory (issue 15 §6)', () => {
  it('buffers stay within 1.25× of the data over many runs and single-step records (was up to 2× from copy-on-grow)', () => {
    const G = new NeuronGroup(200, EQS);
    const M = new StateMonitor(G, ['v', 'w'], { record: true });
    const net = new Network(G, M);
    for (let k = 0; k < 12; k++) {
      net.run(ms(0.1 * (5 + k)));
      M.recordSingleTimestep();
      const data = M.N * 200 * 2 * 8;
      assert.ok(M.bufferBytes <= 1.25 * data + M.N * 8 * 2 + 4096, `run ${k}: ${M.bufferBytes} bytes buffered for ${data} bytes of data`);
    }
    // The recording is intact across the blocks.
    const v = M.v;
    assert.equal(v.samples, M.N);
    const trace = v.get(3).values;
    assert.equal(trace.length, M.N);
    assert.equal(trace[0], 0);
    assert.ok(trace[M.N - 1]! > 0);
  });
});

describe('StateMonitor file streaming (issue 15 §6)', () => {
  it('writes a .npy of shape (n_recorded, n_times) that our reader and numpy read during and after the run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'brian-ts-stream-'));
    try {
      const path = join(dir, 'v.npy');
      const G = new NeuronGroup(5, EQS);
      const inMemory = new StateMonitor(G, 'v', { record: [0, 2, 4] });
      const streamed = new StateMonitor(G, 'v', { record: [0, 2, 4], file: path });
      const seen: number[] = [];
      const pySeen: string[] = [];
      const probe = new NetworkOperation(
        () => {
          const { shape } = readNpy(path);
          seen.push(shape[1]!);
          if (hasNumpy && seen.length === 3) {
            pySeen.push(execFileSync(PYTHON, ['-c', `import numpy; a = numpy.load(${JSON.stringify(path)}); print(a.shape, a.dtype)`]).toString().trim());
          }
        },
        { dt: ms(1) },
      );
      const net = new Network(G, inMemory, streamed, probe);
      net.run(ms(3));
      net.run(ms(2));
      // Mid-run reads saw a complete array of the rows written so far (blocks of whole steps).
      assert.ok(seen.length === 5 && seen.every((n, k) => k === 0 || n >= seen[k - 1]!), String(seen));
      const { shape, data } = readNpy(path);
      assert.deepEqual(shape, [3, 50]);
      const expected = inMemory.v.values;
      for (let k = 0; k < 3; k++) assert.deepEqual(Array.from(data.subarray(k * 50, (k + 1) * 50)), Array.from(expected[k]!));
      assert.throws(() => streamed.v, (e: unknown) => e instanceof MonitorError && /streams 'v' to the file/.test(e.message));
      assert.equal(streamed.N, 50);
      if (hasNumpy) {
        assert.match(pySeen[0] ?? '', /^\(3, \d+\) float64$/);
        const out = execFileSync(PYTHON, ['-c', `import numpy; a = numpy.load(${JSON.stringify(path)}); print(a.shape); print(repr(a[2, 49]))`]).toString().split('\n');
        assert.equal(out[0], '(3, 50)');
        assert.equal(Number(out[1]!.replace(/^np\.float64\((.*)\)$/, '$1')), expected[2]![49]);
      }
      // store/restore cuts the file back to the stored times.
      net.store('a');
      net.run(ms(1));
      assert.equal(readNpy(path).shape[1], 60);
      net.restore('a');
      assert.equal(readNpy(path).shape[1], 50);
      net.run(ms(1));
      assert.deepEqual(readNpy(path).shape, [3, 60]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('streams in blocks: memory stays bounded however long the run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'brian-ts-stream-'));
    try {
      const path = join(dir, 'v.npy');
      const G = new NeuronGroup(20_000, EQS);
      const M = new StateMonitor(G, 'v', { record: true, file: path });
      const net = new Network(G, M);
      net.run(ms(10));
      const after100 = M.bufferBytes;
      net.run(ms(30));
      assert.ok(M.bufferBytes <= after100 + 400 * 8 * 2, `${M.bufferBytes} vs ${after100}`); // only the times grow
      assert.ok(M.bufferBytes < 5 * 1024 * 1024);
      const { shape, data } = readNpy(path);
      assert.deepEqual(shape, [20_000, 400]);
      assert.equal(data[19_999 + 20_000 * 399] !== 0, true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects bad file options with a MonitorError', () => {
    const G = new NeuronGroup(2, EQS);
    assert.throws(() => new StateMonitor(G, ['v', 'w'], { record: true, file: 'x.npy' }), /one path per variable, e.g. \{ v: 'v.npy', w: 'w.npy' \}/);
    assert.throws(() => new StateMonitor(G, ['v', 'w'], { record: true, file: { v: 'a.npy' } }), /no path for the recorded variable 'w'/);
    assert.throws(() => new StateMonitor(G, 'v', { record: true, file: { u: 'a.npy' } }), /names 'u', which is not recorded/);
    assert.throws(() => new StateMonitor(G, ['v', 'w'], { record: true, file: { v: 'a.npy', w: 'a.npy' } }), /same file/);
    assert.throws(() => new StateMonitor(G, 'v', { record: true, file: '' }), MonitorError);
    const M = new StateMonitor(G, 'v', { record: true, file: join(tmpdir(), 'no-such-dir-brian-ts', 'v.npy') });
    assert.throws(() => new Network(G, M).run(ms(1)), (e: unknown) => e instanceof Error && /the directory does not exist/.test(e.message));
  });
});
