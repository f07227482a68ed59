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
 * Awaits a rate-limiter-flexible operation and converts its result. This is the one place that
 * receives the library's raw values: it resolves with a `RateLimiterRes` (or null from `get`), rejects
 * with a `RateLimiterRes` when the limit is hit, and rejects with an `Error` when the store fails.
 */
export async function settle(
  operation: Promise<RateLimiterRes | null | boolean>,
): Promise<Settled> {
  try {
    const result = await operation;
    return { ok: true, allowed: true, state: toState(result) };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      return { ok: true, allowed: false, state: toState(rejection) };
    }
    return { ok: false, error: rejection };
  }
}

function toState(result: RateLimiterRes | null | boolean): CounterState | null {
  if (!(result instanceof RateLimiterRes)) return null;
  return { consumedPoints: result.consumedPoints, msBeforeNext: result.msBeforeNext };
}
