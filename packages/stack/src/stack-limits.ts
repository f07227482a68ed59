import {
  type CoreRequest,
  checkOptionsObject,
  describeValue,
  type HeaderTuple,
} from "@bulwark/core";
import { createRateLimiter, type RateLimitDecision, type RateLimiter } from "@bulwark/limiter";
import type { StackErrorFormat } from "./create-stack.js";
import type { BulwarkStackOptions } from "./stack-options.js";

/** Coverage of the stack limiters, the API and write limiters that run before any route code. */
export interface StackLimitsOptions {
  /** Policies every covered request counts against, in order. Defaults to `["api", "write"]`. */
  readonly policies?: readonly string[];
  /** Path prefix of the covered requests. Defaults to `/api/`; `/` covers every request. */
  readonly pathPrefix?: string;
  /** Exact paths that are not counted, such as `/api/health`. Defaults to none. */
  readonly excludePaths?: readonly string[];
}

/** The stack limiters, checked. */
export interface StackLimits {
  readonly policies: readonly string[];
  /** Normalised prefix, without a trailing slash unless it is `/`. */
  readonly pathPrefix: string;
  readonly excludePaths: ReadonlySet<string>;
}

/** Default stack limiters: the API and write policies on every path under `/api/`. */
export const DEFAULT_STACK_LIMITS = Object.freeze({
  policies: Object.freeze(["api", "write"]),
  pathPrefix: "/api/",
});

const STACK_LIMITS_KEYS = ["policies", "pathPrefix", "excludePaths"] as const;

/**
 * Builds the rate limiter of a stack from `options.rateLimit`, with the stack's events, logger and
 * disabled warnings. Returns undefined when `rateLimit` is false.
 */
export function buildRateLimiter(options: BulwarkStackOptions): RateLimiter | undefined {
  if (options.rateLimit === false) return undefined;
  return createRateLimiter({
    ...options.rateLimit,
    ...(options.events === undefined ? {} : { events: options.events }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.disabledWarnings === undefined
      ? {}
      : { disabledWarnings: options.disabledWarnings }),
  });
}

/** Checks `stackLimits` against the limiter's policies. Returns undefined when it is false. */
export function parseStackLimits(
  input: unknown,
  limiter: RateLimiter | undefined,
  format: StackErrorFormat,
): StackLimits | undefined {
  if (input === false || limiter === undefined) return undefined;
  const fail = (message: string) => format.createError(format.code, message);
  const options = checkOptionsObject(
    input,
    STACK_LIMITS_KEYS,
    format.code,
    "stackLimits",
    format.createError,
  );

  const policies =
    options.policies === undefined ? DEFAULT_STACK_LIMITS.policies : options.policies;
  if (!Array.isArray(policies) || !policies.every((name) => limiter.policies.has(name))) {
    throw fail(
      `stackLimits.policies must list configured rate-limit policies, got ${describeValue(policies)}. Known policies: ${[...limiter.policies.keys()].join(", ")}.`,
    );
  }
  const pathPrefix =
    options.pathPrefix === undefined ? DEFAULT_STACK_LIMITS.pathPrefix : options.pathPrefix;
  if (typeof pathPrefix !== "string" || !pathPrefix.startsWith("/")) {
    throw fail(
      `stackLimits.pathPrefix must be a path starting with "/", got ${describeValue(pathPrefix)}. Use "/api/".`,
    );
  }
  const excludePaths = options.excludePaths === undefined ? [] : options.excludePaths;
  if (
    !Array.isArray(excludePaths) ||
    !excludePaths.every((path) => typeof path === "string" && path.startsWith("/"))
  ) {
    throw fail(
      `stackLimits.excludePaths must be an array of paths starting with "/", got ${describeValue(excludePaths)}.`,
    );
  }

  return {
    policies: Object.freeze([...policies]),
    pathPrefix: normalizePath(pathPrefix),
    excludePaths: new Set(excludePaths.map(normalizePath)),
  };
}

/** Returns whether the stack limiters count a request. */
export function isCoveredPath(limits: StackLimits, path: string): boolean {
  const normalized = normalizePath(path);
  if (limits.excludePaths.has(normalized)) return false;
  const prefix = limits.pathPrefix;
  if (prefix === "/") return true;
  return normalized === prefix || normalized.startsWith(`${prefix}/`);
}

/**
 * A path that `normalizePath` returns unchanged: non-empty segments of lower-case ASCII letters,
 * digits and the other RFC 3986 `pchar` characters except `%`, with no trailing slash, or `/`.
 */
const NORMAL_PATH = /^(?:\/[a-z0-9\-._~!$&'()*+,;=:@]+)+$|^\/$/;

/**
 * Normalises a path for limiter coverage: percent-decoded, lower case, runs of slashes collapsed
 * and a trailing slash dropped. Routers differ in case sensitivity, decoding and trailing-slash
 * handling (Express matches `/API/items/` to `/api/items` by default), so every spelling that
 * some router could send to a covered route is counted rather than skipped.
 */
export function normalizePath(path: string): string {
  // Most paths are already in normal form, so one regex test skips the decoding and copying.
  if (NORMAL_PATH.test(path)) return path;
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // A malformed escape is left as is; no router matches it to a route either.
  }
  const collapsed = decoded.toLowerCase().replace(/\/{2,}/g, "/");
  return collapsed.length > 1 && collapsed.endsWith("/") ? collapsed.slice(0, -1) : collapsed;
}

/**
 * Consumes one point of each policy for a request. Returns the RateLimit headers of the decision
 * closest to rejection, or throws the 429 `RATE_LIMITED` error of the first policy that rejects.
 * Returns and throws synchronously when every store decides in-process (the memory store), else
 * returns a promise that resolves or rejects the same way.
 */
export function consumePolicies(
  limiter: RateLimiter,
  policies: readonly string[],
  request: CoreRequest,
  clientIp: string | undefined,
  requestId: string,
): readonly HeaderTuple[] | Promise<readonly HeaderTuple[]> {
  const decision = limiter.checkNow(
    { method: request.method, clientIp, route: request.path, requestId, request },
    policies,
  );
  if (decision instanceof Promise) return decision.then((settled) => toHeaders(limiter, settled));
  return toHeaders(limiter, decision);
}

const NO_HEADERS: readonly HeaderTuple[] = Object.freeze([]);

function toHeaders(
  limiter: RateLimiter,
  decision: RateLimitDecision | undefined,
): readonly HeaderTuple[] {
  if (decision === undefined) return NO_HEADERS;
  if (!decision.allowed) throw limiter.createError(decision);
  return limiter.buildHeaders(decision);
}
