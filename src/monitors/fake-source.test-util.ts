/**
 * A fake spiking group for monitor tests (no code generation): each step, in slot
 * `thresholds`, it sets `v[k] = 1000*t + k` (volt) and emits spikes for the elements where
 * `spikes(step, k)` holds, in Brian2's event-space layout.
 */
import { BrianObject } from '../core/index.ts';
import type { Clock } from '../core/index.ts';
import { volt } from '../units/index.ts';
import { Variables, createArrayVariable } from '../variables/index.ts';
import type { ArrayVariable } from '../variables/index.ts';

export interface FakeOptions {
  spikes?: (step: number, k: number) => boolean;
  clock?: Clock;
  events?: readonly string[];
  start?: number;
  stop?: number;
  parentN?: number;
}

export class FakeGroup extends BrianObject {
  readonly N: number;
  readonly variables: Variables;
  readonly events: readonly string[];
  readonly start: number | undefined;
  readonly stop: number | undefined;
  readonly equations = { names: ['v', 'w'] };
  private readonly space: ArrayVariable;
  private readonly spikes: (step: number, k: number) => boolean;
  private readonly parentN: number;

  constructor(N: number, options: FakeOptions = {}) {
    super({ when: 'thresholds', order: 0, name: 'fakegroup*', ...(options.clock === undefined ? {} : { clock: options.clock }) });
    this.N = N;
    this.parentN = options.parentN ?? N;
    this.start = options.start;
    this.stop = options.stop;
    this.events = options.events ?? ['spike'];
    this.spikes = options.spikes ?? (() => false);
    this.variables = new Variables(this.name);
    this.variables.addArray('v', { dim: volt.dim, size: this.parentN });
    this.variables.addArray('w', { size: this.parentN, values: 7 });
    this.variables.addArray('g', { size: 1, scalar: true, values: 3 });
    this.variables.addConstant('c', { value: 2.5 });
    this.space = createArrayVariable('_spikespace', { dtype: 'int32', size: this.parentN + 1 });
  }

  eventSpace(_event: string): ArrayVariable {
    return this.space;
  }

  override run(): void {
    const step = this.clock.timestep;
    const t = this.clock.tSeconds;
    const v = this.variables.getArray('v').array;
    const space = this.space.array;
    let n = 0;
    for (let k = 0; k < this.parentN; k++) {
      v[k] = 1000 * t + k;
      if (this.spikes(step, k)) space[n++] = k;
    }
    space[this.parentN] = n;
  }
}
