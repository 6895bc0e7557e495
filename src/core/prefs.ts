/**
 * Global preferences (Brian2's `prefs`): a small typed object, one key per setting.
 *
 *   prefs.checkFinite = true;        // validated on assignment (PrefsError otherwise)
 *   BRIAN_TS_CHECK_FINITE=1 node x   // the same, from the environment
 *
 * A key's value is the one assigned in code if any, else its environment variable's (read when
 * the key is read, so a run sees the environment of its start), else the default.
 * `resetPrefs()` forgets assigned values. Adding a key = one entry in `PREF_SPECS`.
 */
import { environment } from '../util/index.ts';
import { PrefsError } from './errors.ts';
import { DEFAULT_SCHEDULE, checkSchedule } from './schedule.ts';

/** How one preference is documented, defaulted, checked and read from the environment. */
export interface PrefSpec<T> {
  /** Environment variable giving the default when nothing was assigned in code. */
  readonly env: string;
  readonly description: string;
  readonly default: T;
  /** Checks a value assigned in code (throws `PrefsError` naming the key). */
  readonly check: (value: unknown, key: string) => T;
  /** Parses the environment variable's text (throws `PrefsError` naming the variable). */
  readonly parse: (text: string, variable: string) => T;
}

/** A true/false preference; the environment accepts 1/0, true/false, yes/no, on/off. */
export function booleanPref(env: string, defaultValue: boolean, description: string): PrefSpec<boolean> {
  return {
    env,
    description,
    default: defaultValue,
    check(value, key) {
      if (typeof value !== 'boolean') throw new PrefsError(`prefs.${key} must be true or false, got ${describe(value)}.`);
      return value;
    },
    parse(text, variable) {
      const t = text.trim().toLowerCase();
      if (t === '' || t === '0' || t === 'false' || t === 'no' || t === 'off') return false;
      if (t === '1' || t === 'true' || t === 'yes' || t === 'on') return true;
      throw new PrefsError(`The environment variable ${variable} must be 1/0, true/false, yes/no or on/off, got '${text}'.`);
    },
  };
}

/** An integer preference within [min, max]; the environment gives it in decimal. */
export function integerPref(env: string, defaultValue: number, min: number, max: number, description: string): PrefSpec<number> {
  const ok = (v: number): boolean => Number.isInteger(v) && v >= min && v <= max;
  return {
    env,
    description,
    default: defaultValue,
    check(value, key) {
      if (typeof value !== 'number' || !ok(value)) {
        throw new PrefsError(`prefs.${key} must be an integer from ${min} to ${max}, got ${describe(value)}.`);
      }
      return value;
    },
    parse(text, variable) {
      const v = /^\s*[+-]?\d+\s*$/.test(text) ? Number(text) : NaN;
      if (!ok(v)) throw new PrefsError(`The environment variable ${variable} must be an integer from ${min} to ${max}, got '${text}'.`);
      return v;
    },
  };
}

/**
 * The default schedule (Brian2's `prefs.core.network.default_schedule`): a list of slot names,
 * checked as `Network.schedule` is; the environment gives it comma-separated.
 */
function schedulePref(env: string, defaultValue: readonly string[], description: string): PrefSpec<readonly string[]> {
  const checked = (value: unknown, what: string): readonly string[] => {
    try {
      checkSchedule(value as readonly string[]);
    } catch (e) {
      throw new PrefsError(`${what} must be a list of scheduling slot names: ${(e as Error).message}`, { cause: e });
    }
    return Object.freeze([...(value as readonly string[])]);
  };
  return {
    env,
    description,
    default: defaultValue,
    check: (value, key) => checked(value, `prefs.${key}`),
    parse: (text, variable) => checked(text.split(',').map((x) => x.trim()), `The environment variable ${variable}`),
  };
}

/** A thread count: a positive integer or `'auto'`; the environment gives a decimal or `auto`. */
export function threadsPref(env: string, description: string): PrefSpec<number | 'auto'> {
  return {
    env,
    description,
    default: 'auto',
    check(value, key) {
      return checkThreads(value, `prefs.${key}`);
    },
    parse(text, variable) {
      const t = text.trim().toLowerCase();
      if (t === 'auto' || t === '') return 'auto';
      const v = /^\+?\d+$/.test(t) ? Number(t) : NaN;
      if (!(Number.isSafeInteger(v) && v >= 1)) {
        throw new PrefsError(`The environment variable ${variable} must be a positive integer or 'auto', got '${text}'.`);
      }
      return v;
    },
  };
}

