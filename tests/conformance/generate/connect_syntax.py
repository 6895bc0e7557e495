"""Synapses.connect() argument forms: which ones Brian2 2.5.1 accepts, the generator expression it
builds and parses (brian2.synapses.parse_synaptic_generator_syntax.parse_synapse_generator), the
flags it derives for the creation template, and, for rejected forms, the exception class and
message. tests/conformance/connect_syntax.test.ts replays every case through
src/synapses/connect.ts.

Fixed setup for every case: source 'src' = NeuronGroup(5, 'x : 1, m : integer'), target 'tgt' =
NeuronGroup(4, 'y : 1, n_int : integer'), Synapses 'syn' with model 'w : 1'. Deterministic cases
also record the created synapses (i, j) in Brian2's order.
Usage: /usr/bin/python3 connect_syntax.py OUTPUT.json
"""
import json
import sys
import warnings

warnings.filterwarnings('ignore')
from brian2 import *  # noqa: E402,F401,F403
import brian2.synapses.synapses as synmod  # noqa: E402
from brian2.synapses.parse_synaptic_generator_syntax import parse_synapse_generator  # noqa: E402

prefs.codegen.target = 'numpy'

# (args, deterministic). Arguments are exactly those passed to connect().
CONNECT_CASES = [
    ({}, True),
    ({'condition': 'i != j'}, True),
    ({'condition': 'i == j'}, True),
    ({'condition': 'y_post == 0 and i < 2'}, True),
    ({'condition': 'j > i and rand() < 2'}, True),
    ({'condition': 'i != j', 'p': 0.5}, False),
    ({'condition': 'i != j', 'p': 'j*0.1'}, False),
    ({'condition': 'True', 'p': 'i*0.1'}, False),
    ({'condition': 'i != j', 'p': 'y_post + 0.5'}, False),
    ({'p': 0.3}, False),
    ({'p': 1.5}, False),
    ({'p': -0.1}, False),
    ({'condition': False}, True),
    ({'condition': 'False'}, True),
    ({'condition': True}, True),
    ({'condition': 'k for k in range(3)'}, True),
    ({'condition': 'i + j'}, True),
    ({'condition': 3}, True),
    ({'condition': 'i != j', 'p': '1*mV'}, False),
    ({'condition': 'i != j', 'n': 'i+1'}, True),
    ({'condition': 'i != j', 'n': 2}, True),
    ({'j': 'i'}, True),
    ({'j': 'i', 'skip_if_invalid': True}, True),
    ({'j': 'i % 4', 'n': 2}, True),
    ({'j': 'int(i/2) if i % 2 == 0'}, True),
    ({'j': 'i if i < 4 if i > 0'}, True),
    ({'i': 'j'}, True),
    ({'i': 'j*2', 'skip_if_invalid': True}, True),
    ({'i': 'j + 1 if j > 1'}, True),
    ({'i': 'j if j if j'}, True),
    ({'j': 'k for k in range(i-1, i+2) if k != i', 'skip_if_invalid': True}, True),
    ({'j': 'k for k in range(i-1, i+2) if k != i'}, True),
    ({'j': 'k for k in range(i-3, i+4) if k >= 0 and k < N_post'}, True),
    ({'j': 'i+(-1)**k for k in range(2) if i>0 and i<N_pre-1', 'skip_if_invalid': True}, True),
    ({'j': 'k for k in range(N_post)'}, True),
    ({'j': 'k for k in range(0, N_post, 2)'}, True),
    ({'j': 'k for k in range(N_post-1, -1, -1)'}, True),
    ({'j': 'k for k in range(i, N_post)'}, True),
    ({'j': 'k for k in range(m_pre)'}, True),
    ({'j': 'k for k in range(N_post//2)'}, True),
    ({'j': 'k+1 for k in range(i) if k+1 < N_post'}, True),
    ({'j': 'k for k in range(3) if i > 1'}, True),
    ({'j': 'k for k in range(N_post) if y_post > -1'}, True),
    ({'j': 'k for k in range(N_post) if rand() < 2'}, True),
    ({'j': 'k for k in range(N_post) if k > i', 'n': 'k'}, True),
    ({'i': 'k for k in range(j, N_pre) if x_pre == 0'}, True),
    ({'j': 'k for k in range(j)'}, True),
    ({'j': 'k for k in range(n_int_post)'}, True),
    ({'j': 'k for k in range(y_post)'}, True),
    ({'j': 'k for k in range(N_post/2)'}, True),
    ({'j': 'k for k in range(0, N_post, 0.5)'}, True),
    ({'j': 'k for k in sample(N_post, p=0.5)'}, False),
    ({'j': 'k for k in sample(N_post, size=2)'}, False),
    ({'j': 'k for k in sample(N_post, size=i)', 'skip_if_invalid': True}, False),
    ({'j': 'k for k in sample(1, N_post, p=0.5)'}, False),
    ({'j': 'k for k in sample(0, N_post, 2, p=0.5)'}, False),
    ({'j': 'k for k in sample(N_post, p=i*0.2) if k != i'}, False),
    ({'j': 'k for k in sample(N_post, p=j*0.1)'}, False),
    ({'j': 'k for k in sample(N_post, size=y_post)'}, False),
    ({'j': 'k for k in sample(N_post)'}, True),
    ({'j': 'k for k in sample(N_post, p=0.1, size=2)'}, True),
    ({'j': 'k for k in sample(N_post, q=0.1)'}, True),
    ({'j': 'k for k in sample(1, 2, 3, 4, p=0.1)'}, True),
    ({'j': 'k for k in range()'}, True),
    ({'j': 'k for k in range(1, 2, 3, 4)'}, True),
    ({'j': 'k for k in range(3, step=1)'}, True),
    ({'j': 'k for k in foo(3)'}, True),
    ({'j': 'k for k in N_post'}, True),
    ({'j': 'k for k in range(3) for l in range(2)'}, True),
    ({'j': 'k for k in range(3) if k > 0 if k < 2'}, True),
    ({'j': 'k for k, l in range(3)'}, True),
    ({'j': 'k for k in range(3) if'}, True),
    ({'j': 'k for in range(3)'}, True),
    ({'j': 'k for k in range(3'}, True),
    ({'j': 'k for k in range(N_post) if N_incoming < 2'}, True),
    ({'j': 'k for k in range(N_outgoing)'}, True),
    ({'j': 'i', 'i': 'j'}, True),
    ({'j': 'k for k in range(3)', 'i': [0]}, True),
    ({'j': 'i', 'p': 0.5}, True),
    ({'j': 'i', 'p': 'i*0.1'}, True),
    ({'condition': 'i == j', 'i': [0]}, True),
    ({'i': [0, 1], 'j': [1, 2]}, True),
    ({'i': 0, 'j': [0, 1, 2]}, True),
    ({'i': [0, 1], 'j': [1, 2], 'n': 2}, True),
    ({'i': [0, 1], 'j': [1, 2], 'n': '2'}, True),
    ({'i': [0, 1], 'j': [1, 2], 'skip_if_invalid': True}, True),
    ({'i': [0, 9], 'j': [1, 2]}, True),
    ({'i': [0, 1], 'j': [1, 7]}, True),
    ({'i': [0, -1], 'j': [1, 2]}, True),
    ({'i': [0.5], 'j': [1]}, True),
    ({'i': [0], 'j': [1.5]}, True),
    ({'i': [0, 1, 2], 'j': [0, 1]}, True),
    ({'i': [0, 1]}, True),
    ({'j': 3}, True),
    ({'i': [0, 1], 'j': [1, 2], 'p': 0.5}, False),
]

