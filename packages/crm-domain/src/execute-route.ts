import {
  createHttpError,
  createSecurityEvent,
  type FieldError,
  type SecurityEventPublisher,
} from "@bulwark/core";
import type { Kysely } from "kysely";
import type { z } from "zod";
import type { AuditLog } from "./audit-log.js";
import { type AuthenticatedUser, resolveAuthentication } from "./authenticate.js";
import type { CrmDatabase } from "./database/schema.js";
import { hasPermission } from "./permissions.js";
import type { CrmRoute, DomainResult, RequestFacts, RouteContext } from "./route-table.js";
import type { TokenService } from "./token-service.js";
import { formatIssuePath } from "./validation.js";

/** A file part of a multipart body, read into memory by the app. */
export interface UploadedFile {
  readonly filename: string;
  /** Content-Type the client sent for the part. */
  readonly contentType: string | undefined;
  readonly content: Uint8Array;
}

/** Body of a multipart route as the app hands it over: text fields and at most one file. */
export interface MultipartBody {
  readonly fields: Readonly<Record<string, string>>;
  readonly file: UploadedFile | undefined;
}

/** The request as the app hands it to `executeRoute`, before any parsing. */
export interface RouteInput {
  /** Route parameters by name, as the framework's router matched them. */
  readonly params: Readonly<Record<string, string>>;
  /** Query parameters; a repeated key is an array. */
  readonly query: Readonly<Record<string, unknown>>;
  /** Parsed JSON body, a `MultipartBody`, or undefined. */
  readonly body: unknown;
  readonly authorization: string | readonly string[] | undefined;
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

function forbidden(): Error {
  return createHttpError("FORBIDDEN", {
    message: "Your role does not allow this action. Ask an administrator for access.",
  });
}

async function authorize(
  route: CrmRoute,
  services: RouteServices,
  input: RouteInput,
): Promise<AuthenticatedUser | undefined> {
  if (route.access === "public") return undefined;
  const user = await resolveAuthentication(services.db, services.tokens, input.authorization);
  if (route.access !== "authenticated" && !hasPermission(user.role, route.access))
    throw forbidden();
  return user;
}

function collect(
  schema: z.ZodType | undefined,
  value: unknown,
  root: string,
  errors: FieldError[],
): unknown {
  if (schema === undefined) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    errors.push({ field: formatIssuePath(issue.path, root), message: issue.message });
  }
  return undefined;
}

function isMultipartBody(value: unknown): value is MultipartBody {
  return typeof value === "object" && value !== null && "fields" in value;
}

function parseAll(
  route: CrmRoute,
  input: RouteInput,
  facts: RequestFacts,
  events: SecurityEventPublisher,
) {
  const errors: FieldError[] = [];
  const params = collect(route.schemas.params, input.params, "params", errors);
  const query = collect(route.schemas.query, input.query ?? {}, "query", errors);

  let body: unknown;
  if (route.bodyType === "multipart") {
    const multipart = isMultipartBody(input.body) ? input.body : { fields: {}, file: undefined };
    const fields = collect(route.schemas.body, multipart.fields, "body", errors);
    body = { fields, file: multipart.file };
  } else {
    body = collect(route.schemas.body, input.body ?? {}, "body", errors);
  }

  if (errors.length > 0) {
    events.publish(
      createSecurityEvent("validation.failed", facts, {
        fields: errors.map((error) => error.field),
      }),
    );
    throw createHttpError("VALIDATION_FAILED", { errors });
  }
  return { params, query, body };
}

/**
 * Runs one route for a request: authenticates the caller unless the route is public, checks the
 * route's permission, validates params, query and body against the route's schemas, then calls the
 * handler. Authentication comes first, so an anonymous caller learns nothing about valid input.
 * Throws response errors: `UNAUTHORIZED`, `FORBIDDEN`, `VALIDATION_FAILED` (after publishing
 * `validation.failed`) and whatever the handler throws. The app renders them with `toErrorResponse`.
 */
export async function executeRoute(
  route: CrmRoute,
  services: RouteServices,
  input: RouteInput,
): Promise<DomainResult> {
  const facts: RequestFacts = {
    method: route.method,
    route: route.path,
    clientIp: input.clientIp,
    requestId: input.requestId,
    userAgent: input.userAgent,
  };
  const user = await authorize(route, services, input);
  const parsed = parseAll(route, input, facts, services.events);
  const context: RouteContext = {
    ...parsed,
    user,
    request: facts,
    events: services.events,
    audit: services.audit,
  };
  return route.handler(context as Parameters<CrmRoute["handler"]>[0]);
}
