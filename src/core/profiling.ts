/** `profilingSummary` (Brian2's `ProfilingSummary`): the per-object times of a profiled run as a table. */
import { Quantity, msecond, second } from '../units/index.ts';
import type { Network } from './network.ts';

/** The times of `net.profilingInfo`, longest first, with their share of the total. */
export class ProfilingSummary {
  /** Object names, longest time first. */
  readonly names: readonly string[];
  /** Wall-clock time spent in each object. */
  readonly times: readonly Quantity[];
  /** Each time as a percentage of the total. */
  readonly percentages: readonly number[];
  /** The total over all objects (also those not shown). */
  readonly totalTime: Quantity;

  constructor(net: Network, show?: number) {
    const info = net.profilingInfo;
    // A run of 0 ms runs nothing: a dummy entry, as Brian2.
    const entries: [string, Quantity][] = info.length > 0 ? info : [['no code objects have been run', new Quantity(0, second.dim)]];
    const total = entries.reduce((s, [, t]) => s + t.value, 0);
    const shown = show === undefined ? entries : entries.slice(0, show);
    this.names = shown.map(([n]) => n);
    this.times = shown.map(([, t]) => t);
    this.totalTime = new Quantity(total, second.dim);
    this.percentages = shown.map(([, t]) => (total > 0 ? (100 * t.value) / total : 0));
  }

  /** Brian2's text table: name, time (ms, or s when the total is over a second) and percentage. */
  toString(): string {
    const unit = this.totalTime.value > 1 ? second : msecond;
    const unitName = this.totalTime.value > 1 ? 's' : 'ms';
    const pad = (xs: string[], left: boolean): string[] => {
      const n = Math.max(...xs.map((x) => x.length));
      return xs.map((x) => (left ? x.padStart(n) : x.padEnd(n)));
    };
    const names = pad([...this.names], false);
    const times = pad(this.times.map((t) => `${(t.value / unit.value).toFixed(2)} ${unitName}`), true);
    const percentages = pad(this.percentages.map((p) => `${p.toFixed(2)} %`), true);
    const title = 'Profiling summary';
    return `${title}\n${'='.repeat(title.length)}\n${names.map((n, k) => `${n}    ${times[k]}    ${percentages[k]}\n`).join('')}`;
  }
}
