"""Brian2 2.5.1 golden data for morphologies: trees built in code (Soma, Cylinder, Section, named
and path-numbered children, generated coordinates) and read from SWC (1-point and 3-point somata,
branching, unknown types, spherical_soma=False). Per section (flattened order): names, n, type,
area, volume, length, diameter, distance, start/mid/end coordinates; per tree: totals, topology.
Usage: /usr/bin/python3 morphology.py OUTPUT.json
"""
import os
import sys
import numpy as np
from _sim import write
from brian2 import *  # noqa: E402,F401,F403
from brian2.spatialneuron.morphology import Soma as _S

HERE = os.path.dirname(os.path.abspath(__file__))
SWC_FILE = os.path.join(HERE, '..', 'fixtures', 'morphology_branched.swc')
THREE_POINT = """# 3-point soma
1 1 0 0 0 8 -1
2 1 0 -8 0 8 1
3 1 0 8 0 8 1
4 3 8 0 0 1 1
5 3 20 0 0 1 4
6 2 -8 0 0 0.5 1
7 2 -20 3 4 0.5 6
"""


def arr(v):
    return None if v is None else [float(x) for x in np.asarray(v)]


def describe(morpho):
    sections = []

    def visit(m, path, names):
        sections.append(dict(path=path, names=sorted(names), n=int(m.n), type=m.type,
                             soma=isinstance(m, _S),
                             area=arr(m.area), volume=arr(m.volume), length=arr(m.length),
                             diameter=arr(m.diameter), distance=arr(m.distance),
                             end_distance=float(m.end_distance),
                             r_length_1=arr(m.r_length_1), r_length_2=arr(m.r_length_2),
                             x=arr(m.x), y=arr(m.y), z=arr(m.z),
                             start_x=arr(m.start_x), start_y=arr(m.start_y), start_z=arr(m.start_z),
                             end_x=arr(m.end_x), end_y=arr(m.end_y), end_z=arr(m.end_z)))
        for c in m.children:
            visit(c, f'{path}.{m.children.name(c)}',
                  [k for k, v in m.children._named_children.items() if v is c])
    visit(morpho, '', [])
    return dict(total_compartments=int(morpho.total_compartments),
                total_sections=int(morpho.total_sections),
                topology=str(morpho.topology()), sections=sections)


cases = {}
# 1. Built in code: soma + axon + dendrite with two tapered branches, one child by path.
m = Soma(diameter=30*um)
m.axon = Cylinder(diameter=1*um, length=100*um, n=10)
m.dend = Cylinder(diameter=2*um, length=50*um, n=5)
m.dend.L = Section(diameter=[2, 1.5, 1.2, 1]*um, length=[10, 10, 10]*um, n=3)
m.dend.R = Section(diameter=[2, 1]*um, length=[20]*um, n=1)
m['dendLL'] = Cylinder(diameter=0.5*um, length=30*um, n=2)
m.dend.R.tip = Cylinder(diameter=0.8*um, length=12*um, n=3, type='tip')
cases['code'] = describe(m)
cases['code_generated'] = describe(m.generate_coordinates())
# 2. Coordinates given: root cylinder, child section and child soma.
c = Cylinder(diameter=1*um, n=4, x=[0, 100]*um, y=[0, 10]*um)
c.sec = Section(diameter=[1, 0.8, 0.6]*um, n=2, x=[0, 10, 20]*um, y=[0, 5, 5]*um, z=[0, 0, 3]*um)
c.sec.end = Cylinder(diameter=0.5*um, n=3, length=30*um)
c.sec.s = Soma(diameter=5*um)
cases['coords'] = describe(c)
# 3. SWC.
cases['swc_file'] = describe(Morphology.from_swc_file(SWC_FILE))
cases['swc_file_generated'] = describe(Morphology.from_swc_file(SWC_FILE).generate_coordinates(overwrite_existing=True))
with open('/tmp/_three_point.swc', 'w') as f:
    f.write(THREE_POINT)
cases['swc_three_point'] = describe(Morphology.from_swc_file('/tmp/_three_point.swc'))
write(dict(three_point_swc=THREE_POINT, cases=cases))
