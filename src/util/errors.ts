/**
 * Root of brian-ts's error hierarchy. Every error a user can see from brian-ts is a
 * `BrianError`; each layer derives its own typed errors from it (units/errors.ts,
 * parsing/errors.ts, …) and carries its data as readonly fields.
 */
export class BrianError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A bug in brian-ts itself, never the user's fault. */
export class InternalError extends BrianError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(`Internal brian-ts error (please report it): ${message}`, options);
  }
}
