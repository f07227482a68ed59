import type { NextFunction } from "express";

/**
 * Runs a middleware step, then calls `next`, with the error when the step throws or rejects. The
 * step returns undefined when it finished synchronously, or a promise of the work still pending.
 * After a synchronous step the request continues without waiting for a microtask.
 */
export function runStep(step: () => Promise<void> | undefined, next: NextFunction): void {
  let pending: Promise<void> | undefined;
  try {
    pending = step();
  } catch (error) {
    next(error);
    return;
  }
  if (pending === undefined) next();
  else pending.then(() => next(), next);
}
