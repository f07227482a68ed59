import { type CoreRequest, checkOptionsObject, describeValue, RESPONSE_CODES } from "@bulwark/core";
import { createOptionsError, invalidOption, LimiterError } from "./errors.js";

/** Facts about one request that the stacked evaluation and key strategies read. */
export interface RateLimitRequest {
  /** Request method, such as `POST`. `OPTIONS` consumes nothing. */
  readonly method: string;
  /** Client IP already resolved by the caller, such as @bulwark/ip's resolver. */
  readonly clientIp: string | undefined;
  /** Authenticated user id, read by policies keyed by `"user"`. */
  readonly userId?: string | undefined;
  /** Route pattern or path, copied into security events. */
  readonly route?: string | undefined;
  readonly requestId?: string | undefined;
  /** The whole request, for key functions that read a header. */
  readonly request?: CoreRequest | undefined;
}

/** Function that returns a policy's key for a request, or undefined to fall back to the IP key. */
export type KeyFunction = (request: RateLimitRequest) => string | undefined;

/**
 * Key strategy of a policy. `"ip"` is the client IP with IPv6 masked to its subnet, `"user"` the
 * authenticated user id (the IP key for anonymous requests), or a function.
 */
export type KeyStrategy = "ip" | "user" | KeyFunction;

/** Settings of one policy. Every field is optional when it overrides a built-in policy. */
export interface PolicyOptions {
  /** Requests allowed per window. */
  readonly points?: number;
  /** Window length in seconds. */
  readonly durationSeconds?: number;
  /** Key strategy: `"ip"`, `"user"` or a function. Defaults to `"ip"`. */
  readonly key?: KeyStrategy;
  /** Seconds a key stays rejected once it exceeds `points`, beyond the window. Defaults to 0. */
  readonly blockDurationSeconds?: number;
  /** Message of the 429 response body. */
  readonly message?: string;
  /** Methods the policy applies to, or `"*"` for every method but OPTIONS. Defaults to `"*"`. */
  readonly methods?: "*" | readonly string[];
}

/** A validated policy. */
export interface RateLimitPolicy {
  readonly name: string;
  readonly points: number;
  readonly durationSeconds: number;
  readonly key: KeyStrategy;
  readonly blockDurationSeconds: number;
  readonly message: string;
  /** Upper-case methods the policy applies to, or undefined for every method but OPTIONS. */
  readonly methods: ReadonlySet<string> | undefined;
}

/** Methods that change state, which the `write` policy counts. */
export const WRITE_METHODS = ["POST", "PUT", "PATCH", "DELETE"] as const;

/** Message of the `auth` policy's 429 response. */
export const AUTH_LIMIT_MESSAGE = "Too many login attempts, please try again after 15 minutes.";

/**
 * Built-in policies: `auth` 5 per 15 minutes, `api` 100 per 15 minutes, `write` 30 per 10 minutes
 * for POST, PUT, PATCH and DELETE, and `expensive` 5 per hour, each counted per client IP.
 */
export const BUILT_IN_POLICIES = {
  auth: { points: 5, durationSeconds: 900, message: AUTH_LIMIT_MESSAGE },
  api: { points: 100, durationSeconds: 900 },
  write: { points: 30, durationSeconds: 600, methods: WRITE_METHODS },
  expensive: { points: 5, durationSeconds: 3600 },
} as const satisfies Record<string, PolicyOptions>;

const POLICY_KEYS = [
  "points",
  "durationSeconds",
  "key",
  "blockDurationSeconds",
  "message",
  "methods",
] as const satisfies readonly (keyof PolicyOptions)[];

const POLICY_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const METHOD_PATTERN = /^[A-Za-z]+$/;

/** Checks a positive safe integer option and returns it. */
export function parsePositiveInteger(
  value: unknown,
  option: string,
  code:
    | "ERR_LIMITER_INVALID_POINTS"
    | "ERR_LIMITER_INVALID_DURATION"
    | "ERR_LIMITER_INVALID_MAX_KEYS"
    | "ERR_LIMITER_INVALID_TIMEOUT",
  fix: string,
): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    throw invalidOption(code, option, value, "must be a positive integer", fix);
  }
  return value;
}

/**
 * Parses the `policies` option over the built-in policies: an entry named like a built-in
 * overrides the fields it sets, and a new name must set `points` and `durationSeconds`.
 * Throws `ERR_LIMITER_*` codes naming the policy and field.
 */
