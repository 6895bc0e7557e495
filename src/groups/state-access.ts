/**
 * Brian2-style attribute access to state variables (`G.v`, `G.v = mV(-70)`) for any variable
 * name. A per-instance Proxy is placed *in the prototype chain* (instance → proxy → class
 * prototype), so the object keeps its identity (networks and monitors see the real instance),
 * own fields and methods are found before the proxy is consulted, and only names the object
 * does not define reach the traps.
 */

/** What the traps delegate to: implemented by `Group`. */
export interface StateAccessHost {
  /** Reads an undefined property: a state variable view, or `undefined`/an error. */
  readAttribute(key: string): unknown;
  /** Writes an undefined property: a state variable, or an error. Returns false to fall back to a plain own property. */
  writeAttribute(key: string, value: unknown): boolean;
  /** Whether `key` names a state variable (for `key in G`). */
  hasAttribute(key: string): boolean;
}

/** Installs state access on `instance`, whose class prototype is `prototype` (pass `new.target.prototype`). */
export function installStateAccess(instance: StateAccessHost, prototype: object): void {
  // The proxy's target has the class prototype as its prototype, so `instanceof` still works.
  const shim = Object.create(prototype) as object;
  const proxy = new Proxy(shim, {
    get(target, key, receiver: StateAccessHost) {
      if (typeof key === 'symbol' || key in target) return Reflect.get(target, key, receiver);
      return receiver.readAttribute(key);
    },
    set(target, key, value: unknown, receiver: StateAccessHost) {
      if (typeof key === 'symbol' || key in target) return Reflect.set(target, key, value, receiver);
      if (receiver.writeAttribute(key, value)) return true;
      return Reflect.defineProperty(receiver, key, { value, writable: true, enumerable: true, configurable: true });
    },
    has(target, key) {
      if (typeof key === 'symbol' || key in target) return Reflect.has(target, key);
      return instance.hasAttribute(key);
    },
  });
  Object.setPrototypeOf(instance, proxy);
}
