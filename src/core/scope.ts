/**
 * The registry behind Brian-style magic: every BrianObject created since the last
 * `startScope()` (Brian2 finds them by inspecting the caller's frame; TypeScript cannot, so
 * objects register themselves at construction). Holds strong references until the next scope.
 */
import type { BrianObject } from './brian-object.ts';
import { resetNames } from './names.ts';

let scopeKey = 0;
let objects: BrianObject[] = [];

/** The current scope key (Brian2's `BrianObject._scope_current_key`). */
export function currentScopeKey(): number {
  return scopeKey;
}

/** Records a new object in the current scope. */
export function registerInScope(obj: BrianObject): void {
  objects.push(obj);
}

/** Forgets an object whose construction failed (Brian2 never holds on to such an object). */
export function unregisterFromScope(obj: BrianObject): void {
  const k = objects.indexOf(obj);
  if (k >= 0) objects.splice(k, 1);
}

/** Objects created in the current scope, in creation order. */
export function objectsInScope(): readonly BrianObject[] {
  return objects;
}

/**
 * Starts a new scope: objects created earlier are no longer collected by magic functions, the
 * registry lets go of them (so a finished scope's objects can be collected) and auto-names restart.
 */
export function startScope(): void {
  scopeKey++;
  objects = [];
  resetNames();
}
