/**
 * The spike queue of one synaptic pathway: Brian2's `CSpikeQueue` (brian2/synapses/cspikequeue.cpp)
 * as a ring buffer of per-step event lists in typed arrays.
 *
 * `prepare` (at every run) converts delays to steps with C++'s `(int)(delay/dt + 0.5)` and groups
 * the synapses by presynaptic neuron (CSR offsets, synapse indices ascending within a neuron), so
 * `push` costs O(events). When the synapses' sources are already non-decreasing (connect() with
 * the source loop outside), the grouping is the identity: only the offsets are kept. `push` at step n puts a synapse with a delay of d steps into the list
 * delivered at step n + d; delay 0 is delivered by this step's `peek` (push comes before delivery).
 * Order within a step is Brian2's: with homogeneous delays by source neuron (ascending) then
 * synapse index; with heterogeneous delays in push order. Event lists grow geometrically and are
 * reused, so after warm-up a step allocates nothing.
 */
import { SpikeQueueError } from './errors.ts';
import { recycledArray, sameElements, sharedBuffer } from '../util/index.ts';
import { copySynapses, csrViews } from '../devices/index.ts';
import type { SourceSpans } from '../codegen/index.ts';

/**
 * One part of a partitioned queue (threads): the synapses whose key lies in one range, grouped by
 * source neuron like the whole queue's, with their own per-step lists (in shared memory).
 */
interface Part {
  readonly offsets: Int32Array;
  readonly synapses: Int32Array;
  views: (Int32Array | undefined)[];
  readonly bins: Int32Array[];
  readonly counts: Int32Array;
}

/** A partition's CSR lists and what they were made from (see SpikeQueue.partLists). */
interface PartLists {
  readonly keys: ArrayLike<number> | undefined;
  readonly n: number;
  readonly identity: boolean;
  readonly bounds: Int32Array;
  readonly sourceOffsets: Int32Array;
  readonly sourceSynapses: Int32Array;
  readonly offsets: Int32Array[];
  readonly synapses: Int32Array[];
  readonly views: (Int32Array | undefined)[][];
  /** Per part, each source's first synapse where its part's synapses are consecutive (deferred pushes), made on first use. */
  first: Int32Array[] | undefined;
}

/** The pending contents of a queue, as returned by {@link SpikeQueue.storeState}. */
export interface SpikeQueueState {
  /** `pending[k]`: the synapse indices delivered `k` steps after the current one. */
  readonly pending: readonly Int32Array[];
  /** The dt the steps refer to (0 if the queue was never prepared). */
  readonly dt: number;
}

const MIN_CAPACITY = 16;
// Far beyond any sensible delay (2^24 steps of 0.1 ms is ~28 min), and keeps the bin array sane.
const MAX_DELAY_STEPS = 1 << 24;

/** Delay → steps exactly as cspikequeue.cpp: `(int)(delay/dt + 0.5)` (round half up for delay ≥ 0). */
export function delayToSteps(delay: number, dt: number): number {
  return Math.trunc(delay / dt + 0.5);
}

/** The spike queue of one pathway (see the file comment). */
export class SpikeQueue {
  /** Name used in errors (the pathway's, e.g. `synapses_pre`). */
  readonly name: string;
  /** Source neurons `[sourceStart, sourceEnd)` of the (possibly subgroup) source; others are ignored. */
  readonly sourceStart: number;
  readonly sourceEnd: number;

  private bins: Int32Array[] = [new Int32Array(0)];
  private counts = new Int32Array(1);
  private offset = 0;
  private dtValue = 0;
  private steps = new Int32Array(0);
  private scalarDelay = true;
  private offsets = new Int32Array(1);
  /** The CSR's synapse indices by position; empty when {@link identity} (position k is synapse k). */
  private synapses = new Int32Array(0);
  /** Whether the sources were non-decreasing at `prepare`, so the CSR order is the synapse order. */
  private identity = false;
  /** Per source neuron with out-degree ≥ VIEW_MIN_DEGREE, its slice of `synapses` (empty if none). */
  private views: (Int32Array | undefined)[] = [];
  /** Each synapse's source neuron (of the last `prepare`), for the serial order when parts merge. */
  private sources: ArrayLike<number> = [];
  /** While partitioned (a multi-threaded run): the parts, which hold every pending event. */
  private parts: Part[] | undefined;
  /** The last partition's CSR lists (see partLists). */
  private lists: PartLists | undefined;
  /** The parts' events of this step, concatenated, for code that delivers them all (see peekBuffer). */
  private scratch = new Int32Array(0);
  /** The event space pushes come from (see prepare), if it is in shared memory. */
  private pushSource: Int32Array | undefined;
  /** While partitioned with deferred pushes (see partition): the parts' CSRs, and per ring position the sources pushed, their count and their events. */
  private deferred: SourceSpans | undefined;
  private srcBins: Int32Array[] = [];
  private srcCounts = new Int32Array(0);
  private srcEvents = new Int32Array(0);
  /** The event space given to `prepare` (unpartitioned pushes from it record sources: see {@link sourceCount}). */
  private space: Int32Array | undefined;
  /** Per source: its first synapse when its synapses are consecutive indices, else −1 (see {@link sourceCount}). */
  private first: Int32Array = new Int32Array(0);

