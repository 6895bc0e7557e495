/**
 * `seed(n)` and the random-state hook. The generators live in src/devices; the runtime device's
 * shared state is installed by default, and `setRandomStateProvider` swaps it (for another
 * device). A seed given while no provider is installed is applied on installation.
 */
import { defaultRandomState } from '../devices/index.ts';
import { NetworkError } from './errors.ts';
import { showValue } from '../util/index.ts';

/** What core needs from the random number generators. */
export interface RandomStateProvider {
  /** Reseeds every generator; `undefined` reseeds unpredictably (Brian2's `seed()`). */
  seed(n: number | undefined): void;
  /** A snapshot of the generator state (copied). */
  getState(): unknown;
  /** Restores a snapshot from `getState`. */
  setState(state: unknown): void;
}

let provider: RandomStateProvider | undefined = defaultRandomState;
let pendingSeed: { n: number | undefined } | undefined;

/** Installs the generators' state provider (called by the devices layer). Applies a pending seed. */
export function setRandomStateProvider(p: RandomStateProvider | undefined): void {
  provider = p;
  if (p !== undefined && pendingSeed !== undefined) {
    p.seed(pendingSeed.n);
    pendingSeed = undefined;
  }
}

/** The installed provider, if any. */
export function getRandomStateProvider(): RandomStateProvider | undefined {
  return provider;
}

/**
 * Seeds every random draw (`rand()`, `randn()`, `poisson()`, random initialisation) so runs are
 * reproducible within brian-ts. `seed()` reseeds unpredictably. Brian2 draws differ: only
 * brian-ts's own streams are reproducible.
 */
export function seed(n?: number): void {
  if (n !== undefined && (!Number.isSafeInteger(n) || n < 0)) {
    throw new NetworkError(`seed() needs a non-negative integer, got ${showValue(n)}.`);
  }
  if (provider === undefined) pendingSeed = { n };
  else provider.seed(n);
}

/** The generators' state (for `Network.store`), or `undefined` when no generators are installed. */
export function getRandomState(): unknown {
  return provider?.getState();
}

/** Restores the generators' state from `getRandomState`. */
export function setRandomState(state: unknown): void {
  if (state !== undefined) provider?.setState(state);
}
