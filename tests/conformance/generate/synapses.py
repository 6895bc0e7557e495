"""Brian2 2.5.1 golden data for Synapses (issue 4 §1): delivery times with heterogeneous and
scalar delays (the §15.3 case), STDP with deterministic pre/post spike trains, a gap junction
through a summed variable, every connect() form on deterministic patterns (synapse sets in
Brian2's order), the §15.3 indexing example and N_incoming/N_outgoing, subgroups, Tsodyks-Markram
short-term plasticity and heterogeneous delays driven by SpikeGeneratorGroups, the order of
on_pre and on_post in one step, and a modulatory Synapses whose targets are synapses.
Spikes come from NeuronGroups whose thresholds fire at chosen steps, or from SpikeGeneratorGroups.
Usage: /usr/bin/python3 synapses.py OUTPUT.json
"""
from _sim import floats, ints, write
from brian2 import *  # noqa: E402,F401,F403

data = {}
defaultclock.dt = 0.1*ms

# ---- Delays: effect first visible in a start-slot StateMonitor --------------------------------
def first_effect(delay_kw=None, delays=None):
    start_scope()
    G = NeuronGroup(1, 'v : 1', threshold='t > 0.95*ms and t < 1.05*ms', reset='')
    H = NeuronGroup(4, 'v : 1')
    kw = {} if delay_kw is None else {'delay': delay_kw}
    S = Synapses(G, H, 'w : 1', on_pre='v_post += w', **kw)
    S.connect(i=[0, 0, 0, 0], j=[0, 1, 2, 3])
    S.w = 'j + 1'
    if delays is not None:
        S.delay = delays
    M = StateMonitor(H, 'v', record=True)
    run(2*ms)
    out = []
    for k in range(4):
        idx = np.nonzero(M.v[k] > 0)[0]
        out.append(float(M.t[idx[0]]) if len(idx) else None)
    return {'first_s': out, 'final_v': floats(H.v)}

data['delays'] = {
    'heterogeneous': dict(first_effect(delays=[0, 0.25, 0.15, 0.35]*ms), delays_s=[0, 0.25e-3, 0.15e-3, 0.35e-3]),
    'scalar': dict(first_effect(delay_kw=0.25*ms), delay_s=0.25e-3),
}

# ---- STDP with deterministic spike trains ------------------------------------------------------
start_scope()
taupre = taupost = 20*ms
gmax = 0.01
dApre = 0.01
dApost = -dApre * taupre / taupost * 1.05 * gmax
pre = NeuronGroup(3, 'period : integer (constant)', threshold='t_in_timesteps % period == 0', reset='')
pre.period = [7, 11, 13]
post = NeuronGroup(1, 'ge : 1', threshold='t_in_timesteps % 17 == 5 or t_in_timesteps % 29 == 0', reset='')
S = Synapses(pre, post, '''w : 1
dApre/dt = -Apre / taupre : 1 (event-driven)
dApost/dt = -Apost / taupost : 1 (event-driven)''',
             on_pre='''ge += w
Apre += dApre * gmax
w = clip(w + Apost, 0, gmax)''',
             on_post='''Apost += dApost
w = clip(w + Apre, 0, gmax)''')
S.connect()
S.w = 'gmax * (i + 1) / 4'
run(30*ms)
data['stdp'] = {'w': floats(S.w), 'Apre': floats(S.Apre), 'Apost': floats(S.Apost), 'lastupdate_s': floats(S.lastupdate),
                'ge': floats(post.ge), 'i': ints(S.i), 'j': ints(S.j),
                'namespace': {'taupre_s': float(taupre), 'taupost_s': float(taupost), 'gmax': gmax, 'dApre': dApre, 'dApost': float(dApost)}}

# ---- Gap junction (summed variable) -------------------------------------------------------------
start_scope()
tau = 10*ms
G = NeuronGroup(3, '''dv/dt = (v0 - v + Igap) / tau : 1
v0 : 1
Igap : 1''', method='euler')
G.v0 = [1.0, 0.2, -0.5]
G.v = [0.0, 0.5, 1.0]
S = Synapses(G, G, '''w : 1
Igap_post = w * (v_pre - v_post) : 1 (summed)''')
S.connect('i != j')
S.w = '0.1 * (i + 1) + 0.05 * j'
M = StateMonitor(G, ['v', 'Igap'], record=True, when='end')
run(5*ms)
data['gap'] = {'v': floats(M.v.T), 'Igap': floats(M.Igap.T), 'steps': len(M.t), 'tau_s': float(tau)}

# ---- connect() forms ------------------------------------------------------------------------
def pairs(args, n_pre=5, n_post=4, multi=False, calls=None):
    start_scope()
    A = NeuronGroup(n_pre, 'x : 1')
    A.x = 'i * 0.5'
    B = NeuronGroup(n_post, 'y : 1')
    B.y = 'i * 2'
    kw = {'multisynaptic_index': 'k'} if multi else {}
    S = Synapses(A, B, 'w : 1', **kw)
    for a in (calls or [args]):
        S.connect(**a)
    out = {'i': ints(S.i), 'j': ints(S.j), 'N_incoming': ints(S.N_incoming), 'N_outgoing': ints(S.N_outgoing)}
    if multi:
        out['k'] = ints(S.k)
    return out

