import { randomBytes, randomUUID } from "node:crypto";
import {
  getTestDatabaseUrl,
  hasPostgresServer,
  POSTGRES_SKIP_REASON,
  stopTestDatabaseServer,
} from "@bulwark-test/support";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestCrm, type TestCrm } from "./crm-harness.js";

const available = hasPostgresServer();
if (!available) console.warn(`Skipping the PostgreSQL suite. ${POSTGRES_SKIP_REASON}`);

async function withAdminClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

describe.skipIf(!available)("CRM on a PostgreSQL server", () => {
  let serverUrl: string;
  let databaseName: string;
  let harness: TestCrm;

  beforeAll(async () => {
    const url = await getTestDatabaseUrl();
    if (url === undefined) throw new Error(POSTGRES_SKIP_REASON);
    serverUrl = url;
    // A fresh database per test file keeps runs independent on a shared server.
    databaseName = `crm_test_${randomBytes(6).toString("hex")}`;
    await withAdminClient(serverUrl, (client) => client.query(`create database ${databaseName}`));
    const databaseUrl = new URL(serverUrl);
    databaseUrl.pathname = `/${databaseName}`;
    harness = await createTestCrm({ databaseUrl: databaseUrl.toString(), contactCount: 30 });
  });

  afterAll(async () => {
    await harness?.close();
    if (databaseName !== undefined) {
      await withAdminClient(serverUrl, (client) =>
        client.query(`drop database if exists ${databaseName}`),
      );
    }
    stopTestDatabaseServer();
  });

  it("runs on node-postgres", () => {
    expect(harness.database.kind).toBe("postgres");
  });

  it("logs in and reads contacts", async () => {
    const token = await harness.login("viewer");
    const response = await harness.call("GET", "/api/contacts?limit=5", { token });
    expect(response.status).toBe(200);
    expect(response.body.total).toBe(30);
  });

  it("escapes search wildcards", async () => {
    const token = await harness.login("agent");
    await harness.call("POST", "/api/contacts", {
      token,
      body: { firstName: "Fifty", lastName: "Percent", company: "50% Off" },
    });
    const response = await harness.call("GET", "/api/contacts?q=0%25", { token });
    expect(response.body.items.map((item: { company: string }) => item.company)).toEqual([
      "50% Off",
    ]);
  });

  it("stores contact title and tags", async () => {
    const token = await harness.login("agent");
    const tags = ["vip", "comma, inside", 'quote "inside"', "{braces}"];
    const created = await harness.call("POST", "/api/contacts", {
      token,
      body: { firstName: "Tag", lastName: "Holder", title: "CTO", tags },
    });
    const read = await harness.call("GET", `/api/contacts/${created.body.contact.id}`, { token });
    expect(read.body.contact).toMatchObject({ title: "CTO", tags });
  });

  it("keeps audit timestamps exact", async () => {
    const timestamp = Date.parse("2026-03-01T12:34:56.789Z");
    await harness.crm.audit.append({
      timestamp,
      actorId: undefined,
      actorRole: undefined,
      clientIp: "203.0.113.21",
      action: "contacts.exported",
      targetType: "contact",
      targetId: undefined,
      outcome: "denied",
      requestId: undefined,
      userAgent: undefined,
    });
    const [entry] = await harness.crm.audit.list({ limit: 1, until: timestamp + 1 });
    expect(entry).toMatchObject({ timestamp, outcome: "denied", clientIp: "203.0.113.21" });
  });

  it("rolls back a failed bulk create", async () => {
    const token = await harness.login("manager");
    const before = (await harness.call("GET", "/api/contacts?limit=1", { token })).body.total;
    await sql`alter table contacts add constraint test_no_reject check (notes is distinct from 'reject')`.execute(
      harness.database.db,
    );
    try {
      const contacts = Array.from({ length: 300 }, (_, index) => ({
        firstName: `B${index}`,
        lastName: "Bulk",
      }));
      contacts[299] = { ...contacts[299]!, notes: "reject" } as never;
      const outcome = await harness
        .call("POST", "/api/contacts/bulk", { token, body: { contacts } })
        .catch((error: unknown) => error);
      expect(outcome).toBeInstanceOf(Error);
    } finally {
      await sql`alter table contacts drop constraint test_no_reject`.execute(harness.database.db);
    }
    expect((await harness.call("GET", "/api/contacts?limit=1", { token })).body.total).toBe(before);
  });

  it("rejects a duplicate username", async () => {
    const token = await harness.login("admin");
    const body = {
      username: "Agent",
      email: `${randomUUID()}@example.com`,
      displayName: "Dup",
      role: "agent",
      password: "long-enough-password",
    };
    const response = await harness.call("POST", "/api/users", { token, body });
    expect(response.status).toBe(409);
  });

  it("streams the export", async () => {
    const token = await harness.login("manager");
    const response = await harness.call("GET", "/api/exports/contacts.csv", { token });
    const total = (await harness.call("GET", "/api/contacts?limit=1", { token })).body.total;
    expect(response.text.split("\r\n").length - 2).toBe(total);
  });

  it("audits logins with client IP", async () => {
    await harness.call("POST", "/api/auth/login", {
      body: { username: "viewer", password: "wrong-password" },
      clientIp: "203.0.113.20",
    });
    const items = await harness.crm.audit.list({ limit: 1, offset: 0, action: "login.failed" });
    expect(items[0]).toMatchObject({ clientIp: "203.0.113.20", outcome: "failure" });
  });
});