  constructor(sourceStart: number, sourceEnd: number, name = 'spikequeue') {
    if (!Number.isInteger(sourceStart) || !Number.isInteger(sourceEnd) || sourceStart < 0 || sourceEnd < sourceStart) {
      throw new SpikeQueueError(undefined, `Spike queue '${name}': invalid source range [${sourceStart}, ${sourceEnd})`);
    }
    this.name = name;
    this.sourceStart = sourceStart;
    this.sourceEnd = sourceEnd;
    this.offsets = new Int32Array(sourceEnd - sourceStart + 1);
  }

  private fail(message: string): never {
    throw new SpikeQueueError(undefined, `Spike queue '${this.name}': ${message}`);
  }

  /** The dt of the last `prepare` (0 before the first). */
  get dt(): number {
    return this.dtValue;
  }

  /** Whether all delays are equal in steps (Brian2's `scalar_delay`). */
  get homogeneous(): boolean {
    return this.scalarDelay;
  }

  /** The delays in steps: one value (all delays equal in steps) or one per synapse. */
  get delaySteps(): Int32Array {
    return this.steps;
  }

  /** Number of per-step lists in the ring (at least the longest delay + 1). */
  get length(): number {
    return this.bins.length;
  }

  /**
   * Prepares the queue for a run: delays (seconds; one scalar or one per synapse), the source
   * clock's dt, and each synapse's presynaptic neuron (absolute indices, like the spikes pushed).
   * If dt changed since the last run, pending events are re-binned to the new dt. `spikes`: the
   * event space (shared memory) the run's pushes come from, which lets a multi-threaded run
   * defer the pushes' copies to the threads (see {@link partition}).
   */
  prepare(delays: number | ArrayLike<number>, dt: number, sources: ArrayLike<number>, spikes?: Int32Array): void {
    if (!(dt > 0) || !Number.isFinite(dt)) this.fail(`dt must be a positive number of seconds, got ${dt}`);
    this.unpartition();
    // Recorded sources refer to the old CSR: their synapses go into the lists first.
    this.completeAll();
    const nSynapses = sources.length;
    const delayArray: ArrayLike<number> = typeof delays === 'number' ? [delays] : delays;
    const nDelays = delayArray.length;
    if (nDelays !== 1 && nDelays !== nSynapses) this.fail(`got ${nDelays} delays for ${nSynapses} synapses (expected 1 or ${nSynapses})`);
    if (this.dtValue !== 0 && this.dtValue !== dt) this.rebin(this.dtValue / dt);

    const steps = new Int32Array(nDelays);
    let min = 0;
    let max = 0;
    for (let k = 0; k < nDelays; k++) {
      const d = delayArray[k]!;
      if (!(d >= 0) || !Number.isFinite(d)) {
        this.fail(`delays must be finite and non-negative, got ${d} s${nDelays > 1 ? ` for synapse ${k}` : ''}`);
      }
      const s = delayToSteps(d, dt);
      if (s > MAX_DELAY_STEPS) this.fail(`a delay of ${d} s is ${s} steps of dt = ${dt} s, more than the supported ${MAX_DELAY_STEPS}`);
      steps[k] = s;
      if (k === 0 || s < min) min = s;
      if (k === 0 || s > max) max = s;
    }
    this.scalarDelay = min === max;
    // Equal delays need one value, not 4 bytes per synapse (Brian2 keeps the per-synapse array).
    this.steps = this.scalarDelay && nDelays > 1 ? steps.slice(0, 1) : steps;
    this.groupBySource(sources);
    this.sources = sources;
    this.pushSource = spikes !== undefined && typeof SharedArrayBuffer === 'function' && spikes.buffer instanceof SharedArrayBuffer ? spikes : undefined;
    this.space = this.scalarDelay ? spikes : undefined;
    this.first = this.space === undefined ? new Int32Array(0) : this.identity ? firstOfIdentity(this.offsets) : firstOfConsecutive(this.offsets, this.synapses);
    this.dtValue = dt;
    if (max >= this.bins.length) this.expand(max + 1);
    this.sizeSourceLists();
  }

  /**
   * CSR grouping by a stable counting sort: synapse indices stay ascending within a neuron. Sources
   * already non-decreasing (checked in the counting pass) need no sort and no synapse list: 4 bytes
   * per synapse saved (20 MB at 5 M synapses, ≈ 2.8 ms/MB of first touch in a sweep worker).
   */
  private groupBySource(sources: ArrayLike<number>): void {
    const nSources = this.sourceEnd - this.sourceStart;
    const offsets = new Int32Array(nSources + 1);
    const n = sources.length;
    let sorted = true;
    for (let lo = 0; lo < n; lo += PASS_CHUNK) {
      const s = countSources(sources, this.sourceStart, nSources, offsets, lo, Math.min(n, lo + PASS_CHUNK), sorted);
      if (s >= 0) this.fail(`synapse ${s} has presynaptic index ${sources[s]}, outside the source range [${this.sourceStart}, ${this.sourceEnd})`);
      if (s < -1) sorted = false;
    }
    for (let k = 0; k < nSources; k++) offsets[k + 1]! += offsets[k]!;
    this.offsets = offsets;
    this.identity = sorted;
    if (sorted) {
      this.synapses = new Int32Array(0);
      this.views = [];
      return;
    }
    const fill = offsets.slice(0, nSources);
    // Every position is written once below, so a sweep worker's recycled buffer needs no zeros.
    const synapses = recycledArray(Int32Array, n, false, false) ?? new Int32Array(n);
    for (let lo = 0; lo < n; lo += PASS_CHUNK) scatterBySource(sources, this.sourceStart, fill, synapses, lo, Math.min(n, lo + PASS_CHUNK));
    this.synapses = synapses;
    this.views = csrViews(offsets, synapses);
  }

