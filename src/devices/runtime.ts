/**
 * The runtime device: compiles code objects (generated JavaScript) against one random state,
 * and snapshots that state for `store`/`restore`.
 */
import { compileCodeBlock, compileReference, defaultRandomState } from '../codegen/index.ts';
import type { CodeBlockSpec, CodeObject, CompileOptions, RandomState, RandomStateSnapshot } from '../codegen/index.ts';

/** What {@link RuntimeDevice.getState} returns. */
export interface DeviceSnapshot {
  readonly random: RandomStateSnapshot;
}

/** Compiles code objects; `mode: 'reference'` uses the closure evaluator instead (for debugging and tests). */
export class RuntimeDevice {
  readonly random: RandomState;
  readonly mode: 'generated' | 'reference';

  constructor(options: { random?: RandomState; mode?: 'generated' | 'reference' } = {}) {
    this.random = options.random ?? defaultRandomState;
    this.mode = options.mode ?? 'generated';
  }

  /** Compiles one object's per-step work (call once per run, in `beforeRun`). */
  codeObject(spec: CodeBlockSpec, options: CompileOptions = {}): CodeObject {
    const full = spec.random === undefined ? { ...spec, random: this.random } : spec;
    return this.mode === 'reference' ? compileReference(full) : compileCodeBlock(full, options);
  }

  /** Reseeds every random stream (`seed(n)`; no argument: a random seed). */
  seed(n?: number): void {
    this.random.seed(n);
  }

  getState(): DeviceSnapshot {
    return { random: this.random.getState() };
  }

  setState(snapshot: DeviceSnapshot): void {
    this.random.setState(snapshot.random);
  }
}

/** The default device (generated code, the default random state). */
export const runtimeDevice = new RuntimeDevice();
