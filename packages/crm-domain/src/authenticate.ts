import { createHttpError } from "@bulwark/core";
import type { Kysely } from "kysely";
import type { CrmDatabase } from "./database/schema.js";
import type { Role } from "./permissions.js";
import type { TokenService } from "./token-service.js";

/** The signed-in caller of a request, with the role stored now rather than the one in the token. */
export interface AuthenticatedUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
}

// RFC 6750 section 2.1: the scheme is case-insensitive and the credentials are a token68 value.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function unauthorized(): Error {
  return createHttpError("UNAUTHORIZED", {
    message: "Authentication is required. Sign in and send the token as a Bearer token.",
    headers: [["WWW-Authenticate", 'Bearer realm="bulwark-crm"']],
  });
}

/** Returns the bearer token of an `Authorization` header value, or undefined. */
export function parseBearerToken(
  header: string | readonly string[] | undefined,
): string | undefined {
  // Two Authorization lines are ambiguous, so neither is used.
  if (typeof header !== "string") return undefined;
  return BEARER.exec(header.trim())?.[1];
}

/**
 * Resolves the caller from an `Authorization: Bearer <jwt>` header. The token must verify and its
 * user must still exist; the role is read from the database, so a demotion or deletion takes
 * effect on the next request rather than when the token expires. Throws the `UNAUTHORIZED`
 * response error, with `WWW-Authenticate`, for a missing, malformed, invalid or orphaned token.
 */
export async function resolveAuthentication(
  db: Kysely<CrmDatabase>,
  tokens: TokenService,
  authorization: string | readonly string[] | undefined,
): Promise<AuthenticatedUser> {
  const token = parseBearerToken(authorization);
  if (token === undefined) throw unauthorized();
  const claims = await tokens.verify(token);
  if (claims === undefined || !UUID.test(claims.userId)) throw unauthorized();

  const row = await db
    .selectFrom("users")
    .select(["id", "username", "display_name", "role"])
    .where("id", "=", claims.userId)
    .executeTakeFirst();
  if (row === undefined) throw unauthorized();
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
  };
}
