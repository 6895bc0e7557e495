/**
 * Shared memory for multi-threaded runs: fixed-size state arrays live in a `SharedArrayBuffer`
 * from the start, so worker threads can work on them and every view a user holds stays valid
 * whatever the thread count. Where `SharedArrayBuffer` is unavailable (a browser page without
 * cross-origin isolation) a plain `ArrayBuffer` is used and runs use one thread.
 */

/** Whether this environment has `SharedArrayBuffer` (and so can run workers over shared state). */
export const sharedMemoryAvailable: boolean = typeof SharedArrayBuffer === 'function';

/** A zero-filled buffer of `bytes` bytes: shared where possible. */
export function sharedBuffer(bytes: number): ArrayBufferLike {
  return sharedMemoryAvailable ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
}

/** Whether a typed array's memory is shared (visible to worker threads). */
export function isShared(array: ArrayBufferView): boolean {
  return sharedMemoryAvailable && array.buffer instanceof SharedArrayBuffer;
}
