import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestCrm, type TestCrm } from "./crm-harness.js";

let harness: TestCrm;
let agent: string;
let manager: string;

beforeAll(async () => {
  harness = await createTestCrm({ contactCount: 0 });
  agent = await harness.login("agent");
  manager = await harness.login("manager");
});
afterAll(() => harness?.close());

async function countContacts(): Promise<number> {
  const response = await harness.call("GET", "/api/contacts?limit=1", { token: agent });
  return response.body.total;
}

describe("contact CRUD", () => {
  it("creates reads updates and deletes", async () => {
    const created = await harness.call("POST", "/api/contacts", {
      token: agent,
      body: {
        firstName: "Ada",
        lastName: "Lovelace",
        email: "ada@example.com",
        title: "Analyst",
        tags: ["math", "engines"],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.contact).toMatchObject({
      firstName: "Ada",
      lastName: "Lovelace",
      phone: null,
      title: "Analyst",
      tags: ["math", "engines"],
    });
    const id = created.body.contact.id;

    const read = await harness.call("GET", `/api/contacts/${id}`, { token: agent });
    expect(read.body.contact.email).toBe("ada@example.com");

    const updated = await harness.call("PUT", `/api/contacts/${id}`, {
      token: agent,
      body: { company: "Analytical Engines", tags: [] },
    });
    expect(updated.body.contact).toMatchObject({
      company: "Analytical Engines",
      email: "ada@example.com",
      firstName: "Ada",
      tags: [],
    });

    const deleted = await harness.call("DELETE", `/api/contacts/${id}`, { token: agent });
    expect(deleted.status).toBe(204);
    const afterDelete = await harness.call("GET", `/api/contacts/${id}`, { token: agent });
    expect(afterDelete.status).toBe(404);
    expect(afterDelete.body).toMatchObject({ code: "NOT_FOUND" });
  });

  it("audits a contact delete", async () => {
    const created = await harness.call("POST", "/api/contacts", {
      token: agent,
      body: { firstName: "A", lastName: "B" },
    });
    await harness.call("DELETE", `/api/contacts/${created.body.contact.id}`, { token: agent });
    const items = await harness.crm.audit.list({
      limit: 1,
      offset: 0,
      action: "contact.deleted",
    });
    expect(items[0]).toMatchObject({
      actorRole: "agent",
      targetType: "contact",
      targetId: created.body.contact.id,
    });
  });

  it("stores SQL-looking notes unaltered", async () => {
    const notes = "Robert'); DROP TABLE contacts;-- and 1=1 OR ''=''";
    const created = await harness.call("POST", "/api/contacts", {
      token: agent,
      body: { firstName: "Bobby", lastName: "Tables", notes },
    });
    const read = await harness.call("GET", `/api/contacts/${created.body.contact.id}`, {
      token: agent,
    });
    expect(read.body.contact.notes).toBe(notes);
  });

  it.each([
    ["non-UUID id", "GET", "/api/contacts/42"],
    ["SQL in id", "GET", "/api/contacts/1%20OR%201=1"],
    ["non-UUID delete", "DELETE", "/api/contacts/abc"],
  ])("rejects %s", async (_label, method, path) => {
    const response = await harness.call(method, path, { token: agent });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: "params.id", message: expect.any(String) }]);
  });

  it("returns 404 for unknown id", async () => {
    const response = await harness.call("PUT", `/api/contacts/${randomUUID()}`, {
      token: agent,
      body: { firstName: "X" },
    });
    expect(response.status).toBe(404);
  });

  it.each<[string, unknown, string]>([
    ["missing lastName", { firstName: "A" }, "lastName"],
    ["invalid email", { firstName: "A", lastName: "B", email: "not-an-email" }, "email"],
    ["overlong notes", { firstName: "A", lastName: "B", notes: "x".repeat(10_001) }, "notes"],
    ["unknown key", { firstName: "A", lastName: "B", ownerId: randomUUID() }, "ownerId"],
    ["null email", { firstName: "A", lastName: "B", email: null }, "email"],
    ["51 tags", { firstName: "A", lastName: "B", tags: Array(51).fill("t") }, "tags"],
    ["empty tag", { firstName: "A", lastName: "B", tags: ["ok", ""] }, "tags[1]"],
    ["numeric name", { firstName: 5, lastName: "B" }, "firstName"],
  ])("rejects body with %s", async (_label, body, field) => {
    const response = await harness.call("POST", "/api/contacts", { token: agent, body });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe("VALIDATION_FAILED");
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
  });

  it("rejects an empty update", async () => {
    const response = await harness.call("PUT", `/api/contacts/${randomUUID()}`, {
      token: agent,
      body: {},
    });
    expect(response.status).toBe(400);
  });
});

