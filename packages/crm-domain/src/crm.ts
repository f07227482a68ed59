import { randomBytes } from "node:crypto";
import {
  checkOptionsObject,
  describeValue,
  type Logger,
  NOOP_LOGGER,
  type SecurityEventPublisher,
} from "@bulwark/core";
import { createLoginGuard, type LoginGuard } from "@bulwark/limiter";
import { type AuditLog, createAuditLog } from "./audit-log.js";
import { type AuthenticatedUser, resolveAuthentication } from "./authenticate.js";
import type { CrmDatabaseHandle } from "./database/open-database.js";
import { CrmError, createCrmError } from "./errors.js";
import {
  authorizeRoute,
  executeRoute,
  type RouteCaller,
  type RouteInput,
} from "./execute-route.js";
import { DEFAULT_SCRYPT_COST, hashPassword, isValidScryptCost } from "./password-hash.js";
import type { CrmRoute, DomainResult, RouteSchemas } from "./route-table.js";
import { createAttachmentRoutes } from "./routes/attachment-routes.js";
import { createAuditRoutes } from "./routes/audit-routes.js";
import { createAuthRoutes } from "./routes/auth-routes.js";
import { createContactRoutes } from "./routes/contact-routes.js";
import { createExportRoutes } from "./routes/export-routes.js";
import { createHealthRoutes } from "./routes/health-routes.js";
import type { CrmServices } from "./routes/services.js";
import { createUserRoutes } from "./routes/user-routes.js";
import {
  createTokenService,
  type TokenService,
  type TokenServiceOptions,
} from "./token-service.js";

/** Options of `createCrm`. */
export interface CrmOptions {
  /** Open database from `openDatabase`. The CRM does not close it. */
  readonly database: CrmDatabaseHandle;
  /** JWT key ring and claims. */
  readonly jwt: TokenServiceOptions;
  /**
   * Receives login events, such as a monitor, and `account.locked` from the default login guard.
   * Defaults to discarding.
   */
  readonly events?: SecurityEventPublisher;
  readonly logger?: Logger;
  /**
   * Account lockout the login consults, from `createLoginGuard` of `@bulwark/limiter`. Pass one
   * built on Redis when several app instances serve logins, with its own `events` option. Defaults
   * to a guard on process memory with the limiter's defaults, publishing to `events`.
   */
  readonly loginGuard?: LoginGuard;
  /** scrypt cost N for new password hashes. Defaults to 2^17; lower values are for tests only. */
  readonly scryptCost?: number;
}

/** The CRM domain: the route table and what the apps call around it. */
export interface Crm {
  /** Every CRM route, in the order an app registers them. */
  readonly routes: readonly CrmRoute[];
  /**
   * Authenticates the caller unless the route is public and checks the route's permission.
   * Throws `UNAUTHORIZED` or `FORBIDDEN`. Call it after the rate limits and before validation.
   */
  authorize(
    route: CrmRoute,
    authorization: string | readonly string[] | undefined,
  ): Promise<RouteCaller>;
  /**
   * Runs a route's handler with the caller from `authorize` and the input parsed by
   * `route.schemas`. It does not validate, so the app must run the schemas first.
   */
  execute<S extends RouteSchemas>(route: CrmRoute<S>, input: RouteInput<S>): Promise<DomainResult>;
  /** Resolves the caller from an `Authorization` header, or throws `UNAUTHORIZED`. */
  authenticate(authorization: string | readonly string[] | undefined): Promise<AuthenticatedUser>;
  readonly audit: AuditLog;
  readonly tokens: TokenService;
  /** The login guard in use, injected or the default one. */
  readonly loginGuard: LoginGuard;
  /** Closes the default login guard. An injected guard and the database stay open. */
  close(): Promise<void>;
}

const OPTION_KEYS = ["database", "jwt", "events", "logger", "loginGuard", "scryptCost"] as const;
const JWT_KEYS = ["keys", "issuer", "audience", "expiresInSeconds"] as const;
const NOOP_PUBLISHER: SecurityEventPublisher = { publish: () => {} };
const LOGIN_GUARD_METHODS = ["check", "recordFailure", "recordSuccess", "createError"] as const;

function invalid(message: string): CrmError {
  return new CrmError("ERR_CRM_INVALID_OPTIONS", message);
}

