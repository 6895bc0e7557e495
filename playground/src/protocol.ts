/**
 * Messages between the page, the sandbox frame (runner) and the worker that runs the program.
 * Everything crossing the sandbox boundary is plain structured-clone data; the page checks the
 * shape of each message before using it (a hostile program controls what the worker sends).
 */

/** The file name a program runs under (its `//# sourceURL`; stack frames name it). */
export const SOURCE_URL = 'program.ts';

/** One error of an error's `cause` chain, with the location fields brian-ts's typed errors carry. */
export interface ErrorLink {
  readonly name: string;
  readonly message: string;
  /** The model string (or expression) the error points into, when the error carries it. */
  readonly source?: string;
  /** 0-based offset into `source`. */
  readonly offset?: number;
  readonly length?: number;
  /** 1-based line inside the model string (EquationDimensionError may carry only this). */
  readonly line?: number;
  readonly column?: number;
  /** The variable whose equation is wrong. */
  readonly variable?: string;
}

/** A position in the program (1-based line and column). */
export interface ProgramPosition {
  readonly line: number;
  readonly column: number;
}

/** An error as the worker reports it. */
export interface ErrorInfo {
  /** `transpile`: the TypeScript did not parse; `run`: the program threw; `worker`: the worker itself failed. */
  readonly phase: 'transpile' | 'run' | 'worker';
  /** The thrown error first, then its causes. */
  readonly chain: readonly ErrorLink[];
  /** The innermost frame of the stack inside the program, if any. */
  readonly frame?: ProgramPosition;
  /** Where the object named by a `BrianObjectError` was created in the program. */
  readonly createdAt?: ProgramPosition;
}

export interface MonitorInfo {
  readonly id: number;
  readonly name: string;
  readonly kind: string;
}

/** Page → runner. */
export type ToRunner =
  /** `code`: the program as JavaScript (transpile.ts). */
  | { readonly type: 'run'; readonly code: string; readonly runId: number; readonly durationScale: number }
  | { readonly type: 'stop' }
  | { readonly type: 'hello' }
  | { readonly type: 'export'; readonly runId: number; readonly monitor: number; readonly format: 'npz' | 'csv' };

/** Worker → runner → page (the runner adds `stopped`, `ready` and worker failures). */
export type FromRunner =
  /**
   * From the runner: the sandbox frame is ready (its code delivered to the worker). From a worker:
   * the library is loaded. Both carry their start-up timings (see StartTimings).
   */
  | ({ readonly type: 'ready' } & Partial<StartTimings>)
  /** `at`: when the worker started the program (epoch ms). */
  | { readonly type: 'started'; readonly runId: number; readonly at?: number }
  /** Sent every second while the program awaits (its event loop is free); see page.ts's watchdog. */
  | { readonly type: 'heartbeat'; readonly runId: number }
  /** The program entered (`name`) or left (`null`) a library call that may take long without reporting (e.g. Synapses.connect). */
  | { readonly type: 'phase'; readonly runId: number; readonly name: string | null }
  | { readonly type: 'log'; readonly runId: number; readonly level: 'log' | 'info' | 'warn' | 'error'; readonly text: string }
  | { readonly type: 'progress'; readonly runId: number; readonly fraction: number; readonly run: number }
  | { readonly type: 'figure'; readonly runId: number; readonly name: string; readonly svg: string }
  | { readonly type: 'monitors'; readonly runId: number; readonly monitors: readonly MonitorInfo[] }
  | { readonly type: 'done'; readonly runId: number; readonly ms: number }
  | { readonly type: 'error'; readonly runId: number; readonly error: ErrorInfo }
  | { readonly type: 'export'; readonly runId: number; readonly monitor: number; readonly format: 'npz' | 'csv'; readonly data: Uint8Array | string; readonly name: string }
  | { readonly type: 'exportError'; readonly runId: number; readonly message: string }
  | { readonly type: 'stopped' }
  | ({ readonly type: 'workerReady' } & Partial<StartTimings>);

/**
 * Start-up timings for the page's probe (tests, bench/playground): each context's
 * `performance.timeOrigin` (epoch ms) and ms on its own clock; the page puts them on its clock.
 */
export interface StartTimings {
  readonly origin: number;
  /** Runner: its script started. Worker: the bootstrap started evaluating the code. */
  readonly scriptAt: number;
  /** Runner: the first worker was created. */
  readonly workerCreatedAt: number;
  /** Runner: the code was read from the page and posted to the first worker. */
  readonly codeAt: number;
  /** Worker: its modules had been evaluated. */
  readonly modulesAt: number;
  /** Worker: its set-up was done (it listens for a program). */
  readonly readyAt: number;
}
