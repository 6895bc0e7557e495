/**
 * The entry of a sweep worker thread running a bundle (see bundle.ts): the bundle's generated stub
 * calls {@link serveBundle} with an importer of the script and the brian-ts copy it imports, both
 * inside the one bundled file, so the thread loads no other module and transpiles nothing.
 */
import { workerData } from 'node:worker_threads';
import { modelOfModule } from './runner.ts';
import { ImportFailure, serve } from './serve.ts';
import { installStackMapper } from './stack-map.ts';

/**
 * Serves points of the bundled `script` (its path, for messages); `brian` holds the parts of the
 * script's brian-ts that the runner drives (all undefined when the script imports none).
 */
export function serveBundle(script: string, importScript: () => Promise<unknown>, brian: Record<string, unknown>): void {
  // Stack traces name the script's lines (the bundle's linked map, read at the first trace).
  const bundle = (workerData as { bundle?: unknown } | null)?.bundle;
  if (typeof bundle === 'string') installStackMapper(bundle);
  void serve(async () => {
    let mod: Record<string, unknown>;
    try {
      mod = (await importScript()) as Record<string, unknown>;
    } catch (e) {
      throw new ImportFailure('invalid-script', `The model script ${script} failed to load: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    return modelOfModule(mod, brian, script);
  });
}
