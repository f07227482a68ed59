import { createHttpError, type SecurityEventPublisher } from "@bulwark/core";
import type { Kysely } from "kysely";
import type { AuditLog } from "./audit-log.js";
import { type AuthenticatedUser, resolveAuthentication } from "./authenticate.js";
import type { CrmDatabase } from "./database/schema.js";
import { CrmError } from "./errors.js";
import { hasPermission } from "./permissions.js";
import type {
  CrmRoute,
  DomainResult,
  RequestFacts,
  RouteContext,
  RouteSchemas,
  SchemaOutput,
  UploadedFile,
} from "./route-table.js";
import type { TokenService } from "./token-service.js";

/**
 * The caller of one route, as `authorizeRoute` resolved it. Only `authorizeRoute` creates one, and
 * it is valid for that route only.
 */
export interface RouteCaller {
  readonly route: CrmRoute;
  /** The signed-in user; undefined only on public routes. */
  readonly user: AuthenticatedUser | undefined;
}

/**
 * The request as the app hands it to `executeRoute`: the caller from `authorizeRoute` and the
 * parts parsed by the route's schemas, such as with the adapters' `validate(route.schemas)`.
 */
export interface RouteInput<S extends RouteSchemas = RouteSchemas> {
  readonly caller: RouteCaller;
  /** Route parameters as `schemas.params` parsed them. Ignored when the route has no such schema. */
  readonly params?: SchemaOutput<S["params"]>;
  /** Query as `schemas.query` parsed it. Ignored when the route has no such schema. */
  readonly query?: SchemaOutput<S["query"]>;
  /** Body, or the text fields of a multipart body, as `schemas.body` parsed it. */
  readonly body?: SchemaOutput<S["body"]>;
  /** The file part of a multipart route. Ignored on other routes. */
  readonly file?: UploadedFile | undefined;
  readonly clientIp: string | undefined;
  readonly requestId: string | undefined;
  readonly userAgent: string | undefined;
}

/** Services a route needs at run time. */
export interface RouteServices {
  readonly db: Kysely<CrmDatabase>;
  readonly tokens: TokenService;
  readonly audit: AuditLog;
  readonly events: SecurityEventPublisher;
}

// Callers created by authorizeRoute. executeRoute accepts no other object, so an app cannot skip
// authorization by passing a caller it built itself or one authorized for another route.
const ISSUED_CALLERS = new WeakSet<RouteCaller>();

function forbidden(): Error {
  return createHttpError("FORBIDDEN", {
    message: "Your role does not allow this action. Ask an administrator for access.",
  });
}

/**
 * Authenticates the bearer token unless the route is public, then checks the route's permission
 * against the user's current role. Apps call it before validating the request, so an anonymous or
 * unauthorized caller learns nothing about valid input. Throws the response errors `UNAUTHORIZED`
 * (with `WWW-Authenticate`) and `FORBIDDEN`.
 */
export async function authorizeRoute(
  route: CrmRoute,
  services: RouteServices,
  authorization: string | readonly string[] | undefined,
): Promise<RouteCaller> {
  let user: AuthenticatedUser | undefined;
  if (route.access !== "public") {
    user = await resolveAuthentication(services.db, services.tokens, authorization);
    if (route.access !== "authenticated" && !hasPermission(user.role, route.access)) {
      throw forbidden();
    }
  }
  const caller: RouteCaller = Object.freeze({ route, user });
  ISSUED_CALLERS.add(caller);
  return caller;
}

/**
 * Runs one route's handler with input that the app has already parsed with the route's schemas.
 * A part the route has no schema for is passed to the handler as undefined, so unparsed client
 * input never reaches it. Throws `ERR_CRM_INVALID_CALLER` when `input.caller` did not come
 * from `authorizeRoute` for this route, and otherwise whatever the handler throws, mostly response
 * errors that the app renders with `toErrorResponse`.
 */
export async function executeRoute<S extends RouteSchemas>(
  route: CrmRoute<S>,
  services: RouteServices,
  input: RouteInput<S>,
): Promise<DomainResult> {
  const { caller } = input;
  if (!ISSUED_CALLERS.has(caller) || caller.route !== (route as unknown as CrmRoute)) {
    throw new CrmError(
      "ERR_CRM_INVALID_CALLER",
      `executeRoute needs the caller that authorizeRoute returned for ${route.method} ${route.path}. Call crm.authorize(route, authorization) first.`,
    );
  }
  const { schemas } = route;
  const context: RouteContext = {
    body: schemas.body === undefined ? undefined : input.body,
    query: schemas.query === undefined ? undefined : input.query,
    params: schemas.params === undefined ? undefined : input.params,
    file: route.bodyType === "multipart" ? input.file : undefined,
    user: caller.user,
    request: {
      method: route.method,
      route: route.path,
      clientIp: input.clientIp,
      requestId: input.requestId,
      userAgent: input.userAgent,
    } satisfies RequestFacts,
    events: services.events,
    audit: services.audit,
  };
  return route.handler(context as Parameters<CrmRoute<S>["handler"]>[0]);
}
