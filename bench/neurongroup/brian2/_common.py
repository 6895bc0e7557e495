"""Shared helpers for the Brian2 side of the neurongroup benchmarks (copied from ../shared/bench-ref/_common.py,
which documents the timing fields; first_step_s added: process start to the first simulated step).

Every benchmark script is called as

    python3 ../shared/bench-ref/<model>.py TARGET [model-specific size/duration args]

with TARGET in {numpy, cython, cpp_standalone}, and prints exactly one JSON
line on stdout.  Timing fields (seconds):

  import_s      wall time of `from brian2 import ...`
  setup_s       wall time of building the network objects in Python (for the
                runtime targets numpy/cython this includes synapse creation;
                for cpp_standalone it only records the operations)
  run_wall_s    the simulation loop only, wall clock
  run_cpu_s     the simulation loop only, CPU time of the process
                (numpy/cython: time.process_time() between the end of
                Network.before_run and the end of run(); cpp_standalone:
                Brian's own std::clock() measurement of Network::run, i.e.
                device._last_run_time).  Derived per-step / per-event costs
                use run_cpu_s, which is less sensitive to other load on the
                machine than wall time.
  run_call_s    numpy/cython: the whole run() call = code generation (+ Cython
                compilation or cache load) + loop, wall clock
  codegen_s     numpy/cython: run_call_s - run_wall_s (code generation and
                compilation / cache lookup); cpp_standalone: time spent in
                device.build() outside `make` and ./main
  compile_s     cpp_standalone: wall time of `make` (small when the build
                directory is warm, i.e. nothing needs recompiling)
  binary_s      cpp_standalone: wall time of the whole ./main process
                (includes synapse creation, array I/O and the loop)

Environment variables honoured:
  BRIAN_BENCH_BUILD_DIR  build directory for cpp_standalone (default:
                         <tempdir>/brian2_bench_<model>_<tag>; reusing it
                         across runs keeps the C++ compilation warm)
  CYTHON_CACHE_DIR       where the Cython target caches compiled extensions
  BRIAN_BENCH_SEED       random seed (default 12345)
  BRIAN_BENCH_TAG        free-form label copied into the JSON output
  BRIAN_BENCH_OPENMP_THREADS  cpp_standalone: OpenMP threads (0/unset: Brian2's default, no OpenMP)
  BRIAN_BENCH_FLOAT_DTYPE  float64 (default) or float32: prefs.core.default_float_dtype
  BRIAN_BENCH_NO_FAST_MATH=1  cpp_standalone: compile without -ffast-math (IEEE arithmetic,
                         like brian-ts's exact mode; Brian2's default has -ffast-math)
  BRIAN_BENCH_PROFILE=1  run with profile=True and add Brian's per-code-object
                         times ('profile_s'); adds overhead, use separately
"""
import json
import os
import sys
import tempfile
import time

T_START = time.time()
from brian2 import (prefs, set_device, get_device, seed, run, defaultclock,
                    second, ms)  # noqa: E402
from brian2.core.network import Network  # noqa: E402
import numpy as np  # noqa: E402
T_IMPORTED = time.time()

TARGETS = ('numpy', 'cython', 'cpp_standalone')

# Record the moment Network.before_run (code generation, compilation,
# synaptic pathway preparation) has finished, so that the runtime targets'
# loop time can be separated from code generation, in wall and CPU time.
_MARK = {}
_orig_before_run = Network.before_run


def _before_run_marked(self, *args, **kwds):
    _orig_before_run(self, *args, **kwds)
    _MARK['wall'] = time.perf_counter()
    _MARK['cpu'] = time.process_time()
    _MARK['epoch'] = time.time()


Network.before_run = _before_run_marked


def arg(i, default, conv=float):
    return conv(sys.argv[i]) if len(sys.argv) > i else default