connect_cases = [
    ('all', {}, {}),
    ('condition', {'condition': 'i != j'}, {}),
    ('condition_vars', {'condition': 'x_pre + 1 < y_post'}, {}),
    ('condition_p1', {'condition': 'j > i', 'p': 1.0}, {}),
    ('condition_p0', {'condition': 'j > i', 'p': 0.0}, {}),
    ('false', {'condition': False}, {}),
    ('arrays', {'i': [3, 0, 4, 0], 'j': [1, 2, 0, 2]}, {}),
    ('arrays_scalar', {'i': 2, 'j': [0, 3]}, {}),
    ('arrays_n', {'i': [0, 0, 1], 'j': [1, 1, 2], 'n': 2}, {'multi': True}),
    ('generator_skip', {'j': 'k for k in range(i-1, i+2) if k != i', 'skip_if_invalid': True}, {'n_pre': 5, 'n_post': 5}),
    ('one_to_one', {'j': 'i'}, {'n_pre': 4, 'n_post': 4}),
    ('one_to_one_skip', {'j': 'i', 'skip_if_invalid': True}, {}),
    ('short_if', {'j': 'int(i/2) if i % 2 == 0'}, {}),
    ('i_generator', {'i': 'j*2'}, {'n_pre': 8, 'n_post': 4}),
    ('i_generator_skip', {'i': 'j*2', 'skip_if_invalid': True}, {}),
    ('n_expression', {'condition': 'i != j', 'n': 'i+1'}, {'n_pre': 3, 'n_post': 3}),
    ('range_step', {'j': 'k for k in range(0, N_post, 2) if k >= i'}, {}),
    ('range_step_neg', {'j': 'k for k in range(N_post-1, -1, -1) if k != i'}, {}),
    ('sample_p1', {'j': 'k for k in sample(N_post, p=1.0)'}, {}),
    ('sample_size_full', {'j': 'k for k in sample(i, N_post, size=N_post-i)', 'skip_if_invalid': True}, {}),
    ('generator_pre_var', {'j': 'k for k in range(int(x_pre*2)) if k < N_post'}, {}),
    ('accumulate', None, {'calls': [{'i': 0, 'j': 1}, {'condition': 'i == j'}, {'j': 'i+1', 'skip_if_invalid': True}]}),
    ('incoming_example', {'i': [0, 0, 1, 2], 'j': [1, 2, 2, 2]}, {'n_pre': 3, 'n_post': 3}),
]
data['connect'] = {}
for name, args, opts in connect_cases:
    data['connect'][name] = {'args': args, 'opts': {k: v for k, v in opts.items()}, **pairs(args, **opts)}

# Out-of-range without skip_if_invalid
start_scope()
A = NeuronGroup(5, 'x : 1')
B = NeuronGroup(3, 'y : 1')
S = Synapses(A, B)
try:
    S.connect(j='i')
    data['out_of_range_message'] = None
except Exception as e:
    orig = getattr(e, 'original_error', None) or e.__cause__ or e
    data['out_of_range_message'] = str(orig)
    data['out_of_range_class'] = type(orig).__name__

# ---- §15.3 indexing, N_incoming/N_outgoing per neuron --------------------------------------------
start_scope()
A = NeuronGroup(3, 'v : 1')
S = Synapses(A, A, 'w : 1')
S.connect()
S.w[:, 1] = 5
S.w['i==j'] = 7
S.w[0, 2] = 9
data['indexing'] = {'i': ints(S.i), 'j': ints(S.j), 'w': floats(S.w), 'w_row1': floats(S.w[1, :]), 'w_col2': floats(S.w[:, 2])}

start_scope()
A = NeuronGroup(3, 'v : 1')
S = Synapses(A, A, 'w : 1')
S.connect(i=[0, 0, 1, 2], j=[1, 2, 2, 2])
S.w = '1.0 / N_incoming'
data['numbers'] = {'N_outgoing_pre': ints(S.N_outgoing_pre), 'N_outgoing': ints(S.N_outgoing),
                   'N_incoming_post': ints(S.N_incoming_post), 'N_incoming': ints(S.N_incoming), 'w': floats(S.w)}

# ---- Subgroups ---------------------------------------------------------------------------------
start_scope()
G = NeuronGroup(6, 'v : 1', threshold='t > 0.05*ms and t < 0.15*ms and i >= 2', reset='')
H = NeuronGroup(5, 'v : 1')
S = Synapses(G[1:4], H[2:5], 'w : 1', on_pre='v += w + i*10 + j*100')
S.connect('i != j')
S.w = 1
run(0.5*ms)
data['subgroups'] = {'i': ints(S.i), 'j': ints(S.j), 'v': floats(H.v)}

