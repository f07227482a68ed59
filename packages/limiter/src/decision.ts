import type { RateLimitPolicy } from "./policy.js";
import type { DecisionSource, StoreOutcome } from "./policy-store.js";

/** Result of one policy for one request. */
export interface RateLimitDecision {
  readonly allowed: boolean;
  /** Name of the policy that decided. */
  readonly policy: string;
  /** Key the request was counted under, such as `ip:203.0.113.9`. */
  readonly key: string;
  /** Requests allowed per window. */
  readonly limit: number;
  /** Requests left in the window, never negative. */
  readonly remaining: number;
  /** Window length in seconds. */
  readonly windowSeconds: number;
  /** Epoch milliseconds when the window or block ends. */
  readonly resetAt: number;
  /** Whole seconds until the window or block ends, rounded up. */
  readonly resetSeconds: number;
  /** Whole seconds to wait before retrying, rounded up and at least 1 when rejected, else 0. */
  readonly retryAfterSeconds: number;
  /** Message of the 429 response body. */
  readonly message: string;
  /** Limiter that decided: the store, the insurance limiter, or none under onStoreError "open". */
  readonly source: DecisionSource;
}

/** Builds a decision from a policy store's outcome. `now` is in epoch milliseconds. */
export function buildDecision(
  policy: RateLimitPolicy,
  key: string,
  outcome: StoreOutcome,
  now: number = Date.now(),
): RateLimitDecision {
  // A negative msBeforeNext means the key never expires, which these policies never set.
  const msBeforeReset =
    outcome.msBeforeNext >= 0 ? outcome.msBeforeNext : policy.durationSeconds * 1000;
  const resetSeconds = Math.ceil(msBeforeReset / 1000);

  return {
    allowed: outcome.allowed,
    policy: policy.name,
    key,
    limit: policy.points,
    remaining: Math.max(policy.points - outcome.consumedPoints, 0),
    windowSeconds: policy.durationSeconds,
    resetAt: now + msBeforeReset,
    resetSeconds,
    retryAfterSeconds: outcome.allowed ? 0 : Math.max(resetSeconds, 1),
    message: policy.message,
    source: outcome.source,
  };
}

/**
 * Returns whichever of two decisions is closer to rejection: a rejected one first, then the one
 * with fewer requests remaining, then the one that resets later.
 */
export function closerToRejection(
  current: RateLimitDecision,
  candidate: RateLimitDecision,
): RateLimitDecision {
  if (candidate.allowed !== current.allowed) return candidate.allowed ? current : candidate;
  if (candidate.remaining !== current.remaining) {
    return candidate.remaining < current.remaining ? candidate : current;
  }
  return candidate.resetAt > current.resetAt ? candidate : current;
}