def setup(model, tag):
    """Select the code generation target given as argv[1]."""
    target = sys.argv[1] if len(sys.argv) > 1 else 'numpy'
    if target not in TARGETS:
        raise SystemExit(f'target must be one of {TARGETS}, got {target!r}')
    builddir = None
    # BRIAN_BENCH_FLOAT_DTYPE=float32: prefs.core.default_float_dtype (own build directory)
    float_dtype = os.environ.get('BRIAN_BENCH_FLOAT_DTYPE', 'float64') or 'float64'
    if float_dtype not in ('float32', 'float64'):
        raise SystemExit(f'BRIAN_BENCH_FLOAT_DTYPE must be float32 or float64, got {float_dtype!r}')
    prefs.core.default_float_dtype = np.float32 if float_dtype == 'float32' else np.float64
    if float_dtype == 'float32':
        tag = f'{tag}_float32'
    if target == 'cpp_standalone' and os.environ.get('BRIAN_BENCH_NO_FAST_MATH') == '1':
        # Brian2's default flags less -ffast-math (its own build directory)
        prefs.codegen.cpp.extra_compile_args_gcc = [
            a for a in prefs.codegen.cpp.extra_compile_args_gcc if a not in ('-ffast-math', '-fno-finite-math-only')]
        tag = f'{tag}_ieee'
    if target == 'cpp_standalone':
        # BRIAN_BENCH_OPENMP_THREADS=n: prefs.devices.cpp_standalone.openmp_threads (own build directory)
        omp = int(os.environ.get('BRIAN_BENCH_OPENMP_THREADS', '0') or 0)
        builddir = os.environ.get('BRIAN_BENCH_BUILD_DIR') or os.path.join(
            tempfile.gettempdir(), f'brian2_bench_{model}_{tag}' + (f'_omp{omp}' if omp else ''))
        if omp:
            prefs.devices.cpp_standalone.openmp_threads = omp
        set_device('cpp_standalone', build_on_run=False, directory=builddir)
        dev = get_device()
        # wall-clock time of the network run inside the binary
        dev.insert_code('before_network_run',
                        'struct timespec __bench_t0; '
                        'clock_gettime(CLOCK_MONOTONIC, &__bench_t0); '
                        '{ struct timespec __bench_e; clock_gettime(CLOCK_REALTIME, &__bench_e); '
                        'std::ofstream __f("results/bench_first_step_epoch.txt"); __f.precision(17); '
                        '__f << (double)__bench_e.tv_sec + 1e-9*(double)__bench_e.tv_nsec; }')
        dev.insert_code('after_network_run',
                        '{ struct timespec __bench_t1; '
                        'clock_gettime(CLOCK_MONOTONIC, &__bench_t1); '
                        'std::ofstream __f("results/bench_wall_time.txt"); '
                        '__f.precision(9); '
                        '__f << (double)(__bench_t1.tv_sec - __bench_t0.tv_sec)'
                        ' + 1e-9*(double)(__bench_t1.tv_nsec - __bench_t0.tv_nsec); }')
    else:
        prefs.codegen.target = target
    seed(int(os.environ.get('BRIAN_BENCH_SEED', '12345')))
    return target, builddir


def run_and_time(target, builddir, duration):
    """Run the network for `duration` and return a dict of timings."""
    t_setup_done = time.time()
    res = {'import_s': T_IMPORTED - T_START,
           'setup_s': t_setup_done - T_IMPORTED}
    t0 = time.perf_counter()
    # level=1: let the magic network collect objects (and resolve names)
    # in the calling benchmark script's frame, not in this helper.
    profile = os.environ.get('BRIAN_BENCH_PROFILE') == '1'
    run(duration, level=1, profile=profile)
    t1, c1 = time.perf_counter(), time.process_time()
    dev = get_device()
    if target == 'cpp_standalone':
        tb = time.time()
        dev.build(directory=builddir, compile=True, run=True,
                  with_output=False)
        build_total = time.time() - tb
        res['run_cpu_s'] = float(dev._last_run_time)
        with open(os.path.join(builddir, 'results', 'bench_wall_time.txt')) as f:
            res['run_wall_s'] = float(f.read())
        res['compile_s'] = float(dev.timers['compile']['make'])
        res['binary_s'] = float(dev.timers['run_binary'])
        res['codegen_s'] = build_total - res['compile_s'] - res['binary_s']
        res['build_total_s'] = build_total
        with open(os.path.join(builddir, 'results', 'bench_first_step_epoch.txt')) as f:
            first_step_epoch = float(f.read())
    else:
        res['run_call_s'] = t1 - t0
        res['run_wall_s'] = t1 - _MARK['wall']
        res['run_cpu_s'] = c1 - _MARK['cpu']
        res['codegen_s'] = res['run_call_s'] - res['run_wall_s']
        first_step_epoch = _MARK['epoch']
    # BENCH_SPAWN_EPOCH_MS: wall-clock time at which the caller spawned this process
    spawn = os.environ.get('BENCH_SPAWN_EPOCH_MS')
    start = float(spawn)/1000 if spawn else T_START
    res['first_step_s'] = first_step_epoch - start
    if profile:  # per code object time (Brian's own profiling)
        from brian2.core.magic import magic_network
        res['profile_s'] = {name: float(t) for name, t
                            in magic_network.profiling_info}
    return res


def outdegree(syn, n_source):
    """Number of outgoing synapses per source neuron (works after a
    cpp_standalone build too)."""
    return np.bincount(np.asarray(syn.i[:]), minlength=n_source)


def emit(target, model, **fields):
    out = {'target': target, 'model': model}
    out.update(fields)
    out['python_total_s'] = time.time() - T_START
    if os.environ.get('BRIAN_BENCH_TAG'):
        out['tag'] = os.environ['BRIAN_BENCH_TAG']
    try:  # peak resident memory (kB on Linux) of this process / of ./main
        import resource
        out['maxrss_self_mb'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        out['maxrss_children_mb'] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    except (ImportError, OSError):
        pass
    try:  # record machine load: timings on a loaded machine are inflated
        out['loadavg_1m'] = os.getloadavg()[0]
    except OSError:
        pass
    print(json.dumps(out), flush=True)
