/**
 * The entry of a sweep worker thread: loads the model script once, reports its declared
 * parameters, then runs the points it is sent, one at a time.
 */
import { parentPort, threadId, workerData } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerSetup } from './protocol.ts';
import { errorInfo, loadScript } from './runner.ts';
import type { LoadedModel } from './runner.ts';
import type { ParameterSpec } from './grid.ts';

const port = parentPort;
if (port === null) throw new Error('worker.ts runs as a worker thread of sweep()');
const setup = workerData as WorkerSetup;
const post = (m: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);

let model: LoadedModel | undefined;
let parameters: readonly ParameterSpec[] = [];
try {
  model = await loadScript(setup.load, `${setup.namespace}-${threadId}`);
  post({ type: 'loaded', parameters: model.parameters });
} catch (e) {
  post({ type: 'load-error', error: errorInfo(e) });
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'configure') {
    parameters = message.parameters;
    return;
  }
  if (model === undefined) return;
  void model.run(message.task, parameters).then((outcome) => {
    const transfer = outcome.ok ? Object.values(outcome.arrays).map((a) => a.data.buffer as ArrayBuffer) : [];
    post({ type: 'outcome', outcome }, transfer);
  });
});
