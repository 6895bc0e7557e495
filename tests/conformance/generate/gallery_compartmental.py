"""Brian2 2.5.1 data for the ports of Brian2's compartmental examples (examples/compartmental/):
infinite_cable, rall, spike_initiation, bipolar_cell and morphotest at full length, and
hh_with_spikes shortened (numpy needs ~25 ms per step for its 1000 HH compartments, 4 minutes for
the whole example): its two 50 ms runs are scaled by HH_SCALE, as BRIAN_TS_DURATION_SCALE does
for the port; the 3 ms current pulse is not scaled. The models are copied from Brian2's examples
(/usr/share/doc/python-brian-doc/examples/compartmental/), numpy target; traces are kept every
STRIDE-th sample, and printed lines are kept as printed.
Usage: /usr/bin/python3 gallery_compartmental.py OUTPUT.json
"""
import io
from contextlib import redirect_stdout

from _sim import floats, ints, write
from brian2 import *  # noqa: E402,F401,F403
from scipy import stats

HH_SCALE = 0.1
STRIDE = 10
out = {'hh_scale': HH_SCALE, 'stride': STRIDE}


def every(x, stride=STRIDE):
    return floats(np.asarray(x)[::stride])


def printed(f):
    """Runs f and returns the lines it printed."""
    buf = io.StringIO()
    with redirect_stdout(buf):
        f()
    return buf.getvalue().splitlines()


# morphotest.py (no run: printed values; first, so that the names are those of a fresh process)
start_scope()
morpho = Soma(30*um)
morpho.L = Cylinder(diameter=1*um, length=100*um, n=5)
morpho.LL = Cylinder(diameter=1*um, length=20*um, n=2)
morpho.R = Cylinder(diameter=1*um, length=100*um, n=5)
gL = 1e-4*siemens/cm**2
EL = -70*mV
eqs = '''
Im = gL * (EL-v) : amp/meter**2
'''
neuron = SpatialNeuron(morphology=morpho, model=eqs,
                       Cm=1*uF/cm**2, Ri=100*ohm*cm, method='exponential_euler')
neuron.v = arange(0, 13)*volt
out['morphotest'] = {'printed': printed(lambda: (print(neuron.v), print(neuron.L.v), print(neuron.LL.v),
                                                print(neuron.L.main.v)))}

