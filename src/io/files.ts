/**
 * Reading and writing files with errors as IoErrors. `node:fs` is imported on first use through a
 * variable specifier, so the encoders of this folder stay usable in browser bundles.
 */
import { fail } from './npy.ts';
import type { Where } from './npy.ts';

type Fs = typeof import('node:fs/promises');

const FS_MODULE = 'node:fs/promises';
let fs: Promise<Fs> | undefined;

async function nodeFs(where: Where): Promise<Fs> {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  if (proc?.versions?.node === undefined) fail(where, 'reading and writing files needs Node.js; in a browser use the encode/decode functions');
  fs ??= import(/* @vite-ignore */ FS_MODULE) as Promise<Fs>;
  return fs;
}

/** A readable reason for a failed file operation. */
function reasonOf(e: unknown, writing: boolean): string {
  const code = (e as { code?: unknown }).code;
  switch (code) {
    case 'ENOENT':
      return writing ? 'the directory does not exist' : 'the file does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTDIR':
      return 'a component of the path is not a directory';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return e instanceof Error ? e.message : String(e);
  }
}

/** Writes `data` to `where.path` (text as UTF-8). */
export async function writeBytes(where: Where & { readonly path: string }, data: Uint8Array | string): Promise<void> {
  const { writeFile } = await nodeFs(where);
  try {
    await writeFile(where.path, data);
  } catch (e) {
    fail(where, `cannot write the file: ${reasonOf(e, true)}`, e);
  }
}

/** Reads the file at `where.path`. */
export async function readBytes(where: Where & { readonly path: string }): Promise<Uint8Array> {
  const { readFile } = await nodeFs(where);
  try {
    return new Uint8Array(await readFile(where.path));
  } catch (e) {
    return fail(where, `cannot read the file: ${reasonOf(e, false)}`, e);
  }
}
