/**
 * Issue 15 item 2: public constructors and functions given junk arguments throw only brian-ts's
 * typed errors (BrianError subclasses), never a raw TypeError/RangeError.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  BrianError,
  Clock,
  Cylinder,
  Equations,
  EventMonitor,
  Network,
  NeuronGroup,
  PoissonGroup,
  PoissonInput,
  PopulationRateMonitor,
  Section,
  Soma,
  SpatialNeuron,
  SpikeGeneratorGroup,
  SpikeMonitor,
  StateMonitor,
  Synapses,
  TimedArray,
  figure,
  linkedVar,
  morphologyFromPoints,
  morphologyFromSwc,
  networkOperation,
  ms,
  mV,
  um,
  Hz,
  startScope,
} from '../../src/index.ts';
import { setPhysicalMemoryForTesting, setWarningHandler } from '../../src/util/index.ts';

/** Junk: anything fast-check makes, plus values close to valid ones. */
const junk = fc.oneof(
  { weight: 4, arbitrary: fc.anything() },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, undefined, NaN, -1, 0, 1, 2.5, 1e12, 2 ** 31, -Infinity, '', 'v', 'v : 1', [], {}, [1, 2], mV(1), ms(1), Hz(5), () => 1, Symbol('s')) },
  { weight: 1, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('name', 'dt', 'when', 'order', 'record', 'threshold', 'method', 'namespace', 'n', 'p', 'i', 'j', 'condition', 'rates'), fc.anything()) },
);

function onlyTyped(label: string, f: (...args: unknown[]) => unknown, arity: number, numRuns = 150): void {
  let raw = '';
  const details = fc.check(
    fc.property(fc.array(junk, { minLength: arity, maxLength: arity }), (args) => {
      try {
        f(...args);
      } catch (e) {
        if (!(e instanceof BrianError)) {
          raw = `${label}(${args.map((a) => fc.stringify(a)).join(', ')}) threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
          return false;
        }
      }
      return true;
    }),
    { numRuns },
  );
  // `raw` holds the last (shrunk) failure.
  if (details.failed) assert.fail(`${raw} (seed ${details.seed})`);
}

describe('junk arguments to public constructors and functions throw only BrianErrors', () => {
  before(() => {
    // Sizes that would fit this machine must not actually be allocated by a test.
    setPhysicalMemoryForTesting(64 * 1024 * 1024);
    setWarningHandler(() => {});
  });
  after(() => {
    setPhysicalMemoryForTesting(undefined);
    setWarningHandler(undefined);
  });

  it('the issue\'s reproductions', () => {
    assert.throws(() => new Equations(42 as never), BrianError);
    assert.throws(() => new NeuronGroup(1, 'v : 1', null as never), BrianError);
    assert.throws(() => morphologyFromSwc(42 as never), BrianError);
    assert.throws(() => new NeuronGroup(1, 'dv/dt = -v/ms : 1', { method: 3 as never }), BrianError);
    assert.throws(() => new NeuronGroup(2 ** 31, 'v : 1'), BrianError);
  });

  it('models and groups', () => {
    startScope();
    onlyTyped('new Equations', (a, b) => new Equations(a as never, b as never), 2);
    onlyTyped('new NeuronGroup', (a, b, c) => new NeuronGroup(a as never, b as never, c as never), 3);
    onlyTyped('new NeuronGroup(1, model)', (b, c) => new NeuronGroup(1, b as never, c as never), 2);
    onlyTyped('new NeuronGroup(1, "v : 1")', (c) => new NeuronGroup(1, 'dv/dt = -v/(10*ms) : 1', c as never), 1);
    onlyTyped('new Clock', (a, b) => new Clock(a as never, b as never), 2);
    onlyTyped('new Network', (a, b) => new Network(a as never, b as never), 2);
  });

  it('synapses and connect', () => {
    const G = new NeuronGroup(3, 'v : 1');
    onlyTyped('new Synapses', (a, b, c, d) => new Synapses(a as never, b as never, c as never, d as never), 4);
    onlyTyped('new Synapses(G, G)', (c, d) => new Synapses(G, G, c as never, d as never), 2);
    const S = new Synapses(G, G, 'w : 1');
    onlyTyped('S.connect', (a) => S.connect(a as never), 1);
  });

  it('monitors', () => {
    const G = new NeuronGroup(3, 'v : 1', { threshold: 'v > 1', reset: 'v = 0' });
    onlyTyped('new StateMonitor', (a, b, c) => new StateMonitor(a as never, b as never, c as never), 3);
    onlyTyped('new StateMonitor(G)', (b, c) => new StateMonitor(G, b as never, c as never), 2);
    onlyTyped('new SpikeMonitor', (a, b) => new SpikeMonitor(a as never, b as never), 2);
    onlyTyped('new SpikeMonitor(G)', (b) => new SpikeMonitor(G, b as never), 1);
    onlyTyped('new EventMonitor(G)', (a, b) => new EventMonitor(G, a as never, b as never), 2);
    onlyTyped('new PopulationRateMonitor', (a, b) => new PopulationRateMonitor(a as never, b as never), 2);
  });

  it('inputs', () => {
    const G = new NeuronGroup(3, 'v : 1');
    onlyTyped('new PoissonGroup', (a, b, c) => new PoissonGroup(a as never, b as never, c as never), 3);
    onlyTyped('new PoissonInput(G)', (a, b, c, d, e) => new PoissonInput(G, a as never, b as never, c as never, d as never, e as never), 5);
    onlyTyped('new SpikeGeneratorGroup', (a, b, c, d) => new SpikeGeneratorGroup(a as never, b as never, c as never, d as never), 4);
    onlyTyped('new TimedArray', (a, b, c) => new TimedArray(a as never, b as never, c as never), 3);
    onlyTyped('networkOperation', (a, b) => networkOperation(a as never, b as never), 2);
    onlyTyped('linkedVar', (a, b, c) => linkedVar(a as never, b as never, c as never), 3);
  });

  it('spatial', () => {
    onlyTyped('new Soma', (a) => new Soma(a as never), 1);
    onlyTyped('new Cylinder', (a) => new Cylinder(a as never), 1);
    onlyTyped('new Section', (a) => new Section(a as never), 1);
    onlyTyped('morphologyFromSwc', (a, b) => morphologyFromSwc(a as never, b as never), 2);
    onlyTyped('morphologyFromPoints', (a, b) => morphologyFromPoints(a as never, b as never), 2);
    const soma = new Soma({ diameter: um(10) });
    onlyTyped('new SpatialNeuron(soma)', (a, b) => new SpatialNeuron(soma, a as never, b as never), 2);
  });

  it('plotting', () => {
    onlyTyped('figure', (a) => figure(a as never), 1);
    const fig = figure();
    onlyTyped('fig.plot', (a, b, c) => fig.plot(a as never, b as never, c as never), 3);
  });
});
