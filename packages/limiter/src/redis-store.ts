import { Redis } from "ioredis";
import { RateLimiterRedis } from "rate-limiter-flexible";
import { LimiterError } from "./errors.js";
import type { StoreBackend } from "./store-backend.js";
import { StoreDeadline } from "./store-deadline.js";

/**
 * The part of an ioredis client (standalone `Redis` or `Cluster`) that the limiter relies on.
 * Both classes fit it. It is declared here rather than imported so that the package's public
 * types do not load ioredis's declarations, which import the untyped `redis-errors` module.
 */
export interface RedisClient {
  /** Connection state; rate-limiter-flexible sends commands only while it is `ready`. */
  readonly status: string;
  defineCommand(name: string, definition: { numberOfKeys?: number; lua: string }): void;
  quit(): Promise<unknown>;
  disconnect(): void;
}

/** The Redis client a limiter uses, and whether the limiter created it and so must close it. */
export interface RedisConnection {
  readonly client: RedisClient;
  readonly owned: boolean;
}

/**
 * Parses the `redis` option: a `redis://` or `rediss://` URL becomes a new ioredis client that
 * the limiter owns, and an ioredis client is used as it is. Throws `ERR_LIMITER_INVALID_STORE`.
 */
export function parseRedisOption(value: unknown): RedisConnection {
  if (typeof value === "string") return { client: connectFromUrl(value), owned: true };
  if (isIoredisClient(value)) return { client: value, owned: false };
  throw new LimiterError(
    "ERR_LIMITER_INVALID_STORE",
    `redis must be a redis:// or rediss:// URL or an ioredis client, got ${describeKind(value)}. Pass process.env.REDIS_URL or new Redis(url).`,
  );
}

function connectFromUrl(url: string): Redis {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    // The URL is not printed, because it may contain a password.
    throw new LimiterError(
      "ERR_LIMITER_INVALID_STORE",
      "redis is not a valid URL. Use the form redis://host:6379/0 or rediss:// for TLS.",
    );
  }
  if (protocol !== "redis:" && protocol !== "rediss:") {
    throw new LimiterError(
      "ERR_LIMITER_INVALID_STORE",
      `redis must use the redis: or rediss: scheme, got ${JSON.stringify(protocol)}. Use the form redis://host:6379/0.`,
    );
  }

  // Commands fail at once while disconnected instead of waiting in ioredis's offline queue:
  // a queued command would replay after a reconnect and count a request twice.
  const client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  // Connection errors surface on the decision path, where the store health logs them with a
  // rate limit. Without a listener ioredis would print every reconnect failure to the console.
  client.on("error", () => {});
  return client;
}

function isIoredisClient(value: unknown): value is RedisClient {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as { defineCommand?: unknown; status?: unknown };
  return typeof candidate.defineCommand === "function" && typeof candidate.status === "string";
}

function describeKind(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "object") return "an object that is not an ioredis client";
  return typeof value;
}

/** Settings of one policy's Redis backend. */
export interface RedisBackendOptions {
  readonly points: number;
  readonly durationSeconds: number;
  readonly blockDurationSeconds: number;
  /** Prefix of every Redis key of this policy, such as `bulwark:rl:api`. */
  readonly keyPrefix: string;
  readonly timeoutMs: number;
}

/**
 * Creates a policy's Redis backend: rate-limiter-flexible's atomic Lua path, one round trip per
 * consume, behind a deadline so a slow Redis adds at most `timeoutMs` to a request.
 */
export function createRedisBackend(
  client: RedisClient,
  options: RedisBackendOptions,
): StoreBackend {
  const limiter = new RateLimiterRedis({
    storeClient: client,
    points: options.points,
    duration: options.durationSeconds,
    blockDuration: options.blockDurationSeconds,
    keyPrefix: options.keyPrefix,
    // Fail at once while the connection is down, so the fallback decides without waiting.
    rejectIfRedisNotReady: true,
  });
  // StoreDeadline takes the place of rate-limiter-flexible's RLWrapperTimeouts: the same bound,
  // with one shared timer instead of a timer and two promise layers per call.
  // NOTE: a command that times out may still run on Redis later, so that request can count once
  // in Redis and once in the insurance limiter.
  const deadline = new StoreDeadline(options.timeoutMs);

  return {
    consume: (key, points) => deadline.track(limiter.consume(key, points)),
    consumeSettled: (key, points) => deadline.trackSettled(limiter.consume(key, points)),
    get: (key) => deadline.track(limiter.get(key)),
    reward: (key, points) => deadline.track(limiter.reward(key, points)),
    block: (key, seconds) => deadline.track(limiter.block(key, seconds)),
    delete: (key) => deadline.track(limiter.delete(key)),
  };
}
