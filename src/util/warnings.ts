/**
 * Warnings with stable keys (Brian2's logger `name_suffix`): deduplicated by key and message,
 * silenceable by key, and capturable in tests through `setWarningHandler`.
 */

/** Receives each warning that is not silenced or a repeat. */
export type WarningHandler = (key: string, message: string) => void;

// Node's process warnings where they exist; the console in browsers.
const defaultHandler: WarningHandler = (key, message) => {
  if (typeof process !== 'undefined' && typeof process.emitWarning === 'function') {
    process.emitWarning(message, { type: 'BrianWarning', code: key });
  } else {
    console.warn(`BrianWarning [${key}]: ${message}`);
  }
};

let handler: WarningHandler = defaultHandler;
const silenced = new Set<string>();
const seen = new Set<string>();

/** Emits a warning once per distinct (key, message). */
export function warn(key: string, message: string): void {
  if (silenced.has(key)) return;
  const id = `${key}\u0000${message}`;
  if (seen.has(id)) return;
  seen.add(id);
  handler(key, message);
}

/** Silences (or, with `false`, un-silences) warnings with this key. */
export function silenceWarnings(key: string, silence = true): void {
  if (silence) silenced.add(key);
  else silenced.delete(key);
}

/** Replaces the warning handler (`undefined` restores the default) and forgets seen warnings. */
export function setWarningHandler(h: WarningHandler | undefined): void {
  handler = h ?? defaultHandler;
  seen.clear();
}
