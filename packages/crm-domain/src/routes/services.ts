import type { Logger } from "@bulwark/core";
import type { LoginGuard } from "@bulwark/limiter";
import type { AuditAction } from "../audit-log.js";
import type { AuthenticatedUser } from "../authenticate.js";
import type { RouteServices } from "../execute-route.js";
import type { RouteContext } from "../route-table.js";

/** Everything the route handlers share, built once by `createCrm`. */
export interface CrmServices extends RouteServices {
  readonly loginGuard: LoginGuard;
  readonly scryptCost: number;
  /** Resolves to a hash of a random password, verified for unknown usernames. */
  readonly dummyPasswordHash: Promise<string>;
  readonly logger: Logger;
}

/** Returns the caller of a non-public route. */
export function requireUser(context: RouteContext): AuthenticatedUser {
  // executeRoute authenticates every non-public route, so a missing user is a wiring error.
  if (context.user === undefined)
    throw new Error("route handler ran without an authenticated user");
  return context.user;
}

/** Writes one audit entry for the current request and caller. */
export async function recordAudit(
  context: RouteContext,
  entry: {
    action: AuditAction;
    targetType: string;
    targetId?: string | undefined;
    outcome?: "success" | "failure";
    actor?: { id: string; role: string } | undefined;
  },
): Promise<void> {
  const actor = entry.actor ?? context.user;
  await context.audit.append({
    timestamp: Date.now(),
    actorId: actor?.id,
    actorRole: actor?.role,
    clientIp: context.request.clientIp,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    outcome: entry.outcome ?? "success",
    requestId: context.request.requestId,
    userAgent: context.request.userAgent,
  });
}