  /**
   * Moves pending events to a new dt, as cspikequeue.cpp does: the list `k` steps ahead goes to
   * `(int)(k * factor + 0.5)` steps ahead. Where several lists land on one step, brian-ts appends
   * them (earlier first); Brian2 keeps only the last and loses the other spikes.
   */
  private rebin(factor: number): void {
    const old = this.pendingLists();
    const size = Math.trunc(old.length * factor) + 1;
    this.bins = Array.from({ length: size }, () => new Int32Array(0));
    this.counts = new Int32Array(size);
    this.offset = 0;
    old.forEach((events, k) => {
      if (events.length > 0) this.append(Math.trunc(k * factor + 0.5), events, 0, events.length);
    });
  }

  /** Copies of the pending lists, `k` steps ahead at index k. */
  private pendingLists(): Int32Array[] {
    const size = this.bins.length;
    const out: Int32Array[] = [];
    for (let k = 0; k < size; k++) {
      const b = (this.offset + k) % size;
      out.push(this.bins[b]!.slice(0, this.counts[b]!));
    }
    return out;
  }

  /** Grows the ring to `size` lists, rotating the current step to position 0 (as `expand`). */
  private expand(size: number): void {
    this.completeAll();
    const old = this.bins.length;
    const bins: Int32Array[] = new Array(size);
    const counts = new Int32Array(size);
    for (let k = 0; k < old; k++) {
      const b = (this.offset + k) % old;
      bins[k] = this.bins[b]!;
      counts[k] = this.counts[b]!;
    }
    for (let k = old; k < size; k++) bins[k] = new Int32Array(0);
    this.bins = bins;
    this.counts = counts;
    this.offset = 0;
    this.sizeSourceLists();
  }

  /** Source lists as many as the ring's lists (all empty when the ring changes: see completeAll). */
  private sizeSourceLists(): void {
    const size = this.bins.length;
    if (this.srcCounts.length === size) return;
    const shared = this.parts !== undefined;
    this.srcBins = Array.from({ length: size }, () => (shared ? new Int32Array(sharedBuffer(4 * MIN_CAPACITY)) : new Int32Array(MIN_CAPACITY)));
    this.srcCounts = new Int32Array(size);
    this.srcEvents = new Int32Array(size);
  }

  /** Ensures the list at ring position `bin` can take `extra` more events (geometric growth). */
  private reserve(bin: number, extra: number): Int32Array {
    return reserveIn(this.bins, this.counts, bin, extra, false);
  }

  /** Appends `events[from, to)` to the list `stepsAhead` steps after the current one. */
  private append(stepsAhead: number, events: ArrayLike<number>, from: number, to: number): void {
    if (stepsAhead >= this.bins.length) this.expand(stepsAhead + 1);
    const bin = (this.offset + stepsAhead) % this.bins.length;
    const buf = this.reserve(bin, to - from);
    let c = this.counts[bin]!;
    for (let k = from; k < to; k++) buf[c++] = events[k]!;
    this.counts[bin] = c;
  }

  /**
   * Queues the synapses of the neurons that spiked this step. `spikes[0, count)` are neuron
   * indices in ascending order (Brian2's event space); those outside the source range are skipped.
   */
  push(spikes: ArrayLike<number>, count: number = spikes.length): void {
    if (count === 0) return;
    if (this.dtValue === 0) this.fail('push() before prepare()');
    const start = lowerBound(spikes, count, this.sourceStart);
    const stop = lowerBound(spikes, count, this.sourceEnd);
    const parts = this.parts;
    if (this.deferred !== undefined) {
      if (spikes === this.pushSource) {
        this.pushSources(spikes, start, stop);
        return;
      }
      // Pushes from elsewhere go to the parts' own lists, after what the source lists hold.
      this.completeAll();
    } else if (parts === undefined) {
      if (spikes === this.space) {
        this.pushSources(spikes, start, stop);
        return;
      }
      this.completeAll();
    }
    if (parts === undefined) this.pushInto(this.offsets, this.identity ? undefined : this.synapses, this.views, this.bins, this.counts, false, spikes, start, stop);
    else for (let p = 0; p < parts.length; p++) {
      const part = parts[p]!;
      this.pushInto(part.offsets, part.synapses, part.views, part.bins, part.counts, true, spikes, start, stop);
    }
  }

