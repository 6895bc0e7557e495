// brian-ts demo (npm start): units, Brian's expression language, equations, the symbolic layer
// and the seed programs' simulations (their figures arrive with the plotting issue).
import {
  mV,
  ms,
  nS,
  pF,
  Hz,
  second,
  sqrt,
  Equations,
  checkUnits,
  parseExpression,
  printExpr,
  analyse,
  createScope,
  splitLinear,
  differentiate,
  simplify,
  BrianError,
  startScope,
  NeuronGroup,
  StateMonitor,
  SpikeMonitor,
  run,
} from 'brian-ts';

const section = (title: string): void => console.log(`\n== ${title} ==`);
const showError = (action: () => unknown): void => {
  try {
    action();
    console.log('(no error)');
  } catch (err) {
    if (!(err instanceof BrianError)) throw err;
    console.log(`${err.name}: ${err.message}`);
  }
};

section('Units: callable, checked, displayed as Brian2 does');
console.log('mV(3).times(nS(2))          =', String(mV(3).times(nS(2))));
console.log('ms([1, 2, 3])               =', String(ms([1, 2, 3])));
console.log('mV(-70).in(mV)              =', mV(-70).in(mV));
console.log('sqrt(pF(4).div(nS(1)))      =', String(sqrt(pF(4).div(nS(1)))));
console.log('Hz(15).times(second(10))    =', String(Hz(15).times(second(10))), '(dimensionless: a number)');
console.log('nS(10).div(ms(20).times(mV(1)).div(second(1))) =', String(nS(10).div(ms(20).times(mV(1)).div(second(1)))));
showError(() => mV(3).plus(nS(2)));

section('Expressions: parsed, printed, unit- and type-checked');
const scope = createScope({ namespaces: [{ v: mV(-65), v0: mV(-10), tau: ms(10) }] });
for (const source of ['(v0 - v)/tau', 'v > -40*mV', 'int(v > v0) * 2']) {
  const info = analyse(parseExpression(source), scope);
  console.log(`${source.padEnd(18)} -> ${printExpr(parseExpression(source)).padEnd(18)} unit ${info.dim}, type ${info.type}`);
}
showError(() => parseExpression('gNa*m**3*(ENa-v'));
showError(() => analyse(parseExpression('v > 0'), scope));

section('Equations: Brian2 syntax, flags, unit checking');
const eqs = new Equations(`
dv/dt = (gl*(El - v) + ge*(Ee - v) + I)/C : volt (unless refractory)
dge/dt = -ge/taue : siemens   # excitatory conductance
I : amp (constant)
`);
console.log(String(eqs));
console.log('differential equations:', eqs.diffEqNames, ' parameters:', eqs.parameterNames);
console.log('external identifiers:', eqs.identifiers);
const namespace = { gl: nS(10), El: mV(-60), Ee: mV(0), C: pF(200), taue: ms(5) };
checkUnits(eqs, { namespaces: [namespace] });
console.log('units check: OK');
showError(() => checkUnits(new Equations('dv/dt = -v : volt'), {}));
showError(() => new Equations('dv/dt = -v/tau : mV'));

section('Symbolic: what the exact and exponential-Euler integrators need');
const rhs = parseExpression('(gl*(El - v) + ge*(Ee - v) + I)/C');
const split = splitLinear(rhs, 'v');
if (split.isLinear) {
  console.log('d(rhs)/dv  =', printExpr(split.coefficient));
  console.log('rhs at v=0 =', printExpr(split.rest));
}
console.log('d/dv exprel(v/mV) =', printExpr(simplify(differentiate(parseExpression('exprel(v/mV)'), 'v'))));

section('Simulation: the seed programs');
{
  startScope();
  const G = new NeuronGroup(1, 'dv/dt = (v0-v)/tau : volt (unless refractory)', {
    threshold: 'v > -40*mV',
    reset: 'v = -60*mV',
    refractory: ms(5),
    method: 'exact',
    namespace: { v0: mV(-10), tau: ms(10) },
  });
  G.v = mV(-70);
  const M = new StateMonitor(G, 'v', { record: true });
  const S = new SpikeMonitor(G);
  run(ms(50));
  console.log(`seed 1: ${M.t.length} samples, spikes at ${String(S.t)}, v(1 ms) = ${String(M.v[0].get(10))}`);
}
{
  startScope();
  const G = new NeuronGroup(100, 'dv/dt = (v0-v+I)/tau : volt (unless refractory)\nI : volt', {
    threshold: 'v>-40*mV',
    reset: 'v=-60*mV',
    refractory: ms(1),
    method: 'exact',
    namespace: { tau: ms(10), v0: mV(-50), I_max: mV(40) },
  });
  G.v = mV(-70);
  const M = new SpikeMonitor(G);
  G.I = 'i*I_max/(N-1)';
  const started = performance.now();
  run(ms(1000));
  const elapsed = performance.now() - started;
  console.log(`seed 2: ${M.numSpikes} spikes from 100 neurons in 1 s of model time (${elapsed.toFixed(0)} ms wall clock)`);
  console.log(`        rate of neuron 99: ${M.count[99]} sp/s; neurons 0-24 silent: ${Array.from(M.count.slice(0, 25)).every((c) => c === 0)}`);
}
