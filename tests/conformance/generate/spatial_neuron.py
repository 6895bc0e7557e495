"""Brian2 2.5.1 golden data for SpatialNeuron's cable solver (numpy target): a passive cylinder
with current injected at one end (voltage along the cable at a few times, and the steady state),
and a soma + dendrite that branches into two (current injected at the soma).
Usage: /usr/bin/python3 spatial_neuron.py OUTPUT.json
"""
from _sim import write, floats
from brian2 import *  # noqa: E402,F401,F403

EQS = '''
Im = gL*(EL - v) : amp/meter**2
I : amp (point current)
'''
NS = dict(gL=1e-4*siemens/cm**2, EL=-70*mV)


def simulate(morpho, I_index, I_value, times, Cm, Ri, dt):
    defaultclock.dt = dt
    neuron = SpatialNeuron(morpho, EQS, Cm=Cm, Ri=Ri, namespace=NS, method='exact')
    neuron.v = NS['EL']
    neuron.I[I_index] = I_value
    net = Network(neuron)
    snapshots = []
    t_prev = 0*ms
    for t in times:
        net.run(t - t_prev)
        t_prev = t
        snapshots.append(floats(neuron.v[:]))
    return dict(times=floats(times), v=snapshots, dt=float(dt), Cm=float(Cm), Ri=float(Ri),
                I_index=I_index, I=float(I_value), gL=float(NS['gL']), EL=float(NS['EL']),
                area=floats(neuron.area[:]), distance=floats(neuron.distance[:]))


# Passive cylinder, 1 µm diameter: lambda = sqrt(d/(4 Ri gL)) = 500 µm with Ri = 100 ohm*cm
cyl = Cylinder(diameter=1*um, length=1000*um, n=100)
cable = simulate(cyl, 0, 0.02*nA, [0.5*ms, 2*ms, 10*ms, 150*ms], 1*uF/cm**2, 100*ohm*cm, 0.025*ms)

# Soma + dendrite branching into L and R
tree = Soma(diameter=20*um)
tree.dend = Cylinder(diameter=2*um, length=100*um, n=10)
tree.dend.L = Cylinder(diameter=1*um, length=150*um, n=15)
tree.dend.R = Cylinder(diameter=1.5*um, length=80*um, n=8)
branched = simulate(tree, 0, 0.05*nA, [0.3*ms, 1*ms, 5*ms, 100*ms], 0.9*uF/cm**2, 150*ohm*cm, 0.05*ms)

write(dict(cable=cable, branched=branched))