  /**
   * `push` into one set of lists: the whole queue's, or (partitioned) one part's — its own CSR of
   * the synapses in its range, and its per-step lists in shared memory. `synapses` undefined: the
   * identity CSR (position k is synapse k; separate loops, no per-synapse test).
   */
  private pushInto(
    offsets: Int32Array,
    synapses: Int32Array | undefined,
    views: readonly (Int32Array | undefined)[],
    bins: Int32Array[],
    counts: Int32Array,
    shared: boolean,
    spikes: ArrayLike<number>,
    start: number,
    stop: number,
  ): void {
    const size = bins.length;
    if (this.scalarDelay) {
      const d = this.steps.length > 0 ? this.steps[0]! : 0;
      const bin = (this.offset + d) % size;
      let total = 0;
      for (let k = start; k < stop; k++) {
        const src = spikes[k]! - this.sourceStart;
        total += offsets[src + 1]! - offsets[src]!;
      }
      if (total === 0) return;
      const buf = reserveIn(bins, counts, bin, total, shared);
      counts[bin] = synapses === undefined ? copyIdentity(spikes, start, stop, this.sourceStart, offsets, buf, counts[bin]!) : copySynapses(spikes, start, stop, this.sourceStart, offsets, synapses, views, buf, counts[bin]!);
      return;
    }
    const steps = this.steps;
    if (synapses === undefined) {
      for (let k = start; k < stop; k++) {
        const src = spikes[k]! - this.sourceStart;
        for (let syn = offsets[src]!, end = offsets[src + 1]!; syn < end; syn++) {
          let bin = this.offset + steps[syn]!;
          if (bin >= size) bin -= size;
          const c = counts[bin]!;
          const buf = c < bins[bin]!.length ? bins[bin]! : reserveIn(bins, counts, bin, 1, shared);
          buf[c] = syn;
          counts[bin] = c + 1;
        }
      }
      return;
    }
    for (let k = start; k < stop; k++) {
      const src = spikes[k]! - this.sourceStart;
      for (let s = offsets[src]!, end = offsets[src + 1]!; s < end; s++) {
        const syn = synapses[s]!;
        let bin = this.offset + steps[syn]!;
        if (bin >= size) bin -= size;
        const c = counts[bin]!;
        const buf = c < bins[bin]!.length ? bins[bin]! : reserveIn(bins, counts, bin, 1, shared);
        buf[c] = syn;
        counts[bin] = c + 1;
      }
    }
  }

  /**
   * A deferred push (see {@link partition}): records the spiking sources (minus the first source)
   * in the list `d` steps ahead, and their events' count; the threads deliver each source's
   * synapses of their part straight from the part's CSR. Nothing per synapse is done here.
   */
  private pushSources(spikes: ArrayLike<number>, start: number, stop: number): void {
    const m = stop - start;
    if (m === 0) return;
    const bin = (this.offset + (this.steps.length > 0 ? this.steps[0]! : 0)) % this.bins.length;
    const list = reserveIn(this.srcBins, this.srcCounts, bin, m, this.parts !== undefined);
    const offsets = this.offsets;
    const s0 = this.sourceStart;
    let c = this.srcCounts[bin]!;
    let events = 0;
    for (let k = start; k < stop; k++) {
      const src = spikes[k]! - s0;
      list[c++] = src;
      events += offsets[src + 1]! - offsets[src]!;
    }
    this.srcCounts[bin] = c;
    this.srcEvents[bin] = this.srcEvents[bin]! + events;
  }

  /**
   * Unpartitioned, homogeneous delays: the number of spiking sources recorded for this step by
   * pushes from the event space given to `prepare`. Their synapses are not in this step's list
   * ({@link ownBuffer}, delivered first); the pathway code delivers each recorded source `x`
   * ({@link sourceList}) straight from the CSR: `synapses[offsets[x], offsets[x + 1])`, or the
   * indices `first[x] …` where they are consecutive ({@link csrOffsets}, {@link csrSynapses},
   * {@link csrFirst}) — the serial order, without copying a synapse list. 0 while partitioned.
   */
  sourceCount(): number {
    return this.parts === undefined && this.srcCounts.length > 0 ? this.srcCounts[this.offset]! : 0;
  }

  /** This step's recorded sources (minus the first source; the first {@link sourceCount} entries). */
  sourceList(): Int32Array {
    return this.srcBins[this.offset]!;
  }

  /** This step's own list, without the recorded sources' synapses (its first {@link ownCount} entries). */
  ownBuffer(): Int32Array {
    return this.bins[this.offset]!;
  }

  /** The number of events in {@link ownBuffer} (unpartitioned). */
  ownCount(): number {
    return this.counts[this.offset]!;
  }

  /** The CSR by source neuron (minus the first source): per source its first position in {@link csrSynapses}. */
  get csrOffsets(): Int32Array {
    return this.offsets;
  }

  /**
   * The CSR's synapse indices, ascending within each source — empty when the CSR is the identity
   * (sources non-decreasing at `prepare`); {@link csrFirst} then covers every source with synapses.
   */
  get csrSynapses(): Int32Array {
    return this.synapses;
  }

  /** Per source: its first synapse when its synapses are consecutive indices, else −1. */
  get csrFirst(): Int32Array {
    return this.first;
  }

  /** While partitioned with deferred pushes: the parts' CSRs (see {@link partition}). */
  get spans(): SourceSpans | undefined {
    return this.deferred;
  }

  /** While partitioned with deferred pushes: the source list at ring position `pos`. */
  spanSources(pos: number): Int32Array {
    return this.srcBins[pos]!;
  }

  /** While partitioned with deferred pushes: the number of sources in this step's list. */
  spanCount(): number {
    return this.deferred === undefined ? 0 : this.srcCounts[this.offset]!;
  }

  /** Moves this step's source list into the parts' own lists (after their events: the serial order). */
  completePush(): void {
    this.completeBin(this.offset);
  }

  private completeAll(): void {
    for (let b = 0; b < this.srcCounts.length; b++) this.completeBin(b);
  }

