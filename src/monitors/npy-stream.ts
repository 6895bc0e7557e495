/**
 * Streaming a StateMonitor's rows to a `.npy` file during a run (issue 15 §6).
 *
 * The file holds a Fortran-ordered float64 (float32 for float32 recordings) array of shape `(n_recorded, n_times)` — Brian2's
 * `M.v` orientation — whose bytes are exactly the time-major rows the monitor records, so a
 * block of rows is appended as it is. The header is written once with a fixed-width field for
 * `n_times` and rewritten in place after each block's data, so a reader (numpy, `loadNpy`) sees
 * a complete array of the rows written so far at any moment. Rewriting the count writes digits
 * into a preallocated header: a flush allocates nothing.
 */
import { MonitorError } from './errors.ts';

type Fs = typeof import('node:fs');

let fsModule: Fs | undefined;

function nodeFs(monitorName: string, path: string): Fs {
  if (fsModule !== undefined) return fsModule;
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = proc?.getBuiltinModule?.('node:fs') as Fs | undefined;
  if (fs === undefined) {
    throw new MonitorError(`'${monitorName}' cannot stream to '${path}': writing files needs Node.js (20.16 or later).`, monitorName);
  }
  fsModule = fs;
  return fs;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
/** Width of the `n_times` field: any count up to 2^53 fits. */
const COUNT_WIDTH = 20;

function reasonOf(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  if (code === 'ENOENT') return 'the directory does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'ENOSPC') return 'no space left on the device';
  return e instanceof Error ? e.message : String(e);
}

/** One variable's `.npy` file: rows are appended in blocks; the header always matches the data. */
export class NpyRowStream {
  /** Rows in the file. */
  rows = 0;
  /** Bytes per value (8; 4 for a float32 recording, written as '<f4'). */
  readonly itemSize: number;
  private readonly header: Uint8Array;
  private readonly countAt: number;

  constructor(
    readonly path: string,
    readonly cols: number,
    private readonly monitorName: string,
    dtype: 'float64' | 'float32' = 'float64',
  ) {
    this.itemSize = dtype === 'float32' ? 4 : 8;
    const before = `{'descr': '${dtype === 'float32' ? '<f4' : '<f8'}', 'fortran_order': True, 'shape': (${cols}, `;
    const after = '), }';
    const textLength = before.length + COUNT_WIDTH + after.length + 1; // + '\n'
    const total = Math.ceil((10 + textLength) / 64) * 64;
    const header = new Uint8Array(total);
    header.set(MAGIC, 0);
    header[6] = 1; // version 1.0
    header[7] = 0;
    header[8] = (total - 10) & 0xff;
    header[9] = (total - 10) >> 8;
    const text = before + ' '.repeat(COUNT_WIDTH) + after;
    for (let k = 0; k < text.length; k++) header[10 + k] = text.charCodeAt(k);
    header.fill(0x20, 10 + text.length, total - 1);
    header[total - 1] = 0x0a;
    this.header = header;
    this.countAt = 10 + before.length;
  }

  /** Bytes before the data. */
  get headerBytes(): number {
    return this.header.length;
  }

  private fail(action: string, e: unknown): never {
    throw new MonitorError(`'${this.monitorName}' cannot ${action} '${this.path}': ${reasonOf(e)}.`, this.monitorName);
  }

  private writeCount(): void {
    let n = this.rows;
    let k = this.countAt + COUNT_WIDTH;
    this.header.fill(0x20, this.countAt, k);
    // Left-aligned digits, spaces after: `(5, 123      )` is a valid Python tuple.
    let digits = 1;
    for (let m = n; m >= 10; m = Math.floor(m / 10)) digits++;
    k = this.countAt + digits;
    do {
      this.header[--k] = 0x30 + (n % 10);
      n = Math.floor(n / 10);
    } while (n > 0);
  }

  /** Creates (or truncates) the file with an empty array. */
  create(): void {
    const fs = nodeFs(this.monitorName, this.path);
    this.rows = 0;
    this.writeCount();
    try {
      fs.writeFileSync(this.path, this.header);
    } catch (e) {
      this.fail('create', e);
    }
  }

  /** Appends `rows` rows from `block` (row-major, `cols` per row): data first, then the header. */
  append(bytes: Uint8Array, rows: number): void {
    if (rows === 0) return;
    const fs = nodeFs(this.monitorName, this.path);
    let fd: number | undefined;
    try {
      fd = fs.openSync(this.path, 'r+');
      const length = rows * this.cols * this.itemSize;
      let done = 0;
      const at = this.header.length + this.rows * this.cols * this.itemSize;
      while (done < length) done += fs.writeSync(fd, bytes, done, length - done, at + done);
      this.rows += rows;
      this.writeCount();
      fs.writeSync(fd, this.header, 0, this.header.length, 0);
    } catch (e) {
      this.fail('write to', e);
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }

  /** Cuts the file back to its first `rows` rows (restore). */
  truncate(rows: number): void {
    const fs = nodeFs(this.monitorName, this.path);
    let fd: number | undefined;
    try {
      fd = fs.openSync(this.path, 'r+');
      fs.ftruncateSync(fd, this.header.length + rows * this.cols * this.itemSize);
      this.rows = rows;
      this.writeCount();
      fs.writeSync(fd, this.header, 0, this.header.length, 0);
    } catch (e) {
      this.fail('truncate', e);
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }
}
