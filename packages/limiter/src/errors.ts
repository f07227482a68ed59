import { BulwarkError, type BulwarkErrorOptions, describeValue } from "@bulwark/core";

/** Error codes that @bulwark/limiter throws to developers, with what each one means. */
export const LIMITER_ERROR_CODES = {
  ERR_LIMITER_INVALID_OPTIONS:
    "Options must be a plain object with known keys only. Check the spelling of each key.",
  ERR_LIMITER_INVALID_POLICY_NAME:
    "A policy name must be 1 to 64 letters, digits, '-' or '_', starting with a letter.",
  ERR_LIMITER_UNKNOWN_POLICY: "The policy name is not configured on this limiter.",
  ERR_LIMITER_INVALID_POINTS: "points must be a positive safe integer.",
  ERR_LIMITER_INVALID_DURATION: "A duration must be a positive integer number of seconds.",
  ERR_LIMITER_INVALID_BLOCK_DURATION:
    "blockDurationSeconds must be 0 (no extra block) or a positive integer number of seconds.",
  ERR_LIMITER_INVALID_KEY_STRATEGY: 'key must be "ip", "user" or a function.',
  ERR_LIMITER_INVALID_MESSAGE: "message must be a non-empty string.",
  ERR_LIMITER_INVALID_METHODS: 'methods must be "*" or a non-empty list of HTTP method names.',
  ERR_LIMITER_INVALID_KEY: "A rate-limit key must be a non-empty string.",
  ERR_LIMITER_INVALID_STORE: "redis must be a redis:// or rediss:// URL or an ioredis client.",
  ERR_LIMITER_INVALID_STORE_ERROR_MODE: 'onStoreError must be "insurance", "open" or "closed".',
  ERR_LIMITER_INVALID_TIMEOUT: "storeTimeoutMs must be a positive integer number of milliseconds.",
  ERR_LIMITER_INVALID_HEADER_FORMAT: 'headers must be "draft-6", "draft-8", "legacy" or "none".',
  ERR_LIMITER_INVALID_MAX_KEYS: "maxKeys must be a positive safe integer.",
  ERR_LIMITER_INVALID_KEY_PREFIX:
    "keyPrefix must be a non-empty string of at most 64 printable ASCII characters.",
  ERR_LIMITER_INVALID_SUBNET: "ipv6Subnet must be an integer prefix length from 1 to 128.",
  ERR_LIMITER_INVALID_CALLBACK: "The option must be a function.",
  ERR_LIMITER_INVALID_PUBLISHER: "events must be an object with a publish(event) method.",
  ERR_LIMITER_INVALID_USERNAME: "username must be a non-empty string.",
  ERR_LIMITER_STORE_TIMEOUT:
    "A Redis operation timed out after storeTimeoutMs, so the decision followed onStoreError.",
  ERR_LIMITER_STORE_FAILED:
    "The rate-limit store failed or timed out and onStoreError is not insurance or open.",
  ERR_LIMITER_UNSUPPORTED_LIBRARY:
    "The installed rate-limiter-flexible does not have the memory storage this package bounds.",
} as const;

export type LimiterErrorCode = keyof typeof LIMITER_ERROR_CODES;

/** Warning codes that @bulwark/limiter emits once per limiter, with what each one means. */
export const LIMITER_WARNING_CODES = {
  WARN_LIMITER_UNKNOWN_CLIENT_IP:
    "A request reached an IP-keyed policy without a valid client IP, so it was counted under the shared key ip:unknown.",
  WARN_LIMITER_MEMORY_FULL:
    "A memory store reached maxKeys, so new keys share one overflow budget until old keys expire.",
} as const;

export type LimiterWarningCode = keyof typeof LIMITER_WARNING_CODES;

/** Error thrown by @bulwark/limiter for invalid options and store failures. */
export class LimiterError extends BulwarkError {
  declare readonly code: LimiterErrorCode;

  constructor(code: LimiterErrorCode, message: string, options: BulwarkErrorOptions = {}) {
    super(code, message, options);
  }
}

/** Creates the error for an invalid option value: the option, the rejected value and the fix. */
export function invalidOption(
  code: LimiterErrorCode,
  option: string,
  value: unknown,
  requirement: string,
  fix: string,
): LimiterError {
  return new LimiterError(code, `${option} ${requirement}, got ${describeValue(value)}. ${fix}`);
}

/** Creates a `LimiterError` from a code and message, for `checkOptionsObject`. */
export function createOptionsError(code: string, message: string): LimiterError {
  return new LimiterError(code as LimiterErrorCode, message);
}