# infinite_cable.py (full length)
start_scope()
defaultclock.dt = 0.001*ms
diameter = 1*um
Cm = 1*uF/cm**2
Ri = 100*ohm*cm
N = 500
morpho = Cylinder(diameter=diameter, length=3*mm, n=N)
gL = 1e-4*siemens/cm**2
EL = -70*mV
eqs = '''
Im = gL * (EL-v) : amp/meter**2
I : amp (point current)
'''
neuron = SpatialNeuron(morphology=morpho, model=eqs, Cm=Cm, Ri=Ri, method='exponential_euler')
neuron.v = EL
taum = Cm / gL
la = neuron.space_constant[0]
lines = printed(lambda: (print("Time constant: %s" % taum), print("Characteristic length: %s" % la)))
mon = StateMonitor(neuron, 'v', record=range(0, N//2, 20))
neuron.I[len(neuron) // 2] = 1*nA
run(0.02*ms)
neuron.I = 0*amp
run(10*ms)
out['infinite_cable'] = {'printed': lines, 'space_constant': float(la), 'record': list(range(0, N//2, 20)),
                         'samples': len(mon.t), 'stride': 20,
                         'v': [every(mon.v[k], 20) for k in range(len(mon.record))],
                         'final_v': floats(neuron.v)}

# rall.py (full length)
start_scope()
defaultclock.dt = 0.01*ms
gL = 1e-4*siemens/cm**2
EL = -70*mV
diameter = 1*um
length = 300*um
Cm = 1*uF/cm**2
Ri = 150*ohm*cm
N = 500
rm = 1 / (gL * pi * diameter)
ra = (4 * Ri)/(pi * diameter**2)
la = sqrt(rm / ra)
morpho = Cylinder(diameter=diameter, length=length, n=N)
d1 = 0.5*um
L1 = 200*um
rm = 1 / (gL * pi * d1)
ra = (4 * Ri) / (pi * d1**2)
l1 = sqrt(rm / ra)
morpho.L = Cylinder(diameter=d1, length=L1, n=N)
d2 = (diameter**1.5 - d1**1.5)**(1. / 1.5)
rm = 1/(gL * pi * d2)
ra = (4 * Ri) / (pi * d2**2)
l2 = sqrt(rm / ra)
L2 = (L1 / l1) * l2
morpho.R = Cylinder(diameter=d2, length=L2, n=N)
eqs = '''
Im = gL * (EL-v) : amp/meter**2
I : amp (point current)
'''
neuron = SpatialNeuron(morphology=morpho, model=eqs, Cm=Cm, Ri=Ri, method='exponential_euler')
neuron.v = EL
neuron.I[0] = 0.02*nA
run(100*ms)
out['rall'] = {'final_v': floats(neuron.v), 'distance': floats(neuron.distance)}

# hh_with_spikes.py (shortened: the two 50 ms runs scaled by HH_SCALE)
start_scope()
defaultclock.dt = 0.01*ms
morpho = Cylinder(length=10*cm, diameter=2*238*um, n=1000, type='axon')
El = 10.613*mV
ENa = 115*mV
EK = -12*mV
gl = 0.3*msiemens/cm**2
gNa0 = 120*msiemens/cm**2
gK = 36*msiemens/cm**2
eqs = '''
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
neuron = SpatialNeuron(morphology=morpho, model=eqs, method="exponential_euler",
                       refractory="m > 0.4", threshold="m > 0.5",
                       Cm=1*uF/cm**2, Ri=35.4*ohm*cm)
neuron.v = 0*mV
neuron.h = 1
neuron.m = 0
neuron.n = .5
neuron.I = 0*amp
neuron.gNa = gNa0
M = StateMonitor(neuron, 'v', record=True)
spikes = SpikeMonitor(neuron)
run(HH_SCALE*50*ms)
neuron.I[0] = 1*uA
run(3*ms)
neuron.I = 0*amp
run(HH_SCALE*50*ms)
slope, intercept, r_value, p_value, std_err = stats.linregress(spikes.t/second, neuron.distance[spikes.i]/meter)
lines = printed(lambda: print("Velocity = %.2f m/s" % slope))
plotted = [i*100 for i in range(10)]
out['hh_with_spikes'] = {'printed': lines, 'velocity': float(slope), 'samples': len(M.t),
                         'spike_i': ints(spikes.i), 'spike_t': floats(spikes.t/second),
                         'record': plotted, 'v': [every(M.v[i]) for i in plotted], 'final_v': floats(neuron.v),
                         'final_m': floats(neuron.m)}

# spike_initiation.py (full length)
start_scope()
defaultclock.dt = 0.025*ms
morpho = Soma(30*um)
morpho.axon = Cylinder(diameter=1*um, length=300*um, n=100)
gL = 1e-4*siemens/cm**2
EL = -70*mV
ENa = 50*mV
ka = 6*mV
ki = 6*mV
va = -30*mV
vi = -50*mV
EK = -90*mV
vk = -20*mV
kk = 8*mV
eqs = '''
Im = gL*(EL-v)+gNa*m*h*(ENa-v)+gK*n*(EK-v) : amp/meter**2
dm/dt = (minf-m)/(0.3*ms) : 1 # simplified Na channel
dh/dt = (hinf-h)/(3*ms) : 1 # inactivation
dn/dt = (ninf-n)/(5*ms) : 1 # K+
minf = 1/(1+exp((va-v)/ka)) : 1
hinf = 1/(1+exp((v-vi)/ki)) : 1
ninf = 1/(1+exp((vk-v)/kk)) : 1
I : amp (point current)
gNa : siemens/meter**2
gK : siemens/meter**2
'''
neuron = SpatialNeuron(morphology=morpho, model=eqs,
                       Cm=1*uF/cm**2, Ri=100*ohm*cm, method='exponential_euler')
neuron.v = -65*mV
neuron.I = 0*amp
neuron.axon[30*um:60*um].gNa = 700*gL
neuron.axon[30*um:60*um].gK = 700*gL
mon = StateMonitor(neuron, 'v', record=True)
run(1*ms)
neuron.main.I = 0.15*nA
run(50*ms)
neuron.I = 0*amp
run(95*ms)
plotted = [0, 20, 40, 60, 80]
out['spike_initiation'] = {'samples': len(mon.t), 'record': plotted, 'v': [every(mon.v[i]) for i in plotted],
                           'gNa': floats(neuron.gNa), 'final_v': floats(neuron.v)}

# bipolar_cell.py (full length, default dt)
start_scope()
defaultclock.dt = 0.1*ms
morpho = Soma(30*um)
morpho.axon = Cylinder(diameter=1*um, length=300*um, n=100)
morpho.L = Cylinder(diameter=1*um, length=100*um, n=50)
morpho.R = Cylinder(diameter=1*um, length=150*um, n=50)
gL = 1e-4*siemens/cm**2
EL = -70*mV
eqs = '''
Im = gL * (EL - v) : amp/meter**2
I : amp (point current)
'''
neuron = SpatialNeuron(morphology=morpho, model=eqs,
                       Cm=1*uF/cm**2, Ri=100*ohm*cm, method='exponential_euler')
neuron.v = EL
neuron.I = 0*amp
mon_soma = StateMonitor(neuron, 'v', record=[0])
mon_L = StateMonitor(neuron.L, 'v', record=True)
mon_R = StateMonitor(neuron, 'v', record=morpho.R[75*um])
run(1*ms)
neuron.I[morpho.L[50*um]] = 0.2*nA
run(5*ms)
neuron.I = 0*amp
run(50*ms)
xs = linspace(0*um, 100*um, 10, endpoint=False)
L_at = [int(morpho.L[x]._indices()) for x in xs]
out['bipolar_cell'] = {'samples': len(mon_L.t), 'L50': int(morpho.L[50*um]._indices()), 'R75': int(morpho.R[75*um]._indices()),
                       'soma': floats(mon_soma[0].v), 'L_inj': floats(mon_L[morpho.L[50*um]].v),
                       'R': floats(mon_R[morpho.R[75*um]].v), 'L_at': L_at,
                       'L': [every(mon_L[morpho.L[x]].v, 5) for x in xs], 'final_v': floats(neuron.v)}

write(out)
