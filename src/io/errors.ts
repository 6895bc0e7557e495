import { BrianError, checkOptions } from '../util/index.ts';

/**
 * A failed export, import or snapshot: an unwritable or unreadable path, data of an unsupported
 * type or shape, a malformed file, a snapshot that does not fit the network. `call` names the
 * function (`exportNpz`, `loadSnapshot`, …), `path` the file (undefined for in-memory encoding),
 * `reason` what went wrong.
 */
export class IoError extends BrianError {
  /** The call that failed (`exportNpz`, `loadJson`, …). */
  readonly call: string;
  /** The file concerned, when there is one. */
  readonly path: string | undefined;
  /** What went wrong, without the call and path. */
  readonly reason: string;

  constructor(call: string, path: string | undefined, reason: string, options?: { cause?: unknown }) {
    super(path === undefined ? `${call}: ${reason}` : `${call}('${path}'): ${reason}`, options);
    this.call = call;
    this.path = path;
    this.reason = reason;
  }
}

/** Checks the options object of the io call `where.call` (an unknown key is an IoError with a close match). */
export function checkIoOptions<T extends object>(options: T | undefined, valid: readonly string[], where: { readonly call: string; readonly path?: string | undefined }): T {
  return checkOptions(options, valid, { what: `${where.call}()`, error: (message) => new IoError(where.call, where.path, message) });
}
