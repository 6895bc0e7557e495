// Dynamic synapses (Tsodyks, Pawelzik & Markram 1998, Fig. 1): depressing and facilitating responses.
// Brian2 original: examples/frompapers/Tsodyks_Pawelzik_Markram_1998.py
//
// M. Tsodyks, K. Pawelzik, H. Markram. Neural Networks with Dynamic Synapses. Neural Computation
// 10, 821–835 (1998). https://doi.org/10.1162/089976698300017502
//
// Each panel is its own Network starting at t = 0 (Brian2's magic network restarts at 0 when all
// its objects are new). A shortened run (BRIAN_TS_DURATION_SCALE) shortens the whole protocol:
// stimulus start and stop, run duration and x range.
import { startScope, NeuronGroup, Synapses, SpikeGeneratorGroup, StateMonitor, Network, ms, mV, pA, Mohm, Gohm, Hz, figure } from 'brian-ts';
import type { Quantity } from 'brian-ts';
import { durationScale, scaled } from '../_duration.ts';

startScope();

/** The neuron: tau_mem membrane time constant, R_in input resistance. */
function getNeuron(p: { tau_mem: Quantity; R_in: Quantity }): NeuronGroup {
  const neuron = new NeuronGroup(1, `
tau_mem : second
I_syn : ampere
R_in : ohm
dv/dt = -v/tau_mem + (R_in*I_syn)/tau_mem : volt
`, { method: 'exact' });
  neuron.tau_mem = p.tau_mem;
  neuron.R_in = p.R_in;
  return neuron;
}

interface SynapseParameters {
  tau_inact: Quantity; // inactivation time constant
  A_SE: Quantity; // absolute synaptic strength
  U_SE: number; // utilization of synaptic efficacy
  tau_rec: Quantity; // recovery time constant
  tau_facil?: Quantity; // facilitation time constant (optional)
}

function getSynapses(stimulus: SpikeGeneratorGroup, neuron: NeuronGroup, p: SynapseParameters): Synapses {
  let synapsesEqs = `
dx/dt =  z/tau_rec   : 1 (clock-driven) # recovered
dy/dt = -y/tau_inact : 1 (clock-driven) # active
A_SE : ampere
U_SE : 1
tau_inact : second
tau_rec : second
z = 1 - x - y : 1 # inactive
I_syn_post = A_SE*y : ampere (summed)
`;
  let synapsesAction: string;
  if (p.tau_facil !== undefined) {
    synapsesEqs += `
du/dt = -u/tau_facil : 1 (clock-driven)
tau_facil : second
`;
    synapsesAction = `
u += U_SE*(1-u)
y += u*x # important: update y first
x += -u*x
`;
  } else {
    synapsesAction = `
y += U_SE*x # important: update y first
x += -U_SE*x
`;
  }
  const synapses = new Synapses(stimulus, neuron, synapsesEqs, { onPre: synapsesAction, method: 'exponential_euler' });
  synapses.connect();
  // start fully recovered
  synapses.x = 1;
  synapses.tau_inact = p.tau_inact;
  synapses.A_SE = p.A_SE;
  synapses.U_SE = p.U_SE;
  synapses.tau_rec = p.tau_rec;
  if (p.tau_facil !== undefined) synapses.tau_facil = p.tau_facil;
  return synapses;
}

/** A regular spike train from start (inclusive) to stop (exclusive), as numpy's arange. */
function getStimulus(p: { start: Quantity; stop: Quantity; frequency: Quantity }): SpikeGeneratorGroup {
  const start = p.start.in(ms);
  const stop = p.stop.in(ms);
  const step = (1 / p.frequency.in(Hz)) * 1e3;
  const n = Math.max(Math.ceil((stop - start) / step), 0);
  const times = Array.from({ length: n }, (_, k) => start + k * step);
  return new SpikeGeneratorGroup(1, new Array<number>(n).fill(0), ms(times));
}

const parameters = {
  A: {
    neuron: { tau_mem: ms(40), R_in: Mohm(100) },
    synapse: { tau_inact: ms(3), A_SE: pA(250), tau_rec: ms(800), U_SE: 0.6 }, // 0.5 from publication does not match plot
    stimulus: { start: ms(100), stop: ms(1100), frequency: Hz(20) },
    simulation: { duration: ms(1200) },
    plot: { title: 'A) D - 20 Hz', ylim: [0, 1], xlim: [0, 1200] },
  },
  B: {
    neuron: { tau_mem: ms(60), R_in: Gohm(1) },
    synapse: { tau_inact: ms(1.5), A_SE: pA(1540), tau_rec: ms(130), U_SE: 0.03, tau_facil: ms(530) },
    stimulus: { start: ms(100), stop: ms(1100), frequency: Hz(20) },
    simulation: { duration: ms(1200) },
    plot: { title: 'B) F - 20 Hz', ylim: [0, 14.9], xlim: [0, 1200] },
  },
  C: {
    neuron: { tau_mem: ms(60), R_in: Gohm(1) },
    synapse: { tau_inact: ms(1.5), A_SE: pA(1540), tau_rec: ms(130), U_SE: 0.03, tau_facil: ms(530) },
    stimulus: { start: ms(100), stop: ms(375), frequency: Hz(70) },
    simulation: { duration: ms(500) },
    plot: { title: 'C) F - 70 Hz', ylim: [0, 20], xlim: [0, 500] },
  },
};

const fig = figure({ rows: 3, height: 720 });
Object.values(parameters).forEach((p, row) => {
  const neuron = getNeuron(p.neuron);
  const stimulus = getStimulus({ start: scaled(p.stimulus.start), stop: scaled(p.stimulus.stop), frequency: p.stimulus.frequency });
  const synapses = getSynapses(stimulus, neuron, p.synapse);
  const stateMonitorNeuron = new StateMonitor(neuron, 'v', { record: true });

  new Network(neuron, stimulus, synapses, stateMonitorNeuron).run(scaled(p.simulation.duration));

  const ax = fig.subplot(row, 0);
  ax.plot(stateMonitorNeuron.t.in(ms), stateMonitorNeuron.at(0).v.in(mV), { label: p.plot.title });
  ax.xlim(p.plot.xlim[0]! * durationScale, p.plot.xlim[1]! * durationScale);
  ax.ylim(p.plot.ylim[0], p.plot.ylim[1]);
  ax.ylabel('mV');
  ax.xlabel('Time (ms)');
  ax.legend();
});
await fig.save('Tsodyks_Pawelzik_Markram_1998.png');
