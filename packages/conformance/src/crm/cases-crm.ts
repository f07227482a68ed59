import { expect } from "vitest";
import { AUTH_LIMIT_MESSAGE } from "../cases-rate-limit.js";
import { CRM_TEST_PASSWORDS } from "./start-crm-app.js";
import type { CrmCase, CrmSession } from "./types.js";

/** A note that looks like SQL injection: detected and reported, but stored as written. */
export const SQL_LOOKING_NOTE = "Robert'); DROP TABLE contacts;-- said 1=1 OR 'a'='a'";

const NEW_CONTACT = { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" };

async function findUserId(session: CrmSession, token: string, username: string): Promise<string> {
  const response = await session.call("GET", "/api/users?limit=100", { token });
  expect(response.status).toBe(200);
  const user = (response.json.items as { id: string; username: string }[]).find(
    (entry) => entry.username === username,
  );
  if (user === undefined) throw new Error(`Demo user ${username} not found`);
  return user.id;
}

const loginCases: CrmCase[] = [
  {
    name: "login returns token and user",
    async run(session) {
      const login = await session.call("POST", "/api/auth/login", {
        json: { username: "admin", password: CRM_TEST_PASSWORDS.admin },
      });
      expect(login.status).toBe(200);
      expect(login.json.token).toMatch(/^eyJ/);
      expect(login.json.user).toMatchObject({ username: "admin", role: "admin" });
      expect(JSON.stringify(login.json)).not.toContain("passwordHash");

      const me = await session.call("GET", "/api/auth/me", { token: login.json.token });
      expect(me.status).toBe(200);
      expect(me.json.user).toMatchObject({ username: "admin", role: "admin" });
    },
  },
  {
    name: "login failures are indistinguishable",
    async run(session) {
      const unknown = await session.call("POST", "/api/auth/login", {
        json: { username: "nobody", password: "wrong-password-1" },
      });
      const wrong = await session.call("POST", "/api/auth/login", {
        json: { username: "agent", password: "wrong-password-1" },
      });
      expect(unknown.status).toBe(401);
      expect(wrong.status).toBe(401);
      expect(unknown.json.code).toBe("UNAUTHORIZED");
      expect(wrong.body).toBe(unknown.body);
    },
  },
  {
    name: "sixth login is rate limited",
    async run(session) {
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        const response = await session.call("POST", "/api/auth/login", {
          json: { username: "viewer", password: `wrong-password-${attempt}` },
        });
        expect(response.status).toBe(401);
        expect(response.headers["ratelimit-remaining"]).toBe(String(5 - attempt));
      }
      // The right password does not help once the client has used its five attempts.
      const sixth = await session.call("POST", "/api/auth/login", {
        json: { username: "viewer", password: CRM_TEST_PASSWORDS.viewer },
      });
      expect(sixth.status).toBe(429);
      expect(sixth.json).toEqual({ message: AUTH_LIMIT_MESSAGE, code: "RATE_LIMITED" });
      expect(sixth.headers["retry-after"]).toBe("900");
      expect(sixth.headers["ratelimit-limit"]).toBe("5");
      expect(sixth.headers["ratelimit-remaining"]).toBe("0");
    },
  },
  {
    name: "spoofed forwarding headers ignored",
    async run(session) {
      for (let attempt = 1; attempt <= 6; attempt += 1) {
        const response = await session.call("POST", "/api/auth/login", {
          json: { username: `user${attempt}`, password: "guessed-password-1" },
          headers: [
            ["X-Forwarded-For", `203.0.113.${attempt}`],
            ["Forwarded", `for=198.51.100.${attempt}`],
            ["X-Real-IP", `192.0.2.${attempt}`],
          ],
        });
        expect(response.status).toBe(attempt <= 5 ? 401 : 429);
      }
      await session.app.flushEvents();
      const failed = session.app.events.filter((event) => event.type === "login.failed");
      expect(failed.map((event) => event.clientIp)).toEqual(Array(5).fill("127.0.0.1"));
    },
  },
];

