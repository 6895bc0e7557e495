"""Brian2 2.5.1 golden data for active cables: Brian2's compartmental example hh_with_spikes
(Hodgkin-Huxley axon, shortened: 3 cm, 150 compartments, 15 ms), numpy target. Spike times per
compartment, voltage traces at a few compartments, and the propagation velocity.
Usage: /usr/bin/python3 compartmental.py OUTPUT.json
"""
from _sim import write, floats
from brian2 import *  # noqa: E402,F401,F403
from scipy import stats

prefs.codegen.target = 'numpy'
defaultclock.dt = 0.01*ms
morpho = Cylinder(length=3*cm, diameter=2*238*um, n=150, type='axon')
NS = dict(El=10.613*mV, ENa=115*mV, EK=-12*mV, gl=0.3*msiemens/cm**2, gK=36*msiemens/cm**2)
EQS = '''
Im = gl * (El-v) + gNa * m**3 * h * (ENa-v) + gK * n**4 * (EK-v) : amp/meter**2
I : amp (point current) # applied current
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
neuron = SpatialNeuron(morphology=morpho, model=EQS, method='exponential_euler',
                       refractory='m > 0.4', threshold='m > 0.5',
                       Cm=1*uF/cm**2, Ri=35.4*ohm*cm, namespace=NS)
neuron.v = 0*mV
neuron.h = 1
neuron.m = 0
neuron.n = .5
neuron.I = 0*amp
neuron.gNa = 120*msiemens/cm**2
RECORD = [0, 50, 100, 149]
M = StateMonitor(neuron, 'v', record=RECORD, dt=0.1*ms)
spikes = SpikeMonitor(neuron)
run(5*ms)
neuron.I[0] = 1*uA
run(3*ms)
neuron.I = 0*amp
run(7*ms)
slope = stats.linregress(spikes.t/second, neuron.distance[spikes.i]/meter)[0]
write(dict(hh_with_spikes=dict(
    spike_i=[int(i) for i in spikes.i], spike_t=floats(spikes.t/second), velocity=float(slope),
    record=RECORD, t=floats(M.t/second), v=[floats(M.v[k]/volt) for k in range(len(RECORD))],
    distance=floats(neuron.distance/meter))))