# ---- Tsodyks-Markram short-term plasticity (event-driven u, x) from a SpikeGeneratorGroup --------
start_scope()
tm_indices = [0, 1, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0]
tm_times = [1.0, 1.5, 3.0, 4.2, 4.2, 5.0, 9.0, 9.3, 10.1, 14.0, 20.0, 20.4]  # ms
tm_ns = {'tau_f': 50*ms, 'tau_d': 120*ms, 'tau_g': 5*ms, 'U': 0.2}
inp = SpikeGeneratorGroup(2, tm_indices, tm_times*ms)
H = NeuronGroup(2, 'dg/dt = -g / tau_g : 1', method='exact', namespace=tm_ns)
S = Synapses(inp, H, '''w : 1
du/dt = (U - u) / tau_f : 1 (event-driven)
dx/dt = (1 - x) / tau_d : 1 (event-driven)''',
             on_pre='''u += U * (1 - u)
r = u * x
x -= r
g_post += w * r''', namespace=tm_ns)
S.connect(i=[0, 0, 1], j=[0, 1, 1])
S.w = [1.0, 0.5, 2.0]
S.u = 'U'
S.x = 1
M = StateMonitor(H, 'g', record=True)
run(25*ms)
data['tm'] = {'indices': tm_indices, 'times_ms': tm_times, 'tau_f_s': float(tm_ns['tau_f']), 'tau_d_s': float(tm_ns['tau_d']),
              'tau_g_s': float(tm_ns['tau_g']), 'U': tm_ns['U'], 'u': floats(S.u), 'x': floats(S.x),
              'lastupdate_s': floats(S.lastupdate), 'g': floats(H.g), 'g_trace': floats(M.g.T), 'steps': len(M.t)}

# ---- SpikeGeneratorGroup through heterogeneous delays: the target spike times ----------------------
start_scope()
sg_indices = [0, 2, 1, 0, 2, 1, 0]
sg_times = [0.5, 0.5, 1.2, 2.0, 2.05, 3.3, 4.0]  # ms
inp = SpikeGeneratorGroup(3, sg_indices, sg_times*ms)
H = NeuronGroup(4, 'v : 1', threshold='v > 0.5', reset='v = 0')
S = Synapses(inp, H, on_pre='v_post += 1')
S.connect(i=[0, 0, 1, 2, 2], j=[0, 1, 2, 3, 0])
sg_delays = [0.0, 0.25, 1.05, 0.3, 2.0]  # ms; 0.25 and 1.05 are not multiples of dt (rounded as Brian2 does)
S.delay = sg_delays*ms
M = SpikeMonitor(H)
Min = SpikeMonitor(inp)
run(7*ms)
data['sgg_delays'] = {'indices': sg_indices, 'times_ms': sg_times, 'delays_ms': sg_delays,
                      'i': ints(M.i), 't_s': floats(M.t), 'steps': ints(np.round(M.t / defaultclock.dt)),
                      'in_i': ints(Min.i), 'in_steps': ints(np.round(Min.t / defaultclock.dt))}

# ---- on_pre and on_post in the same step: pre pathway first -------------------------------------
start_scope()
G = NeuronGroup(2, '', threshold='t_in_timesteps == 5 or t_in_timesteps == 10', reset='')
H = NeuronGroup(2, '', threshold='t_in_timesteps == 10 or t_in_timesteps == 15 or (i == 1 and t_in_timesteps == 5)', reset='')
S = Synapses(G, H, '''x : 1
tpre : second
tpost : second''', on_pre='x = x*10 + 1\ntpre = t', on_post='x = x*10 + 2\ntpost = t')
S.connect(i=[0, 1, 1], j=[0, 1, 0])
run(2*ms)
data['pre_post_order'] = {'x': floats(S.x), 'tpre_s': floats(S.tpre), 'tpost_s': floats(S.tpost)}

# ---- Synapses onto synapses: a modulatory pathway increments a synaptic variable -----------------
start_scope()
G = NeuronGroup(3, 'v : 1')
S = Synapses(G, G, 'w : 1\nd : 1')
S.connect(i=[0, 0, 1, 2], j=[1, 2, 2, 0])
S.w = 'i + 10*j'
mod_indices = [0, 1, 0, 1]
mod_times = [0.5, 0.5, 1.2, 2.0]  # ms
D = SpikeGeneratorGroup(2, mod_indices, mod_times*ms)
R = Synapses(D, S, 'k : 1', on_pre='d_post += k + 0.5*w_post + 100*i_post')
R.connect(i=[0, 0, 1], j=[3, 1, 1])
R.connect('j_post == 2 and i == 1')
R.k = 'i + 1000*j'
mod_delays = [0.0, 0.3, 0.0, 0.7, 0.2]  # ms
R.delay = mod_delays*ms
run(3*ms)
data['on_synapses'] = {'indices': mod_indices, 'times_ms': mod_times, 'delays_ms': mod_delays,
                       'R_i': ints(R.i), 'R_j': ints(R.j), 'N_incoming_post': ints(R.N_incoming_post), 'd': floats(S.d)}

write(data)
