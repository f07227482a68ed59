import {
  type BulwarkError,
  checkOptionsObject,
  createSecurityEvent,
  describeValue,
  type HeaderTuple,
  type SecurityEventPublisher,
} from "@bulwark/core";
import { buildDecision, closerToRejection, type RateLimitDecision } from "./decision.js";
import { createOptionsError, invalidOption, LimiterError } from "./errors.js";
import { parsePositiveInteger, type RateLimitPolicy } from "./policy.js";
import type { PolicyStore, StoreOutcome } from "./policy-store.js";
import {
  buildRateLimitHeaders,
  createRateLimitError,
  type HeaderFormat,
  parseHeaderFormat,
} from "./rate-limit-headers.js";
import { boundKey, resolveIpKey } from "./rate-limit-key.js";
import {
  buildPolicyStore,
  closeStore,
  parsePublisher,
  parseStoreConfig,
  STORE_OPTION_KEYS,
  type StoreOptions,
} from "./store-config.js";

/** Default login-guard settings. */
export const LOGIN_GUARD_DEFAULTS = {
  /** Consecutive failures of one username from one client IP that lock that pair. */
  maxConsecutiveFailures: 5,
  /** Seconds a username and client IP pair stays locked: 15 minutes. */
  lockSeconds: 900,
  /** Failures from one client IP, any usernames, per window. */
  maxFailuresPerIp: 100,
  /** Failures of one username, from any client IPs, per window. */
  maxFailuresPerUsername: 100,
  /** Window of the per-IP and per-username counts, and memory of consecutive failures: 1 day. */
  failureWindowSeconds: 86_400,
  message: "Too many failed login attempts, please try again later.",
} as const;

/** Options of `createLoginGuard`. */
export interface LoginGuardOptions extends StoreOptions {
  readonly maxConsecutiveFailures?: number;
  readonly lockSeconds?: number;
  readonly maxFailuresPerIp?: number;
  readonly maxFailuresPerUsername?: number;
  readonly failureWindowSeconds?: number;
  /** Message of the 429 response body. */
  readonly message?: string;
  /** RateLimit header format. Defaults to `"draft-6"`. */
  readonly headers?: HeaderFormat;
  /** Receives `account.locked` events. */
  readonly events?: SecurityEventPublisher;
}

/** One login attempt: who, from where, and the request facts for events. */
export interface LoginAttempt {
  /** Username as submitted. It is trimmed, NFKC-normalised and lower-cased for counting. */
  readonly username: string;
  /** Client IP already resolved by the caller. */
  readonly clientIp: string | undefined;
  readonly method?: string;
  readonly route?: string;
  readonly requestId?: string | undefined;
}

/** Brute-force protection of a login route. */
export interface LoginGuard {
  /** Reads the counters before an attempt. When the decision is not allowed, respond with 429 and skip the password check. */
  check(attempt: LoginAttempt): Promise<RateLimitDecision>;
  /** Counts a failed attempt and locks the username and client IP pair at the threshold. */
  recordFailure(attempt: LoginAttempt): Promise<RateLimitDecision>;
  /** Clears the consecutive failures of the username and client IP pair after a success. */
  recordSuccess(attempt: LoginAttempt): Promise<void>;
  buildHeaders(decision: RateLimitDecision): HeaderTuple[];
  createError(decision: RateLimitDecision): BulwarkError;
  close(): Promise<void>;
}

const OPTION_KEYS = [
  ...STORE_OPTION_KEYS,
  "maxConsecutiveFailures",
  "lockSeconds",
  "maxFailuresPerIp",
  "maxFailuresPerUsername",
  "failureWindowSeconds",
  "message",
  "headers",
  "events",
] as const satisfies readonly (keyof LoginGuardOptions)[];

interface GuardCounters {
  readonly ip: Counter;
  readonly pair: Counter;
  readonly username: Counter;
}

interface Counter {
  readonly policy: RateLimitPolicy;
  readonly store: PolicyStore;
}

interface AttemptKeys {
  readonly ip: string;
  readonly pair: string;
  readonly username: string;
  readonly normalizedUsername: string;
}

/**
 * Creates a login guard that counts failed logins three ways: per client IP per window,
 * consecutive failures per username and client IP, and per username from every IP. At
 * `maxConsecutiveFailures` the username and client IP pair is locked for `lockSeconds` and an
 * `account.locked` event is published. The lock is keyed by the pair, so an attacker on other
 * IPs cannot lock the user out of their own. The slower per-username count bounds guessing spread
 * over many IPs. Throws `ERR_LIMITER_*` codes for invalid options.
 *
 * @example
 * const guard = createLoginGuard({ events: bus });
 * const decision = await guard.check({ username, clientIp });
 * if (!decision.allowed) throw guard.createError(decision);
 * if (passwordMatches) await guard.recordSuccess({ username, clientIp });
 * else await guard.recordFailure({ username, clientIp });
 */