export function parsePolicies(input: unknown): ReadonlyMap<string, RateLimitPolicy> {
  const entries = checkOptionsObject(
    input,
    Object.keys(input ?? {}),
    "ERR_LIMITER_INVALID_OPTIONS",
    "policies",
    createOptionsError,
  );

  const policies = new Map<string, RateLimitPolicy>();
  const builtIn: Record<string, PolicyOptions> = BUILT_IN_POLICIES;
  for (const name of new Set([...Object.keys(builtIn), ...Object.keys(entries)])) {
    if (!POLICY_NAME_PATTERN.test(name)) {
      throw invalidOption(
        "ERR_LIMITER_INVALID_POLICY_NAME",
        "policy name",
        name,
        "must be 1 to 64 letters, digits, '-' or '_', starting with a letter",
        'Rename the policy, for example to "reports".',
      );
    }
    policies.set(name, parsePolicy(name, builtIn[name], entries[name]));
  }
  return policies;
}

function parsePolicy(
  name: string,
  base: PolicyOptions | undefined,
  input: unknown,
): RateLimitPolicy {
  const label = `policies.${name}`;
  const override = checkOptionsObject(
    input,
    POLICY_KEYS,
    "ERR_LIMITER_INVALID_OPTIONS",
    label,
    createOptionsError,
  ) as PolicyOptions;
  const merged: PolicyOptions = { ...base, ...override };

  return {
    name,
    points: parsePositiveInteger(
      merged.points,
      `${label}.points`,
      "ERR_LIMITER_INVALID_POINTS",
      "Use the number of requests allowed per window, such as 100.",
    ),
    durationSeconds: parsePositiveInteger(
      merged.durationSeconds,
      `${label}.durationSeconds`,
      "ERR_LIMITER_INVALID_DURATION",
      "Use the window length in seconds, such as 900 for 15 minutes.",
    ),
    key: parseKeyStrategy(merged.key, `${label}.key`),
    blockDurationSeconds: parseBlockDuration(merged.blockDurationSeconds, label),
    message: parseMessage(merged.message, label),
    methods: parseMethods(merged.methods, label),
  };
}

function parseKeyStrategy(value: unknown, option: string): KeyStrategy {
  if (value === undefined) return "ip";
  if (value === "ip" || value === "user" || typeof value === "function") {
    return value as KeyStrategy;
  }
  throw invalidOption(
    "ERR_LIMITER_INVALID_KEY_STRATEGY",
    option,
    value,
    'must be "ip", "user" or a function',
    'Use "ip" to count per client IP.',
  );
}

function parseBlockDuration(value: unknown, label: string): number {
  if (value === undefined || value === 0) return 0;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw invalidOption(
      "ERR_LIMITER_INVALID_BLOCK_DURATION",
      `${label}.blockDurationSeconds`,
      value,
      "must be 0 or a positive integer",
      "Use seconds, such as 900 to block for 15 minutes, or 0 for no extra block.",
    );
  }
  return value;
}

function parseMessage(value: unknown, label: string): string {
  if (value === undefined) return RESPONSE_CODES.RATE_LIMITED.message;
  if (typeof value !== "string" || value.trim() === "") {
    throw invalidOption(
      "ERR_LIMITER_INVALID_MESSAGE",
      `${label}.message`,
      value,
      "must be a non-empty string",
      "Write a sentence the client can act on.",
    );
  }
  return value;
}

function parseMethods(value: unknown, label: string): ReadonlySet<string> | undefined {
  if (value === undefined || value === "*") return undefined;
  const valid =
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((method) => typeof method === "string" && METHOD_PATTERN.test(method));
  if (!valid) {
    throw invalidOption(
      "ERR_LIMITER_INVALID_METHODS",
      `${label}.methods`,
      value,
      'must be "*" or a non-empty list of method names',
      'Use ["POST", "PUT", "PATCH", "DELETE"] to count writes only.',
    );
  }
  return new Set((value as string[]).map((method) => method.toUpperCase()));
}

/** Creates the `ERR_LIMITER_UNKNOWN_POLICY` error for a name that is not configured. */
export function createUnknownPolicyError(
  knownNames: Iterable<string>,
  name: unknown,
): LimiterError {
  return new LimiterError(
    "ERR_LIMITER_UNKNOWN_POLICY",
    `Policy ${describeValue(name)} is not configured. Known policies: ${[...knownNames].join(", ")}.`,
  );
}

/**
 * Returns whether a policy counts a request of this method. OPTIONS never counts, because CORS
 * preflights carry no credentials and a browser sends one before many real requests.
 */
export function appliesToMethod(policy: RateLimitPolicy, method: string): boolean {
  const upper = method.toUpperCase();
  if (upper === "OPTIONS") return false;
  return policy.methods === undefined || policy.methods.has(upper);
}
