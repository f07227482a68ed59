import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestCrm, PASSWORDS, type TestCrm } from "./crm-harness.js";

let harness: TestCrm;

beforeAll(async () => {
  // The default login guard: process memory, 5 consecutive failures lock for 15 minutes.
  harness = await createTestCrm();
});
afterAll(() => harness?.close());
beforeEach(() => {
  harness.events.length = 0;
});

function attemptLogin(username: string, password: string, clientIp: string) {
  return harness.call("POST", "/api/auth/login", { body: { username, password }, clientIp });
}

describe("POST /api/auth/login", () => {
  it("returns a token and the user", async () => {
    const response = await harness.call("POST", "/api/auth/login", {
      body: { username: "manager", password: PASSWORDS.manager },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      tokenType: "Bearer",
      expiresIn: 3600,
      user: { username: "manager", role: "manager" },
    });
    expect(response.body.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(response.body.user).not.toHaveProperty("passwordHash");
    expect(response.text).not.toContain("scrypt$");
  });

  it("forbids caching the token response", async () => {
    const response = await harness.call("POST", "/api/auth/login", {
      body: { username: "agent", password: PASSWORDS.agent },
    });
    expect(response.status).toBe(200);
    expect(response.headers["Cache-Control"]).toBe("no-store");
  });

  it("accepts any username letter case", async () => {
    const response = await harness.call("POST", "/api/auth/login", {
      body: { username: "Viewer", password: PASSWORDS.viewer },
    });
    expect(response.status).toBe(200);
  });

  it("answers unknown user and wrong password alike", async () => {
    const unknown = await harness.call("POST", "/api/auth/login", {
      body: { username: "nobody", password: "whatever-password" },
    });
    const wrong = await harness.call("POST", "/api/auth/login", {
      body: { username: "agent", password: "whatever-password" },
    });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.text).toBe(wrong.text);
    expect(unknown.headers).toEqual(wrong.headers);
  });

  it("publishes login events", async () => {
    await harness.call("POST", "/api/auth/login", {
      body: { username: "agent", password: "nope-nope" },
    });
    await harness.login("agent");
    expect(harness.events.map((event) => event.type)).toEqual(["login.failed", "login.succeeded"]);
    expect(harness.events[0]).toMatchObject({
      clientIp: "127.0.0.1",
      route: "/api/auth/login",
      details: { username: "agent" },
    });
  });

  it("audits success and failure", async () => {
    await harness.call("POST", "/api/auth/login", {
      body: { username: "viewer", password: "bad-password" },
      clientIp: "198.51.100.7",
    });
    await harness.call("POST", "/api/auth/login", {
      body: { username: "viewer", password: PASSWORDS.viewer },
      clientIp: "198.51.100.7",
    });
    const items = await harness.crm.audit.list({ limit: 2, offset: 0 });
    expect(items.map((entry) => [entry.action, entry.outcome, entry.clientIp])).toEqual([
      ["login.succeeded", "success", "198.51.100.7"],
      ["login.failed", "failure", "198.51.100.7"],
    ]);
    expect(items[0]).toMatchObject({
      actorRole: "viewer",
      targetType: "user",
      userAgent: "crm-domain-tests",
    });
    expect(items[0]?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("locks the account after five failures", async () => {
    const clientIp = "198.51.100.20";
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const response = await attemptLogin("manager", "guess-number-x", clientIp);
      expect(response.status).toBe(401);
    }
    const locked = await attemptLogin("manager", PASSWORDS.manager, clientIp);
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ code: "RATE_LIMITED" });
    expect(locked.headers["Retry-After"]).toBe("900");
    expect(locked.headers["RateLimit-Limit"]).toBe("5");
    expect(locked.headers["RateLimit-Remaining"]).toBe("0");
  });

  it("publishes account.locked once", async () => {
    const clientIp = "198.51.100.21";
    for (let attempt = 0; attempt < 6; attempt += 1) {
      await attemptLogin("agent", "guess-number-x", clientIp);
    }
    const locks = harness.events.filter((event) => event.type === "account.locked");
    expect(locks).toHaveLength(1);
    expect(locks[0]).toMatchObject({
      clientIp,
      method: "POST",
      route: "/api/auth/login",
      details: { username: "agent", lockedForSeconds: 900 },
    });
    expect(locks[0]?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("checks the lock before the password", async () => {
    const clientIp = "198.51.100.22";
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await attemptLogin("viewer", "guess-number-x", clientIp);
    }
    harness.events.length = 0;
    const locked = await attemptLogin("viewer", "guess-number-x", clientIp);
    expect(locked.status).toBe(429);
    // A locked attempt is rejected before the password check, so it is not a failed login.
    expect(harness.events.map((event) => event.type)).not.toContain("login.failed");
  });

  it("keeps other clients unlocked", async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await attemptLogin("agent", "guess-number-x", "203.0.113.5");
    }
    const other = await attemptLogin("agent", PASSWORDS.agent, "203.0.113.6");
    expect(other.status).toBe(200);
  });

  it("clears failures after a success", async () => {
    const clientIp = "198.51.100.23";
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await attemptLogin("admin", "guess-number-x", clientIp);
    }
    expect((await attemptLogin("admin", PASSWORDS.admin, clientIp)).status).toBe(200);
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await attemptLogin("admin", "guess-number-x", clientIp);
    }
    expect((await attemptLogin("admin", PASSWORDS.admin, clientIp)).status).toBe(200);
  });

  it("counts usernames in any case", async () => {
    const clientIp = "198.51.100.24";
    for (const username of ["Manager", "MANAGER", "manager", " manager", "mAnager"]) {
      await attemptLogin(username, "guess-number-x", clientIp);
    }
    expect((await attemptLogin("manager", PASSWORDS.manager, clientIp)).status).toBe(429);
  });

  it.each<[string, unknown]>([
    ["missing password", { username: "admin" }],
    ["empty username", { username: "", password: "x" }],
    ["blank username", { username: "   ", password: "some-password" }],
    ["numeric password", { username: "admin", password: 12345 }],
    ["null body", null],
    ["unknown key", { username: "admin", password: "x", role: "admin" }],
    ["overlong password", { username: "admin", password: "x".repeat(257) }],
  ])("rejects %s", async (_label, body) => {
    const response = await harness.call("POST", "/api/auth/login", { body });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: "VALIDATION_FAILED",
      message: "Validation failed",
    });
  });
});

