import { createHash, randomBytes } from "node:crypto";
import { checkOptionsObject, describeValue } from "@bulwark/core";
import {
  type CountInput,
  type CountingStore,
  type CountResult,
  MAX_ALERT_REQUEST_IDS,
} from "./counting-store.js";
import { createMonitorError, MonitorError } from "./errors.js";

/**
 * The part of an ioredis client (`Redis` or `Cluster`, version 5 or later) that the store uses.
 * It is declared here, so the package does not need ioredis installed to type-check.
 */
export interface RedisScriptClient {
  evalsha(sha1: string, numkeys: number, ...args: (string | number)[]): Promise<unknown>;
  eval(script: string, numkeys: number, ...args: (string | number)[]): Promise<unknown>;
}

/** Options of `createRedisCountingStore`. */
export interface RedisCountingStoreOptions {
  /** Connected ioredis client. The store never closes it. */
  readonly client: RedisScriptClient;
  /** Prefix of every key the store writes. Defaults to `bulwark:monitor:`. */
  readonly prefix?: string;
}

const OPTION_KEYS = ["client", "prefix"] as const;
const DEFAULT_PREFIX = "bulwark:monitor:";

// A sorted set per key contains the window: score = event time, member = a unique id ending in the
// request id. One script prunes, adds, caps, counts and sets the alert marker, so concurrent
// monitors can neither lose an event nor raise the same alert twice. rate-limiter-flexible's
// stores are not used here: they keep one counter per fixed window that starts at the first
// event, so 2 failures just before a window ends and 2 just after never reach a threshold of 3,
// where a sliding window counts 4.
//
// The alert marker stores the time until which the key's alert stays quiet, compared with the
// caller's clock like the event scores, so the script never mixes Redis time and caller time.
// KEYS[1] events, KEYS[2] alert marker.
// ARGV: now, windowMs, threshold, maxEvents, member, request ids to return.
const RECORD_SCRIPT = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
redis.call('ZADD', KEYS[1], now, ARGV[5])
local count = redis.call('ZCARD', KEYS[1])
local maxEvents = tonumber(ARGV[4])
if count > maxEvents then
  redis.call('ZREMRANGEBYRANK', KEYS[1], 0, count - maxEvents - 1)
  count = maxEvents
end
redis.call('PEXPIRE', KEYS[1], window)
if count < tonumber(ARGV[3]) then return {0, count} end
local alertUntil = tonumber(redis.call('GET', KEYS[2]) or '0')
if now < alertUntil then return {0, count} end
redis.call('SET', KEYS[2], now + window, 'PX', window)
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local recent = redis.call('ZRANGE', KEYS[1], -tonumber(ARGV[6]), -1)
return {1, count, first[2], recent}
`;

const RECORD_SCRIPT_SHA = createHash("sha1").update(RECORD_SCRIPT).digest("hex");

/**
 * Creates a counting store on Redis, so that several instances of an app count together and raise
 * each alert once between them. Throws `ERR_MONITOR_INVALID_STORE` when
 * `client` is missing and `ERR_MONITOR_INVALID_OPTIONS` for unknown keys or an invalid prefix.
 *
 * Each key is a sorted set that expires one window after its last event, with at most
 * `maxEvents` members. Keys use a `{...}` hash tag so each key's two entries sit in one cluster slot.
 *
 * @example
 * const client = new Redis(process.env.REDIS_URL, { enableOfflineQueue: false });
 * const monitor = createSecurityMonitor({ store: createRedisCountingStore({ client }) });
 */
export function createRedisCountingStore(options: RedisCountingStoreOptions): CountingStore {
  const checked = checkOptionsObject(
    options,
    OPTION_KEYS,
    "ERR_MONITOR_INVALID_OPTIONS",
    "createRedisCountingStore",
    createMonitorError,
  );
  const client = checked.client as RedisScriptClient | undefined;
  if (typeof client?.evalsha !== "function" || typeof client.eval !== "function") {
    throw new MonitorError(
      "ERR_MONITOR_INVALID_STORE",
      `createRedisCountingStore needs client, a connected ioredis client, got ${describeValue(client)}.`,
    );
  }
  const prefix = checked.prefix ?? DEFAULT_PREFIX;
  if (typeof prefix !== "string") {
    throw new MonitorError(
      "ERR_MONITOR_INVALID_OPTIONS",
      `prefix must be a string, got ${describeValue(prefix)}. Use "${DEFAULT_PREFIX}", for example.`,
    );
  }

  // Members must be unique even when two instances count an event in the same millisecond.
  const instanceId = randomBytes(6).toString("hex");
  let sequence = 0;

  const run = async (keys: readonly string[], args: readonly (string | number)[]) => {
    try {
      return await client.evalsha(RECORD_SCRIPT_SHA, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
      return client.eval(RECORD_SCRIPT, keys.length, ...keys, ...args);
    }
  };

  return {
    async record(input: CountInput): Promise<CountResult> {
      sequence = (sequence + 1) % Number.MAX_SAFE_INTEGER;
      const base = `${prefix}{${input.key}}`;
      const member = `${instanceId}:${sequence}:${input.requestId ?? ""}`;
      const reply = await run(
        [`${base}:events`, `${base}:alert`],
        [
          input.timestamp,
          input.windowMs,
          input.threshold,
          input.maxEvents,
          member,
          MAX_ALERT_REQUEST_IDS,
        ],
      );
      return parseReply(reply);
    },
    close: () => Promise.resolve(),
  };
}

function parseReply(reply: unknown): CountResult {
  if (!Array.isArray(reply)) throw new Error(`unexpected Redis reply ${describeValue(reply)}`);
  const [alert, count, firstSeen, members] = reply as [number, number, string?, string[]?];
  if (alert !== 1) return { count, alert: false, firstSeen: 0, requestIds: [] };

  const requestIds: string[] = [];
  for (const member of members ?? []) {
    // The member is `instance:sequence:requestId`, and a request id may itself contain colons.
    const requestId = member.split(":").slice(2).join(":");
    if (requestId !== "") requestIds.push(requestId);
  }
  return { count, alert: true, firstSeen: Number(firstSeen), requestIds };
}
