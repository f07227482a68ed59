import {
  type BulwarkError,
  checkOptionsObject,
  createSecurityEvent,
  type HeaderTuple,
  type SecurityEventPublisher,
} from "@bulwark/core";
import { buildDecision, closerToRejection, type RateLimitDecision } from "./decision.js";
import { createOptionsError, invalidOption, LIMITER_WARNING_CODES } from "./errors.js";
import {
  appliesToMethod,
  createUnknownPolicyError,
  type PolicyOptions,
  parsePolicies,
  type RateLimitPolicy,
  type RateLimitRequest,
} from "./policy.js";
import type { PolicyStore, StoreOutcome } from "./policy-store.js";
import {
  buildRateLimitHeaders,
  createRateLimitError,
  type HeaderFormat,
  parseHeaderFormat,
} from "./rate-limit-headers.js";
import { resolveRateLimitKey } from "./rate-limit-key.js";
import {
  buildPolicyStore,
  closeStore,
  parsePublisher,
  parseStoreConfig,
  STORE_OPTION_KEYS,
  type StoreConfig,
  type StoreOptions,
} from "./store-config.js";

/** Options of `createRateLimiter`. */
export interface RateLimiterOptions extends StoreOptions {
  /** Overrides of the built-in policies by name, and new policies. */
  readonly policies?: Readonly<Record<string, PolicyOptions>>;
  /** RateLimit header format. Defaults to `"draft-6"`. */
  readonly headers?: HeaderFormat;
  /** Receives `rate_limit.exceeded` events. */
  readonly events?: SecurityEventPublisher;
}

/** A configured set of rate-limit policies over one store. */
export interface RateLimiter {
  /** The validated policies by name, built-in ones included. */
  readonly policies: ReadonlyMap<string, RateLimitPolicy>;
  readonly headerFormat: HeaderFormat;
  /**
   * Consumes one point of each named policy that applies to the request's method, in order, and
   * returns one decision. The first policy that rejects decides, and later policies consume
   * nothing. Otherwise the decision closest to rejection is returned, for the headers. Returns
   * undefined when no policy applies, such as for OPTIONS.
   */
  check(
    request: RateLimitRequest,
    policyNames: readonly string[],
  ): Promise<RateLimitDecision | undefined>;
  /**
   * Does what `check` does, but returns the decision itself, not a promise, when every store it
   * consults decides in-process (the memory store), so a caller can skip a microtask per request.
   * With Redis it returns a promise. Errors are thrown in the first case and rejected in the second.
   */
  checkNow(
    request: RateLimitRequest,
    policyNames: readonly string[],
  ): RateLimitDecision | undefined | Promise<RateLimitDecision | undefined>;
  /** Consumes points of one policy for a key already resolved with `resolveKey`. */
  consume(policyName: string, key: string, points?: number): Promise<RateLimitDecision>;
  /** Returns the key a policy counts a request under, such as `ip:2001:db8::/64`. */
  resolveKey(policyName: string, request: RateLimitRequest): string;
  /** Gives points back to a key, for policies that count only failures. */
  reward(policyName: string, key: string, points?: number): Promise<void>;
  /** Deletes a key's counter, so its next request starts a new window. */
  reset(policyName: string, key: string): Promise<void>;
  /** Builds a decision's headers in the configured format. */
  buildHeaders(decision: RateLimitDecision): HeaderTuple[];
  /** Creates the 429 `RATE_LIMITED` error of a rejected decision, with its headers. */
  createError(decision: RateLimitDecision): BulwarkError;
  /** Closes the Redis client if the limiter created it from a URL. */
  close(): Promise<void>;
}

const OPTION_KEYS = [
  ...STORE_OPTION_KEYS,
  "policies",
  "headers",
  "events",
] as const satisfies readonly (keyof RateLimiterOptions)[];

/**
 * Creates a rate limiter over the built-in policies (`auth`, `api`, `write`, `expensive`) and any
 * given ones. Options are validated and every rate-limiter-flexible instance is built here, once.
 * Throws a `LimiterError` with an `ERR_LIMITER_*` code for an invalid option or unknown key.
 *
 * @example
 * const limiter = createRateLimiter({ redis: process.env.REDIS_URL });
 * const decision = await limiter.check({ method: "POST", clientIp: "203.0.113.9" }, ["api", "write"]);
 * if (decision !== undefined && !decision.allowed) throw limiter.createError(decision);
 */
export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const record = checkOptionsObject(
    options,
    OPTION_KEYS,
    "ERR_LIMITER_INVALID_OPTIONS",
    "createRateLimiter",
    createOptionsError,
  );
  const policies = parsePolicies(record.policies);
  const headerFormat = parseHeaderFormat(record.headers);
  const events = parsePublisher(record.events);
  const config = parseStoreConfig(record);

  const entries = new Map<string, PolicyEntry>();
  for (const policy of policies.values()) {
    entries.set(policy.name, { policy, store: buildPolicyStore(config, policy) });
  }
  return buildRateLimiter({ policies, entries, headerFormat, events, config });
}

interface PolicyEntry {
  readonly policy: RateLimitPolicy;
  readonly store: PolicyStore;
}

interface RateLimiterParts {
  readonly policies: ReadonlyMap<string, RateLimitPolicy>;
  readonly entries: ReadonlyMap<string, PolicyEntry>;
  readonly headerFormat: HeaderFormat;
  readonly events: SecurityEventPublisher | undefined;
  readonly config: StoreConfig;
}