/** Checks a thread count setting (`what` names where it was given); throws `PrefsError`. */
export function checkThreads(value: unknown, what: string): number | 'auto' {
  if (value === 'auto' || (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1)) return value;
  throw new PrefsError(`${what} must be a positive integer or 'auto', got ${describe(value)}.`);
}

/** A choice among fixed strings; the environment gives one of them (case-insensitive). */
export function choicePref<T extends string>(env: string, defaultValue: T, choices: readonly T[], description: string): PrefSpec<T> {
  const list = choices.map((c) => `'${c}'`).join(' or ');
  return {
    env,
    description,
    default: defaultValue,
    check(value, key) {
      if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) throw new PrefsError(`prefs.${key} must be ${list}, got ${describe(value)}.`);
      return value as T;
    },
    parse(text, variable) {
      const t = text.trim().toLowerCase();
      if (t === '') return defaultValue;
      if (!(choices as readonly string[]).includes(t)) throw new PrefsError(`The environment variable ${variable} must be ${list}, got '${text}'.`);
      return t as T;
    },
  };
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}

/** Every preference. Other areas add their keys here (one entry each). */
export const PREF_SPECS = {
  checkFinite: booleanPref(
    'BRIAN_TS_CHECK_FINITE',
    false,
    'Stop a run at the first NaN or ±Infinity in a floating-point state variable, with a NonFiniteValueError ' +
      'naming the group, the variable, the index and the time (checked after every step of each group; off costs nothing).',
  ),
  codeReuse: booleanPref(
    'BRIAN_TS_CODE_REUSE',
    true,
    'Pass numeric constants (namespace values, N) whose values change between builds of the same code to generated code ' +
      'as values instead of printing them as literals, so a model rebuilt with other parameter values (a sweep, a loop over ' +
      'startScope()) reuses the compiled code instead of generating and compiling new source; a first build keeps every ' +
      'constant folded. Exact mode only; results are identical either way (read at each compilation).',
  ),
  defaultSchedule: schedulePref(
    'BRIAN_TS_DEFAULT_SCHEDULE',
    DEFAULT_SCHEDULE,
    "The schedule of a Network whose own schedule is not set (Brian2's prefs.core.network.default_schedule); read at each run.",
  ),
  fastMath: booleanPref(
    'BRIAN_TS_FAST_MATH',
    false,
    'Fast-math code generation (like Brian2 cpp_standalone\'s -ffast-math): exp, expm1 and exprel as table + polynomial ' +
      'functions within 2–3 ulp of Math.*, division by loop-invariant values as multiplication by a hoisted reciprocal, ' +
      'loop-invariant factors of products grouped. Results differ from exact mode in the last bits; read at each run ' +
      '(run(T, { fastMath }) overrides it for one run).',
  ),
  fastMathKernels: booleanPref(
    'BRIAN_TS_FAST_MATH_KERNELS',
    true,
    'In fast-math mode, run the per-element state updates that call exp/expm1/exprel as WebAssembly f64x2 kernels ' +
      '(table-free vector exp within 2 ulp; see docs/design.md). false keeps every loop in JavaScript (exact mode\'s kernels: prefs.exactKernels).',
  ),
  exactKernels: booleanPref(
    'BRIAN_TS_EXACT_KERNELS',
    true,
    'In exact mode, run the state update (and fused threshold) of a NeuronGroup whose state is in WebAssembly memory ' +
      '(prefs.wasmStorage) as an in-place WebAssembly f64x2 kernel when its per-element operations are ones WebAssembly ' +
      'computes bit-identically to JavaScript (arithmetic, comparisons, sqrt/abs/floor/ceil/clip/int/sign; no exp or other ' +
      'transcendental call per element). Results are identical either way; false keeps the JavaScript loop. Read at each run.',
  ),
  wasmStorage: booleanPref(
    'BRIAN_TS_WASM_STORAGE',
    true,
    'Keep the state of each NeuronGroup of at least 1024 neurons in one shared WebAssembly memory (read when the group is created), ' +
      'so that kernels update it in place, threshold included (fast mode: any update a kernel expresses; exact mode: ' +
      'call-free ones, bit-identically, see prefs.exactKernels). The arrays stay typed arrays over shared memory: threads and ' +
      'users\' views are unaffected. false keeps one SharedArrayBuffer per array.',
  ),
  floatDtype: choicePref(
    'BRIAN_TS_FLOAT_DTYPE',
    'float64',
    ['float64', 'float32'] as const,
    "Storage of floating-point state variables (Brian2's prefs.core.default_float_dtype): 'float64', or 'float32' " +
      '(Float32Array: half the memory; code computes in float64 and rounds every stored value to float32). Read when a ' +
      "group is created; a group's own `dtype` option overrides it. Times (t, lastspike, lastupdate) and synaptic " +
      'delays stay float64, as in Brian2.',
  ),
  threads: threadsPref(
    'BRIAN_TS_THREADS',
    "Threads a run uses: a positive integer, or 'auto' (the available cores where the per-step work pays for the " +
      'synchronisation, one thread otherwise; see docs/design.md). Results are identical for any count.',
  ),
} as const satisfies Record<string, PrefSpec<unknown>>;