const accessCases: CrmCase[] = [
  {
    name: "roles are denied by permission",
    async run(session) {
      const viewer = await session.login("viewer");
      const agent = await session.login("agent");
      const manager = await session.login("manager");
      const admin = await session.login("admin");
      const agentId = await findUserId(session, admin, "agent");

      const denied = [
        await session.call("POST", "/api/contacts", { token: viewer, json: NEW_CONTACT }),
        await session.call("GET", "/api/users", { token: agent }),
        await session.call("PUT", `/api/users/${agentId}`, {
          token: agent,
          json: { role: "admin" },
        }),
        await session.call("GET", "/api/exports/contacts.csv", { token: agent }),
        await session.call("GET", "/api/audit", { token: manager }),
      ];
      for (const response of denied) {
        expect(response.status).toBe(403);
        expect(response.json.code).toBe("FORBIDDEN");
      }
      const anonymous = await session.call("GET", "/api/contacts");
      expect(anonymous.status).toBe(401);
      expect(anonymous.json.code).toBe("UNAUTHORIZED");
      const forged = await session.call("GET", "/api/contacts", { token: `${viewer}x` });
      expect(forged.status).toBe(401);
    },
  },
  {
    name: "authorization precedes validation",
    async run(session) {
      const viewer = await session.login("viewer");
      // A caller without write permission learns nothing about which input would be valid.
      const response = await session.call("POST", "/api/contacts", {
        token: viewer,
        json: { firstName: 7 },
      });
      expect(response.status).toBe(403);
    },
  },
];

const validationCases: CrmCase[] = [
  {
    name: "invalid contact gets field errors",
    async run(session) {
      const agent = await session.login("agent");
      const response = await session.call("POST", "/api/contacts", {
        token: agent,
        json: { firstName: "", lastName: 5, email: "not-an-email", role: "admin" },
      });
      expect(response.status).toBe(400);
      expect(response.json.message).toBe("Validation failed");
      expect(response.json.code).toBe("VALIDATION_FAILED");
      const fields = (response.json.errors as { field: string }[]).map((entry) => entry.field);
      expect([...fields].sort()).toEqual(["email", "firstName", "lastName", "role"]);
      await session.app.flushEvents();
      expect(session.app.events.some((event) => event.type === "validation.failed")).toBe(true);
    },
  },
  {
    name: "non-UUID id is rejected",
    async run(session) {
      const agent = await session.login("agent");
      for (const id of ["not-a-uuid", "1%20OR%201%3D1", "00000000-0000-0000-0000-00000000000g"]) {
        const response = await session.call("GET", `/api/contacts/${id}`, { token: agent });
        expect(response.status).toBe(400);
        expect(response.json.code).toBe("VALIDATION_FAILED");
        expect(response.json.errors.map((entry: { field: string }) => entry.field)).toEqual([
          "params.id",
        ]);
      }
      const missing = await session.call(
        "GET",
        "/api/contacts/5f0c6a4e-8d1b-4c2a-9e3f-7a6b5c4d3e2f",
        {
          token: agent,
        },
      );
      expect(missing.status).toBe(404);
      expect(missing.json.code).toBe("NOT_FOUND");
    },
  },
  {
    name: "malformed and oversized bodies rejected",
    async run(session) {
      const agent = await session.login("agent");
      const malformed = await session.call("POST", "/api/contacts", {
        token: agent,
        body: '{"firstName": "Ada",',
        headers: [["Content-Type", "application/json"]],
      });
      expect(malformed.status).toBe(400);
      expect(malformed.json.code).toBe("MALFORMED_JSON");
      const oversized = await session.call("POST", "/api/contacts", {
        token: agent,
        body: `{"notes":"${"a".repeat(10 * 1024 * 1024)}"}`,
        headers: [["Content-Type", "application/json"]],
      });
      expect(oversized.status).toBe(413);
      expect(oversized.json.code).toBe("PAYLOAD_TOO_LARGE");
    },
  },
];

