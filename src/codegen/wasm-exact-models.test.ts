/**
 * Exact-mode kernels on whole neuron models (session 11, s11-hhk): Brette 2012 Fig3CF's channel
 * update (two exp calls feeding m and m2, and the linearised-current tail a SpatialNeuron appends),
 * HH (ten exp/exprel calls feeding m, n, h, v) and COBAHH (HH with conductances), integrated by
 * exponential Euler as a group does, each compiled as an in-place kernel and compared bit for bit
 * with the reference evaluator — over several steps with a threshold, refractoriness and resets,
 * for group sizes that are not multiples of 4 and for ranged runs (threads) cut at odd offsets.
 * The states include lanes outside the functions' ordinary ranges (NaN, overflow, exprel near 0),
 * so pairs take the full forms next to pairs that do not. Session 10's two-pairs-per-iteration
 * kernel (864e4b2, reverted) gave element 0, 1 of every 4 m's value for m2 here (its second pair's
 * locals were keyed by name + '2': m's became the first pair's m2's).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Equations } from '../equations/index.ts';
import { exponentialEuler } from '../stateupdaters/index.ts';
import { parseExpression, parseStatements, printStatements } from '../parsing/index.ts';
import { Variables, addIndexVariables, packWasmStorage, wasmStorageAvailable } from '../variables/index.ts';
import type { ArrayVariable } from '../variables/index.ts';
import { compileCodeBlock, setParallelHook } from './index.ts';
import type { RangedCode } from './index.ts';
import { compileReference } from './reference.ts';
import type { CodeBlockSpec, CodeObject } from './spec.ts';

const skip = !wasmStorageAvailable && 'no shared WebAssembly memory';

interface Model {
  /** Dimensionless equations (SI values; `mV`, `ms` are constants). */
  readonly eqs: string;
  /** Statements after the integration step (a SpatialNeuron's linearised current). */
  readonly tail?: string;
  /** Per-element parameters and initial states: name → value of element i (v varies most). */
  readonly arrays: Record<string, (i: number) => number>;
  readonly constants: Record<string, number>;
  readonly dt: number;
  /** Threshold (with refractoriness while it holds, as HH's `refractory: 'v > -40*mV'`) and reset value of v. */
  readonly threshold?: { readonly condition: string; readonly reset: number };
}

/** A membrane potential per element: a sweep over −90…+50 mV, and every 37th an extreme (NaN, overflow, exprel's argument 0). */
function potential(i: number): number {
  const extreme = [NaN, 1e3, -1e3, -0.05, -0.037, Infinity, -0.063];
  return i % 37 === 36 ? extreme[Math.floor(i / 37) % extreme.length]! : -0.09 + ((i * 0.6180339887) % 1) * 0.14;
}
const gate = (shift: number) => (i: number): number => ((i * 0.7548776662 + shift) % 1);

const HH_EQS = `
dv/dt = (gl*(El-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK) + I)/Cm : 1
dm/dt = 0.32*(mV**-1)*4*mV/exprel((13.*mV-v+VT)/(4*mV))/ms*(1-m)-0.28*(mV**-1)*5*mV/exprel((v-VT-40.*mV)/(5*mV))/ms*m : 1
dn/dt = 0.032*(mV**-1)*5*mV/exprel((15.*mV-v+VT)/(5*mV))/ms*(1.-n)-.5*exp((10.*mV-v+VT)/(40.*mV))/ms*n : 1
dh/dt = 0.128*exp((17.*mV-v+VT)/(18.*mV))/ms*(1.-h)-4./(1+exp((40.*mV-v+VT)/(5.*mV)))/ms*h : 1
`;
const AREA = 2e-8;
const HH_CONSTANTS = { mV: 1e-3, ms: 1e-3, Cm: 1e-2 * AREA, gl: 5e-5 * 1e4 * AREA, El: -0.065, EK: -0.09, ENa: 0.05, g_na: 100e-3 * 1e4 * AREA, g_kd: 30e-3 * 1e4 * AREA, VT: -0.063 };