function checkLoginGuard(guard: unknown): void {
  if (guard === undefined) return;
  const record = (typeof guard === "object" && guard !== null ? guard : {}) as Record<
    string,
    unknown
  >;
  if (LOGIN_GUARD_METHODS.some((method) => typeof record[method] !== "function")) {
    throw invalid(
      `loginGuard must be a guard from createLoginGuard of @bulwark/limiter, got ${describeValue(guard)}. Omit it to use a guard on process memory.`,
    );
  }
}

function parseOptions(input: CrmOptions) {
  const options = checkOptionsObject(
    input,
    OPTION_KEYS,
    "ERR_CRM_INVALID_OPTIONS",
    "createCrm",
    createCrmError,
  );
  if (
    typeof options.database !== "object" ||
    options.database === null ||
    !("db" in options.database)
  ) {
    throw invalid(
      `database must be the handle that openDatabase returns, got ${describeValue(options.database)}.`,
    );
  }
  const jwt = checkOptionsObject(
    options.jwt,
    JWT_KEYS,
    "ERR_CRM_INVALID_OPTIONS",
    "createCrm jwt",
    createCrmError,
  );
  const lifetime = jwt.expiresInSeconds;
  if (lifetime !== undefined && (!Number.isInteger(lifetime) || (lifetime as number) < 1)) {
    throw invalid(
      `jwt.expiresInSeconds must be a positive integer of seconds, got ${describeValue(lifetime)}. Use 3600 for one hour.`,
    );
  }
  checkLoginGuard(options.loginGuard);
  const scryptCost = options.scryptCost ?? DEFAULT_SCRYPT_COST;
  if (!isValidScryptCost(scryptCost)) {
    throw new CrmError(
      "ERR_CRM_INVALID_SCRYPT_COST",
      `scryptCost must be a power of two from 16384 to 1048576, got ${describeValue(scryptCost)}. Use ${DEFAULT_SCRYPT_COST}.`,
    );
  }
  return { ...input, scryptCost };
}

/**
 * Creates the CRM domain over an open database: the route table, the token service and the audit
 * log. Throws `ERR_CRM_INVALID_OPTIONS` for unknown keys or wrong types, `ERR_CRM_INVALID_JWT_KEYS`
 * for an unusable key ring and `ERR_CRM_INVALID_SCRYPT_COST`.
 *
 * @example
 * const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
 * const crm = createCrm({ database, jwt: { keys: [{ version: 1, secret: process.env.JWT_SECRET! }] } });
 * for (const route of crm.routes) {
 *   app.route(route.method, route.path, async (req) => {
 *     const caller = await crm.authorize(route, req.headers.authorization);
 *     const input = parseRequest(route.schemas, req); // from @bulwark/schemas
 *     return crm.execute(route, { caller, ...input, clientIp, requestId, userAgent });
 *   });
 * }
 */
export function createCrm(input: CrmOptions): Crm {
  const options = parseOptions(input);
  const db = options.database.db;
  const tokens = createTokenService(options.jwt);
  const audit = createAuditLog(db);
  const events = options.events ?? NOOP_PUBLISHER;
  const ownsLoginGuard = options.loginGuard === undefined;
  const loginGuard = options.loginGuard ?? createLoginGuard({ events });
  const services: CrmServices = {
    db,
    tokens,
    audit,
    events,
    logger: options.logger ?? NOOP_LOGGER,
    loginGuard,
    scryptCost: options.scryptCost,
    // Hashed once, with the configured cost, from a random password that is never stored.
    dummyPasswordHash: hashPassword(randomBytes(32).toString("base64url"), options.scryptCost),
  };

  const routes = [
    ...createHealthRoutes(services),
    ...createAuthRoutes(services),
    ...createUserRoutes(services),
    ...createContactRoutes(services),
    ...createExportRoutes(services),
    ...createAttachmentRoutes(services),
    ...createAuditRoutes(services),
  ];

  return {
    routes,
    audit,
    tokens,
    loginGuard,
    close: () => (ownsLoginGuard ? loginGuard.close() : Promise.resolve()),
    authorize: (route, authorization) => authorizeRoute(route, services, authorization),
    execute: (route, input) => executeRoute(route, services, input),
    authenticate: (authorization) => resolveAuthentication(db, tokens, authorization),
  };
}
