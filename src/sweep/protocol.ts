/** Messages between the pool (main thread) and its worker threads. */
import type { ParameterSpec } from './grid.ts';
import type { PointErrorInfo, PointOutcome, PointTask } from './runner.ts';
import type { ScriptLoad } from './script.ts';

/** `workerData` of a sweep worker started on worker.ts (not bundled). */
export interface WorkerSetup {
  readonly load: ScriptLoad;
  /** The loader namespace (unique per worker). */
  readonly namespace: string;
}

/** Main → worker. */
export type ToWorker = { readonly type: 'configure'; readonly parameters: readonly ParameterSpec[] } | { readonly type: 'point'; readonly task: PointTask };

/** Worker → main. */
export type FromWorker =
  /** `loadedAt`: wall-clock ms since the epoch when the model was ready (start-up accounting). */
  | { readonly type: 'loaded'; readonly parameters: ParameterSpec[] | undefined; readonly loadedAt: number }
  /** `stage` 'import': the script module failed to load (in a bundle, possibly the bundle's fault). */
  | { readonly type: 'load-error'; readonly error: PointErrorInfo; readonly stage?: 'import' | undefined }
  | { readonly type: 'outcome'; readonly outcome: PointOutcome };
