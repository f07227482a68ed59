import { createHttpError } from "@bulwark/core";
import { type CrmRoute, defineRoute, json } from "../route-table.js";
import { idParams, pageQuery, userCreateBody, userUpdateBody } from "../schemas.js";
import {
  deleteUser,
  findUserById,
  insertUser,
  listUsers,
  toPublicUser,
  updateUser,
} from "../user-store.js";
import { type CrmServices, recordAudit, requireUser } from "./services.js";

const USERS = "/api/users";
const USER = "/api/users/:id";

function userNotFound(): Error {
  return createHttpError("NOT_FOUND", { message: "User not found. Check the id." });
}

// An administrator who demotes or deletes their own account could leave the CRM without one.
function selfLockout(): Error {
  return createHttpError("CONFLICT", {
    message:
      "You cannot change your own role or delete your own account. Ask another administrator.",
  });
}

// The shared update schema compares a new password with a username sent in the same body only,
// so a password change alone is compared with the stored username here, in the same way.
function checkPasswordAgainstStoredUsername(
  update: { readonly username?: string | undefined; readonly password?: string | undefined },
  storedUsername: string,
): void {
  if (update.password === undefined || update.username !== undefined) return;
  if (update.password.toLowerCase() !== storedUsername.toLowerCase()) return;
  throw createHttpError("VALIDATION_FAILED", {
    errors: [{ field: "password", message: "Password must not be the same as the username" }],
  });
}

function createUpdateRoute(services: CrmServices): CrmRoute {
  return defineRoute({
    method: "PUT",
    path: USER,
    access: "users:manage",
    rateLimits: ["api", "write"],
    bodyType: "json",
    schemas: { params: idParams, body: userUpdateBody },
    async handler(context) {
      const actor = requireUser(context);
      const { id } = context.params;
      const before = await findUserById(services.db, id);
      if (before === undefined) throw userNotFound();
      const roleChanges = context.body.role !== undefined && context.body.role !== before.role;
      if (roleChanges && id === actor.id) throw selfLockout();
      checkPasswordAgainstStoredUsername(context.body, before.username);

      const after = await updateUser(services.db, id, context.body, services.scryptCost);
      if (after === undefined) throw userNotFound();
      if (roleChanges)
        await recordAudit(context, {
          action: "user.role_changed",
          targetType: "user",
          targetId: id,
        });
      const { role: _role, ...otherFields } = context.body;
      if (Object.keys(otherFields).length > 0) {
        await recordAudit(context, { action: "user.updated", targetType: "user", targetId: id });
      }
      return json(200, { user: after });
    },
  });
}

/** Creates the user administration routes, open to roles with `users:manage`. */
export function createUserRoutes(services: CrmServices): CrmRoute[] {
  return [
    defineRoute({
      method: "GET",
      path: USERS,
      access: "users:manage",
      rateLimits: ["api"],
      bodyType: "none",
      schemas: { query: pageQuery },
      async handler(context) {
        const page = await listUsers(services.db, context.query);
        return json(200, { ...page, limit: context.query.limit, offset: context.query.offset });
      },
    }),
    defineRoute({
      method: "POST",
      path: USERS,
      access: "users:manage",
      rateLimits: ["api", "write"],
      bodyType: "json",
      schemas: { body: userCreateBody },
      async handler(context) {
        const user = await insertUser(services.db, context.body, services.scryptCost);
        await recordAudit(context, {
          action: "user.created",
          targetType: "user",
          targetId: user.id,
        });
        return json(201, { user });
      },
    }),
    defineRoute({
      method: "GET",
      path: USER,
      access: "users:manage",
      rateLimits: ["api"],
      bodyType: "none",
      schemas: { params: idParams },
      async handler(context) {
        const row = await findUserById(services.db, context.params.id);
        if (row === undefined) throw userNotFound();
        return json(200, { user: toPublicUser(row) });
      },
    }),
    createUpdateRoute(services),
    defineRoute({
      method: "DELETE",
      path: USER,
      access: "users:manage",
      rateLimits: ["api", "write"],
      bodyType: "none",
      schemas: { params: idParams },
      async handler(context) {
        const { id } = context.params;
        if (id === requireUser(context).id) throw selfLockout();
        if (!(await deleteUser(services.db, id))) throw userNotFound();
        await recordAudit(context, { action: "user.deleted", targetType: "user", targetId: id });
        return { kind: "empty", status: 204 };
      },
    }),
  ];
}