export function createLoginGuard(options: LoginGuardOptions = {}): LoginGuard {
  const record = checkOptionsObject(
    options,
    OPTION_KEYS,
    "ERR_LIMITER_INVALID_OPTIONS",
    "createLoginGuard",
    createOptionsError,
  );
  const settings = parseGuardSettings(record);
  const headerFormat = parseHeaderFormat(record.headers);
  const events = parsePublisher(record.events);
  const config = parseStoreConfig(record);

  const counter = (name: string, points: number): Counter => {
    const policy: RateLimitPolicy = {
      name,
      points,
      durationSeconds: settings.failureWindowSeconds,
      key: "ip",
      blockDurationSeconds: 0,
      message: settings.message,
      methods: undefined,
    };
    return { policy, store: buildPolicyStore(config, policy) };
  };
  const counters: GuardCounters = {
    ip: counter("login-ip", settings.maxFailuresPerIp),
    pair: counter("login-username-ip", settings.maxConsecutiveFailures),
    username: counter("login-username", settings.maxFailuresPerUsername),
  };

  const keysOf = (attempt: LoginAttempt): AttemptKeys => {
    const normalizedUsername = normalizeUsername(attempt.username);
    const ip = resolveIpKey(attempt.clientIp, config.ipv6Subnet).key;
    return {
      ip,
      // An IP key never contains "@", so the last "@" splits the pair unambiguously.
      pair: boundKey(`${normalizedUsername}@${ip.slice("ip:".length)}`),
      username: boundKey(`user:${normalizedUsername}`),
      normalizedUsername,
    };
  };

  const decide = async (
    keys: AttemptKeys,
    read: (counter: Counter, key: string) => Promise<StoreOutcome>,
  ) => {
    const outcomes = await Promise.all([
      read(counters.ip, keys.ip),
      read(counters.pair, keys.pair),
      read(counters.username, keys.username),
    ]);
    const decisions = [counters.ip, counters.pair, counters.username].map((entry, index) =>
      toGuardDecision(
        entry.policy,
        [keys.ip, keys.pair, keys.username][index] as string,
        outcomes[index] as StoreOutcome,
      ),
    );
    return decisions.reduce(closerToRejection);
  };

  return {
    async check(attempt) {
      return decide(keysOf(attempt), (entry, key) => entry.store.get(key));
    },
    async recordFailure(attempt) {
      const keys = keysOf(attempt);
      let pairOutcome: StoreOutcome | undefined;
      const decision = await decide(keys, async (entry, key) => {
        const outcome = await entry.store.consume(key, 1);
        if (entry === counters.pair) pairOutcome = outcome;
        return outcome;
      });

      // Lock once, on the failure that reaches the threshold. A caller that runs check() first
      // records no failure while the pair is locked, and a later failure does not extend the lock.
      if (pairOutcome?.consumedPoints !== settings.maxConsecutiveFailures) return decision;
      await counters.pair.store.block(keys.pair, settings.lockSeconds);
      publishLocked(events, attempt, keys, settings.lockSeconds);
      return decide(keys, (entry, key) => entry.store.get(key));
    },
    async recordSuccess(attempt) {
      await counters.pair.store.delete(keysOf(attempt).pair);
    },
    buildHeaders: (decision) => buildRateLimitHeaders(decision, headerFormat),
    createError: (decision) => createRateLimitError(decision, headerFormat),
    close: () => closeStore(config),
  };
}

/** Builds a counter's decision, rejected once the count reaches its limit of failures already made. */
function toGuardDecision(policy: RateLimitPolicy, key: string, outcome: StoreOutcome) {
  const reached = outcome.consumedPoints >= policy.points;
  return buildDecision(policy, key, { ...outcome, allowed: outcome.source === "open" || !reached });
}

function publishLocked(
  events: SecurityEventPublisher | undefined,
  attempt: LoginAttempt,
  keys: AttemptKeys,
  lockSeconds: number,
): void {
  if (events === undefined) return;
  const context = {
    clientIp: attempt.clientIp,
    method: attempt.method ?? "POST",
    route: attempt.route ?? "",
    requestId: attempt.requestId,
  };
  events.publish(
    createSecurityEvent("account.locked", context, {
      username: keys.normalizedUsername,
      key: keys.pair,
      lockedForSeconds: lockSeconds,
    }),
  );
}

function normalizeUsername(username: unknown): string {
  const normalized =
    typeof username === "string" ? username.trim().normalize("NFKC").toLowerCase() : "";
  if (normalized !== "") return normalized;
  const description =
    typeof username === "string" ? describeValue(username) : `a ${typeof username}`;
  throw new LimiterError(
    "ERR_LIMITER_INVALID_USERNAME",
    `username must be a non-empty string, got ${description}. Validate the login body before calling the guard.`,
  );
}

interface GuardSettings {
  readonly maxConsecutiveFailures: number;
  readonly lockSeconds: number;
  readonly maxFailuresPerIp: number;
  readonly maxFailuresPerUsername: number;
  readonly failureWindowSeconds: number;
  readonly message: string;
}

function parseGuardSettings(record: Record<string, unknown>): GuardSettings {
  const parseNumber = (option: Exclude<keyof GuardSettings, "message">, isDuration: boolean) => {
    const fallback = LOGIN_GUARD_DEFAULTS[option];
    if (record[option] === undefined) return fallback;
    return isDuration
      ? parsePositiveInteger(
          record[option],
          option,
          "ERR_LIMITER_INVALID_DURATION",
          `Use seconds, such as ${fallback}.`,
        )
      : parsePositiveInteger(
          record[option],
          option,
          "ERR_LIMITER_INVALID_POINTS",
          `Use a count of failures, such as ${fallback}.`,
        );
  };
  const count = (option: Exclude<keyof GuardSettings, "message">) => parseNumber(option, false);
  const seconds = (option: Exclude<keyof GuardSettings, "message">) => parseNumber(option, true);

  const message = record.message ?? LOGIN_GUARD_DEFAULTS.message;
  if (typeof message !== "string" || message.trim() === "") {
    throw invalidOption(
      "ERR_LIMITER_INVALID_MESSAGE",
      "message",
      message,
      "must be a non-empty string",
      "Write a sentence the client can act on.",
    );
  }
  return {
    maxConsecutiveFailures: count("maxConsecutiveFailures"),
    lockSeconds: seconds("lockSeconds"),
    maxFailuresPerIp: count("maxFailuresPerIp"),
    maxFailuresPerUsername: count("maxFailuresPerUsername"),
    failureWindowSeconds: seconds("failureWindowSeconds"),
    message,
  };
}
