import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "../src/index.js";
import { createTestCrm, type TestCrm } from "./crm-harness.js";

// Written out by hand rather than derived from the permission table, so a change to the table
// that opens a route to another role fails here.
const ALL: readonly Role[] = ROLES;
const CONTACT_WRITERS: readonly Role[] = ["admin", "manager", "agent"];
const EXPORTERS: readonly Role[] = ["admin", "manager"];
const ADMINS: readonly Role[] = ["admin"];

const EXPECTED_ACCESS: Record<string, "public" | readonly Role[]> = {
  "GET /api/health": "public",
  "POST /api/auth/login": "public",
  "GET /api/auth/me": ALL,
  "GET /api/users": ADMINS,
  "POST /api/users": ADMINS,
  "GET /api/users/:id": ADMINS,
  "PUT /api/users/:id": ADMINS,
  "DELETE /api/users/:id": ADMINS,
  "GET /api/contacts": ALL,
  "POST /api/contacts": CONTACT_WRITERS,
  "POST /api/contacts/bulk": EXPORTERS,
  "GET /api/contacts/:id": ALL,
  "PUT /api/contacts/:id": CONTACT_WRITERS,
  "DELETE /api/contacts/:id": CONTACT_WRITERS,
  "GET /api/exports/contacts.csv": EXPORTERS,
  "POST /api/attachments": CONTACT_WRITERS,
  "GET /api/audit": ADMINS,
};

let harness: TestCrm;
const tokens = {} as Record<Role, string>;

beforeAll(async () => {
  harness = await createTestCrm();
  for (const role of ROLES) tokens[role] = await harness.login(role);
});

afterAll(() => harness?.close());

function concretePath(pattern: string): string {
  // A random id matches no record, so allowed calls end in 404 or 400 and change nothing.
  return pattern.replace(":id", randomUUID());
}

describe("route access", () => {
  it("covers every route of the table", () => {
    const routes = harness.crm.routes.map((route) => `${route.method} ${route.path}`).sort();
    expect(routes).toEqual(Object.keys(EXPECTED_ACCESS).sort());
  });

  const cases = Object.entries(EXPECTED_ACCESS).flatMap(([key, access]) =>
    ROLES.map((role) => [key, role, access === "public" || access.includes(role)] as const),
  );

  it.each(cases)("%s as %s allowed: %s", async (key, role, allowed) => {
    const [method, pattern] = key.split(" ") as [string, string];
    const response = await harness.call(method, concretePath(pattern), {
      token: tokens[role],
      body: {},
    });
    if (allowed) expect([401, 403]).not.toContain(response.status);
    else expect(response.body).toMatchObject({ code: "FORBIDDEN" });
    if (!allowed) expect(response.status).toBe(403);
  });

  const protectedRoutes = Object.entries(EXPECTED_ACCESS).filter(
    ([, access]) => access !== "public",
  );

  it.each(protectedRoutes)("%s without token is 401", async (key) => {
    const [method, pattern] = key.split(" ") as [string, string];
    const response = await harness.call(method, concretePath(pattern), { body: {} });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: "UNAUTHORIZED" });
    expect(response.headers["WWW-Authenticate"]).toMatch(/^Bearer /);
  });

  it("lists rate limits per route", () => {
    const limits = Object.fromEntries(
      harness.crm.routes.map((route) => [
        `${route.method} ${route.path}`,
        route.rateLimits.join(","),
      ]),
    );
    expect(limits).toMatchObject({
      "GET /api/health": "",
      "POST /api/auth/login": "api,write,auth",
      "GET /api/contacts": "api",
      "POST /api/contacts": "api,write",
      "POST /api/contacts/bulk": "api,write,expensive",
      "GET /api/exports/contacts.csv": "api,expensive",
      "DELETE /api/users/:id": "api,write",
    });
  });
});
