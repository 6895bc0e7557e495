/**
 * The message loop of a sweep worker thread, shared by its two entries: worker.ts (loads the
 * script through the module loader) and bundled.ts (the script and brian-ts bundled into one file,
 * see bundle.ts). Reports the model's declared parameters once loaded, then runs the points it is
 * sent, one at a time, in the order sent.
 */
import { parentPort } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './protocol.ts';
import { SweepError } from './errors.ts';
import { errorInfo, type LoadedModel } from './runner.ts';
import { pointDone, startRecycling } from '../util/index.ts';
import type { ParameterSpec } from './grid.ts';

/** The script module itself failed to load (as opposed to loading without a model function). */
export class ImportFailure extends SweepError {}

/** Wall-clock now in ms since the epoch (comparable across threads). */
export const wallNow = (): number => performance.timeOrigin + performance.now();

/** Loads the model with `load` and serves points until the thread is terminated. */
export async function serve(load: () => Promise<LoadedModel>): Promise<void> {
  const port = parentPort;
  if (port === null) throw new Error('the sweep worker runs as a worker thread of sweep()');
  const post = (m: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);
  let model: LoadedModel | undefined;
  let parameters: readonly ParameterSpec[] = [];
  // Points arrive while one runs (the pool keeps a second one queued): run them in order.
  let chain: Promise<void> = Promise.resolve();
  port.on('message', (message: ToWorker) => {
    if (message.type === 'configure') {
      parameters = message.parameters;
      return;
    }
    const task = message.task;
    chain = chain.then(async () => {
      if (model === undefined) return;
      const outcome = await model.run(task, parameters);
      // The outcome holds copies and the point's scope is let go: its large buffers serve the next point.
      pointDone();
      const transfer = outcome.ok ? Object.values(outcome.arrays).map((a) => a.data.buffer as ArrayBuffer) : [];
      post({ type: 'outcome', outcome }, transfer);
    });
  });
  // Recycle large buffers between points (util/recycle.ts); BRIAN_TS_SWEEP_RECYCLE=0 keeps fresh ones.
  if (process.env['BRIAN_TS_SWEEP_RECYCLE'] !== '0') startRecycling();
  try {
    model = await load();
    post({ type: 'loaded', parameters: model.parameters, loadedAt: wallNow() });
  } catch (e) {
    post({ type: 'load-error', error: errorInfo(e), stage: e instanceof ImportFailure ? 'import' : undefined });
  }
}
