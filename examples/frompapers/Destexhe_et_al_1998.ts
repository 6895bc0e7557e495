// Dendritic low-threshold calcium currents in a thalamic relay cell: the simplified
// three-compartment model of Fig. 12.
// Brian2 original: examples/frompapers/Destexhe_et_al_1998.py
//
// Destexhe A, Neubig M, Ulrich D, Huguenard J (1998). Dendritic Low-Threshold Calcium Currents in
// Thalamic Relay Cells. J Neurosci 18(10): 3574-3588 (NEURON code on ModelDB, model 279).
// As in Brian2's example: the fast submembranal Ca++ mechanism is left out (it does not change
// these results); the I_T time constants use 34 °C; for Fig. 12C g_L is 0.15 mS/cm² everywhere;
// values from the NEURON code where they differ from the paper.
import {
  startScope,
  defaultclock, Equations, Cylinder, SpatialNeuron, StateMonitor, store, restore, run, linspace,
  zero_celsius, faraday_constant as F, gas_constant as R,
  ms, mV, pA, nM, mM, um, uF, cm, cm2, ohm, second, msiemens, kelvin, figure,
} from 'brian-ts';
import type { Quantity } from 'brian-ts';
import { durationScale } from '../_duration.ts';

startScope();

defaultclock.dt = ms(0.01);

const VT = mV(-52);
const El = mV(-76.5); // from code, text says: -69.85*mV
const E_Na = mV(50);
const E_K = mV(-100);
const C_d = 7.954; // dendritic correction factor

const T = kelvin(34).plus(zero_celsius); // 34 degC (current-clamp experiments)
const tadj_HH = 3.0 ** ((34 - 36) / 10.0); // temperature adjustment for Na & K (original recordings at 36 degC)
const tadj_m_T = 2.5 ** ((34 - 24) / 10.0);
const tadj_h_T = 2.5 ** ((34 - 24) / 10.0);

const gamma = F.div(R.times(T)); // R=gas constant, F=Faraday constant
const Z_Ca = 2; // Valence of Calcium ions
const Ca_i = nM(240); // intracellular Calcium concentration
const Ca_o = mM(2); // extracellular Calcium concentration

const eqs = new Equations(`
Im = gl*(El-v) - I_Na - I_K - I_T: amp/meter**2
I_inj : amp (point current)
gl : siemens/meter**2

# HH-type currents for spike initiation
g_Na : siemens/meter**2
g_K : siemens/meter**2
I_Na = g_Na * m**3 * h * (v-E_Na) : amp/meter**2
I_K = g_K * n**4 * (v-E_K) : amp/meter**2
v2 = v - VT : volt  # shifted membrane potential (Traub convention)
dm/dt = (0.32*(mV**-1)*(13.*mV-v2)/
        (exp((13.*mV-v2)/(4.*mV))-1.)*(1-m)-0.28*(mV**-1)*(v2-40.*mV)/
        (exp((v2-40.*mV)/(5.*mV))-1.)*m) / ms * tadj_HH: 1
dn/dt = (0.032*(mV**-1)*(15.*mV-v2)/
        (exp((15.*mV-v2)/(5.*mV))-1.)*(1.-n)-.5*exp((10.*mV-v2)/(40.*mV))*n) / ms * tadj_HH: 1
dh/dt = (0.128*exp((17.*mV-v2)/(18.*mV))*(1.-h)-4./(1+exp((40.*mV-v2)/(5.*mV)))*h) / ms * tadj_HH: 1

# Low-threshold Calcium current (I_T)  -- nonlinear function of voltage
I_T = P_Ca * m_T**2*h_T * G_Ca : amp/meter**2
P_Ca : meter/second  # maximum Permeability to Calcium
G_Ca = Z_Ca**2*F*v*gamma*(Ca_i - Ca_o*exp(-Z_Ca*gamma*v))/(1 - exp(-Z_Ca*gamma*v)) : coulomb/meter**3
dm_T/dt = -(m_T - m_T_inf)/tau_m_T : 1
dh_T/dt = -(h_T - h_T_inf)/tau_h_T : 1
m_T_inf = 1/(1 + exp(-(v/mV + 56)/6.2)) : 1
h_T_inf = 1/(1 + exp((v/mV + 80)/4)) : 1
tau_m_T = (0.612 + 1.0/(exp(-(v/mV + 131)/16.7) + exp((v/mV + 15.8)/18.2))) * ms / tadj_m_T: second
tau_h_T = (int(v<-81*mV) * exp((v/mV + 466)/66.6) +
           int(v>=-81*mV) * (28 + exp(-(v/mV + 21)/10.5))) * ms / tadj_h_T: second
`);

// Simplified three-compartment morphology
const morpho = new Cylinder({ x: um([0, 38.42]), diameter: um(26) });
morpho.setChild('dend', new Cylinder({ x: um([0, 12.49]), diameter: um(10.28) }));
morpho.child('dend').setChild('distal', new Cylinder({ x: um([0, 84.67]), diameter: um(8.5) }));
const neuron = new SpatialNeuron(morpho, eqs, {
  Cm: uF(0.88).div(cm2(1)),
  Ri: ohm(173).times(cm(1)),
  method: 'exponential_euler',
  namespace: { VT, El, E_Na, E_K, tadj_HH, tadj_m_T, tadj_h_T, gamma, Z_Ca, Ca_i, Ca_o, F },
});

