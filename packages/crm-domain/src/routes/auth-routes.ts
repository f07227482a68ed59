import { createHttpError, createSecurityEvent } from "@bulwark/core";
import type { z } from "zod";
import { verifyPassword } from "../password-hash.js";
import { type CrmRoute, defineRoute, json, type RouteContext } from "../route-table.js";
import { loginBodySchema } from "../schemas.js";
import { findUserById, findUserByUsername, toPublicUser } from "../user-store.js";
import { type CrmServices, recordAudit, requireUser } from "./services.js";

type LoginContext = RouteContext<z.output<typeof loginBodySchema>>;

// One message for an unknown username and a wrong password, so the response does not reveal
// which usernames exist.
const INVALID_CREDENTIALS = "Invalid username or password.";

function lockedOut(retryAfterSeconds: number): Error {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return createHttpError("RATE_LIMITED", {
    message: `Too many failed login attempts for this account. Try again in ${minutes} minutes.`,
    headers: [["Retry-After", String(Math.max(1, Math.ceil(retryAfterSeconds)))]],
  });
}

async function checkCredentials(services: CrmServices, username: string, password: string) {
  const row = await findUserByUsername(services.db, username);
  if (row === undefined) {
    // Verify against a dummy hash so an unknown username costs the same scrypt work as a known
    // one, and the response time does not reveal which usernames exist.
    await verifyPassword(password, await services.dummyPasswordHash);
    return { row: undefined, valid: false };
  }
  return { row, valid: await verifyPassword(password, row.password_hash) };
}

async function rejectLogin(
  services: CrmServices,
  context: LoginContext,
  userId: string | undefined,
) {
  const { username } = context.body;
  context.events.publish(createSecurityEvent("login.failed", context.request, { username }));
  await recordAudit(context, {
    action: "login.failed",
    targetType: "user",
    targetId: userId,
    outcome: "failure",
  });
  const next = await services.loginGuard?.recordFailure(username, context.request.clientIp);
  if (next !== undefined && !next.allowed) {
    context.events.publish(
      createSecurityEvent("account.locked", context.request, {
        username,
        key: `${username.toLowerCase()}@${context.request.clientIp ?? "unknown"}`,
        lockedForSeconds: next.retryAfterSeconds,
      }),
    );
  }
  return createHttpError("UNAUTHORIZED", { message: INVALID_CREDENTIALS });
}

function createLoginRoute(services: CrmServices): CrmRoute {
  return defineRoute({
    method: "POST",
    path: "/api/auth/login",
    access: "public",
    rateLimits: ["api", "write", "auth"],
    bodyType: "json",
    schemas: { body: loginBodySchema },
    async handler(context) {
      const { username, password } = context.body;
      const decision = await services.loginGuard?.check(username, context.request.clientIp);
      if (decision !== undefined && !decision.allowed) throw lockedOut(decision.retryAfterSeconds);

      const { row, valid } = await checkCredentials(services, username, password);
      if (row === undefined || !valid) throw await rejectLogin(services, context, row?.id);

      await services.loginGuard?.recordSuccess(username, context.request.clientIp);
      const user = toPublicUser(row);
      const token = await services.tokens.sign({ userId: user.id, role: user.role });
      context.events.publish(
        createSecurityEvent("login.succeeded", context.request, {
          username: user.username,
          userId: user.id,
        }),
      );
      await recordAudit(context, {
        action: "login.succeeded",
        targetType: "user",
        targetId: user.id,
        actor: { id: user.id, role: user.role },
      });
      return json(200, {
        token,
        tokenType: "Bearer",
        expiresIn: services.tokens.expiresInSeconds,
        user,
      });
    },
  });
}

function createMeRoute(services: CrmServices): CrmRoute {
  return defineRoute({
    method: "GET",
    path: "/api/auth/me",
    access: "authenticated",
    rateLimits: ["api"],
    bodyType: "none",
    schemas: {},
    async handler(context) {
      const row = await findUserById(services.db, requireUser(context).id);
      if (row === undefined) throw createHttpError("UNAUTHORIZED");
      return json(200, { user: toPublicUser(row) });
    },
  });
}

/** Creates the login and current-user routes. */
export function createAuthRoutes(services: CrmServices): CrmRoute[] {
  return [createLoginRoute(services), createMeRoute(services)];
}
