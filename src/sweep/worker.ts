/**
 * The entry of a sweep worker thread when the model is not bundled (no esbuild, or a script it
 * cannot bundle): loads the model script through the module loader (tsx for TypeScript), then
 * serves points.
 */
import { threadId, workerData } from 'node:worker_threads';
import type { WorkerSetup } from './protocol.ts';
import { loadScript } from './runner.ts';
import { serve } from './serve.ts';

const setup = workerData as WorkerSetup;
void serve(() => loadScript(setup.load, `${setup.namespace}-${threadId}`));
