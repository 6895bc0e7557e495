/**
 * An object's creation site (`createdAt`, named by errors as "Object was created here: …") is
 * captured when the object is made and formatted only when first read (session 9): the lazily
 * formatted site must be the one formatted at creation, for objects made in a user file, and an
 * error raised during a run must still name it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BrianObjectError, ms, run, startScope } from '../../src/index.ts';
import { setEagerCreationSites } from '../../src/core/brian-object.ts';
import { makeBadUnits, makeGroups } from './fixtures/creation-site-user.ts';

const SITE = /^makeGroups \(.*tests\/network\/fixtures\/creation-site-user\.ts:8:15\)$/;

describe('creation sites', () => {
  it('formats the site lazily to the same text as eagerly, in the user file that made the object', () => {
    startScope();
    setEagerCreationSites(true);
    let eager;
    try {
      eager = makeGroups(1)[0]!;
    } finally {
      setEagerCreationSites(false);
    }
    const lazy = makeGroups(1)[0]!;
    // The eager one was formatted at creation: it is a string already; the lazy one is not yet.
    assert.equal(typeof (eager as unknown as { createdAtSite: unknown }).createdAtSite, 'string');
    assert.ok((lazy as unknown as { createdAtSite: unknown }).createdAtSite instanceof Error);
    assert.match(eager.createdAt, SITE);
    assert.equal(lazy.createdAt, eager.createdAt);
    // Formatted once, then kept.
    assert.equal(typeof (lazy as unknown as { createdAtSite: unknown }).createdAtSite, 'string');
    assert.equal(lazy.createdAt, eager.createdAt);
    // Contained objects (the group's state updater, thresholder…) are made inside brian-ts: their
    // site is the user's line too.
    for (const c of lazy.containedObjects) assert.equal(c.createdAt, eager.createdAt, c.name);
  });

  it('names the lazily formatted site in an error raised when a run starts', () => {
    startScope();
    makeBadUnits();
    assert.throws(
      () => run(ms(0.1)),
      (e: unknown) => {
        assert.ok(e instanceof BrianObjectError);
        assert.match(e.message, /\nObject was created here: makeBadUnits \(.*tests\/network\/fixtures\/creation-site-user\.ts:15:10\)/);
        return true;
      },
    );
  });
});
