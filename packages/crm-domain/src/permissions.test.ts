import { describe, expect, it } from "vitest";
import { hasPermission, PERMISSIONS, ROLES } from "./permissions.js";

const EXPECTED: Record<string, readonly string[]> = {
  admin: PERMISSIONS,
  manager: ["contacts:read", "contacts:write", "contacts:export", "contacts:bulk_import"],
  agent: ["contacts:read", "contacts:write"],
  viewer: ["contacts:read"],
};

describe("hasPermission", () => {
  it.each(ROLES)("grants %s its permissions only", (role) => {
    const granted = PERMISSIONS.filter((permission) => hasPermission(role, permission));
    expect(granted).toEqual(EXPECTED[role]);
  });

  it.each(["owner", "", "ADMIN", "__proto__"])("denies unknown role %j", (role) => {
    expect(PERMISSIONS.some((permission) => hasPermission(role, permission))).toBe(false);
  });
});