const MODELS: Record<string, Model> = {
  // Brette 2012 Fig3CF (examples/frompapers/Brette_2012/Fig3CF.ts): v is the cable solve's, the update is m, m2 and the tail.
  fig3cf: {
    eqs: `
dm/dt = (minf - m) / taum : 1
minf = 1 / (1 + exp((va - v) / ka)) : 1
dm2/dt = (minf2 - m2) / taum : 1
minf2 = 1/(1 + exp((va2 - v) / ka)) : 1
`,
    tail: '_gtot_all = gL + gNa*m + gNa2*m2\n_I0_all = gL*EL + gNa*m*ENa + gNa2*m2*ENa + Iin/area',
    arrays: { v: potential, m: gate(0.1), m2: gate(0.7), gNa: (i) => (i % 3) * 50, gNa2: (i) => (i % 5) * 30, Iin: (i) => (i % 11 === 0 ? 1e-10 : 0), area: (i) => 1e-10 * (1 + (i % 7)), _gtot_all: () => 0, _I0_all: () => 0 },
    constants: { gL: 1 / 3, EL: -0.075, ENa: 0.06, ka: 0.006, va: -0.04, va2: -0.025, taum: 1e-4 },
    dt: 1e-5,
  },
  hh: {
    eqs: HH_EQS,
    arrays: { v: potential, m: gate(0.2), n: gate(0.5), h: gate(0.9), I: (i) => 2e-9 * ((i * 0.37) % 1) },
    constants: HH_CONSTANTS,
    dt: 1e-4,
    threshold: { condition: 'v > -40*mV', reset: -0.06 },
  },
  // COBAHH (bench/models/cobahh.ts's neuron): HH with excitatory and inhibitory conductances.
  cobahh: {
    eqs: `${HH_EQS.replace('+ I)/Cm', '+ ge*(Ee-v) + gi*(Ei-v))/Cm')}
dge/dt = -ge*(1./taue) : 1
dgi/dt = -gi*(1./taui) : 1
`,
    arrays: { v: potential, m: gate(0.2), n: gate(0.5), h: gate(0.9), ge: (i) => 6e-9 * ((i * 0.29) % 1), gi: (i) => 67e-9 * ((i * 0.43) % 1) },
    constants: { ...HH_CONSTANTS, Ee: 0, Ei: -0.08, taue: 5e-3, taui: 10e-3 },
    dt: 1e-4,
    threshold: { condition: 'v > -20*mV', reset: -0.06 },
  },
};

/** The model's table for N elements; `pack`: its arrays in one WebAssembly memory (the kernel's storage). */
function table(m: Model, N: number, pack: boolean): Variables {
  const vars = new Variables('e');
  addIndexVariables(vars, N);
  for (const [name, f] of Object.entries(m.arrays)) vars.addArray(name, { size: N, values: Array.from({ length: N }, (_, i) => f(i)) });
  vars.addArray('lastspike', { size: N, values: -1e4 });
  vars.addArray('not_refractory', { dtype: 'bool', size: N, values: 1 });
  vars.addArray('_spikespace', { dtype: 'int32', size: N + 1 });
  vars.addArray('t', { size: 1, scalar: true, values: 0 });
  vars.addArray('dt', { size: 1, scalar: true, values: m.dt, readOnly: true });
  for (const [name, value] of Object.entries(m.constants)) vars.addConstant(name, { value });
  if (pack) assert.ok(packWasmStorage(vars, 1) !== undefined, 'packed');
  return vars;
}

/** The group's statements: refractoriness from the threshold (as `refractory: <condition>`), the exponential Euler step, the tail. */
function code(m: Model): string {
  const update = printStatements(exponentialEuler.apply(new Equations(m.eqs)));
  return [...(m.threshold === undefined ? [] : [`not_refractory = not (${m.threshold.condition})`]), update, ...(m.tail === undefined ? [] : [m.tail])].join('\n');
}

function spec(m: Model, vars: Variables, N: number): CodeBlockSpec {
  return {
    name: 'e',
    template: m.threshold === undefined ? 'stateupdate' : 'stateupdate_threshold',
    statements: parseStatements(code(m)),
    variables: vars,
    N,
    ...(m.threshold === undefined ? {} : { condition: parseExpression(m.threshold.condition), eventSpace: vars.get('_spikespace') as never, refractory: true }),
  };
}

const arrayOf = (vars: Variables, name: string): Float64Array | Int32Array | Uint8Array => (vars.get(name) as ArrayVariable).array as Float64Array | Int32Array | Uint8Array;

/** After a step: the events' v set to the reset value, t advanced (as a group's reset and the clock). */
function afterStep(m: Model, vars: Variables, N: number, events: readonly number[]): void {
  const v = arrayOf(vars, 'v');
  if (m.threshold !== undefined) for (const i of events) v[i] = m.threshold.reset;
  const t = arrayOf(vars, 't');
  t[0] = t[0]! + m.dt;
  void N;
}

/** The events of a whole-group run (count in the last slot). */
function eventsOf(vars: Variables, N: number): number[] {
  const ev = arrayOf(vars, '_spikespace') as Int32Array;
  return Array.from(ev.subarray(0, ev[N]!));
}

