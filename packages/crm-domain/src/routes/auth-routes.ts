import { createHttpError, createSecurityEvent } from "@bulwark/core";
import type { LoginAttempt } from "@bulwark/limiter";
import type { z } from "zod";
import { verifyPassword } from "../password-hash.js";
import { type CrmRoute, defineRoute, json, type RouteContext } from "../route-table.js";
import { loginBody } from "../schemas.js";
import { findUserById, findUserByUsername, toPublicUser } from "../user-store.js";
import { type CrmServices, recordAudit, requireUser } from "./services.js";

type LoginContext = RouteContext<z.output<typeof loginBody>>;

// One message for an unknown username and a wrong password, so the response does not reveal
// which usernames exist.
const INVALID_CREDENTIALS = "Invalid username or password.";

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

function toAttempt(context: LoginContext): LoginAttempt {
  return {
    username: context.body.username,
    clientIp: context.request.clientIp,
    method: context.request.method,
    route: context.request.route,
    requestId: context.request.requestId,
  };
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
  // The guard locks the username and client IP pair when this failure reaches its threshold and
  // publishes account.locked itself. This attempt still gets 401, and the next one gets 429.
  await services.loginGuard.recordFailure(toAttempt(context));
  return createHttpError("UNAUTHORIZED", { message: INVALID_CREDENTIALS });
}

function createLoginRoute(services: CrmServices): CrmRoute {
  return defineRoute({
    method: "POST",
    path: "/api/auth/login",
    access: "public",
    rateLimits: ["api", "write", "auth"],
    bodyType: "json",
    schemas: { body: loginBody },
    async handler(context) {
      const { username, password } = context.body;
      // The lock is checked before the password, so a locked pair costs no scrypt work and a
      // guessed password cannot be confirmed while the lock lasts, even when it is right.
      const decision = await services.loginGuard.check(toAttempt(context));
      if (!decision.allowed) throw services.loginGuard.createError(decision);

      const { row, valid } = await checkCredentials(services, username, password);
      if (row === undefined || !valid) throw await rejectLogin(services, context, row?.id);

      await services.loginGuard.recordSuccess(toAttempt(context));
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
      // The body carries a bearer token, so no cache (browser or proxy) may keep a copy.
      return {
        ...json(200, {
          token,
          tokenType: "Bearer",
          expiresIn: services.tokens.expiresInSeconds,
          user,
        }),
        headers: [["Cache-Control", "no-store"]],
      };
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
