import { type Logger, NOOP_LOGGER, type SecurityEvent } from "@bulwark/core";
import { createLoginGuard } from "@bulwark/limiter";
import {
  createCallbackSink,
  createLoggerSink,
  createRedisCountingStore,
  createSecurityMonitor,
  type SecurityMonitor,
  type SecuritySink,
} from "@bulwark/monitor";
import type { BulwarkStackOptions } from "@bulwark/stack";
import { Redis } from "ioredis";
import { type Crm, createCrm } from "../crm.js";
import { type CrmDatabaseHandle, openDatabase } from "../database/open-database.js";
import type { CrmRoute, RateLimitPolicyName } from "../route-table.js";
import { type SeedOptions, type SeedResult, seedDevelopmentData } from "../seed.js";
import type { CrmAppConfig } from "./app-config.js";

/**
 * Policies the stack counts for every `/api/` request before its body is read. A route applies
 * only the rest of its `rateLimits`, so no request is counted twice against one policy.
 */
export const STACK_POLICIES: readonly RateLimitPolicyName[] = ["api", "write"];

/**
 * Returns the policies of a route's `rateLimits` that the stack limiters do not count already,
 * such as `auth` or `expensive`, in the route's order.
 */
export function selectRoutePolicies(route: CrmRoute): readonly RateLimitPolicyName[] {
  return route.rateLimits.filter((policy) => !STACK_POLICIES.includes(policy));
}

/** Alerts a runtime keeps for `recentAlerts`, newest last. */
const MAX_RECENT_ALERTS = 100;

/** Options of `createCrmRuntime`. */
export interface CrmRuntimeOptions {
  /** pino-style logger for the stack, the monitor's event lines and the CRM. Defaults to none. */
  readonly logger?: Logger;
  /** Seeds demo users and contacts into an empty database (development only). Defaults to no seeding. */
  readonly seed?: false | SeedOptions;
  /** scrypt cost N for new password hashes. Defaults to the CRM's 2^17; lower values are for tests. */
  readonly scryptCost?: number;
  /** Folder of the embedded database. Defaults to memory. */
  readonly dataDir?: string;
  /** Sinks that receive every security event and alert too, next to the logger sink. */
  readonly sinks?: readonly SecuritySink[];
}

/** Everything both reference apps wire onto their framework, built once per process. */
export interface CrmRuntime {
  readonly config: CrmAppConfig;
  readonly crm: Crm;
  readonly monitor: SecurityMonitor;
  readonly database: CrmDatabaseHandle;
  /** Options for `bulwark()` of @bulwark/express or the @bulwark/fastify plugin. */
  readonly stackOptions: BulwarkStackOptions;
  /** Demo logins when this start seeded the database. */
  readonly seed: SeedResult;
  /** The last 100 `alert.raised` events of the monitor, oldest first. */
  recentAlerts(): readonly SecurityEvent[];
  /** Closes the CRM, the monitor, Redis and the database, in that order. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Opens the database (PostgreSQL from `databaseUrl`, else embedded PGlite), connects Redis when
 * `redisUrl` is set and builds on it the rate limiter, the login guard and the alert counts, then
 * the security monitor and the CRM. Rate limits follow the stack defaults, with `/api/health`
 * excluded, the guide's header preset and `trustProxy` from the configuration.
 *
 * @example
 * const runtime = await createCrmRuntime(loadCrmAppConfig(process.env), { logger });
 * app.use(bulwark(runtime.stackOptions));
 */
export async function createCrmRuntime(
  config: CrmAppConfig,
  options: CrmRuntimeOptions = {},
): Promise<CrmRuntime> {
  const logger = options.logger ?? NOOP_LOGGER;
  const database = await openDatabase({
    ...(config.databaseUrl === undefined ? {} : { databaseUrl: config.databaseUrl }),
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
  });
  // One client for the limiter, the login guard and the alert counts. Without the offline queue a
  // command fails at once while Redis is down, so the limiter's store-error mode decides.
  const redis =
    config.redisUrl === undefined
      ? undefined
      : new Redis(config.redisUrl, { enableOfflineQueue: false, lazyConnect: false });

  const alerts: SecurityEvent[] = [];
  const monitor = createSecurityMonitor({
    logger,
    ...(redis === undefined ? {} : { store: createRedisCountingStore({ client: redis }) }),
    sinks: [
      createLoggerSink({ logger }),
      createCallbackSink({
        onEvent: (event) => {
          if (event.type !== "alert.raised") return;
          alerts.push(event);
          if (alerts.length > MAX_RECENT_ALERTS) alerts.shift();
        },
      }),
      ...(options.sinks ?? []),
    ],
  });
  const loginGuard =
    redis === undefined ? undefined : createLoginGuard({ redis, events: monitor, logger });
  const crm = createCrm({
    database,
    jwt: { keys: config.jwtKeys.map(({ version, secret }) => ({ version, secret })) },
    events: monitor,
    logger,
    ...(loginGuard === undefined ? {} : { loginGuard }),
    ...(options.scryptCost === undefined ? {} : { scryptCost: options.scryptCost }),
  });
  const seed: SeedResult =
    options.seed === undefined || options.seed === false
      ? { seeded: false }
      : await seedDevelopmentData(database.db, {
          ...(options.scryptCost === undefined ? {} : { scryptCost: options.scryptCost }),
          ...options.seed,
        });

  const stackOptions: BulwarkStackOptions = {
    logger,
    events: monitor,
    clientIp: config.trustProxy === undefined ? {} : { trustProxy: config.trustProxy },
    securityHeaders: { preset: "guide" },
    rateLimit: redis === undefined ? {} : { redis },
    // The health check stays reachable for load balancers however busy a client is.
    stackLimits: { policies: [...STACK_POLICIES], excludePaths: ["/api/health"] },
  };

  let closing: Promise<void> | undefined;
  const close = async () => {
    await crm.close();
    await loginGuard?.close();
    await monitor.close();
    if (redis !== undefined) await redis.quit().catch(() => redis.disconnect());
    await database.close();
  };
  return {
    config,
    crm,
    monitor,
    database,
    stackOptions,
    seed,
    recentAlerts: () => [...alerts],
    close: () => {
      closing ??= close();
      return closing;
    },
  };
}
