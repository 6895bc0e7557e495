"""Connection building: Synapses(G, G, 'w : 1').connect(p=P) on N x N candidates, and the CUBA
split connect('i<Ne', p=P) + connect('i>=Ne', p=P); best of 5 fresh Synapses each.
numpy/cython: wall time of the connect() calls in Python (cython's first repetition includes
compilation, hence best of 5); cpp_standalone: wall time inside the binary (clock_gettime around
each repetition's synapse-creation code, inserted into main()).

usage: python3 bench/synapses/brian2/connect.py TARGET [N=4000] [P=0.02]
"""
import os, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import setup, emit, arg, synapse_bytes  # noqa: E402
from brian2 import *  # noqa: E402,F401,F403

N = arg(2, 4000, int)
p = arg(3, 0.02)
target, builddir = setup('connect', f'N{N}_p{p}')
Ne = int(0.8 * N)
G = NeuronGroup(N, 'v : 1')
REPS = 5
times, times_cond = [], []
last = None
cpp = target == 'cpp_standalone'


def mark(label):
    # cpp: record a CLOCK_MONOTONIC stamp into results/<label>.txt at this point of main()
    get_device().insert_code('main', '{ struct timespec __t; clock_gettime(CLOCK_MONOTONIC, &__t); '
                             f'std::ofstream __f("results/{label}.txt"); __f.precision(17); '
                             '__f << (double)__t.tv_sec + 1e-9*(double)__t.tv_nsec; }')


for rep in range(REPS):
    S = Synapses(G, G, 'w : 1')
    U = Synapses(G, G, 'w : 1')
    if cpp:
        mark(f'a{rep}'); S.connect(p=p); mark(f'b{rep}')
        U.connect('i<Ne', p=p); U.connect('i>=Ne', p=p); mark(f'c{rep}')
    else:
        t0 = time.perf_counter(); S.connect(p=p); t1 = time.perf_counter()
        U.connect('i<Ne', p=p); U.connect('i>=Ne', p=p); t2 = time.perf_counter()
        times.append(t1 - t0); times_cond.append(t2 - t1)
    last = S
res = {}
if cpp:
    run(defaultclock.dt)
    get_device().build(directory=builddir, compile=True, run=True, with_output=False)
    stamp = lambda k: float(open(os.path.join(builddir, 'results', f'{k}.txt')).read())
    times = [stamp(f'b{r}') - stamp(f'a{r}') for r in range(REPS)]
    times_cond = [stamp(f'c{r}') - stamp(f'b{r}') for r in range(REPS)]
res.update(synapse_bytes(last))
emit(target, 'connect', N=N, synapses=int(len(last)), connect_s=min(times), connect_cond_s=min(times_cond),
     connect_all_s=times, **res)
