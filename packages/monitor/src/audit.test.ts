import { describe, expect, it } from "vitest";
import { type AuditEntry, parseAuditEntry } from "./audit-entry.js";
import { purgeAuditEntries } from "./audit-retention.js";
import { createMemoryAuditSink } from "./memory-audit-sink.js";

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 5, 1);

const entry = (change: Partial<AuditEntry> = {}): AuditEntry => ({
  timestamp: NOW,
  actorId: "user-1",
  actorRole: "admin",
  clientIp: "203.0.113.9",
  action: "contact.update",
  targetType: "contact",
  targetId: "contact-1",
  outcome: "success",
  requestId: "req-1",
  userAgent: "curl/8.0",
  ...change,
});

describe("createMemoryAuditSink", () => {
  it("lists entries newest first", async () => {
    const sink = createMemoryAuditSink();
    await sink.append(entry({ timestamp: NOW - 2, targetId: "a" }));
    await sink.append(entry({ timestamp: NOW, targetId: "c" }));
    await sink.append(entry({ timestamp: NOW - 1, targetId: "b" }));
    expect((await sink.list()).map((item) => item.targetId)).toEqual(["c", "b", "a"]);
  });

  it("filters and pages entries", async () => {
    const sink = createMemoryAuditSink();
    for (let index = 0; index < 5; index += 1) {
      await sink.append(
        entry({ timestamp: NOW + index, actorId: index % 2 === 0 ? "even" : "odd" }),
      );
    }
    const even = await sink.list({ actorId: "even", limit: 2, offset: 1 });
    expect(even.map((item) => item.timestamp)).toEqual([NOW + 2, NOW]);
    const range = await sink.list({ since: NOW + 1, until: NOW + 3 });
    expect(range.map((item) => item.timestamp)).toEqual([NOW + 2, NOW + 1]);
  });

  it("keeps the newest maxEntries", async () => {
    const sink = createMemoryAuditSink({ maxEntries: 2 });
    for (let index = 0; index < 3; index += 1) await sink.append(entry({ timestamp: NOW + index }));
    expect((await sink.list()).map((item) => item.timestamp)).toEqual([NOW + 2, NOW + 1]);
  });

  it("cuts long user agents", async () => {
    const sink = createMemoryAuditSink();
    await sink.append(entry({ userAgent: "a".repeat(600) }));
    expect((await sink.list())[0]?.userAgent).toHaveLength(512);
  });

  it.each([
    ["timestamp string", { timestamp: "now" }, "ERR_MONITOR_INVALID_AUDIT_ENTRY"],
    ["timestamp NaN", { timestamp: Number.NaN }, "ERR_MONITOR_INVALID_AUDIT_ENTRY"],
    ["action empty", { action: "" }, "ERR_MONITOR_INVALID_AUDIT_ENTRY"],
    ["targetType missing", { targetType: undefined }, "ERR_MONITOR_INVALID_AUDIT_ENTRY"],
    ["actorId number", { actorId: 5 }, "ERR_MONITOR_INVALID_AUDIT_ENTRY"],
    ["outcome unknown", { outcome: "maybe" }, "ERR_MONITOR_INVALID_AUDIT_ENTRY"],
    ["unknown field", { extra: true }, "ERR_MONITOR_INVALID_OPTIONS"],
  ])("rejects entry with %s", async (_case, change, code) => {
    const sink = createMemoryAuditSink();
    await expect(sink.append(entry(change as never))).rejects.toMatchObject({ code });
  });

  it("rejects a non-object entry", () => {
    expect(() => parseAuditEntry(null)).toThrow(
      expect.objectContaining({ code: "ERR_MONITOR_INVALID_AUDIT_ENTRY" }),
    );
  });

  it.each([
    [{ limit: 0 }, "ERR_MONITOR_INVALID_NUMBER"],
    [{ limit: 1001 }, "ERR_MONITOR_INVALID_NUMBER"],
    [{ offset: -1 }, "ERR_MONITOR_INVALID_NUMBER"],
    [{ page: 1 }, "ERR_MONITOR_INVALID_OPTIONS"],
  ])("rejects query %j", async (query, code) => {
    await expect(createMemoryAuditSink().list(query as never)).rejects.toMatchObject({ code });
  });
});

describe("purgeAuditEntries", () => {
  async function seededSink() {
    const sink = createMemoryAuditSink();
    for (const ageDays of [0, 30, 89, 91, 400]) {
      await sink.append(entry({ timestamp: NOW - ageDays * DAY, targetId: `age-${ageDays}` }));
    }
    return sink;
  }

  it("keeps 90 days by default", async () => {
    const sink = await seededSink();
    expect(await purgeAuditEntries(sink, { now: () => NOW })).toBe(2);
    expect((await sink.list()).map((item) => item.targetId)).toEqual(["age-0", "age-30", "age-89"]);
  });

  it("purges entries older than retentionDays", async () => {
    const sink = await seededSink();
    expect(await purgeAuditEntries(sink, { retentionDays: 365, now: () => NOW })).toBe(1);
  });

  it("refuses fewer than 90 days", async () => {
    const sink = await seededSink();
    await expect(
      purgeAuditEntries(sink, { retentionDays: 89, now: () => NOW }),
    ).rejects.toMatchObject({
      code: "ERR_MONITOR_RETENTION_TOO_SHORT",
    });
    expect(await sink.list()).toHaveLength(5);
  });

  it("allows fewer days when forced", async () => {
    const sink = await seededSink();
    expect(await purgeAuditEntries(sink, { retentionDays: 7, force: true, now: () => NOW })).toBe(
      4,
    );
  });

  it.each([
    [{ retentionDays: 0 }, "ERR_MONITOR_INVALID_NUMBER"],
    [{ retentionDays: Number.NaN }, "ERR_MONITOR_INVALID_NUMBER"],
    [{ retentionDays: Number.POSITIVE_INFINITY }, "ERR_MONITOR_INVALID_NUMBER"],
    [{ retentionDays: -90 }, "ERR_MONITOR_INVALID_NUMBER"],
    [{ retentionDays: "90" }, "ERR_MONITOR_INVALID_NUMBER"],
    [{ retentionDays: null }, "ERR_MONITOR_INVALID_NUMBER"],
    [{ force: "yes" }, "ERR_MONITOR_INVALID_OPTIONS"],
    [{ now: 5 }, "ERR_MONITOR_INVALID_OPTIONS"],
    [{ days: 90 }, "ERR_MONITOR_INVALID_OPTIONS"],
  ])("rejects %j", async (options, code) => {
    await expect(
      purgeAuditEntries(createMemoryAuditSink(), options as never),
    ).rejects.toMatchObject({ code });
  });
});
