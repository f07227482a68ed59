import type { HeaderTuple, SecurityEventPublisher } from "@bulwark/core";
import type { z } from "zod";
import type { AuditLog } from "./audit-log.js";
import type { AuthenticatedUser } from "./authenticate.js";
import type { Permission } from "./permissions.js";

/** HTTP methods the CRM routes use. */
export type RouteMethod = "GET" | "POST" | "PUT" | "DELETE";

/**
 * Names of the rate-limit policies: `api` for every `/api/*` route, `write` for changes,
 * `expensive` for exports and bulk operations, `auth` for the login.
 */
export type RateLimitPolicyName = "api" | "write" | "expensive" | "auth";

/** Access rule of a route: anyone, any signed-in user, or users whose role has a permission. */
export type RouteAccess = "public" | "authenticated" | Permission;

/** Body format that the app parses before it calls the handler. */
export type RouteBodyType = "none" | "json" | "multipart";

/** Facts about the request that handlers, events and the audit log use. */
export interface RequestFacts {
  readonly method: string;
  /** Route pattern, such as `/api/contacts/:id`. */
  readonly route: string;
  readonly clientIp: string | undefined;
  readonly requestId: string | undefined;
  readonly userAgent: string | undefined;
}

/** A file part of a multipart body, read into memory by the app. */
export interface UploadedFile {
  readonly filename: string;
  /** Content-Type the client sent for the part. */
  readonly contentType: string | undefined;
  readonly content: Uint8Array;
}

/**
 * Input of a handler: the parts parsed by the route's schemas, the caller, request facts and the
 * shared services. A part without a schema is undefined.
 */
export interface RouteContext<Body = unknown, Query = unknown, Params = unknown> {
  readonly body: Body;
  readonly query: Query;
  readonly params: Params;
  /** The uploaded file of a multipart route, if the client sent one. */
  readonly file: UploadedFile | undefined;
  /** The caller; undefined only on public routes. */
  readonly user: AuthenticatedUser | undefined;
  readonly request: RequestFacts;
  readonly events: SecurityEventPublisher;
  readonly audit: AuditLog;
}

/** A JSON response. `body` is serialised with `JSON.stringify`, so dates become ISO 8601. */
export interface JsonResult {
  readonly kind: "json";
  readonly status: number;
  readonly body: unknown;
  readonly headers?: readonly HeaderTuple[];
}

/** A streamed text response, such as a CSV export, written chunk by chunk. */
export interface StreamResult {
  readonly kind: "stream";
  readonly status: number;
  readonly headers: readonly HeaderTuple[];
  readonly body: AsyncIterable<string>;
}

/** A response without a body, such as 204 after a delete. */
export interface EmptyResult {
  readonly kind: "empty";
  readonly status: number;
}

/** Result of a handler. Errors are thrown as `BulwarkError` response errors instead. */
export type DomainResult = JsonResult | StreamResult | EmptyResult;

/**
 * Zod schemas of a route's input, in the shape `createRequestValidator` of `@bulwark/schemas` and
 * the adapters' `validate` take. An absent schema means the route takes no such input. For a
 * multipart route, `body` covers the text fields.
 */
export interface RouteSchemas {
  readonly body?: z.ZodType;
  readonly query?: z.ZodType;
  readonly params?: z.ZodType;
}

/** Parsed value of an optional schema; undefined where the route has none. */
export type SchemaOutput<T> = T extends z.ZodType ? z.output<T> : undefined;

/** One CRM route, free of any framework. */
export interface CrmRoute<S extends RouteSchemas = RouteSchemas> {
  readonly method: RouteMethod;
  /** Path pattern with `:name` parameters, such as `/api/contacts/:id`. */
  readonly path: string;
  readonly access: RouteAccess;
  /** Rate-limit policies to apply in this order. The first policy that rejects sends the 429. */
  readonly rateLimits: readonly RateLimitPolicyName[];
  readonly bodyType: RouteBodyType;
  /** Schemas the app validates the request with, after `crm.authorize` and before `crm.execute`. */
  readonly schemas: S;
  readonly handler: (
    context: RouteContext<
      SchemaOutput<S["body"]>,
      SchemaOutput<S["query"]>,
      SchemaOutput<S["params"]>
    >,
  ) => Promise<DomainResult>;
}

/**
 * Declares a route with handler input typed from its schemas. The result is widened to `CrmRoute`
 * so routes of different schemas share one table. That is sound because `executeRoute` hands the
 * handler only input that the app parsed with this route's own schemas.
 */
export function defineRoute<S extends RouteSchemas>(route: CrmRoute<S>): CrmRoute {
  return route as unknown as CrmRoute;
}

/** Creates a JSON result. */
export function json(status: number, body: unknown): JsonResult {
  return { kind: "json", status, body };
}
