/**
 * A subexpression used through `_pre`/`_post` by another object is inlined into that object's
 * code, so its external names must resolve in that object's namespace (Brian2 resolves them with
 * the synapses' namespace too): a typed error names the identifier, never an internal error.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { Network, NeuronGroup, Synapses, UndefinedIdentifierError, ms, mV } from '../../src/index.ts';

function build(synapseNamespace: Record<string, unknown> | undefined) {
  const a = mV(2);
  const G = new NeuronGroup(2, 'v : volt\nIm = a + v : volt', { namespace: { a } });
  const T = new NeuronGroup(1, 'u : volt');
  const S = new Synapses(G, T, 'u_post = Im_pre : volt (summed)', synapseNamespace === undefined ? {} : { namespace: synapseNamespace });
  S.connect();
  return { net: new Network(G, T, S), T };
}

it("an external name of a source subexpression unknown to the synapses is an UndefinedIdentifierError naming it", () => {
  const { net } = build(undefined);
  assert.throws(
    () => net.run(ms(0.1)),
    (e: Error) => {
      let cause: unknown = e;
      while (cause instanceof Error && !(cause instanceof UndefinedIdentifierError)) cause = cause.cause;
      assert.ok(cause instanceof UndefinedIdentifierError, String(e));
      assert.equal(cause.identifier, 'a');
      assert.match(String(e), /synapses_summed_variable_u_post/);
      return true;
    },
  );
});

it('with the name in the synapses namespace the summed value is the subexpression', () => {
  const { net, T } = build({ a: mV(2) });
  net.run(ms(0.1));
  assert.ok(Math.abs(T.u_[0]! - 2 * 2e-3) < 1e-15);
});
