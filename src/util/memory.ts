/**
 * Memory checks before large allocations: a request that cannot fit becomes a typed error that
 * says how many bytes it would need, instead of a raw `RangeError: Invalid typed array length`
 * or the process being killed by the operating system.
 */
import type { BrianError } from './errors.ts';

/** Bytes in decimal units with three significant digits: `800 B`, `1.53 GB`, `80 TB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return `${bytes} bytes`;
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  let value = bytes;
  let k = 0;
  while (value >= 1000 && k < units.length - 1) {
    value /= 1000;
    k++;
  }
  return `${k === 0 ? String(Math.round(value)) : Number(value.toPrecision(3)).toString()} ${units[k]}`;
}

let overrideTotal: number | null | undefined;

/**
 * This machine's physical memory in bytes (Node's `os.totalmem()`), or undefined where it is not
 * known (browsers). Looked up at call time so that the module stays importable in browsers.
 */
export function physicalMemory(): number | undefined {
  if (overrideTotal !== undefined) return overrideTotal ?? undefined;
  const node = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const os = node?.getBuiltinModule?.('node:os') as { totalmem(): number } | undefined;
  return os?.totalmem();
}

/** @internal For tests: pretend the machine has `bytes` of memory (`undefined` restores the real value, `null` = unknown). */
export function setPhysicalMemoryForTesting(bytes: number | null | undefined): void {
  overrideTotal = bytes;
}

/**
 * Why `bytes` cannot be allocated, or undefined when they can be tried: more than this
 * machine's physical memory (allocating it would only end with the process being killed).
 */
export function memoryProblem(bytes: number): string | undefined {
  const total = physicalMemory();
  if (!Number.isFinite(bytes)) return `it would need ${formatBytes(bytes)}`;
  if (total !== undefined && bytes > total) return `it would need ${formatBytes(bytes)} of memory, more than this machine's ${formatBytes(total)}`;
  return undefined;
}

/**
 * Runs `allocate` (which creates arrays totalling about `bytes`) after checking the size against
 * the machine's memory; a failed allocation (`RangeError`) becomes `fail(reason)` too.
 * @example
 * const data = allocateChecked(n * 8, () => new Float64Array(n), (reason) => new MonitorError(`Cannot record: ${reason}.`));
 */
export function allocateChecked<T>(bytes: number, allocate: () => T, fail: (reason: string) => BrianError): T {
  const problem = memoryProblem(bytes);
  if (problem !== undefined) throw fail(problem);
  try {
    return allocate();
  } catch (e) {
    if (e instanceof RangeError) throw fail(`it would need ${formatBytes(bytes)} of memory, which could not be allocated (${e.message})`);
    throw e;
  }
}
