/**
 * `process.env` where there is one: the library also runs in browsers and Web Workers, where
 * there is none and every variable reads as unset.
 */
export type Env = Readonly<Record<string, string | undefined>>;

export function environment(): Env {
  return (globalThis as { process?: { env?: Env } }).process?.env ?? {};
}

/** One environment variable (see {@link environment}), undefined where unset or where there is no environment. */
export function envVar(name: string): string | undefined {
  return environment()[name];
}
