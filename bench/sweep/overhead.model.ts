// A model that simulates nothing (overhead.bench.ts): the same imports and result shape as
// ./brunel-hakim.model.ts (a rate, a spike count, a 1000-sample `lfp` array), so a sweep of it
// costs only the sweep machinery: worker start-up, messages, the output folder.
import { Hz, mV } from 'brian-ts';
import type { Quantity } from 'brian-ts';

export const parameters = { muext: mV(25), sigmaext: mV(1) };

export function model(p: { muext: Quantity; sigmaext: Quantity }) {
  const lfp = new Float64Array(1000).fill(p.muext.value + p.sigmaext.value);
  return { rate: Hz(1), spikes: 0, lfp: Hz(lfp) };
}