  private completeBin(bin: number): void {
    const m = bin < this.srcCounts.length ? this.srcCounts[bin]! : 0;
    if (m === 0) return;
    const sources = this.srcBins[bin]!;
    if (this.parts === undefined) {
      const buf = this.reserve(bin, this.srcEvents[bin]!);
      this.counts[bin] = this.identity ? copyIdentity(sources, 0, m, 0, this.offsets, buf, this.counts[bin]!) : copySynapses(sources, 0, m, 0, this.offsets, this.synapses, this.views, buf, this.counts[bin]!);
    } else for (const part of this.parts) {
      let total = 0;
      for (let k = 0; k < m; k++) total += part.offsets[sources[k]! + 1]! - part.offsets[sources[k]!]!;
      const buf = reserveIn(part.bins, part.counts, bin, total, true);
      part.counts[bin] = copySynapses(sources, 0, m, 0, part.offsets, part.synapses, part.views, buf, part.counts[bin]!);
    }
    this.srcCounts[bin] = 0;
    this.srcEvents[bin] = 0;
  }

  /**
   * Splits the queue into parts for a multi-threaded run (devices/threads.ts): part `p` holds the
   * synapses whose key — `keys[synapse]` (the postsynaptic index), or the synapse index itself
   * when `keys` is undefined — lies in `[bounds[p], bounds[p + 1])`, with its own per-step lists in
   * shared memory, so each thread delivers only its own part's events and no event list is copied
   * or scanned by every thread. Within a part the events keep the whole queue's order, so every
   * key receives its events in the serial order. {@link unpartition} merges the parts back.
   *
   * `deferPush` (homogeneous delays, and pushes from the shared event space given to `prepare`):
   * `push` records only the step's spiking sources ({@link spans}), and each thread delivers its
   * part's synapses of each source straight from the part's CSR, in shared memory (Brunel on 2
   * threads spent ≈ 240 µs of a 730 µs step in the main thread's push, copying the synapse
   * indices into the parts' lists, and as much again when each thread copied its own part:
   * `TypedArray.set` into shared memory costs ≈ 1 ns per element, 3× plain memory).
   */
  partition(keys: ArrayLike<number> | undefined, bounds: Int32Array, deferPush = false): void {
    this.unpartition();
    this.completeAll();
    if (this.dtValue === 0) this.fail('partition() before prepare()');
    const nSources = this.sourceEnd - this.sourceStart;
    const lists = this.partLists(keys, bounds);
    const size = this.bins.length;
    const parts: Part[] = lists.offsets.map((offsets, p) => ({ offsets, synapses: lists.synapses[p]!, views: lists.views[p]!, bins: Array.from({ length: size }, () => new Int32Array(sharedBuffer(4 * MIN_CAPACITY))), counts: new Int32Array(size) }));
    // Pending events move to their parts, in order.
    for (let b = 0; b < size; b++) {
      const events = this.bins[b]!;
      for (let k = 0, c = this.counts[b]!; k < c; k++) {
        const syn = events[k]!;
        const part = parts[partOfKey(keys === undefined ? syn : keys[syn]!, bounds)]!;
        const at = part.counts[b]!;
        reserveIn(part.bins, part.counts, b, 1, true)[at] = events[k]!;
        part.counts[b] = at + 1;
      }
      this.counts[b] = 0;
    }
    this.parts = parts;
    const spikes = this.pushSource;
    if (deferPush && this.scalarDelay && spikes !== undefined) {
      // Where a source's synapses of a part are consecutive indices (connect() creates them source
      // by source, targets ascending), the threads deliver them without reading the CSR.
      lists.first ??= parts.map(({ offsets, synapses }) => firstOfConsecutive(offsets, synapses, new Int32Array(sharedBuffer(4 * Math.max(1, nSources)))));
      this.deferred = { offsets: lists.offsets, synapses: lists.synapses, first: lists.first };
      this.srcBins = Array.from({ length: size }, () => new Int32Array(sharedBuffer(4 * MIN_CAPACITY)));
      this.srcCounts = new Int32Array(size);
      this.srcEvents = new Int32Array(size);
    }
  }