function buildRateLimiter(parts: RateLimiterParts): RateLimiter {
  const { policies, entries, headerFormat, events, config } = parts;
  // Each request looks its policies up here once; nothing on the request path builds a limiter.
  const entryOf = (name: string): PolicyEntry => {
    const entry = entries.get(name);
    if (entry === undefined) throw createUnknownPolicyError(entries.keys(), name);
    return entry;
  };

  const keyFor = (policy: RateLimitPolicy, request: RateLimitRequest): string => {
    const resolved = resolveRateLimitKey(policy, request, config.ipv6Subnet);
    if (resolved.unknownClient) {
      config.warnings.warn(
        "WARN_LIMITER_UNKNOWN_CLIENT_IP",
        `${LIMITER_WARNING_CODES.WARN_LIMITER_UNKNOWN_CLIENT_IP} Pass the resolved client IP as clientIp.`,
      );
    }
    return resolved.key;
  };

  /**
   * Counts the request against `policyNames` from `start` on. Each memory store decides at once,
   * and the loop continues in a promise from the first store that decides asynchronously.
   * `requestIpKey` carries the masked address across that step, so it is parsed once per request.
   */
  const checkFrom = (
    request: RateLimitRequest,
    policyNames: readonly string[],
    start: number,
    current: RateLimitDecision | undefined,
    requestIpKey: string | undefined,
  ): RateLimitDecision | undefined | Promise<RateLimitDecision | undefined> => {
    let answer = current;
    let ipKeyOfRequest = requestIpKey;
    for (let index = start; index < policyNames.length; index += 1) {
      const entry = entryOf(policyNames[index] as string);
      if (!appliesToMethod(entry.policy, request.method)) continue;

      let key: string;
      if (entry.policy.key === "ip") {
        ipKeyOfRequest ??= keyFor(entry.policy, request);
        key = ipKeyOfRequest;
      } else {
        key = keyFor(entry.policy, request);
      }

      const outcome = entry.store.consumeNow(key, 1);
      if (outcome === undefined) {
        const ipKeySoFar = ipKeyOfRequest;
        return entry.store.consume(key, 1).then((asyncOutcome) => {
          const decision = buildDecision(entry.policy, key, asyncOutcome);
          if (!decision.allowed) return rejectWith(request, decision);
          return checkFrom(request, policyNames, index + 1, combine(answer, decision), ipKeySoFar);
        });
      }
      const decision = buildDecision(entry.policy, key, outcome);
      if (!decision.allowed) return rejectWith(request, decision);
      answer = combine(answer, decision);
    }
    return answer;
  };

  // The first policy that rejects decides, and later policies consume nothing.
  const rejectWith = (request: RateLimitRequest, decision: RateLimitDecision) => {
    publishExceeded(request, decision);
    return decision;
  };

  const publishExceeded = (request: RateLimitRequest, decision: RateLimitDecision) => {
    if (events === undefined) return;
    const context = {
      clientIp: request.clientIp,
      method: request.method,
      route: request.route ?? request.request?.path ?? "",
      requestId: request.requestId,
    };
    events.publish(
      createSecurityEvent("rate_limit.exceeded", context, {
        policy: decision.policy,
        key: decision.key,
        limit: decision.limit,
        retryAfterSeconds: decision.retryAfterSeconds,
      }),
    );
  };

  return {
    policies,
    headerFormat,
    checkNow: (request, policyNames) => checkFrom(request, policyNames, 0, undefined, undefined),
    async check(request, policyNames) {
      return checkFrom(request, policyNames, 0, undefined, undefined);
    },
    consume(policyName, key, points = 1) {
      let entry: PolicyEntry;
      let outcome: StoreOutcome | undefined;
      try {
        entry = entryOf(policyName);
        checkKey(key);
        checkPoints(points);
        outcome = entry.store.consumeNow(key, points);
      } catch (error) {
        return Promise.reject(error);
      }
      // The memory store decides in-process. A Redis outcome is turned into a decision in one
      // `then`, since an async function here would add promise layers to every Redis decision.
      if (outcome !== undefined) return Promise.resolve(buildDecision(entry.policy, key, outcome));
      const policy = entry.policy;
      return entry.store
        .consume(key, points)
        .then((asyncOutcome) => buildDecision(policy, key, asyncOutcome));
    },
    resolveKey: (policyName, request) => keyFor(entryOf(policyName).policy, request),
    async reward(policyName, key, points = 1) {
      const entry = entryOf(policyName);
      checkKey(key);
      checkPoints(points);
      await entry.store.reward(key, points);
    },
    async reset(policyName, key) {
      const entry = entryOf(policyName);
      checkKey(key);
      await entry.store.delete(key);
    },
    buildHeaders: (decision) => buildRateLimitHeaders(decision, headerFormat),
    createError: (decision) => createRateLimitError(decision, headerFormat),
    close: () => closeStore(config),
  };
}

/** Returns the decision closer to rejection of the two, or `decision` when there is no other yet. */
function combine(
  answer: RateLimitDecision | undefined,
  decision: RateLimitDecision,
): RateLimitDecision {
  return answer === undefined ? decision : closerToRejection(answer, decision);
}

function checkKey(key: unknown): void {
  if (typeof key === "string" && key !== "") return;
  throw invalidOption(
    "ERR_LIMITER_INVALID_KEY",
    "key",
    key,
    "must be a non-empty string",
    "Use limiter.resolveKey(policy, request) to build one.",
  );
}

function checkPoints(points: unknown): void {
  if (typeof points === "number" && Number.isSafeInteger(points) && points >= 1) return;
  throw invalidOption(
    "ERR_LIMITER_INVALID_POINTS",
    "points",
    points,
    "must be a positive integer",
    "Use 1 to count one request.",
  );
}