# Strings given straight to parse_synapse_generator.
GENERATOR_CASES = [
    'k for k in range(10)',
    'k for k in range(i-3, i+4) if cond',
    'k*2 + 1 for k in range(1, N, 2) if k % 3 != 0',
    'k for k in sample(N_post, p=0.1)',
    'k for k in sample(2, N_post, size=5)',
    'k for k in sample(1, 10, 2, p=i/10.0) if k != i',
    'i+(-1)**k for k in range(2) if i>0 and i<N_pre-1',
    '_k for _k in range(N_post) if (i != _k) and rand()<0.1',
    'k for k in (range(3))',
    'k for (k) in range(3)',
    'k',
    'i + 1',
    'k for k in range(3) for l in range(2)',
    'k for k, l in range(3)',
    'k for k in range',
    'k for k in ranges(3)',
    'k for k in sample(3)',
    'k for k in sample(3, p=0.1, size=2)',
    'k for k in range(3, low=1)',
    'k for k in range(3) if k if k',
    'k for k in range(3) if',
    'k for k in',
    'for k in range(3)',
    'k for k in range(3))',
    '',
    'k for k in range(x.y)',
]


def err(e):
    return {'cls': type(e).__name__, 'msg': str(e).strip("'\"") if isinstance(e, KeyError) else str(e)}


def parsed_json(p):
    kw = dict(p['iterator_kwds'])
    return {'element': p['element'], 'inner_variable': p['inner_variable'],
            'iterator_func': p['iterator_func'], 'iterator_kwds': kw,
            'if_expression': p['if_expression']}


captured = {}
_orig_parse = synmod.parse_synapse_generator
_orig_runner = synmod.create_runner_codeobj


def capture_parse(expr):
    captured['generator'] = expr
    p = _orig_parse(expr)
    captured['parsed'] = parsed_json(p)
    return p


def capture_runner(owner, code, template_name, *args, **kwds):
    if template_name == 'synapses_create_generator':
        tk = kwds['template_kwds']
        captured['flags'] = {'result_index_condition': bool(tk['result_index_condition']),
                             'result_index_used': bool(tk['result_index_used'])}
    return _orig_runner(owner, code, template_name, *args, **kwds)


synmod.parse_synapse_generator = capture_parse
synmod.create_runner_codeobj = capture_runner


def run_connect(args, deterministic):
    start_scope()
    seed(1)
    src = NeuronGroup(5, 'x : 1\nm : integer', name='src')
    src.m = 2
    tgt = NeuronGroup(4, 'y : 1\nn_int : integer', name='tgt')
    syn = Synapses(src, tgt, 'w : 1', name='syn')
    captured.clear()
    out = {'args': args}
    try:
        syn.connect(namespace={}, **args)
        out['error'] = None
        if deterministic:
            out['synapses'] = {'i': [int(v) for v in syn.i[:]], 'j': [int(v) for v in syn.j[:]]}
    except Exception as e:  # noqa: BLE001
        out['error'] = err(e)
    out['generator'] = captured.get('generator')
    out['parsed'] = captured.get('parsed')
    out['flags'] = captured.get('flags')
    return out


def run_generator(expr):
    try:
        return {'expr': expr, 'parsed': parsed_json(parse_synapse_generator(expr)), 'error': None}
    except Exception as e:  # noqa: BLE001
        return {'expr': expr, 'parsed': None, 'error': err(e)}


result = {
    'connect': [run_connect(a, d) for a, d in CONNECT_CASES],
    'generators': [run_generator(e) for e in GENERATOR_CASES],
}
with open(sys.argv[1], 'w') as f:
    json.dump(result, f, indent=1)
    f.write('\n')
