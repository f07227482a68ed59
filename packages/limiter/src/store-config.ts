import {
  createWarningEmitter,
  describeValue,
  type Logger,
  NOOP_LOGGER,
  type SecurityEventPublisher,
  type WarningEmitter,
} from "@bulwark/core";
import { BoundedMemoryLimiter } from "./bounded-memory-limiter.js";
import { invalidOption, LIMITER_WARNING_CODES } from "./errors.js";
import { parsePositiveInteger } from "./policy.js";
import { PolicyStore } from "./policy-store.js";
import {
  createRedisBackend,
  parseRedisOption,
  type RedisClient,
  type RedisConnection,
} from "./redis-store.js";
import {
  STORE_ERROR_MODES,
  type StoreErrorMode,
  StoreHealth,
  type StoreStatusEvent,
} from "./store-health.js";

/** Default Redis key prefix. Each policy adds its name, as in `bulwark:rl:api:ip:203.0.113.9`. */
export const DEFAULT_KEY_PREFIX = "bulwark:rl";
/** Default bound on the latency the Redis store may add to one decision, in milliseconds. */
export const DEFAULT_STORE_TIMEOUT_MS = 100;
/**
 * Default cap on keys per policy in each memory limiter. A key took about 420 bytes of heap in a
 * measurement with IPv4 keys on Node 24, so the cap bounds one policy near 42 MB (an estimate).
 */
export const DEFAULT_MAX_KEYS = 100_000;
/** Default IPv6 prefix length of IP keys. */
export const DEFAULT_IPV6_SUBNET = 64;

/** Store options shared by `createRateLimiter` and `createLoginGuard`. */
export interface StoreOptions {
  /** Redis URL or ioredis client (standalone or Cluster). Without it, counters live in memory. */
  readonly redis?: string | RedisClient;
  /** Prefix of Redis keys. Defaults to `bulwark:rl`. */
  readonly keyPrefix?: string;
  /** Behaviour of decisions while Redis fails or times out. Defaults to `"insurance"`. */
  readonly onStoreError?: StoreErrorMode;
  /** Milliseconds a Redis operation may take before it counts as failed. Defaults to 100. */
  readonly storeTimeoutMs?: number;
  /** Keys per policy that each memory limiter stores at most. Defaults to 100000. */
  readonly maxKeys?: number;
  /** IPv6 prefix length of IP keys. Defaults to 64. */
  readonly ipv6Subnet?: number;
  /** Receives store failures, recoveries and requests let through. Defaults to no logging. */
  readonly logger?: Logger;
  /** Called when the store becomes unavailable and when it is available again. */
  readonly onStoreStatus?: (event: StoreStatusEvent) => void;
  /** Warning codes not to emit, such as `WARN_LIMITER_UNKNOWN_CLIENT_IP`. */
  readonly disabledWarnings?: readonly string[];
}

/** Option keys of the store, shared by `createRateLimiter` and `createLoginGuard`. */
export const STORE_OPTION_KEYS = [
  "redis",
  "keyPrefix",
  "onStoreError",
  "storeTimeoutMs",
  "maxKeys",
  "ipv6Subnet",
  "logger",
  "onStoreStatus",
  "disabledWarnings",
] as const satisfies readonly (keyof StoreOptions)[];

/** Validated store settings and the shared state built from them once. */
export interface StoreConfig {
  readonly connection: RedisConnection | undefined;
  readonly keyPrefix: string;
  readonly mode: StoreErrorMode;
  readonly timeoutMs: number;
  readonly maxKeys: number;
  readonly ipv6Subnet: number;
  readonly logger: Logger;
  readonly health: StoreHealth;
  readonly warnings: WarningEmitter;
}

/** Limiter settings of one policy store. */
export interface StoreLimits {
  readonly name: string;
  readonly points: number;
  readonly durationSeconds: number;
  readonly blockDurationSeconds: number;
}

const KEY_PREFIX_PATTERN = /^[\x21-\x7e]{1,64}$/;

/** Parses the store options. Throws `ERR_LIMITER_*` codes naming the option. */
export function parseStoreConfig(options: Record<string, unknown>): StoreConfig {
  const logger = parseLogger(options.logger);
  const mode = parseMode(options.onStoreError);
  const onStatus = parseCallback<(event: StoreStatusEvent) => void>(
    options.onStoreStatus,
    "onStoreStatus",
  );

  return {
    keyPrefix: parseKeyPrefix(options.keyPrefix),
    mode,
    timeoutMs:
      options.storeTimeoutMs === undefined
        ? DEFAULT_STORE_TIMEOUT_MS
        : parsePositiveInteger(
            options.storeTimeoutMs,
            "storeTimeoutMs",
            "ERR_LIMITER_INVALID_TIMEOUT",
            "Use milliseconds, such as 100.",
          ),
    maxKeys:
      options.maxKeys === undefined
        ? DEFAULT_MAX_KEYS
        : parsePositiveInteger(
            options.maxKeys,
            "maxKeys",
            "ERR_LIMITER_INVALID_MAX_KEYS",
            "Use a key count, such as 100000.",
          ),
    ipv6Subnet: parseSubnet(options.ipv6Subnet),
    logger,
    health: new StoreHealth(logger, mode, onStatus),
    warnings: createWarningEmitter({
      disabledWarnings: parseDisabledWarnings(options.disabledWarnings),
      ...(options.logger === undefined ? {} : { logger }),
    }),
    // Evaluated last, so options that fail a check never open a connection.
    connection: options.redis === undefined ? undefined : parseRedisOption(options.redis),
  };
}

