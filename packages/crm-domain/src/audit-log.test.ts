import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AuditEntry, type AuditLog, createAuditLog } from "./audit-log.js";
import { type CrmDatabaseHandle, openDatabase } from "./database/open-database.js";

const DAY_MS = 86_400_000;
const NOW = new Date("2026-06-01T00:00:00Z");

function entry(daysAgo: number, action = "login.succeeded"): AuditEntry {
  return {
    time: new Date(NOW.getTime() - daysAgo * DAY_MS),
    actorId: undefined,
    actorRole: "admin",
    clientIp: "192.0.2.1",
    action,
    targetType: "user",
    targetId: `${daysAgo}`,
    outcome: "success",
    requestId: `req-${daysAgo}`,
    userAgent: "x".repeat(600),
  };
}

let database: CrmDatabaseHandle;
let audit: AuditLog;

beforeAll(async () => {
  database = await openDatabase();
  audit = createAuditLog(database.db);
});
afterAll(() => database?.close());

describe("createAuditLog", () => {
  it("records and lists entries", async () => {
    await audit.record(entry(1, "user.created"));
    const { items, total } = await audit.list({ limit: 10, offset: 0, action: "user.created" });
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({
      action: "user.created",
      clientIp: "192.0.2.1",
      requestId: "req-1",
    });
    expect(items[0]?.userAgent).toHaveLength(512);
  });

  it("purges entries past retention", async () => {
    for (const days of [10, 89, 91, 400]) await audit.record(entry(days, "contact.deleted"));
    const deleted = await audit.purge({ retentionDays: 90, now: NOW });
    expect(deleted).toBe(2);
    const { items } = await audit.list({ limit: 10, offset: 0, action: "contact.deleted" });
    expect(items.map((item) => item.targetId)).toEqual(["10", "89"]);
  });

  it("purges below 90 days when forced", async () => {
    await audit.record(entry(30, "contacts.exported"));
    expect(await audit.purge({ retentionDays: 7, force: true, now: NOW })).toBeGreaterThanOrEqual(
      1,
    );
  });

  it.each<[string, unknown]>([
    ["30 days", 30],
    ["89 days", 89],
    ["zero", 0],
    ["negative", -1],
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["string", "90"],
    ["null", null],
  ])("rejects retention of %s", async (_label, retentionDays) => {
    await expect(audit.purge({ retentionDays: retentionDays as number })).rejects.toMatchObject({
      code: "ERR_CRM_RETENTION_TOO_SHORT",
    });
  });
});
