/**
 * A small model in the shape of Graupner & Brunel 2012 (Brian2's example): two groups, STDP-like
 * synapses with a noisy clock-driven variable (`xi`, heun), plus a noisy group initialised with
 * `rand()` and driven by a PoissonInput — so every kind of random stream takes part. Used by the
 * rebuild tests in this process and in a fresh child process (rebuild-child.ts).
 */
import { NeuronGroup, PoissonInput, QuantityArray, SpikeMonitor, Synapses, Hz, ms, run, second, seed, startScope } from 'brian-ts';

export interface ShapeResult {
  rho: number[];
  v: number[];
  spikes: number;
}

/** One repetition: `startScope(); seed(s)`, build, run 60 ms, return the final state. */
export function graupnerBrunelShape(s: number, n = 8): ShapeResult {
  startScope();
  seed(s);
  const G = new NeuronGroup(1, '', { threshold: 't > 10*ms', refractory: second(1) });
  const H = new NeuronGroup(n, 'tspike : second', { threshold: 't > tspike', refractory: second(1) });
  H.tspike = ms(5);
  const S = new Synapses(
    G,
    H,
    `tau : second (constant, shared)
     drho/dt = (-rho*(1-rho)*(0.5-rho) + 321.808*(1-rho)*int((c - 1.3) > 0) - 200*rho*int((c - 1) > 0)
                + 2.8284*sqrt(tau)*sqrt(int((c - 1) > 0) + int((c - 1.3) > 0))*xi) / tau : 1 (clock-driven)
     dc/dt = -c/(20*ms) : 1 (clock-driven)`,
    { onPre: 'c += 1', onPost: 'c += 2', delay: ms(1.7), method: 'heun' },
  );
  S.connect();
  S.tau = ms(150);
  S.rho = 'rand()';
  const K = new NeuronGroup(n, 'dv/dt = -v/(10*ms) + 0.1*xi/sqrt(ms) : 1', { threshold: 'v > 1', reset: 'v = 0', method: 'euler' });
  K.v = 'rand()';
  new PoissonInput(K, 'v', 50, Hz(100), 0.05);
  const M = new SpikeMonitor(K);
  run(ms(60));
  return { rho: Array.from((S.rho as QuantityArray).values), v: Array.from((K.v as QuantityArray).values), spikes: M.numSpikes };
}