neuron.v = mV(-74);
// Only the soma has Na/K channels
neuron.main.g_Na = msiemens(100).div(cm2(1));
neuron.main.g_K = msiemens(100).div(cm2(1));
// Apply the correction factor to the dendrites
const dend = neuron.child('dend');
dend.Cm = dend.Cm.times(C_d);
neuron.m_T = 'm_T_inf';
neuron.h_T = 'h_T_inf';

const mon = new StateMonitor(neuron, ['v'], { record: true });

store('initial state');

const mS_cm2 = (x: number): Quantity => msiemens(x).div(cm2(1));
const cm_s = (x: number): Quantity => cm(x).div(second(1));

interface Experiment {
  somaticDensity: Quantity;
  dendriticDensity: Quantity;
  dendriticConductance?: Quantity;
  HH_currents?: boolean;
}

/** The somatic voltage (in mV) for each injected current (in pA), each from the same state at 180 ms. */
function doExperiment(currents: ArrayLike<number>, e: Experiment): Float64Array[] {
  restore('initial state');
  const voltages: Float64Array[] = [];
  neuron.P_Ca = e.somaticDensity;
  neuron.child('dend').child('distal').P_Ca = e.dendriticDensity.times(C_d);
  // dendritic conductance (shunting conductance used for Fig 12C)
  const gl = e.dendriticConductance ?? mS_cm2(0.0379);
  neuron.gl = gl;
  neuron.child('dend').gl = gl.times(C_d);
  if (e.HH_currents === false) {
    // Shut off spiking (for Figures 12B and 12C)
    neuron.g_Na = mS_cm2(0);
    neuron.g_K = mS_cm2(0);
  }
  run(ms(180));
  store('before current');
  for (const current of Array.from(currents)) {
    restore('before current');
    neuron.main.I_inj = pA(current);
    run(ms(320));
    voltages.push(mon.v.get(0).in(mV)); // somatic voltage
  }
  return voltages;
}

/** The maximum of each trace. */
const maxima = (traces: Float64Array[]): number[] => traces.map((v) => v.reduce((a, b) => Math.max(a, b), -Infinity));

// Figure 12B and C scan 41 currents each; a shortened run (BRIAN_TS_DURATION_SCALE < 1) scans 3
// (the protocol's durations are part of the model and stay as they are).
const nCurrents = durationScale < 1 ? 3 : 41;

// Run the various variants of the model to reproduce Figure 12
console.log('Running experiments for Figure A1');
const A1 = doExperiment([50, 75], { somaticDensity: cm_s(1.7e-5), dendriticDensity: cm_s(1.7e-5) });
console.log('Running experiments for Figure A2');
const A2 = doExperiment([50, 75], { somaticDensity: cm_s(1.7e-5), dendriticDensity: cm_s(9.5e-5) });
console.log('Running experiments for Figure B');
const currentsB = linspace(0, 200, nCurrents);
const B = {
  somatic: maxima(doExperiment(currentsB, { somaticDensity: cm_s(56.36e-5), dendriticDensity: cm_s(0), HH_currents: false })),
  somaticDendritic: maxima(doExperiment(currentsB, { somaticDensity: cm_s(1.7e-5), dendriticDensity: cm_s(9.5e-5), HH_currents: false })),
};
console.log('Running experiments for Figure C');
const currentsC = linspace(200, 400, nCurrents);
const shunt = mS_cm2(0.15);
const C = {
  somatic: maxima(doExperiment(currentsC, { somaticDensity: cm_s(56.36e-5), dendriticDensity: cm_s(0), dendriticConductance: shunt, HH_currents: false })),
  somaticDendritic: maxima(doExperiment(currentsC, { somaticDensity: cm_s(1.7e-5), dendriticDensity: cm_s(9.5e-5), dendriticConductance: shunt, HH_currents: false })),
};

/** The results, for the test: the somatic traces of A1 and A2, and the peaks of B and C. */
export const results = { A1, A2, currentsB, B, currentsC, C };

const fig = figure({ rows: 2, cols: 2 });
const cutOff = 100; // ms: do not display the first part of the simulation
const t = Array.from(mon.t.in(ms), (x) => x - cutOff);
for (const [row, traces, title] of [[0, A1, 'A1: Uniform T-current density'], [1, A2, 'A2: High T-current density in dendrites']] as const) {
  const ax = fig.subplot(row, 0);
  ax.plot(t, traces[0]!, { color: 'gray' });
  ax.plot(t, traces[1]!, { color: 'black' });
  ax.xlim(0, 400).ylim(-80, 40).title(title).ylabel('Voltage (mV)');
  if (row === 1) ax.xlabel('Time (ms)');
}
for (const [row, currents, peaks] of [[0, currentsB, B], [1, currentsC, C]] as const) {
  const ax = fig.subplot(row, 1);
  ax.plot(currents, peaks.somatic, 'o-', { color: 'black', markerSize: 3, label: 'Somatic only' });
  ax.plot(currents, peaks.somaticDendritic, 's-', { color: 'black', markerSize: 3, label: 'Somatic & dendritic' });
  ax.xlabel('Injected current (pA)').ylabel('Peak LTS (mV)').ylim(-80, 0);
  ax.legend({ loc: 'best' });
}
await fig.save('Destexhe_et_al_1998.png');
