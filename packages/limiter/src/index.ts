export type { RateLimitDecision } from "./decision.js";
export {
  LIMITER_ERROR_CODES,
  LIMITER_WARNING_CODES,
  LimiterError,
  type LimiterErrorCode,
  type LimiterWarningCode,
} from "./errors.js";
export {
  createLoginGuard,
  LOGIN_GUARD_DEFAULTS,
  type LoginAttempt,
  type LoginGuard,
  type LoginGuardOptions,
} from "./login-guard.js";
export {
  AUTH_LIMIT_MESSAGE,
  BUILT_IN_POLICIES,
  type KeyFunction,
  type KeyStrategy,
  type PolicyOptions,
  type RateLimitPolicy,
  type RateLimitRequest,
  WRITE_METHODS,
} from "./policy.js";
export type { DecisionSource } from "./policy-store.js";
export {
  buildRateLimitHeaders,
  createRateLimitError,
  DEFAULT_HEADER_FORMAT,
  HEADER_FORMATS,
  type HeaderFormat,
} from "./rate-limit-headers.js";
export { UNKNOWN_CLIENT_KEY } from "./rate-limit-key.js";
export { createRateLimiter, type RateLimiter, type RateLimiterOptions } from "./rate-limiter.js";
export type { RedisClient } from "./redis-store.js";
export {
  DEFAULT_IPV6_SUBNET,
  DEFAULT_KEY_PREFIX,
  DEFAULT_MAX_KEYS,
  DEFAULT_STORE_TIMEOUT_MS,
  type StoreOptions,
} from "./store-config.js";
export { STORE_ERROR_MODES, type StoreErrorMode, type StoreStatusEvent } from "./store-health.js";