describe("contact list", () => {
  beforeAll(async () => {
    const contacts = [
      { firstName: "Percy", lastName: "Percent", company: "100% Juice" },
      { firstName: "Una", lastName: "Underscore", company: "snake_case Ltd" },
      { firstName: "Wanda", lastName: "Wildcard", company: "Plain Co" },
    ];
    const response = await harness.call("POST", "/api/contacts/bulk", {
      token: manager,
      body: { contacts },
    });
    expect(response.status).toBe(201);
  });

  it("pages with limit and offset", async () => {
    const total = await countContacts();
    const first = await harness.call("GET", "/api/contacts?limit=2&offset=0", { token: agent });
    const second = await harness.call("GET", "/api/contacts?limit=2&offset=2", { token: agent });
    expect(first.body).toMatchObject({ limit: 2, offset: 0, total });
    expect(first.body.items).toHaveLength(2);
    const ids = [...first.body.items, ...second.body.items].map((item: { id: string }) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("searches case-insensitively", async () => {
    const response = await harness.call("GET", "/api/contacts?q=WILDCARD", { token: agent });
    expect(response.body.items.map((item: { lastName: string }) => item.lastName)).toEqual([
      "Wildcard",
    ]);
  });

  it("treats percent as literal text", async () => {
    const response = await harness.call("GET", `/api/contacts?q=${encodeURIComponent("%")}`, {
      token: agent,
    });
    expect(response.body.items.map((item: { lastName: string }) => item.lastName)).toEqual([
      "Percent",
    ]);
  });

  it("treats underscore as literal text", async () => {
    const response = await harness.call("GET", "/api/contacts?q=e_c", { token: agent });
    expect(response.body.items.map((item: { lastName: string }) => item.lastName)).toEqual([
      "Underscore",
    ]);
  });

  it.each([
    ["limit zero", "limit=0"],
    ["limit over 100", "limit=101"],
    ["negative offset", "offset=-1"],
    ["NaN limit", "limit=NaN"],
    ["Infinity limit", "limit=Infinity"],
    ["fractional limit", "limit=1.5"],
    ["repeated limit", "limit=1&limit=2"],
    ["unknown key", "sort=name"],
    ["overlong q", `q=${"a".repeat(201)}`],
  ])("rejects %s", async (_label, query) => {
    const response = await harness.call("GET", `/api/contacts?${query}`, { token: agent });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe("VALIDATION_FAILED");
  });
});

describe("bulk create", () => {
  const contact = (index: number) => ({ firstName: `Bulk${index}`, lastName: "Import" });

  it("creates 1000 contacts", async () => {
    const before = await countContacts();
    const contacts = Array.from({ length: 1000 }, (_, index) => contact(index));
    const response = await harness.call("POST", "/api/contacts/bulk", {
      token: manager,
      body: { contacts },
    });
    expect(response.status).toBe(201);
    expect(response.body.created).toBe(1000);
    expect(await countContacts()).toBe(before + 1000);
  });

  it("rejects 1001 contacts", async () => {
    const before = await countContacts();
    const contacts = Array.from({ length: 1001 }, (_, index) => contact(index));
    const response = await harness.call("POST", "/api/contacts/bulk", {
      token: manager,
      body: { contacts },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe("contacts");
    expect(await countContacts()).toBe(before);
  });

  it("stores nothing when one entry is invalid", async () => {
    const before = await countContacts();
    const contacts = [contact(1), contact(2), { firstName: "", lastName: "Bad" }];
    const response = await harness.call("POST", "/api/contacts/bulk", {
      token: manager,
      body: { contacts },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe("contacts[2].firstName");
    expect(await countContacts()).toBe(before);
  });

  it("rolls back when the database fails midway", async () => {
    const before = await countContacts();
    // A constraint the schema does not know about makes the second batch of 250 fail inside the
    // transaction, after the first batch was inserted.
    await sql`alter table contacts add constraint test_no_reject check (notes is distinct from 'reject')`.execute(
      harness.database.db,
    );
    try {
      const contacts = Array.from({ length: 300 }, (_, index) => contact(index));
      contacts[299] = { ...contact(299), notes: "reject" } as never;
      const outcome = await harness
        .call("POST", "/api/contacts/bulk", { token: manager, body: { contacts } })
        .catch((error: unknown) => error);
      expect(outcome).toBeInstanceOf(Error);
      expect(await countContacts()).toBe(before);
    } finally {
      await sql`alter table contacts drop constraint test_no_reject`.execute(harness.database.db);
    }
  });

  it("audits the import", async () => {
    await harness.call("POST", "/api/contacts/bulk", {
      token: manager,
      body: { contacts: [contact(1)] },
    });
    const items = await harness.crm.audit.list({
      limit: 1,
      offset: 0,
      action: "contacts.bulk_imported",
    });
    expect(items[0]).toMatchObject({ actorRole: "manager", outcome: "success" });
  });
});

describe("CSV export", () => {
  it("streams neutralised CSV", async () => {
    await harness.call("POST", "/api/contacts", {
      token: agent,
      body: {
        firstName: '=HYPERLINK("http://127.0.0.1/x","click")',
        lastName: "+SUM(A1:A2)",
        company: "@evil",
        notes: '-1, "quoted"',
        tags: ["=cmd", "plain"],
      },
    });
    const response = await harness.call("GET", "/api/exports/contacts.csv", { token: manager });
    expect(response.status).toBe(200);
    expect(response.headers["Content-Type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers["Content-Disposition"]).toBe('attachment; filename="contacts.csv"');
    const lines = response.text.split("\r\n");
    expect(lines[0]).toBe(
      "id,first_name,last_name,email,phone,company,title,notes,tags,owner_id,created_at,updated_at",
    );
    const row = lines.find((line) => line.includes("HYPERLINK"));
    expect(row).toContain(
      `"'=HYPERLINK(""http://127.0.0.1/x"",""click"")",'+SUM(A1:A2),,,'@evil,,"'-1, ""quoted""",'=cmd; plain,`,
    );
    expect(lines.length - 2).toBe(await countContacts());
  });

  it("audits the export", async () => {
    await harness.call("GET", "/api/exports/contacts.csv", { token: manager });
    const items = await harness.crm.audit.list({
      limit: 1,
      offset: 0,
      action: "contacts.exported",
    });
    expect(items[0]).toMatchObject({ actorRole: "manager", targetType: "contact" });
  });
});