/**
 * Builds the store of one policy: a bounded memory limiter, or a Redis limiter with a bounded
 * memory insurance limiter of the same limits when `onStoreError` is "insurance".
 */
export function buildPolicyStore(config: StoreConfig, limits: StoreLimits): PolicyStore {
  const memory = () =>
    new BoundedMemoryLimiter({
      points: limits.points,
      durationSeconds: limits.durationSeconds,
      blockDurationSeconds: limits.blockDurationSeconds,
      maxKeys: config.maxKeys,
      onOverflow: () =>
        config.warnings.warn(
          "WARN_LIMITER_MEMORY_FULL",
          `${LIMITER_WARNING_CODES.WARN_LIMITER_MEMORY_FULL} Policy ${JSON.stringify(limits.name)}, maxKeys ${config.maxKeys}.`,
        ),
    });
  const policy = { name: limits.name, durationSeconds: limits.durationSeconds };

  if (config.connection === undefined) {
    return new PolicyStore({
      policy,
      primary: memory(),
      primarySource: "memory",
      insurance: undefined,
      mode: config.mode,
      health: config.health,
    });
  }

  const primary = createRedisBackend(config.connection.client, {
    ...limits,
    keyPrefix: `${config.keyPrefix}:${limits.name}`,
    timeoutMs: config.timeoutMs,
  });
  return new PolicyStore({
    policy,
    primary,
    primarySource: "redis",
    insurance: config.mode === "insurance" ? memory() : undefined,
    mode: config.mode,
    health: config.health,
  });
}

/** Closes the Redis client when the limiter created it. A client passed in stays open. */
export async function closeStore(config: StoreConfig): Promise<void> {
  const connection = config.connection;
  if (connection === undefined || !connection.owned) return;
  try {
    await connection.client.quit();
  } catch {
    connection.client.disconnect();
  }
}

/** Checks the `events` option. */
export function parsePublisher(value: unknown): SecurityEventPublisher | undefined {
  if (value === undefined) return undefined;
  const publish = (value as { publish?: unknown } | null)?.publish;
  if (typeof value === "object" && typeof publish === "function") {
    return value as SecurityEventPublisher;
  }
  throw invalidOption(
    "ERR_LIMITER_INVALID_PUBLISHER",
    "events",
    value,
    "must be an object with a publish(event) method",
    "Pass the bus from createSecurityEventBus().",
  );
}

function parseMode(value: unknown): StoreErrorMode {
  if (value === undefined) return "insurance";
  if ((STORE_ERROR_MODES as readonly unknown[]).includes(value)) return value as StoreErrorMode;
  throw invalidOption(
    "ERR_LIMITER_INVALID_STORE_ERROR_MODE",
    "onStoreError",
    value,
    'must be "insurance", "open" or "closed"',
    'Use "insurance" to keep enforcing from memory while the store is down.',
  );
}

function parseKeyPrefix(value: unknown): string {
  if (value === undefined) return DEFAULT_KEY_PREFIX;
  if (typeof value === "string" && KEY_PREFIX_PATTERN.test(value)) return value;
  throw invalidOption(
    "ERR_LIMITER_INVALID_KEY_PREFIX",
    "keyPrefix",
    value,
    "must be 1 to 64 printable ASCII characters without spaces",
    `Use a prefix such as ${JSON.stringify(DEFAULT_KEY_PREFIX)}.`,
  );
}

function parseSubnet(value: unknown): number {
  if (value === undefined) return DEFAULT_IPV6_SUBNET;
  if (typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 128) {
    return value;
  }
  throw invalidOption(
    "ERR_LIMITER_INVALID_SUBNET",
    "ipv6Subnet",
    value,
    "must be an integer prefix length from 1 to 128",
    "Use 64 for a typical IPv6 site.",
  );
}

function parseLogger(value: unknown): Logger {
  if (value === undefined) return NOOP_LOGGER;
  const candidate = value as Partial<Record<keyof Logger, unknown>> | null;
  const valid =
    typeof candidate === "object" &&
    candidate !== null &&
    (["debug", "info", "warn", "error"] as const).every(
      (method) => typeof candidate[method] === "function",
    );
  if (valid) return value as Logger;
  throw invalidOption(
    "ERR_LIMITER_INVALID_OPTIONS",
    "logger",
    value,
    "must have debug, info, warn and error methods",
    "Pass a pino logger or the framework's logger.",
  );
}

function parseCallback<T>(value: unknown, option: string): T | undefined {
  if (value === undefined || typeof value === "function") return value as T | undefined;
  throw invalidOption(
    "ERR_LIMITER_INVALID_CALLBACK",
    option,
    value,
    "must be a function",
    "Pass a function or leave the option out.",
  );
}

function parseDisabledWarnings(value: unknown): readonly string[] {
  if (value === undefined) return [];
  if (Array.isArray(value) && value.every((code) => typeof code === "string")) return value;
  throw invalidOption(
    "ERR_LIMITER_INVALID_OPTIONS",
    "disabledWarnings",
    value,
    "must be a list of warning codes",
    `Use codes such as ${describeValue("WARN_LIMITER_MEMORY_FULL")}.`,
  );
}

export type { StoreStatusEvent };
