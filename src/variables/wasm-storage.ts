/**
 * A group's fixed-size state in one shared `WebAssembly.Memory` (session 7, issue 11), so that
 * fast-math WebAssembly kernels read and write the state in place instead of copying it in and out.
 * The memory is sized exactly once (maximum = initial: it never grows, so no view is ever
 * detached), its buffer is a `SharedArrayBuffer` (worker threads keep working on the same views
 * and instantiate kernels over the same memory), and it is freed with the group (nothing else
 * holds it). For JavaScript nothing changes: the arrays are typed arrays over shared memory as
 * before, only now several share one buffer, at 64-byte aligned offsets.
 */
import type { StorageArray, Variable } from './variable.ts';
import type { Variables } from './variables.ts';
import { sharedMemoryAvailable } from '../util/index.ts';

/** A WebAssembly.Memory (the project's lib settings carry no WebAssembly types). */
export interface WasmMemory {
  readonly buffer: ArrayBufferLike;
}
interface MemoryConstructor {
  new (descriptor: { initial: number; maximum: number; shared: boolean }): WasmMemory;
}
const MemoryClass = (globalThis as { WebAssembly?: { Memory?: MemoryConstructor } }).WebAssembly?.Memory;

/**
 * Groups of fewer elements keep one SharedArrayBuffer per array (today's storage): a memory is
 * at least one 64 KiB page, and thousands of tiny groups should not cost 64 KiB each. Above it a
 * LIF group's one state array already fills a page (8 KiB at 1024 elements plus the event space,
 * index and others); bench/fast-math/kernel-breakeven.bench.ts measures where in place pays.
 */
export const WASM_STORAGE_MIN_ELEMENTS = 1024;

/** Bytes between arrays' starts are multiples of this (a cache line; f64x2 loads are 16-byte aligned). */
const ALIGN = 64;
/** Bytes after the last array: a kernel's odd last element loads a pair whose second lane it never stores. */
const TAIL = 16;

const memories = new WeakMap<ArrayBufferLike, WasmMemory>();

/** The shared WebAssembly memory a typed array lives in (undefined: ordinary storage). */
export function wasmMemoryOf(array: ArrayBufferView): WasmMemory | undefined {
  return memories.get(array.buffer);
}

/** Whether groups' state can live in WebAssembly memory here (shared memory and WebAssembly.Memory exist). */
export const wasmStorageAvailable: boolean = sharedMemoryAvailable && MemoryClass !== undefined;

/**
 * Moves the table's own fixed-size element arrays (not scalars, not dynamic) into one new shared
 * WebAssembly memory, keeping their values, where the table's size (its constant `N`, else its
 * longest array) is at least `minElements`; returns the memory or undefined where nothing was
 * moved (no support, too small, or the memory could not be created). Call it once, when the
 * table is complete and before any code captures its arrays.
 */
export function packWasmStorage(variables: Variables, minElements = WASM_STORAGE_MIN_ELEMENTS): WasmMemory | undefined {
  if (!wasmStorageAvailable) return undefined;
  const n = variables.get('N');
  let size = n?.kind === 'constant' && typeof n.value === 'number' ? n.value : 0;
  if (n?.kind !== 'constant') for (const [, v] of variables) if (v.kind === 'array' && v.size !== 'dynamic') size = Math.max(size, v.size);
  if (size < minElements) return undefined;
  const chosen: { variable: Extract<Variable, { kind: 'array' }>; offset: number }[] = [];
  const seen = new Set<unknown>();
  let bytes = 0;
  for (const [, v] of variables) {
    if (v.kind !== 'array' || v.scalar || v.size === 'dynamic' || v.size === 0 || seen.has(v)) continue;
    if (wasmMemoryOf(v.array) !== undefined) continue; // (a variable added from another group's table)
    seen.add(v);
    chosen.push({ variable: v, offset: bytes });
    bytes += Math.ceil(v.array.byteLength / ALIGN) * ALIGN;
  }
  if (chosen.length === 0) return undefined;
  const pages = Math.ceil((bytes + TAIL) / 65536);
  let memory: WasmMemory;
  try {
    memory = new MemoryClass!({ initial: pages, maximum: pages, shared: true });
  } catch {
    return undefined; // (address space or memory exhausted: today's storage still works)
  }
  const buffer = memory.buffer;
  memories.set(buffer, memory);
  for (const { variable, offset } of chosen) {
    const old = variable.array;
    const Ctor = old.constructor as new (buffer: ArrayBufferLike, byteOffset: number, length: number) => StorageArray;
    const view = new Ctor(buffer, offset, old.length);
    view.set(old as never);
    variable.array = view;
  }
  return memory;
}
