import { type RedisServerHandle, startRedisServer } from "@bulwark-test/support";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDefaultAlertRules } from "../src/alert-rules.js";
import { createRedisCountingStore } from "../src/redis-counting-store.js";
import { createSecurityMonitor } from "../src/security-monitor.js";
import {
  alertsOf,
  buildEvent,
  createFakeClock,
  createRecordingLogger,
  createRecordingSink,
} from "./helpers.js";

let server: RedisServerHandle;
const clients: Redis[] = [];
let prefixCounter = 0;

function connect(): Redis {
  // No offline queue: while Redis is down, commands fail at once instead of piling up.
  const client = new Redis(server.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  client.on("error", () => {});
  clients.push(client);
  return client;
}

async function connectReady(): Promise<Redis> {
  const client = connect();
  if (client.status !== "ready") await new Promise((resolve) => client.once("ready", resolve));
  return client;
}

function nextPrefix(): string {
  prefixCounter += 1;
  return `test:monitor:${process.pid}:${prefixCounter}:`;
}

beforeAll(async () => {
  server = await startRedisServer();
});

afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server?.stop();
});

const failedLogin = (username = "alice") => buildEvent("login.failed", { username });

describe("createRedisCountingStore", () => {
  it("counts across two monitors", async () => {
    const prefix = nextPrefix();
    const clock = createFakeClock();
    const sinkA = createRecordingSink();
    const sinkB = createRecordingSink();
    const monitorA = createSecurityMonitor({
      store: createRedisCountingStore({ client: await connectReady(), prefix }),
      sinks: [sinkA],
      now: clock.now,
    });
    const monitorB = createSecurityMonitor({
      store: createRedisCountingStore({ client: await connectReady(), prefix }),
      sinks: [sinkB],
      now: clock.now,
    });

    const first = failedLogin();
    monitorA.publish(first);
    await monitorA.flush();
    clock.advance(1000);
    monitorB.publish(failedLogin());
    await monitorB.flush();
    expect(alertsOf([...sinkA.events, ...sinkB.events])).toHaveLength(0);

    clock.advance(1000);
    const third = failedLogin();
    monitorA.publish(third);
    await monitorA.flush();
    const alerts = alertsOf(sinkA.events);
    expect(alerts.map((alert) => alert.details.rule).sort()).toEqual([
      "failed-logins-per-ip",
      "failed-logins-per-username",
    ]);
    expect(alerts[0]?.details).toMatchObject({
      count: 3,
      firstSeen: clock.now() - 2000,
      lastSeen: clock.now(),
    });
    expect(alerts[0]?.details.requestIds).toContain(first.requestId);
    expect(alerts[0]?.details.requestIds).toContain(third.requestId);

    monitorB.publish(failedLogin());
    await monitorB.flush();
    expect(alertsOf([...sinkA.events, ...sinkB.events])).toHaveLength(2);
    await Promise.all([monitorA.close(), monitorB.close()]);
  });

  it("raises one alert under concurrency", async () => {
    const prefix = nextPrefix();
    const clock = createFakeClock();
    const sink = createRecordingSink();
    const monitors = await Promise.all(
      [0, 1, 2].map(async () =>
        createSecurityMonitor({
          store: createRedisCountingStore({ client: await connectReady(), prefix }),
          sinks: [sink],
          now: clock.now,
        }),
      ),
    );
    for (let round = 0; round < 5; round += 1) {
      for (const monitor of monitors)
        monitor.publish(buildEvent("validation.failed", { fields: ["email"] }));
    }
    await Promise.all(monitors.map((monitor) => monitor.flush()));
    expect(alertsOf(sink.events).map((alert) => alert.details.rule)).toEqual([
      "validation-failures-per-ip",
    ]);
  });

  it("expires the window on the caller's clock", async () => {
    const prefix = nextPrefix();
    const clock = createFakeClock();
    const sink = createRecordingSink();
    const monitor = createSecurityMonitor({
      store: createRedisCountingStore({ client: await connectReady(), prefix }),
      sinks: [sink],
      now: clock.now,
    });
    monitor.publish(failedLogin());
    monitor.publish(failedLogin());
    await monitor.flush();
    clock.advance(5 * 60_000);
    monitor.publish(failedLogin());
    await monitor.flush();
    expect(alertsOf(sink.events)).toHaveLength(0);

    monitor.publish(failedLogin());
    monitor.publish(failedLogin());
    await monitor.flush();
    expect(alertsOf(sink.events)).toHaveLength(2);

    clock.advance(5 * 60_000);
    for (let attempt = 0; attempt < 3; attempt += 1) monitor.publish(failedLogin());
    await monitor.flush();
    expect(alertsOf(sink.events)).toHaveLength(4);
  });

  it("hashes long usernames", async () => {
    const prefix = nextPrefix();
    const client = await connectReady();
    const sink = createRecordingSink();
    const monitor = createSecurityMonitor({
      store: createRedisCountingStore({ client, prefix }),
      sinks: [sink],
      rules: buildDefaultAlertRules({ "failed-logins-per-ip": { enabled: false } }),
    });
    const username = "x".repeat(5000);
    for (let attempt = 0; attempt < 3; attempt += 1) monitor.publish(failedLogin(username));
    await monitor.flush();

    const keys = await client.keys(`${prefix}*`);
    expect(keys).toHaveLength(2);
    for (const key of keys) expect(key.length).toBeLessThan(150);
    expect(alertsOf(sink.events).map((alert) => alert.details.key)).toEqual([username]);
  });

  it("caps events and sets expiry", async () => {
    const prefix = nextPrefix();
    const client = await connectReady();
    const store = createRedisCountingStore({ client, prefix });
    const key = "rule:203.0.113.9";
    for (let index = 0; index < 8; index += 1) {
      await store.record({
        key,
        timestamp: 1000 + index,
        windowMs: 60_000,
        threshold: 3,
        maxEvents: 5,
        requestId: `r:${index}`,
      });
    }
    const keys = await client.keys(`${prefix}*`);
    expect(keys).toHaveLength(2);
    for (const storedKey of keys) expect(await client.pttl(storedKey)).toBeGreaterThan(0);
    const eventsKey = keys.find((storedKey) => storedKey.endsWith(":events")) ?? "";
    expect(await client.zcard(eventsKey)).toBe(5);
  });

  it("returns request ids with colons", async () => {
    const store = createRedisCountingStore({ client: await connectReady(), prefix: nextPrefix() });
    const result = await store.record({
      key: "k",
      timestamp: 1,
      windowMs: 1000,
      threshold: 1,
      maxEvents: 10,
      requestId: "edge:a:1",
    });
    expect(result).toEqual({ count: 1, alert: true, firstSeen: 1, requestIds: ["edge:a:1"] });
  });

  it("reloads a flushed script", async () => {
    const client = await connectReady();
    const store = createRedisCountingStore({ client, prefix: nextPrefix() });
    await store.record({
      key: "k",
      timestamp: 1,
      windowMs: 1000,
      threshold: 5,
      maxEvents: 10,
      requestId: undefined,
    });
    await client.script("FLUSH");
    const result = await store.record({
      key: "k",
      timestamp: 2,
      windowMs: 1000,
      threshold: 5,
      maxEvents: 10,
      requestId: undefined,
    });
    expect(result.count).toBe(2);
  });

  it("logs and recovers when Redis stops", async () => {
    const logger = createRecordingLogger();
    const client = await connectReady();
    const sink = createRecordingSink();
    const monitor = createSecurityMonitor({
      store: createRedisCountingStore({ client, prefix: nextPrefix() }),
      sinks: [sink],
      logger,
    });

    await server.stop();
    expect(() => monitor.publish(failedLogin("bob"))).not.toThrow();
    await monitor.flush();
    expect(sink.events).toHaveLength(1);
    expect(logger.lines[0]).toMatchObject({ code: "ERR_MONITOR_STORE_FAILED" });

    await server.start();
    if (client.status !== "ready") await new Promise((resolve) => client.once("ready", resolve));
    for (let attempt = 0; attempt < 3; attempt += 1) monitor.publish(failedLogin("bob"));
    await monitor.flush();
    expect(alertsOf(sink.events)).toHaveLength(2);
  });

  it.each([
    [{}, "ERR_MONITOR_INVALID_STORE"],
    [{ client: null }, "ERR_MONITOR_INVALID_STORE"],
    [{ client: "redis://127.0.0.1" }, "ERR_MONITOR_INVALID_STORE"],
    [{ client: { evalsha() {}, eval() {} }, prefix: 5 }, "ERR_MONITOR_INVALID_OPTIONS"],
    [{ client: { evalsha() {}, eval() {} }, db: 1 }, "ERR_MONITOR_INVALID_OPTIONS"],
  ])("rejects %j", (options, code) => {
    expect(() => createRedisCountingStore(options as never)).toThrow(
      expect.objectContaining({ code }),
    );
  });
});
