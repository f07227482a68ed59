import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestCrm, type TestCrm } from "./crm-harness.js";

let harness: TestCrm;
let admin: string;

const newUser = (username: string) => ({
  username,
  email: `${username}@example.com`,
  displayName: `User ${username}`,
  role: "agent",
  password: "long-enough-password",
});

beforeAll(async () => {
  harness = await createTestCrm({ contactCount: 0 });
  admin = await harness.login("admin");
});
afterAll(() => harness?.close());

async function lastAudit(action: string) {
  const items = await harness.crm.audit.list({ limit: 1, offset: 0, action });
  return items[0];
}

describe("user administration", () => {
  it("creates and audits a user", async () => {
    const response = await harness.call("POST", "/api/users", {
      token: admin,
      body: newUser("carol"),
    });
    expect(response.status).toBe(201);
    expect(response.body.user).toMatchObject({ username: "carol", role: "agent" });
    expect(response.text).not.toContain("password");
    expect(await lastAudit("user.created")).toMatchObject({
      targetId: response.body.user.id,
      actorRole: "admin",
    });
  });

  it.each([
    ["same username", { ...newUser("dave"), email: "other-dave@example.com" }],
    ["username in capitals", { ...newUser("DAVE"), email: "third-dave@example.com" }],
    ["same email", { ...newUser("dave2"), email: "DAVE@example.com" }],
  ])("rejects duplicate with %s", async (_label, body) => {
    await harness.call("POST", "/api/users", { token: admin, body: newUser("dave") });
    const response = await harness.call("POST", "/api/users", { token: admin, body });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: "CONFLICT" });
  });

  it.each<[string, Record<string, unknown>]>([
    ["unknown role", { ...newUser("erin"), role: "owner" }],
    ["short password", { ...newUser("erin"), password: "short" }],
    ["bad username", { ...newUser("erin"), username: "e rin<script>" }],
    ["null role", { ...newUser("erin"), role: null }],
    ["unknown key", { ...newUser("erin"), isAdmin: true }],
    ["common password", { ...newUser("erin"), password: "password123" }],
    ["password equal username", { ...newUser("erin.long"), password: "Erin.Long" }],
  ])("rejects %s", async (_label, body) => {
    const response = await harness.call("POST", "/api/users", { token: admin, body });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: "VALIDATION_FAILED" });
  });

  it("defaults displayName to username", async () => {
    const { displayName: _displayName, ...body } = newUser("ivy");
    const response = await harness.call("POST", "/api/users", { token: admin, body });
    expect(response.status).toBe(201);
    expect(response.body.user.displayName).toBe("ivy");
  });

  it("renames a user", async () => {
    const created = await harness.call("POST", "/api/users", {
      token: admin,
      body: newUser("jack"),
    });
    const response = await harness.call("PUT", `/api/users/${created.body.user.id}`, {
      token: admin,
      body: { username: "Jack.Renamed" },
    });
    expect(response.status).toBe(200);
    expect(response.body.user.username).toBe("jack.renamed");
    expect(await lastAudit("user.updated")).toMatchObject({ targetId: created.body.user.id });
  });

  it("rejects password equal stored username", async () => {
    const created = await harness.call("POST", "/api/users", {
      token: admin,
      body: newUser("kim.lee.99"),
    });
    const response = await harness.call("PUT", `/api/users/${created.body.user.id}`, {
      token: admin,
      body: { password: "KIM.LEE.99" },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: "password", message: expect.any(String) }]);
  });

  it("lists users without hashes", async () => {
    const response = await harness.call("GET", "/api/users?limit=100", { token: admin });
    expect(response.status).toBe(200);
    expect(response.body.items.map((user: { username: string }) => user.username)).toEqual(
      expect.arrayContaining(["admin", "agent", "manager", "viewer"]),
    );
    expect(response.text).not.toContain("scrypt$");
  });

  it("audits a role change", async () => {
    const created = await harness.call("POST", "/api/users", {
      token: admin,
      body: newUser("frank"),
    });
    const id = created.body.user.id;
    const response = await harness.call("PUT", `/api/users/${id}`, {
      token: admin,
      body: { role: "manager" },
    });
    expect(response.body.user.role).toBe("manager");
    expect(await lastAudit("user.role_changed")).toMatchObject({
      targetId: id,
      outcome: "success",
    });
  });

  it("changes a password", async () => {
    const created = await harness.call("POST", "/api/users", {
      token: admin,
      body: newUser("gina"),
    });
    await harness.call("PUT", `/api/users/${created.body.user.id}`, {
      token: admin,
      body: { password: "a-brand-new-password" },
    });
    const login = await harness.call("POST", "/api/auth/login", {
      body: { username: "gina", password: "a-brand-new-password" },
    });
    expect(login.status).toBe(200);
    expect(await lastAudit("user.updated")).toMatchObject({ targetId: created.body.user.id });
  });

  it("forbids an agent changing a role", async () => {
    const agent = await harness.login("agent");
    const me = await harness.call("GET", "/api/auth/me", { token: agent });
    const response = await harness.call("PUT", `/api/users/${me.body.user.id}`, {
      token: agent,
      body: { role: "admin" },
    });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: "FORBIDDEN" });
    const after = await harness.call("GET", "/api/auth/me", { token: agent });
    expect(after.body.user.role).toBe("agent");
  });

  it("keeps admins from demoting themselves", async () => {
    const me = await harness.call("GET", "/api/auth/me", { token: admin });
    const response = await harness.call("PUT", `/api/users/${me.body.user.id}`, {
      token: admin,
      body: { role: "viewer" },
    });
    expect(response.status).toBe(409);
  });

  it("keeps admins from deleting themselves", async () => {
    const me = await harness.call("GET", "/api/auth/me", { token: admin });
    const response = await harness.call("DELETE", `/api/users/${me.body.user.id}`, {
      token: admin,
    });
    expect(response.status).toBe(409);
  });

  it("deletes and audits a user", async () => {
    const created = await harness.call("POST", "/api/users", {
      token: admin,
      body: newUser("hank"),
    });
    const response = await harness.call("DELETE", `/api/users/${created.body.user.id}`, {
      token: admin,
    });
    expect(response.status).toBe(204);
    expect(await lastAudit("user.deleted")).toMatchObject({ targetId: created.body.user.id });
    const again = await harness.call("DELETE", `/api/users/${created.body.user.id}`, {
      token: admin,
    });
    expect(again.status).toBe(404);
  });

  it("returns 404 for unknown user", async () => {
    const response = await harness.call("GET", `/api/users/${randomUUID()}`, { token: admin });
    expect(response.status).toBe(404);
  });
});

