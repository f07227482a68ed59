import { RateLimiterRes } from "rate-limiter-flexible";

/** Counter state read from a rate-limiter-flexible result. */
export interface CounterState {
  readonly consumedPoints: number;
  /** Milliseconds until the window or block ends; -1 when the key never expires. */
  readonly msBeforeNext: number;
}

/** Outcome of one store operation, with rate-limiter-flexible's two rejection kinds distinguished. */
export type Settled =
  | { readonly ok: true; readonly allowed: boolean; readonly state: CounterState | null }
  | { readonly ok: false; readonly error: unknown };

/**
 * Converts the outcome of a rate-limiter-flexible operation. This is the one place that receives
 * the library's raw values: it resolves with a `RateLimiterRes` (or null from `get`), rejects with a
 * `RateLimiterRes` when the limit is hit, and rejects with an `Error` when the store fails. The
 * returned promise never rejects.
 */
export function settle(operation: Promise<RateLimiterRes | null | boolean>): Promise<Settled> {
  // One `then` with module-level handlers: no async function state and no closure per call.
  return operation.then(settleResult, settleRejection);
}

/** Converts a rate-limiter-flexible operation's result: the request was counted and allowed. */
export function settleResult(result: RateLimiterRes | null | boolean): Settled {
  return { ok: true, allowed: true, state: toState(result) };
}

/** Converts a rejection: a `RateLimiterRes` when the limit is hit, anything else a store failure. */
export function settleRejection(rejection: unknown): Settled {
  if (rejection instanceof RateLimiterRes) {
    return { ok: true, allowed: false, state: toState(rejection) };
  }
  return { ok: false, error: rejection };
}

function toState(result: RateLimiterRes | null | boolean): CounterState | null {
  if (!(result instanceof RateLimiterRes)) return null;
  return { consumedPoints: result.consumedPoints, msBeforeNext: result.msBeforeNext };
}
