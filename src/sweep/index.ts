/**
 * Parameter sweeps (issue 12): `sweep(model, grid, options)` over worker threads or in-process,
 * per-point seeds, a resumable output folder (.npz, JSON, CSV), and a Slurm job-array engine.
 * Node.js only (worker threads, files, processes).
 */
export { sweep, runStoredSweep } from './sweep.ts';
export type { SweepOptions, SweepResult } from './sweep.ts';
export { SweepError } from './errors.ts';
export type { SweepErrorCode } from './errors.ts';
export { planSweep, parseGridValue, describePoint, RESERVED_COLUMNS } from './grid.ts';
export type { Grid, CartesianGrid, PointList, GridValue, ParameterSpec, SweepPlan, SweepPoint } from './grid.ts';
export { pointSeed } from './seeds.ts';
export { SweepStore, rowsOf, siUnit } from './store.ts';
export type { Manifest, PointRecord, SweepRow } from './store.ts';
export { InProcess, LocalPool } from './engines.ts';
export type { SweepEngine, EngineRun, LocalPoolOptions, StartupStats } from './engines.ts';
export { workerBundle } from './bundle.ts';
export type { WorkerBundle } from './bundle.ts';
export type { ModelFunction, ModelContext, PointOutcome, PointErrorInfo, PointTask, ResultArray, LoadedModel } from './runner.ts';
export { ProgressBar, formatDuration } from './progress.ts';
export type { ProgressStream } from './progress.ts';
export { prepareScript, resolveTsxApi, nearestTsconfig } from './script.ts';
export type { ScriptLoad } from './script.ts';
export { submitSlurm, collectSweep, slurmJobScript, shellQuote } from './slurm.ts';
export type { SlurmOptions, SlurmSubmission, SweepProgress } from './slurm.ts';