describe("GET /api/audit", () => {
  it("lists entries newest first", async () => {
    const response = await harness.call("GET", "/api/audit?limit=5", { token: admin });
    expect(response.status).toBe(200);
    expect(response.body.items.length).toBeGreaterThan(0);
    const times = response.body.items.map((entry: { timestamp: number }) => entry.timestamp);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(response.body.items[0]).toHaveProperty("clientIp", "127.0.0.1");
    expect(response.body.total).toBeGreaterThanOrEqual(response.body.items.length);
    expect(response.body).toMatchObject({ limit: 5, offset: 0 });
  });

  it("filters by action", async () => {
    const response = await harness.call("GET", "/api/audit?action=login.succeeded", {
      token: admin,
    });
    expect(response.body.items.length).toBeGreaterThan(0);
    expect(
      response.body.items.every((entry: { action: string }) => entry.action === "login.succeeded"),
    ).toBe(true);
    const unfiltered = await harness.call("GET", "/api/audit", { token: admin });
    expect(response.body.total).toBeGreaterThanOrEqual(response.body.items.length);
    expect(response.body.total).toBeLessThan(unfiltered.body.total);
  });

  it("rejects an unknown action", async () => {
    const response = await harness.call("GET", "/api/audit?action=drop", { token: admin });
    expect(response.status).toBe(400);
  });
});

describe("GET /api/health", () => {
  it("answers without a token", async () => {
    const response = await harness.call("GET", "/api/health");
    expect(response).toMatchObject({ status: 200, body: { status: "ok" } });
  });
});