describe("GET /api/auth/me", () => {
  it("returns the caller", async () => {
    const token = await harness.login("agent");
    const response = await harness.call("GET", "/api/auth/me", { token });
    expect(response.status).toBe(200);
    expect(response.body.user).toMatchObject({ username: "agent", role: "agent" });
  });

  it.each([
    ["garbage token", "not-a-token"],
    ["token of other key", "eyJhbGciOiJIUzI1NiIsImtpZCI6InYxIn0.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"],
  ])("rejects %s", async (_label, token) => {
    const response = await harness.call("GET", "/api/auth/me", { token });
    expect(response.status).toBe(401);
  });

  it("rejects a deleted user's token", async () => {
    const admin = await harness.login("admin");
    const created = await harness.call("POST", "/api/users", {
      token: admin,
      body: {
        username: "temp.user",
        email: "temp@example.com",
        displayName: "Temp",
        role: "viewer",
        password: "temporary-pass-1",
      },
    });
    const login = await harness.call("POST", "/api/auth/login", {
      body: { username: "temp.user", password: "temporary-pass-1" },
    });
    await harness.call("DELETE", `/api/users/${created.body.user.id}`, { token: admin });
    const response = await harness.call("GET", "/api/auth/me", { token: login.body.token });
    expect(response.status).toBe(401);
  });

  it("applies a role change at once", async () => {
    const admin = await harness.login("admin");
    const created = await harness.call("POST", "/api/users", {
      token: admin,
      body: {
        username: "promoted",
        email: "promoted@example.com",
        displayName: "P",
        role: "viewer",
        password: "temporary-pass-2",
      },
    });
    const login = await harness.call("POST", "/api/auth/login", {
      body: { username: "promoted", password: "temporary-pass-2" },
    });
    const before = await harness.call("GET", "/api/exports/contacts.csv", {
      token: login.body.token,
    });
    await harness.call("PUT", `/api/users/${created.body.user.id}`, {
      token: admin,
      body: { role: "manager" },
    });
    const after = await harness.call("GET", "/api/exports/contacts.csv", {
      token: login.body.token,
    });
    expect(before.status).toBe(403);
    expect(after.status).toBe(200);
  });
});

describe("crm.authenticate", () => {
  it("resolves a bearer header", async () => {
    const token = await harness.login("viewer");
    await expect(harness.crm.authenticate(`Bearer ${token}`)).resolves.toMatchObject({
      role: "viewer",
    });
  });

  it.each<[string, string | string[] | undefined]>([
    ["missing header", undefined],
    ["basic scheme", "Basic YWRtaW46cGFzcw=="],
    ["empty bearer", "Bearer "],
    ["two headers", ["Bearer a.b.c", "Bearer d.e.f"]],
  ])("rejects %s", async (_label, header) => {
    await expect(harness.crm.authenticate(header)).rejects.toMatchObject({
      code: "UNAUTHORIZED",
      status: 401,
    });
  });
});