const contentCases: CrmCase[] = [
  {
    name: "HTML is stripped from contacts",
    async run(session) {
      const agent = await session.login("agent");
      const created = await session.call("POST", "/api/contacts", {
        token: agent,
        json: {
          firstName: "<script>alert(document.cookie)</script>Eve",
          lastName: '<img src=x onerror="alert(1)">Mallory',
          notes: '  <b>Met</b> at <a href="javascript:alert(1)">the fair</a>  ',
        },
      });
      expect(created.status).toBe(201);
      expect(created.json.contact).toMatchObject({
        firstName: "Eve",
        lastName: "Mallory",
        notes: "Met at the fair",
      });
      const read = await session.call("GET", `/api/contacts/${created.json.contact.id}`, {
        token: agent,
      });
      expect(read.body).not.toMatch(/<script|onerror|javascript:/i);
    },
  },
  {
    name: "SQL-looking note stored unaltered",
    async run(session) {
      const agent = await session.login("agent");
      const created = await session.call("POST", "/api/contacts", {
        token: agent,
        json: { ...NEW_CONTACT, notes: SQL_LOOKING_NOTE },
      });
      expect(created.status).toBe(201);
      const read = await session.call("GET", `/api/contacts/${created.json.contact.id}`, {
        token: agent,
      });
      expect(read.json.contact.notes).toBe(SQL_LOOKING_NOTE);
      const search = await session.call(
        "GET",
        `/api/contacts?q=${encodeURIComponent("' OR 1=1 --")}`,
        {
          token: agent,
        },
      );
      expect(search.status).toBe(200);
      expect(search.json.total).toBe(0);
      await session.app.flushEvents();
      expect(session.app.events.some((event) => event.type === "injection.suspected")).toBe(true);
    },
  },
  {
    name: "CSV export neutralises formulas",
    async run(session) {
      const manager = await session.login("manager");
      const created = await session.call("POST", "/api/contacts", {
        token: manager,
        json: {
          firstName: "=HYPERLINK(A1)",
          lastName: "+SUM(1,2)",
          company: "@cmd",
          title: "-2+3",
        },
      });
      expect(created.status).toBe(201);
      const exported = await session.call("GET", "/api/exports/contacts.csv", { token: manager });
      expect(exported.status).toBe(200);
      expect(exported.headers["content-type"]).toMatch(/^text\/csv/);
      expect(exported.body).toContain("'=HYPERLINK(A1)");
      expect(exported.body).toContain('"\'+SUM(1,2)"');
      expect(exported.body).toContain("'@cmd");
      expect(exported.body).toContain("'-2+3");
      expect(exported.body).not.toMatch(/(^|,)[=+@-]/m);
    },
  },
];

const limitCases: CrmCase[] = [
  {
    name: "bulk import enforces its limits",
    async run(session) {
      const manager = await session.login("manager");
      const tooMany = await session.call("POST", "/api/contacts/bulk", {
        token: manager,
        json: { contacts: Array.from({ length: 1001 }, () => NEW_CONTACT) },
      });
      expect(tooMany.status).toBe(400);
      expect(tooMany.json.code).toBe("VALIDATION_FAILED");
      const empty = await session.call("POST", "/api/contacts/bulk", {
        token: manager,
        json: { contacts: [] },
      });
      expect(empty.status).toBe(400);
      const imported = await session.call("POST", "/api/contacts/bulk", {
        token: manager,
        json: { contacts: [NEW_CONTACT, { firstName: "Grace", lastName: "Hopper" }] },
      });
      expect(imported.status).toBe(201);
      // Five expensive operations an hour per client; the three above used three.
      await session.call("GET", "/api/exports/contacts.csv", { token: manager });
      await session.call("GET", "/api/exports/contacts.csv", { token: manager });
      const sixth = await session.call("GET", "/api/exports/contacts.csv", { token: manager });
      expect(sixth.status).toBe(429);
      expect(sixth.json.code).toBe("RATE_LIMITED");
      expect(sixth.headers["retry-after"]).toMatch(/^\d+$/);
    },
  },
  {
    name: "health check is never limited",
    async run(session) {
      for (let request = 0; request < 3; request += 1) {
        const response = await session.call("GET", "/api/health");
        expect(response.status).toBe(200);
        expect(response.headers["ratelimit-limit"]).toBeUndefined();
      }
    },
  },
];

const auditCases: CrmCase[] = [
  {
    name: "audit records logins and role changes",
    async run(session) {
      const admin = await session.login("admin");
      await session.call("POST", "/api/auth/login", {
        json: { username: "manager", password: "wrong-password-1" },
      });
      const agentId = await findUserId(session, admin, "agent");
      const changed = await session.call("PUT", `/api/users/${agentId}`, {
        token: admin,
        json: { role: "manager" },
      });
      expect(changed.status).toBe(200);
      expect(changed.json.user.role).toBe("manager");

      const audit = await session.call("GET", "/api/audit?limit=10", { token: admin });
      expect(audit.status).toBe(200);
      const entries = audit.json.items as { action: string; clientIp: string; outcome: string }[];
      expect(entries.map((entry) => entry.action)).toEqual([
        "user.role_changed",
        "login.failed",
        "login.succeeded",
      ]);
      for (const entry of entries) expect(entry.clientIp).toBe("127.0.0.1");
    },
  },
];

/** The CRM cases, run against both reference apps. */
export const CRM_CASES: readonly CrmCase[] = [
  ...loginCases,
  ...accessCases,
  ...validationCases,
  ...contentCases,
  ...limitCases,
  ...auditCases,
];
