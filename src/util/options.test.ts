import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BrianError } from './errors.ts';
import { checkOptions, describeValue, optionNames, OptionsError } from './options.ts';

class LayerError extends BrianError {}

describe('checkOptions', () => {
  const valid = ['condition', 'i', 'j', 'p', 'n', 'skipIfInvalid'];

  it('returns the options (or {} for undefined) when every key is known', () => {
    const o = { condition: 'i != j', p: 0.5 };
    assert.equal(checkOptions(o, valid, { what: 'connect()' }), o);
    assert.deepEqual(checkOptions(undefined, valid, { what: 'connect()' }), {});
    const bare = Object.create(null) as object;
    assert.equal(checkOptions(bare, valid, { what: 'connect()' }), bare);
  });

  it('names the unknown key, suggests the close match and lists the valid keys', () => {
    assert.throws(
      () => checkOptions({ condtion: 'i != j' }, valid, { what: 'connect()' }),
      (e: unknown) =>
        e instanceof OptionsError &&
        e.option === 'condtion' &&
        e.suggestions[0] === 'condition' &&
        e.message === "Unknown option 'condtion' for connect(). Did you mean 'condition'? Valid options are: condition, i, j, p, n, skipIfInvalid.",
    );
    assert.throws(() => checkOptions({ zzzzzz: 1 }, valid, { what: 'connect()' }), /^OptionsError: Unknown option 'zzzzzz' for connect\(\)\. Valid options/);
    assert.throws(() => checkOptions({ ab: 1 }, ['abc', 'abd'], { what: 'f()' }), /Did you mean one of 'abc', 'abd'\?/);
  });

  it('checks keys whose value is undefined too', () => {
    assert.throws(() => checkOptions({ condtion: undefined }, valid, { what: 'connect()' }), OptionsError);
  });

  it("throws the layer's error from the factory", () => {
    assert.throws(() => checkOptions({ x: 1 }, valid, { what: 'f()', error: (m) => new LayerError(m) }), LayerError);
    assert.throws(() => checkOptions(null as never, valid, { what: 'f()', error: (m) => new LayerError(m) }), LayerError);
  });

  it('refuses anything but a plain object, saying what it got', () => {
    for (const [bad, what] of [
      [null, 'null'],
      [42, 'a number'],
      ['text', 'a string'],
      [[1], 'an array'],
      [new Date(0), 'a Date'],
      [() => 1, 'a function'],
    ] as const) {
      assert.throws(() => checkOptions(bad as never, valid, { what: 'f()' }), (e: unknown) => e instanceof OptionsError && e.message.includes(`got ${what}`));
    }
    assert.equal(describeValue(undefined), 'undefined');
  });

  it('never throws anything but its typed error (fuzzed)', () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        try {
          checkOptions(x as object, valid, { what: 'f()' });
        } catch (e) {
          assert.ok(e instanceof OptionsError, String(e));
        }
      }),
    );
  });
});

describe('optionNames', () => {
  it('lists the keys of an options interface', () => {
    interface O {
      a?: number;
      b: string;
    }
    assert.deepEqual(optionNames<O>({ a: true, b: true }), ['a', 'b']);
  });
});
