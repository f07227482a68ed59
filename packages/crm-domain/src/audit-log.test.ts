import { type AuditEntry, purgeAuditEntries } from "@bulwark/monitor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AuditLog, createAuditLog } from "./audit-log.js";
import { type CrmDatabaseHandle, openDatabase } from "./database/open-database.js";

const DAY_MS = 86_400_000;
const NOW = Date.parse("2026-06-01T00:00:00Z");

function entry(daysAgo: number, action = "login.succeeded", actorId?: string): AuditEntry {
  return {
    timestamp: NOW - daysAgo * DAY_MS,
    actorId,
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
  it("appends and lists entries", async () => {
    await audit.append(entry(1, "user.created"));
    const items = await audit.list({ limit: 10, action: "user.created" });
    expect(await audit.count({ action: "user.created" })).toBe(1);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      action: "user.created",
      clientIp: "192.0.2.1",
      requestId: "req-1",
      timestamp: NOW - DAY_MS,
      outcome: "success",
    });
    expect(items[0]?.id).toMatch(/^\d+$/);
    expect(items[0]?.userAgent).toHaveLength(512);
  });

  it("stores the denied outcome", async () => {
    await audit.append({ ...entry(2, "user.deleted"), outcome: "denied" });
    const [stored] = await audit.list({ action: "user.deleted" });
    expect(stored?.outcome).toBe("denied");
  });

  it("filters by actor and time", async () => {
    const actorId = "7d0c3b9e-4a51-4f8e-9b1c-2f6a8d3e5c71";
    for (const days of [3, 5, 8]) await audit.append(entry(days, "user.updated", actorId));
    const items = await audit.list({
      actorId,
      since: NOW - 6 * DAY_MS,
      until: NOW - 4 * DAY_MS,
    });
    expect(items.map((item) => item.targetId)).toEqual(["5"]);
    expect(await audit.count({ actorId })).toBe(3);
  });

  it("lists newest first with paging", async () => {
    for (const days of [20, 21, 22]) await audit.append(entry(days, "contacts.exported"));
    const page = await audit.list({ action: "contacts.exported", limit: 2, offset: 1 });
    expect(page.map((item) => item.targetId)).toEqual(["21", "22"]);
  });

  it("purges through the monitor's retention", async () => {
    for (const days of [10, 89, 91, 400]) await audit.append(entry(days, "contact.deleted"));
    const deleted = await purgeAuditEntries(audit, { retentionDays: 90, now: () => NOW });
    expect(deleted).toBe(2);
    const items = await audit.list({ action: "contact.deleted" });
    expect(items.map((item) => item.targetId)).toEqual(["10", "89"]);
  });

  it("purges below 90 days when forced", async () => {
    await audit.append(entry(30, "contacts.bulk_imported"));
    const deleted = await purgeAuditEntries(audit, {
      retentionDays: 7,
      force: true,
      now: () => NOW,
    });
    expect(deleted).toBeGreaterThanOrEqual(1);
    expect(await audit.count({ action: "contacts.bulk_imported" })).toBe(0);
  });

  it("rejects short retention unforced", async () => {
    await expect(purgeAuditEntries(audit, { retentionDays: 30 })).rejects.toMatchObject({
      code: "ERR_MONITOR_RETENTION_TOO_SHORT",
    });
  });

  it.each<[string, unknown]>([
    ["missing targetType", { ...entry(1), targetType: undefined }],
    ["empty action", { ...entry(1), action: "" }],
    ["unknown outcome", { ...entry(1), outcome: "maybe" }],
    ["NaN timestamp", { ...entry(1), timestamp: Number.NaN }],
    ["string timestamp", { ...entry(1), timestamp: "2026-06-01" }],
    ["numeric clientIp", { ...entry(1), clientIp: 127 }],
  ])("rejects entry with %s", async (_label, bad) => {
    await expect(audit.append(bad as AuditEntry)).rejects.toMatchObject({
      code: "ERR_MONITOR_INVALID_AUDIT_ENTRY",
    });
  });

  it.each<[string, unknown]>([
    ["limit zero", { limit: 0 }],
    ["limit over 1000", { limit: 1001 }],
    ["fractional limit", { limit: 1.5 }],
    ["negative offset", { offset: -1 }],
    ["NaN since", { since: Number.NaN }],
    ["Infinity until", { until: Number.POSITIVE_INFINITY }],
    ["string limit", { limit: "10" }],
    ["null actorId", { actorId: null }],
    ["unknown key", { order: "asc" }],
  ])("rejects query with %s", async (_label, query) => {
    await expect(audit.list(query as never)).rejects.toMatchObject({
      code: "ERR_CRM_INVALID_AUDIT_QUERY",
    });
  });

  it.each<[string, unknown]>([
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["beyond Date range", 9e15],
    ["string", "2026-01-01"],
    ["null", null],
  ])("rejects cut-off of %s", async (_label, cutoff) => {
    await expect(audit.deleteOlderThan(cutoff as number)).rejects.toMatchObject({
      code: "ERR_CRM_INVALID_AUDIT_QUERY",
    });
  });
});