/** Asserts every array of `x` equals `y`'s bit for bit (NaN equals NaN; the event space: the events only). */
function assertSame(x: Variables, y: Variables, N: number, message: string): void {
  for (const [name, v] of x) {
    if (v.kind !== 'array' || name === '_spikespace') continue;
    const a = (v as ArrayVariable).array;
    const b = (y.get(name) as ArrayVariable).array;
    for (let i = 0; i < a.length; i++) {
      const p = a[i]!;
      const q = b[i]!;
      if (Object.is(p, q) || (Number.isNaN(p) && Number.isNaN(q))) continue;
      assert.fail(`${message}: ${name}[${i}] is ${p}, the reference evaluator's ${q} (N = ${N})`);
    }
  }
  assert.deepEqual(eventsOf(x, N), eventsOf(y, N), `${message}: events`);
}

const STEPS = 6;

/** Forces one pair per iteration or two interleaved (session 13, wasm-emit.ts interleavePairs); returns the undo. */
function interleave(form: 'one pair' | 'two pairs interleaved'): () => void {
  const before = process.env['BRIAN_TS_KERNEL_INTERLEAVE'];
  process.env['BRIAN_TS_KERNEL_INTERLEAVE'] = form === 'one pair' ? '0' : '1';
  return () => {
    if (before === undefined) delete process.env['BRIAN_TS_KERNEL_INTERLEAVE'];
    else process.env['BRIAN_TS_KERNEL_INTERLEAVE'] = before;
  };
}

for (const form of ['one pair', 'two pairs interleaved'] as const) {
  test(`exact mode: Fig3CF's, HH's and COBAHH's updates run as in-place kernels with the reference evaluator's bits, step by step, for sizes not multiples of 4 (${form})`, { skip }, () => {
    const restore = interleave(form);
    try {
      for (const [label, m] of Object.entries(MODELS)) {
        for (const N of [5, 6, 7, 301, 1029, 1030, 1031]) {
          const a = table(m, N, true);
          const r = table(m, N, false);
          const k = compileCodeBlock(spec(m, a, N), { fastMath: false, exactKernels: true });
          assert.ok(k.source.includes('$wasmInPlace('), `${label}: a kernel\n${k.source}`);
          const ref = compileReference(spec(m, r, N));
          let events = 0;
          for (let s = 0; s < STEPS; s++) {
            k.run();
            ref.run();
            assertSame(a, r, N, `${label}, step ${s}`);
            events += eventsOf(a, N).length;
            afterStep(m, a, N, eventsOf(a, N));
            afterStep(m, r, N, eventsOf(r, N));
          }
          if (m.threshold !== undefined && N > 300) assert.ok(events > 0, `${label}: some events`);
        }
      }
    } finally {
      restore();
    }
  });

  test(`exact mode: Fig3CF's, HH's and COBAHH's kernels over ranges cut at odd offsets (threads) give the reference evaluator's bits of one whole run (${form})`, { skip }, () => {
    const restore = interleave(form);
    try {
      const N = 1031;
      const cuts = [
        [0, N],
        [0, 1, N],
        [0, 3, 6, 517, N],
        [0, 515, 516, 1027, 1030, N],
        [0, 7, 9, 14, 21, 300, 301, 999, N],
      ];
      for (const [label, m] of Object.entries(MODELS)) {
        let ranged: RangedCode | undefined;
        setParallelHook((c, r) => {
          ranged = r;
          return c;
        });
        const vars = table(m, N, true);
        try {
          compileCodeBlock(spec(m, vars, N), { fastMath: false, exactKernels: true });
        } finally {
          setParallelHook(undefined);
        }
        assert.ok(ranged !== undefined && ranged.source.includes('$wasmInPlace($wk)($lo, $hi'), `${label}: ${ranged?.source ?? 'no ranged code'}`);
        const ev = arrayOf(vars, '_spikespace') as Int32Array;
        for (const split of cuts) {
          // Fresh state in the kernel's storage, and a fresh reference.
          const fresh = table(m, N, false);
          for (const [name, v] of fresh) if (v.kind === 'array') (vars.get(name) as ArrayVariable).array.set((v as ArrayVariable).array);
          const r = table(m, N, false);
          const ref = compileReference(spec(m, r, N));
          const segs = new Int32Array(16);
          for (let s = 0; s < STEPS; s++) {
            const merged: number[] = [];
            for (let p = 0; p + 1 < split.length; p++) {
              ranged!.run(split[p]!, split[p + 1]!, p, segs);
              merged.push(...ev.subarray(split[p]!, split[p]! + (m.threshold === undefined ? 0 : segs[p]!)));
            }
            ev.fill(0);
            ev.set(merged);
            ev[N] = merged.length;
            ref.run();
            assertSame(vars, r, N, `${label}, cuts ${split.join('/')}, step ${s}`);
            afterStep(m, vars, N, merged);
            afterStep(m, r, N, eventsOf(r, N));
          }
        }
      }
    } finally {
      restore();
    }
  });
}