  /**
   * The parts' CSR lists for {@link partition}: per part, each source's synapses whose key lies in
   * the part's range, in the whole CSR's order. Kept across runs while the synapses and the ranges
   * do not change (the same key array, synapse count, sources' offsets and, for a sorted CSR, its
   * synapse list): a network's every threaded run partitions its queues at its start (Brunel
   * 2000's 15.6 M synapses ≈ 250 ms, mostly the first touch of the lists' new shared memory).
   * Synapses are never removed and their indices never change, so an unchanged count means
   * unchanged connectivity.
   */
  private partLists(keys: ArrayLike<number> | undefined, bounds: Int32Array): PartLists {
    const nSources = this.sourceEnd - this.sourceStart;
    const offsets = this.offsets;
    const synapses = this.synapses;
    const identity = this.identity;
    const n = offsets[nSources]!;
    const kept = this.lists;
    if (kept !== undefined && kept.keys === keys && kept.n === n && kept.identity === identity && sameElements(kept.bounds, bounds) && sameElements(kept.sourceOffsets, offsets) && (identity || sameElements(kept.sourceSynapses, synapses))) return kept;
    const P = bounds.length - 1;
    const partOffsets = Array.from({ length: P }, () => new Int32Array(nSources + 1));
    // connect() creates each source's synapses with ascending targets: a part is then one run of
    // each source's CSR segment, found by binary search and copied in order (session 14: Brunel's
    // 15.6 M synapses took 465 ms to partition one by one, the main thread's share of a 2-thread
    // run's start). Otherwise each synapse is assigned on its own.
    const sorted = keysSortedPerSource(keys, offsets, synapses, identity, nSources);
    const which = sorted ? undefined : new Uint8Array(n); // part of each CSR position (P ≤ 255 threads per queue)
    if (which === undefined) countRuns(keys, offsets, synapses, identity, nSources, bounds, partOffsets);
    else {
      for (let src = 0; src < nSources; src++) {
        for (let k = offsets[src]!, end = offsets[src + 1]!; k < end; k++) {
          const p = partOfKey(keys === undefined ? (identity ? k : synapses[k]!) : keys[identity ? k : synapses[k]!]!, bounds);
          which[k] = p;
          partOffsets[p]![src + 1]!++;
        }
      }
    }
    for (const po of partOffsets) for (let src = 0; src < nSources; src++) po[src + 1]! += po[src]!;
    const partSynapses = partOffsets.map((po) => new Int32Array(sharedBuffer(4 * po[nSources]!)));
    if (which === undefined) copyRuns(offsets, synapses, identity, nSources, partOffsets.map((po, p) => ({ offsets: po, synapses: partSynapses[p]! })));
    else {
      const fill = partOffsets.map((po) => po.slice(0, nSources));
      for (let src = 0; src < nSources; src++) {
        for (let k = offsets[src]!, end = offsets[src + 1]!; k < end; k++) {
          const p = which[k]!;
          partSynapses[p]![fill[p]![src]!++] = identity ? k : synapses[k]!;
        }
      }
    }
    const lists: PartLists = {
      keys,
      n,
      identity,
      bounds: bounds.slice(),
      sourceOffsets: offsets,
      sourceSynapses: synapses,
      offsets: partOffsets,
      synapses: partSynapses,
      views: partOffsets.map((po, p) => csrViews(po, partSynapses[p]!)),
      first: undefined,
    };
    this.lists = lists;
    return lists;
  }

  /**
   * Ends a partition: merges the parts' pending events back into the whole queue in the serial
   * order (by push step, then source neuron, then synapse: what `push` produces), so stored
   * states do not depend on the thread count. A no-op when not partitioned.
   */
  unpartition(): void {
    const parts = this.parts;
    if (parts === undefined) return;
    this.completeAll();
    this.deferred = undefined;
    this.parts = undefined;
    const P = parts.length;
    const steps = this.steps;
    const sources = this.sources;
    const scalar = this.scalarDelay;
    // Serial order of two events of one step's list: pushed earlier (a longer delay) first, then by source, then by synapse.
    const before = (a: number, b: number): boolean => {
      if (!scalar && steps[a] !== steps[b]) return steps[a]! > steps[b]!;
      const sa = sources[a]!;
      const sb = sources[b]!;
      return sa !== sb ? sa < sb : a < b;
    };
    const heads = new Int32Array(P);
    for (let b = 0; b < this.bins.length; b++) {
      let total = 0;
      for (const part of parts) total += part.counts[b]!;
      if (total === 0) continue;
      const out = this.reserve(b, total);
      let c = this.counts[b]!;
      heads.fill(0);
      for (let m = 0; m < total; m++) {
        let best = -1;
        let bestSyn = 0;
        for (let p = 0; p < P; p++) {
          if (heads[p]! >= parts[p]!.counts[b]!) continue;
          const syn = parts[p]!.bins[b]![heads[p]!]!;
          if (best < 0 || before(syn, bestSyn)) {
            best = p;
            bestSyn = syn;
          }
        }
        out[c++] = bestSyn;
        heads[best]!++;
      }
      this.counts[b] = c;
    }
  }

  /** Whether the queue is partitioned (see {@link partition}). */
  get partitioned(): boolean {
    return this.parts !== undefined;
  }

  /** The current step's position in the ring (the list `partBuffer` returns for this step). */
  get position(): number {
    return this.offset;
  }

  /** While partitioned: part `p`'s list of this step (its first {@link partEvents} entries). */
  partBuffer(p: number): Int32Array {
    return this.parts![p]!.bins[this.offset]!;
  }

  /** While partitioned: the number of part `p`'s events this step. */
  partEvents(p: number): number {
    return this.parts![p]!.counts[this.offset]!;
  }

  /** The synapses to deliver this step, as a view (allocates the view; see {@link peekBuffer}). */
  peek(): Int32Array {
    return this.peekBuffer().subarray(0, this.peekCount());
  }

  /**
   * This step's events without allocating: the first {@link peekCount} entries of this buffer.
   * While partitioned, the parts' lists concatenated (each key's events still in order).
   */
  peekBuffer(): Int32Array {
    this.completePush();
    const parts = this.parts;
    if (parts === undefined) return this.bins[this.offset]!;
    const n = this.peekCount();
    if (this.scratch.length < n) this.scratch = new Int32Array(Math.max(MIN_CAPACITY, n, 2 * this.scratch.length));
    // Element by element (no views allocated): used for steps delivered unsplit, which 'auto'
    // keeps to those with few events.
    const out = this.scratch;
    let c = 0;
    for (let p = 0; p < parts.length; p++) {
      const list = parts[p]!.bins[this.offset]!;
      for (let k = 0, n = parts[p]!.counts[this.offset]!; k < n; k++) out[c++] = list[k]!;
    }
    return out;
  }

