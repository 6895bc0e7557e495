// The improved numerical accuracy of `exprel` in rate equations.
// Brian2 original: examples/advanced/exprel_function.py
//
// Rate equations for channel opening/closing rates often contain x/(exp(x) - 1), which is not
// defined at x = 0 (where it should be 1) and loses accuracy near it. Brian's `exprel(x)` is
// (exp(x) - 1)/x with full accuracy and the right value at 0. Here an opening rate of the HH
// model is evaluated both ways around the problematic point.
import { startScope, NeuronGroup, linspace, mV, nvolt, Hz, figure } from 'brian-ts';

startScope();
// Dummy group to evaluate the rate equation at various points
const eqs = `v : volt
         # opening rate from the HH model
         alpha_simple = 0.32*(mV**-1)*(-50*mV-v)/
                        (exp((-50*mV-v)/(4*mV))-1.)/ms : Hz
         alpha_improved = 0.32*(mV**-1)*4*mV/exprel((-50*mV-v)/(4*mV))/ms : Hz`;
const neuron = new NeuronGroup(1000, eqs);

// Use voltage values around the problematic point
neuron.v = mV(linspace(-50 - 0.5e-6, -50 + 0.5e-6, neuron.N));

const fig = figure();
const x = neuron.v.plus(mV(50)).in(nvolt);
fig.plot(x, neuron.alpha_simple.in(Hz), '.', { label: 'α simple' });
fig.plot(x, neuron.alpha_improved.in(Hz), 'k', { label: 'α improved' });
fig.legend();
fig.xlabel('v relative to -50mV (nV)').ylabel('α (Hz)');
fig.ticklabelFormat({ useOffset: false });
await fig.save('exprel_function.png');
