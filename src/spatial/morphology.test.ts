import { test } from 'node:test';
import assert from 'node:assert/strict';
import { um, mV } from '../units/index.ts';
import { DimensionMismatchError } from '../units/index.ts';
import { Cylinder, Soma, SpatialNeuron, morphologyFromSwc, morphologyFromSwcFile, MissingSectionError, MorphologyCycleError, MorphologyError, SwcFormatError, SwcTopologyError } from './index.ts';

const ok = '1 1 0 0 0 5 -1\n2 3 10 0 0 1 1\n';

test('morpho.child() reaches children by name, number and L/R path', () => {
  const m = morphologyFromSwc(ok + '3 3 20 5 0 1 2\n4 3 20 -5 0 1 2\n');
  assert.equal(m.child('L'), m.child('1'));
  assert.equal(m.child('LL'), m.child('dend').child('dend'));
  assert.equal(m.child('dend.R'), m.child('LR'));
  assert.equal(m.child('L').startIndex, 1);
  assert.throws(() => m.child('axon'), { name: 'MissingSectionError', message: /subtree 'axon' does not exist/ });
  assert.ok((() => { try { m.child('LRR'); } catch (e) { return e instanceof MissingSectionError; } return false; })());
});

test('morpho.axon = new Cylinder(...) attaches a child; cycles are refused', () => {
  const m = new Soma({ diameter: um(10) });
  (m as unknown as Record<string, unknown>)['axon'] = new Cylinder({ diameter: um(1), length: um(10) });
  assert.equal(m.totalCompartments, 2);
  assert.equal((m as unknown as Record<string, unknown>)['axon'], m.child('axon'));
  assert.throws(() => m.child('axon').setChild('back', m), { name: 'MorphologyCycleError', message: /own ancestor/ });
  assert.throws(() => m.child('axon').setChild('self', m.child('axon')), MorphologyCycleError);
});

test('new Cylinder() rejects negative diameters and wrong units; zero diameters only in a SpatialNeuron', () => {
  assert.throws(() => new Cylinder({ diameter: um(-1), length: um(10) }), { name: 'MorphologyError', message: /non-negative/ });
  // Zero diameters are a valid morphology (Brian2's tapering cones end in 0), but no SpatialNeuron
  const zero = new Cylinder({ diameter: um(0), length: um(10) });
  assert.throws(() => new SpatialNeuron(zero, 'Im = 0*amp/meter**2 : amp/meter**2'), { name: 'SpatialNeuronError', message: /zero diameter/ });
  assert.throws(() => new Soma({ diameter: um(-1) }), MorphologyError);
  assert.throws(() => new Cylinder({ diameter: mV(1), length: um(10) }), DimensionMismatchError);
  assert.throws(() => new Cylinder({ diameter: um(1), n: 0, length: um(10) }), { name: 'MorphologyError', message: /at least 1/ });
});

test('morphologyFromSwc() errors name the line', () => {
  assert.throws(() => morphologyFromSwc('# c\n1 1 0 0 0 5 -1\n2 3 10 0 0 1\n'), (e) => e instanceof SwcFormatError && e.line === 3 && /line 3: .*7 space-separated/.test(e.message));
  assert.throws(() => morphologyFromSwc('1 1 0 0 0 5 -1\n2 3 x 0 0 1 1\n'), { name: 'SwcFormatError', message: /line 2: x has to be a finite number/ });
  assert.throws(() => morphologyFromSwc('1 1 0 0 0 -1 -1\n'), { name: 'SwcFormatError', message: /line 1: the radius has to be non-negative/ });
  assert.throws(() => morphologyFromSwc(ok + '3 3 20 0 0 1 9\n'), { name: 'SwcTopologyError', message: /line 3: unknown parent compartment 9/ });
  assert.throws(() => morphologyFromSwc(ok + '3 3 20 0 0 1 4\n4 3 20 0 0 1 3\n'), { name: 'SwcTopologyError', message: /line 3: .*cycle/ });
  assert.throws(() => morphologyFromSwc(ok + '3 3 20 0 0 1 3\n'), { name: 'SwcTopologyError', message: /line 3: .*itself/ });
  assert.throws(() => morphologyFromSwc(ok + '2 3 20 0 0 1 1\n'), SwcTopologyError);
});

test('morphologyFromSwcFile on a missing file throws MorphologyError naming the path', () => {
  assert.throws(
    () => morphologyFromSwcFile('/nonexistent/cell.swc'),
    (err: unknown) => err instanceof MorphologyError && /Cannot read the SWC file '\/nonexistent\/cell\.swc'/.test(err.message),
  );
});
