import { describe, expect, it } from "vitest";
import type { CountInput } from "./counting-store.js";
import { createMemoryCountingStore } from "./memory-counting-store.js";

const input = (timestamp: number, change: Partial<CountInput> = {}): CountInput => ({
  key: "rule:203.0.113.9",
  timestamp,
  windowMs: 1000,
  threshold: 3,
  maxEvents: 100,
  requestId: `req-${timestamp}`,
  ...change,
});

describe("createMemoryCountingStore", () => {
  it("counts within the window", async () => {
    const store = createMemoryCountingStore();
    expect((await store.record(input(0))).count).toBe(1);
    expect((await store.record(input(500))).count).toBe(2);
    expect((await store.record(input(1000))).count).toBe(2);
  });

  it("alerts once per window", async () => {
    const store = createMemoryCountingStore();
    const alerts = [];
    for (const time of [0, 1, 2, 3, 4, 1001, 1002]) {
      alerts.push((await store.record(input(time))).alert);
    }
    expect(alerts).toEqual([false, false, true, false, false, false, true]);
  });

  it("reports first seen and request ids", async () => {
    const store = createMemoryCountingStore();
    await store.record(input(10));
    await store.record(input(20, { requestId: undefined }));
    const result = await store.record(input(30));
    expect(result).toEqual({
      count: 3,
      alert: true,
      firstSeen: 10,
      requestIds: ["req-10", "req-30"],
    });
  });

  it("caps events per key", async () => {
    const store = createMemoryCountingStore();
    let result = await store.record(input(0, { maxEvents: 4 }));
    for (let time = 1; time < 10; time += 1)
      result = await store.record(input(time, { maxEvents: 4 }));
    expect(result.count).toBe(4);
  });

  it("evicts the least recently used key", async () => {
    const store = createMemoryCountingStore({ maxKeys: 2 });
    await store.record(input(0, { key: "a" }));
    await store.record(input(0, { key: "b" }));
    await store.record(input(1, { key: "a" }));
    await store.record(input(1, { key: "c" }));
    expect((await store.record(input(2, { key: "a" }))).count).toBe(3);
    expect((await store.record(input(2, { key: "b" }))).count).toBe(1);
  });

  it.each([
    [{ maxKeys: 0 }, "ERR_MONITOR_INVALID_NUMBER"],
    [{ maxKeys: Number.NaN }, "ERR_MONITOR_INVALID_NUMBER"],
    [{ maxKeys: Number.POSITIVE_INFINITY }, "ERR_MONITOR_INVALID_NUMBER"],
    [{ maxKeys: -1 }, "ERR_MONITOR_INVALID_NUMBER"],
    [{ maxKeys: "10" }, "ERR_MONITOR_INVALID_NUMBER"],
    [{ maxKeys: null }, "ERR_MONITOR_INVALID_NUMBER"],
    [{ size: 10 }, "ERR_MONITOR_INVALID_OPTIONS"],
  ])("rejects %j", (options, code) => {
    expect(() => createMemoryCountingStore(options as never)).toThrow(
      expect.objectContaining({ code }),
    );
  });
});
