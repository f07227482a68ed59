/** Roles of CRM users, from most to least privileged. */
export const ROLES = ["admin", "manager", "agent", "viewer"] as const;

export type Role = (typeof ROLES)[number];

/** Permissions that routes require. */
export const PERMISSIONS = [
  "contacts:read",
  "contacts:write",
  "users:manage",
  "contacts:export",
  "contacts:bulk_import",
  "audit:read",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/**
 * Permission table: the only place that grants a role anything. A permission missing here is
 * denied, so a new permission is closed to every role until it is listed.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  admin: new Set(PERMISSIONS),
  manager: new Set<Permission>([
    "contacts:read",
    "contacts:write",
    "contacts:export",
    "contacts:bulk_import",
  ]),
  agent: new Set<Permission>(["contacts:read", "contacts:write"]),
  viewer: new Set<Permission>(["contacts:read"]),
};

/** Returns whether a value is one of the CRM roles. */
export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Returns whether a role has a permission. Unknown roles have none. */
export function hasPermission(role: string, permission: Permission): boolean {
  return isRole(role) && ROLE_PERMISSIONS[role].has(permission);
}
