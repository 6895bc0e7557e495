// Firing patterns of the adaptive exponential integrate-and-fire model (eight parameter sets).
// Brian2 original: examples/frompapers/Naud_et_al_2008_adex_firing_patterns.py
//
// Naud R et al. (2008): Firing patterns in the adaptive exponential integrate-and-fire model.
// Biol Cybern. 2008; 99(4): 335–347. doi:10.1007/s00422-008-0264-7. Parameters adapted by
// P. Müller to match figures. One figure per pattern: V and w against time and the V–w
// trajectory (Brian2 stacks V and w on the left of a panel spanning both rows; here the three
// panels stand side by side).
import { startScope, NeuronGroup, StateMonitor, run, defaultclock, pF, nS, mV, ms, pA, nA, amp, second, figure } from 'brian-ts';
import type { Axes, Quantity } from 'brian-ts';
import { scaled } from '../_duration.ts';

/** Simulates with `parameters` and plots to the axes; returns the monitor (for the smoke test). */
function sim(ax_vm: Axes, ax_w: Axes, ax_vm_w: Axes, parameters: Record<string, Quantity>): StateMonitor<'vm' | 'w'> {
  startScope();
  // taken from Touboul_Brette_2008
  const eqs = `
    dvm/dt = (g_l*(e_l - vm) + g_l*d_t*exp((vm-v_t)/d_t) + i_stim - w)/c_m : volt
    dw/dt  = (a*(vm - e_l) - w)/tau_w : amp
    `;

  const neuron = new NeuronGroup(1, eqs, {
    threshold: 'vm > 0*mV',
    reset: 'vm = v_r; w += b',
    method: 'euler',
    namespace: parameters,
  });

  neuron.vm = parameters['e_l']!;
  neuron.w = amp(0); // Brian2 accepts a plain 0 here; brian-ts asks for the unit

  const states = new StateMonitor(neuron, ['vm', 'w'], { record: true, when: 'thresholds' });

  defaultclock.dt = ms(0.1);
  run(scaled(second(0.6)));

  // clip membrane voltages to threshold (0 mV)
  const vms = states.vm[0].in(mV).map((v: number) => Math.min(v, 0));
  const w = states.w[0].in(nA);

  ax_vm.plot(states.t.in(ms), vms);
  ax_w.plot(states.t.in(ms), w);
  ax_vm_w.plot(vms, w);

  ax_vm.xlabel('t [ms]');
  ax_vm.ylabel('V [mV]');

  ax_w.xlabel('t [ms]');
  ax_w.ylabel('w [nA]');

  ax_vm_w.xlabel('V [mV]');
  ax_vm_w.ylabel('w [nA]');
  return states;
}

const patterns: Record<string, Record<string, Quantity>> = {
  'tonic spiking': {
    c_m: pF(200), g_l: nS(10), e_l: mV(-70.0), v_t: mV(-50.0), d_t: mV(2.0),
    a: nS(2.0), tau_w: ms(30.0), b: pA(0.0), v_r: mV(-58.0), i_stim: pA(500),
  },
  adaptation: {
    c_m: pF(200), g_l: nS(12), e_l: mV(-70.0), v_t: mV(-50.0), d_t: mV(2.0),
    a: nS(2.0), tau_w: ms(300.0), b: pA(60.0), v_r: mV(-58.0), i_stim: pA(500),
  },
  'initial burst': {
    c_m: pF(130), g_l: nS(18), e_l: mV(-58.0), v_t: mV(-50.0), d_t: mV(2.0),
    a: nS(4.0), tau_w: ms(150.0), b: pA(120.0), v_r: mV(-50.0), i_stim: pA(400),
  },
  'regular bursting': {
    c_m: pF(200), g_l: nS(10), e_l: mV(-58.0), v_t: mV(-50.0), d_t: mV(2.0),
    a: nS(2.0), tau_w: ms(120.0), b: pA(100.0), v_r: mV(-46.0), i_stim: pA(210),
  },
  'delayed accelerating': {
    c_m: pF(200), g_l: nS(12), e_l: mV(-70.0), v_t: mV(-50.0), d_t: mV(2.0),
    a: nS(-10.0), tau_w: ms(300.0), b: pA(0.0), v_r: mV(-58.0), i_stim: pA(300),
  },
  'delayed regular bursting': {
    c_m: pF(100), g_l: nS(10), e_l: mV(-65.0), v_t: mV(-50.0), d_t: mV(2.0),
    a: nS(-10.0), tau_w: ms(90.0), b: pA(30.0), v_r: mV(-47.0), i_stim: pA(110),
  },
  'transient spiking': {
    c_m: pF(100), g_l: nS(10), e_l: mV(-65.0), v_t: mV(-50.0), d_t: mV(2.0),
    a: nS(10.0), tau_w: ms(90.0), b: pA(100.0), v_r: mV(-47.0), i_stim: pA(180),
  },
  'irregular spiking': {
    c_m: pF(100), g_l: nS(12), e_l: mV(-60.0), v_t: mV(-50.0), d_t: mV(2.0),
    a: nS(-11.0), tau_w: ms(130.0), b: pA(30.0), v_r: mV(-48.0), i_stim: pA(160),
  },
};

/** Each pattern's StateMonitor, in order (tests compare them with Brian2). */
export const monitors: StateMonitor<'vm' | 'w'>[] = [];

// loop over all patterns and plot
for (const [pattern, parameters] of Object.entries(patterns)) {
  const fig = figure({ width: 1500, height: 450, cols: 3 });
  const ax_vm = fig.subplot(0, 0);
  const ax_w = fig.subplot(0, 1);
  const ax_vm_w = fig.subplot(0, 2);
  ax_vm.title(pattern);
  monitors.push(sim(ax_vm, ax_w, ax_vm_w, parameters));
  await fig.save(`Naud_et_al_2008_adex_firing_patterns_${pattern.replaceAll(' ', '_')}.png`);
}