/** The name of a preference (`'codegenTarget'`, …: the keys of `prefs`). */
export type PrefName = keyof typeof PREF_SPECS;
/** The preferences object's type: one typed, assignable field per key. */
export type Prefs = { -readonly [K in PrefName]: (typeof PREF_SPECS)[K] extends PrefSpec<infer T> ? T : never };

const assigned = new Map<PrefName, unknown>();

function isPrefName(key: PropertyKey): key is PrefName {
  return typeof key === 'string' && Object.prototype.hasOwnProperty.call(PREF_SPECS, key);
}

function unknownKey(key: PropertyKey): PrefsError {
  const known = Object.keys(PREF_SPECS).map((k) => `'${k}'`).join(', ');
  return new PrefsError(`Unknown preference ${typeof key === 'string' ? `'${key}'` : String(key)}; known preferences: ${known}.`);
}

/** The value of `key` in effect now (assigned, else environment, else default). */
export function getPref<K extends PrefName>(key: K): Prefs[K] {
  if (assigned.has(key)) return assigned.get(key) as Prefs[K];
  const spec: PrefSpec<unknown> = PREF_SPECS[key];
  const text = environment()[spec.env];
  return (text === undefined ? spec.default : spec.parse(text, spec.env)) as Prefs[K];
}

/** Forgets values assigned in code (all keys, or the given one): the environment/default applies again. */
export function resetPrefs(key?: PrefName): void {
  if (key === undefined) assigned.clear();
  else if (isPrefName(key)) assigned.delete(key);
  else throw unknownKey(key);
}

/**
 * The global preferences. Reading gives the value in effect; assigning checks the value;
 * an unknown key (read by assignment) is a `PrefsError` listing the known ones.
 */
export const prefs: Prefs = new Proxy({} as Prefs, {
  get(_target, key) {
    if (isPrefName(key)) return getPref(key);
    if (key === 'toJSON') return () => Object.fromEntries(Object.keys(PREF_SPECS).map((k) => [k, getPref(k as PrefName)]));
    return undefined;
  },
  set(_target, key, value) {
    if (!isPrefName(key)) throw unknownKey(key);
    assigned.set(key, PREF_SPECS[key].check(value, key));
    return true;
  },
  has(_target, key) {
    return isPrefName(key);
  },
  ownKeys() {
    return Object.keys(PREF_SPECS);
  },
  getOwnPropertyDescriptor(_target, key) {
    return isPrefName(key) ? { value: getPref(key), writable: true, enumerable: true, configurable: true } : undefined;
  },
  defineProperty(_target, key, descriptor) {
    if (!isPrefName(key)) throw unknownKey(key);
    if (!('value' in descriptor)) throw new PrefsError(`prefs.${key} takes a value, not an accessor.`);
    assigned.set(key, PREF_SPECS[key].check(descriptor.value, key));
    return true;
  },
  deleteProperty(_target, key) {
    throw new PrefsError(`Preferences cannot be deleted; use resetPrefs(${typeof key === 'string' ? `'${key}'` : ''}).`);
  },
});
