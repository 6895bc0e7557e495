/**
 * Large typed-array buffers recycled between the points of a sweep worker (issue 12, session 10).
 * A paper-size Brunel–Hakim point allocates ≈ 100 MB of synapse arrays (the pairs' scratch, the
 * Synapses' `i`/`j`, the spike queue's CSR); as fresh memory that is ≈ 25 k page faults (10–16 %
 * of the point in system time) plus the unmapping and the GC's external-memory pressure when it
 * dies. A sweep worker's points are alike, so the next point can write into the previous one's
 * buffers instead.
 *
 * Off unless a sweep worker turns it on ({@link startRecycling}); then every array of at least
 * {@link RECYCLE_MIN_BYTES} made through {@link recycledArray} is handed out from the pool when a
 * buffer fits (best fit, at most twice the bytes) and recorded as the point's; {@link pointDone}
 * declares all of them free — the sweep runner calls it once the point's result has been copied
 * and its scope let go, so only a model that keeps a previous point's arrays past its own return
 * could see them reused. A reused buffer asked for with `zero` is zero-filled in full (so a point
 * never reads another point's values); callers pass `zero: false` only for arrays they overwrite
 * before reading. Buffers not taken for a whole point are dropped, so the pool holds at most about
 * one point's buffers. State lives on `globalThis` (per thread): a worker that loaded brian-ts
 * twice (the script's copy through tsx and the runner's) shares one pool.
 */
import { sharedMemoryAvailable } from './shared.ts';

/** Arrays below this size come from the allocator's own free lists cheaply; only larger ones are pooled. */
export const RECYCLE_MIN_BYTES = 1 << 16;

interface FreeBuffer {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  /** Whether it was already in the pool when the current point started (then unused for a whole point means dropped). */
  old: boolean;
}

interface Pool {
  /** Buffers handed out since the last {@link pointDone}. */
  live: (ArrayBuffer | SharedArrayBuffer)[];
  free: FreeBuffer[];
  /** Counters for tests and benchmarks. */
  reused: number;
  fresh: number;
}

const KEY = Symbol.for('brian-ts.recycle');
const holder = globalThis as unknown as { [KEY]?: Pool };

type Ctor<T> = { new (length: number): T; new (buffer: ArrayBuffer | SharedArrayBuffer, byteOffset: number, length: number): T; readonly BYTES_PER_ELEMENT: number };

/** Turns recycling on in this thread (idempotent). */
export function startRecycling(): void {
  holder[KEY] ??= { live: [], free: [], reused: 0, fresh: 0 };
}

/** Turns recycling off in this thread and lets go of the pool. */
export function stopRecycling(): void {
  delete holder[KEY];
}

/** Whether recycling is on in this thread. */
export function recyclingOn(): boolean {
  return holder[KEY] !== undefined;
}

/** @internal Counts of buffers handed out reused / fresh since recycling started, and the pool's size. */
export function recycleStats(): { reused: number; fresh: number; freeBuffers: number; freeBytes: number; liveBuffers: number } {
  const p = holder[KEY];
  if (p === undefined) return { reused: 0, fresh: 0, freeBuffers: 0, freeBytes: 0, liveBuffers: 0 };
  return { reused: p.reused, fresh: p.fresh, freeBuffers: p.free.length, freeBytes: p.free.reduce((s, f) => s + f.buffer.byteLength, 0), liveBuffers: p.live.length };
}

/**
 * A `length`-element array of `Ctor` from the pool, or undefined when recycling is off or the
 * array is small (the caller allocates as usual). `shared`: in shared memory (where available).
 * `zero`: the contents must be zeros (a fresh array's); else they are unspecified.
 */
export function recycledArray<T>(Ctor: Ctor<T>, length: number, shared: boolean, zero: boolean): T | undefined {
  const p = holder[KEY];
  if (p === undefined) return undefined;
  const bytes = length * Ctor.BYTES_PER_ELEMENT;
  if (bytes < RECYCLE_MIN_BYTES) return undefined;
  const inShared = shared && sharedMemoryAvailable;
  let best = -1;
  for (let k = 0; k < p.free.length; k++) {
    const b = p.free[k]!.buffer;
    if (b instanceof ArrayBuffer === inShared || b.byteLength < bytes || b.byteLength > 2 * bytes) continue;
    if (best < 0 || b.byteLength < p.free[best]!.buffer.byteLength) best = k;
  }
  let buffer: ArrayBuffer | SharedArrayBuffer;
  if (best >= 0) {
    buffer = p.free[best]!.buffer;
    p.free.splice(best, 1);
    // The whole buffer, not just the view: nothing of an earlier point is left behind `.buffer`.
    if (zero) new Uint8Array(buffer).fill(0);
    p.reused++;
  } else {
    // Headroom of 1/64 (rounded to 64 KiB): the next point's count (a random connect()'s) still fits.
    const size = Math.ceil((bytes + (bytes >> 6)) / RECYCLE_MIN_BYTES) * RECYCLE_MIN_BYTES;
    buffer = inShared ? new SharedArrayBuffer(size) : new ArrayBuffer(size);
    p.fresh++;
  }
  p.live.push(buffer);
  return new Ctor(buffer, 0, length);
}

/**
 * Returns an internal temporary from {@link recycledArray} to the pool at once (no other view of
 * it may be used afterwards). Arrays the pool did not hand out are ignored.
 */
export function releaseArray(array: ArrayBufferView): void {
  const p = holder[KEY];
  if (p === undefined) return;
  const k = p.live.indexOf(array.buffer as ArrayBuffer);
  if (k < 0) return;
  p.live.splice(k, 1);
  p.free.push({ buffer: array.buffer as ArrayBuffer, old: false });
}

/**
 * The point is over and nothing of it is used again: its buffers become free for the next one;
 * free buffers that no request took during the point are dropped.
 */
export function pointDone(): void {
  const p = holder[KEY];
  if (p === undefined) return;
  const free = p.free.filter((f) => !f.old);
  for (const f of free) f.old = true;
  for (const buffer of p.live) free.push({ buffer, old: true });
  p.free = free;
  p.live = [];
}
