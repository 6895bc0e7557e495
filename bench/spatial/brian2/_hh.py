"""The Hodgkin-Huxley cable model of bench/spatial/model.ts (Brian2's
examples/compartmental/hh_with_spikes.py), shared by the spatial benchmark scripts."""
from brian2 import *  # noqa: F401,F403

El = 10.613*mV
ENa = 115*mV
EK = -12*mV
gl = 0.3*msiemens/cm**2
gNa0 = 120*msiemens/cm**2
gK = 36*msiemens/cm**2
eqs = '''
Im = gl * (El-v) + gNa * m**3 * h * (ENa-v) + gK * n**4 * (EK-v) : amp/meter**2
I : amp (point current)
dm/dt = alpham * (1-m) - betam * m : 1
dn/dt = alphan * (1-n) - betan * n : 1
dh/dt = alphah * (1-h) - betah * h : 1
alpham = (0.1/mV) * 10*mV/exprel((-v+25*mV)/(10*mV))/ms : Hz
betam = 4 * exp(-v/(18*mV))/ms : Hz
alphah = 0.07 * exp(-v/(20*mV))/ms : Hz
betah = 1/(exp((-v+30*mV) / (10*mV)) + 1)/ms : Hz
alphan = (0.01/mV) * 10*mV/exprel((-v+10*mV)/(10*mV))/ms : Hz
betan = 0.125*exp(-v/(80*mV))/ms : Hz
gNa : siemens/meter**2
'''


def make_neuron(morpho, I_inject):
    neuron = SpatialNeuron(morphology=morpho, model=eqs, method='exponential_euler',
                           refractory='m > 0.4', threshold='m > 0.5',
                           Cm=1*uF/cm**2, Ri=35.4*ohm*cm,
                           namespace=dict(El=El, ENa=ENa, EK=EK, gl=gl, gK=gK))
    neuron.v = 0*mV
    neuron.h = 1
    neuron.m = 0
    neuron.n = .5
    neuron.I = 0*amp
    neuron.gNa = gNa0
    neuron.I[0] = I_inject
    return neuron