  /** Number of events this step. */
  peekCount(): number {
    const parts = this.parts;
    const n0 = this.srcCounts.length > 0 ? this.srcEvents[this.offset]! : 0;
    if (parts === undefined) return this.counts[this.offset]! + n0;
    let n = n0;
    for (let p = 0; p < parts.length; p++) n += parts[p]!.counts[this.offset]!;
    return n;
  }

  /** Empties this step's list (keeping its memory) and moves to the next step. */
  advance(): void {
    this.counts[this.offset] = 0;
    const parts = this.parts;
    if (parts !== undefined) for (let p = 0; p < parts.length; p++) parts[p]!.counts[this.offset] = 0;
    if (this.srcCounts.length > 0) {
      this.srcCounts[this.offset] = 0;
      this.srcEvents[this.offset] = 0;
    }
    this.offset = (this.offset + 1) % this.bins.length;
  }

  /** Drops every pending event. */
  clear(): void {
    this.srcCounts.fill(0);
    this.srcEvents.fill(0);
    this.counts.fill(0);
    if (this.parts !== undefined) for (const part of this.parts) part.counts.fill(0);
  }

  /** Bytes of the per-synapse structures: CSR synapse list, per-neuron offsets, delay steps. */
  get byteLength(): number {
    return this.offsets.byteLength + this.synapses.byteLength + this.steps.byteLength + this.first.byteLength;
  }

  /** Bytes of the ring's event buffers (sized by the largest number of events seen per step). */
  get bufferByteLength(): number {
    let total = this.counts.byteLength;
    for (const b of this.bins) total += b.byteLength;
    for (const part of this.parts ?? []) for (const b of part.bins) total += b.byteLength;
    for (const b of this.srcBins) total += b.byteLength;
    return total;
  }

  /** Total number of pending events (this step's included). */
  get pending(): number {
    let total = 0;
    for (const c of this.counts) total += c;
    for (const part of this.parts ?? []) for (const c of part.counts) total += c;
    for (const c of this.srcEvents) total += c;
    return total;
  }

  /** A copy of the pending events and their dt, for `store()` (a partitioned queue is merged back first). */
  storeState(): SpikeQueueState {
    this.unpartition();
    this.completeAll();
    return { pending: this.pendingLists(), dt: this.dtValue };
  }

  /**
   * Replaces the pending events by a stored state. The stored dt is restored too, so the next
   * `prepare` re-bins the events if the run's dt differs (Brian2 keeps the current dt).
   */
  restoreState(state: SpikeQueueState): void {
    this.unpartition();
    this.srcCounts.fill(0);
    this.srcEvents.fill(0);
    const size = Math.max(state.pending.length, this.bins.length, 1);
    this.counts = new Int32Array(size);
    this.bins = Array.from({ length: size }, () => new Int32Array(0));
    this.offset = 0;
    state.pending.forEach((events, k) => {
      if (events.length > 0) this.append(k, events, 0, events.length);
    });
    this.dtValue = state.dt;
    this.sizeSourceLists();
  }
}

/**
 * Elements per call of the O(synapses) passes' loop functions below. A run's preparation calls
 * them once per run; as one loop over 5 M synapses in a function called once, that loop ran in
 * baseline or interpreted code for the first 3–4 runs of a process with OSR off (a sweep turns it
 * off: src/sweep/osr.ts), deoptimised at entry on the third; in chunks, the small function is
 * called hundreds of times per run and V8 optimises it within the first.
 */
export const PASS_CHUNK = 1 << 13;

/**
 * Counts the synapses `[lo, hi)` per source into `offsets[src + 1]`; returns the first one whose
 * source is outside `[0, nSources)` (after `sourceStart`), else −1 minus (while `sorted`: sources
 * so far non-decreasing) the number of them below the one before it, so below −1 when unsorted.
 * Nothing but the return after the loop (the caller compares): a comparison there, which the
 * interpreter never ran before V8 entered the loop's OSR code, deoptimised that code at every
 * later call (Node 20–24, Chromium: 152 deopts in Vogels_et_al_2011, 271 per playground example).
 */
function countSources(sources: ArrayLike<number>, sourceStart: number, nSources: number, offsets: Int32Array, lo: number, hi: number, sorted: boolean): number {
  let prev = sorted && lo > 0 ? sources[lo - 1]! - sourceStart : 0;
  let answer = -1;
  for (let s = lo; s < hi; s++) {
    const src = sources[s]! - sourceStart;
    if (!(src >= 0 && src < nSources) || !Number.isInteger(src)) return s;
    offsets[src + 1]!++;
    // Counted branch-free (a comparison per synapse); `prev` from an unsorted chunk is harmless.
    answer -= src < prev ? 1 : 0;
    prev = src;
  }
  return answer;
}

/**
 * {@link copySynapses} for the identity CSR: appends, from `buf[at]` on, the synapse indices
 * `offsets[x] … offsets[x + 1] − 1` of each source `x` of `spikes[start, stop)` (minus `sourceStart`).
 */
function copyIdentity(spikes: ArrayLike<number>, start: number, stop: number, sourceStart: number, offsets: Int32Array, buf: Int32Array, at: number): number {
  let c = at;
  for (let k = start; k < stop; k++) {
    const src = spikes[k]! - sourceStart;
    for (let s = offsets[src]!, end = offsets[src + 1]!; s < end; s++) buf[c++] = s;
  }
  return c;
}

/** {@link firstOfConsecutive} for the identity CSR: each source's first position, or −1 if it has no synapses. */
function firstOfIdentity(offsets: Int32Array): Int32Array {
  const out = new Int32Array(Math.max(1, offsets.length - 1));
  for (let src = 0; src + 1 < offsets.length; src++) out[src] = offsets[src + 1]! > offsets[src]! ? offsets[src]! : -1;
  return out;
}

/** The counting sort's placement of synapses `[lo, hi)`: each at its source's next free position. */
function scatterBySource(sources: ArrayLike<number>, sourceStart: number, fill: Int32Array, synapses: Int32Array, lo: number, hi: number): void {
  for (let s = lo; s < hi; s++) synapses[fill[sources[s]! - sourceStart]!++] = s;
}

/** Per source, its first synapse when its synapses `synapses[offsets[x], offsets[x + 1])` are consecutive indices, else −1. */
function firstOfConsecutive(offsets: Int32Array, synapses: Int32Array, out: Int32Array = new Int32Array(Math.max(1, offsets.length - 1))): Int32Array {
  for (let src = 0; src + 1 < offsets.length; src++) {
    const a = offsets[src]!;
    const b = offsets[src + 1]!;
    out[src] = b > a && synapses[b - 1]! - synapses[a]! === b - 1 - a ? synapses[a]! : -1;
  }
  return out;
}

/** Ensures part `part`'s list at ring position `bin` can take `extra` more events (shared memory, geometric growth). */
function reserveIn(bins: Int32Array[], counts: Int32Array, bin: number, extra: number, shared: boolean): Int32Array {
  const buf = bins[bin]!;
  const need = counts[bin]! + extra;
  if (need <= buf.length) return buf;
  const length = Math.max(MIN_CAPACITY, need, 2 * buf.length);
  const grown = shared ? new Int32Array(sharedBuffer(4 * length)) : new Int32Array(length);
  grown.set(buf.subarray(0, counts[bin]!));
  bins[bin] = grown;
  return grown;
}

/**
 * Whether the keys of each source's synapses, in CSR order, never decrease (see
 * SpikeQueue.partition): the key of CSR position `k` is `keys[synapse]` (or the synapse itself),
 * the synapse being `k` (identity CSR) or `synapses[k]`.
 */
function keysSortedPerSource(keys: ArrayLike<number> | undefined, offsets: Int32Array, synapses: Int32Array, identity: boolean, nSources: number): boolean {
  for (let src = 0; src < nSources; src++) {
    let previous = -Infinity;
    for (let k = offsets[src]!, end = offsets[src + 1]!; k < end; k++) {
      const syn = identity ? k : synapses[k]!;
      const key = keys === undefined ? syn : keys[syn]!;
      if (key < previous) return false;
      previous = key;
    }
  }
  return true;
}

/**
 * Per source, the length of each part's run of its CSR segment (keys sorted per source, see
 * {@link keysSortedPerSource}) into `partOffsets[p][src + 1]`: part `p` takes the keys in
 * `[bounds[p], bounds[p + 1])`, the first part everything below `bounds[1]`, the last everything
 * from `bounds[P - 1]` (what SpikeQueue.partition's one-by-one assignment gives).
 */
function countRuns(keys: ArrayLike<number> | undefined, offsets: Int32Array, synapses: Int32Array, identity: boolean, nSources: number, bounds: Int32Array, partOffsets: Int32Array[]): void {
  const P = partOffsets.length;
  for (let src = 0; src < nSources; src++) {
    let a = offsets[src]!;
    const end = offsets[src + 1]!;
    for (let p = 0; p < P - 1; p++) {
      const x = bounds[p + 1]!;
      let lo = a;
      let hi = end;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const syn = identity ? mid : synapses[mid]!;
        if ((keys === undefined ? syn : keys[syn]!) < x) lo = mid + 1;
        else hi = mid;
      }
      partOffsets[p]![src + 1] = lo - a;
      a = lo;
    }
    partOffsets[P - 1]![src + 1] = end - a;
  }
  return;
}

/** Copies each source's runs (see {@link countRuns}) into the parts' CSR lists, in order (the parts' offsets summed). */
function copyRuns(offsets: Int32Array, synapses: Int32Array, identity: boolean, nSources: number, parts: readonly { readonly offsets: Int32Array; readonly synapses: Int32Array }[]): void {
  for (let src = 0; src < nSources; src++) {
    let k = offsets[src]!;
    for (const part of parts) {
      const out = part.synapses;
      for (let at = part.offsets[src]!, stop = part.offsets[src + 1]!; at < stop; at++, k++) out[at] = identity ? k : synapses[k]!;
    }
  }
  return;
}

/** The part of a key: part `p` takes `[bounds[p], bounds[p + 1])`, the first everything below, the last everything above. */
function partOfKey(key: number, bounds: Int32Array): number {
  const P = bounds.length - 1;
  let p = 0;
  while (p < P - 1 && key >= bounds[p + 1]!) p++;
  return p;
}

/** First position in `a[0, count)` (ascending) whose value is ≥ `x`. */
function lowerBound(a: ArrayLike<number>, count: number, x: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
