import type { SecurityEvent } from "@bulwark/core";
import { describe, expect, it } from "vitest";
import {
  alertsOf,
  buildEvent,
  createFakeClock,
  createRecordingLogger,
  createRecordingSink,
} from "../test/helpers.js";
import type { AlertRule } from "./alert-rules.js";
import type { CountingStore } from "./counting-store.js";
import { createSecurityMonitor } from "./security-monitor.js";

const MINUTE = 60_000;

function setUp(rules?: readonly AlertRule[]) {
  const clock = createFakeClock();
  const sink = createRecordingSink();
  const monitor = createSecurityMonitor({
    sinks: [sink],
    now: clock.now,
    ...(rules === undefined ? {} : { rules }),
  });
  return { clock, sink, monitor };
}

const failedLogin = (username = "alice", ip = "203.0.113.9") =>
  buildEvent("login.failed", { username }, ip);
const rateLimited = (ip = "203.0.113.9") =>
  buildEvent(
    "rate_limit.exceeded",
    { policy: "api", key: ip, limit: 100, retryAfterSeconds: 60 },
    ip,
  );
const validationFailed = (ip = "203.0.113.9") =>
  buildEvent("validation.failed", { fields: ["email"] }, ip);

describe("createSecurityMonitor failed-login rules", () => {
  it("raises nothing for two failures", async () => {
    const { monitor, sink } = setUp();
    monitor.publish(failedLogin());
    monitor.publish(failedLogin());
    await monitor.flush();
    expect(alertsOf(sink.events)).toHaveLength(0);
    expect(sink.events).toHaveLength(2);
  });

  it("raises one alert per key on the third", async () => {
    const { monitor, sink, clock } = setUp();
    const events = [failedLogin(), failedLogin(), failedLogin()];
    for (const event of events) {
      monitor.publish(event);
      clock.advance(MINUTE);
    }
    await monitor.flush();

    const alerts = alertsOf(sink.events);
    expect(alerts.map((alert) => alert.details.rule).sort()).toEqual([
      "failed-logins-per-ip",
      "failed-logins-per-username",
    ]);
    const byIp = alerts.find((alert) => alert.details.rule === "failed-logins-per-ip");
    expect(byIp?.details).toEqual({
      rule: "failed-logins-per-ip",
      key: "203.0.113.9",
      severity: "high",
      count: 3,
      firstSeen: clock.now() - 3 * MINUTE,
      lastSeen: clock.now() - MINUTE,
      requestIds: events.map((event) => event.requestId),
    });
    expect(byIp).toMatchObject({
      clientIp: "203.0.113.9",
      method: "POST",
      route: "/api/auth/login",
      requestId: events[2]?.requestId,
      timestamp: clock.now() - MINUTE,
    });
  });

  it("raises no second alert in the window", async () => {
    const { monitor, sink } = setUp();
    for (let attempt = 0; attempt < 6; attempt += 1) monitor.publish(failedLogin());
    await monitor.flush();
    expect(alertsOf(sink.events)).toHaveLength(2);
  });

  it("forgets failures after five minutes", async () => {
    const { monitor, sink, clock } = setUp();
    monitor.publish(failedLogin());
    monitor.publish(failedLogin());
    await monitor.flush();
    clock.advance(5 * MINUTE);
    monitor.publish(failedLogin());
    await monitor.flush();
    expect(alertsOf(sink.events)).toHaveLength(0);
  });

  it("counts a window that slides", async () => {
    const { monitor, sink, clock } = setUp();
    monitor.publish(failedLogin());
    clock.advance(4 * MINUTE);
    monitor.publish(failedLogin());
    clock.advance(2 * MINUTE);
    monitor.publish(failedLogin());
    await monitor.flush();
    expect(alertsOf(sink.events)).toHaveLength(0);

    clock.advance(MINUTE);
    monitor.publish(failedLogin());
    await monitor.flush();
    expect(alertsOf(sink.events)).toHaveLength(2);
  });

  it("alerts again after the window", async () => {
    const { monitor, sink, clock } = setUp();
    for (let attempt = 0; attempt < 3; attempt += 1) monitor.publish(failedLogin());
    await monitor.flush();
    clock.advance(5 * MINUTE);
    for (let attempt = 0; attempt < 3; attempt += 1) monitor.publish(failedLogin());
    await monitor.flush();
    expect(alertsOf(sink.events)).toHaveLength(4);
  });

  it("counts usernames across client addresses", async () => {
    const { monitor, sink } = setUp();
    monitor.publish(failedLogin("Alice", "203.0.113.1"));
    monitor.publish(failedLogin("alice", "203.0.113.2"));
    monitor.publish(failedLogin("ＡＬＩＣＥ", "203.0.113.3"));
    await monitor.flush();
    const alerts = alertsOf(sink.events);
    expect(alerts.map((alert) => [alert.details.rule, alert.details.key])).toEqual([
      ["failed-logins-per-username", "alice"],
    ]);
  });

  it("keeps client addresses apart", async () => {
    const { monitor, sink } = setUp();
    monitor.publish(failedLogin("a", "203.0.113.1"));
    monitor.publish(failedLogin("b", "203.0.113.2"));
    monitor.publish(failedLogin("c", "203.0.113.3"));
    await monitor.flush();
    expect(alertsOf(sink.events)).toHaveLength(0);
  });

  it("skips events without a client address", async () => {
    const { monitor, sink } = setUp();
    for (const name of ["a", "b", "c"]) {
      monitor.publish(buildEvent("login.failed", { username: name }, null));
    }
    await monitor.flush();
    expect(alertsOf(sink.events)).toHaveLength(0);
  });
});

describe("createSecurityMonitor other rules", () => {
  it("alerts on the fifth rate-limit violation", async () => {
    const { monitor, sink, clock } = setUp();
    for (let violation = 0; violation < 4; violation += 1) {
      monitor.publish(rateLimited());
      clock.advance(10 * MINUTE);
    }
    await monitor.flush();
    expect(alertsOf(sink.events)).toHaveLength(0);

    monitor.publish(rateLimited());
    monitor.publish(rateLimited());
    await monitor.flush();
    const alerts = alertsOf(sink.events);
    expect(
      alerts.map((alert) => [alert.details.rule, alert.details.count, alert.details.severity]),
    ).toEqual([["rate-limit-violations-per-ip", 5, "medium"]]);
  });

  it("drops rate-limit violations after an hour", async () => {
    const { monitor, sink, clock } = setUp();
    for (let violation = 0; violation < 4; violation += 1) monitor.publish(rateLimited());
    await monitor.flush();
    clock.advance(60 * MINUTE);
    monitor.publish(rateLimited());
    await monitor.flush();
    expect(alertsOf(sink.events)).toHaveLength(0);
  });

  it("alerts on the tenth validation failure", async () => {
    const { monitor, sink, clock } = setUp();
    for (let failure = 0; failure < 9; failure += 1) {
      monitor.publish(validationFailed());
      clock.advance(MINUTE);
    }
    await monitor.flush();
    expect(alertsOf(sink.events)).toHaveLength(0);

    monitor.publish(validationFailed());
    monitor.publish(validationFailed());
    await monitor.flush();
    const alerts = alertsOf(sink.events);
    expect(alerts.map((alert) => [alert.details.rule, alert.details.count])).toEqual([
      ["validation-failures-per-ip", 10],
    ]);
    expect(alerts[0]?.details.requestIds).toHaveLength(5);
  });

  it("drops validation failures after ten minutes", async () => {
    const { monitor, sink, clock } = setUp();
    for (let failure = 0; failure < 9; failure += 1) monitor.publish(validationFailed());
    await monitor.flush();
    clock.advance(10 * MINUTE);
    monitor.publish(validationFailed());
    await monitor.flush();
    expect(alertsOf(sink.events)).toHaveLength(0);
  });

  it("applies a custom rule", async () => {
    const rule: AlertRule = {
      name: "oversized-bodies",
      eventType: "payload.too_large",
      key: (event) => event.route,
      threshold: 2,
      windowMs: MINUTE,
      severity: "critical",
    };
    const { monitor, sink } = setUp([rule]);
    const event = buildEvent("payload.too_large", { limitBytes: 10, contentType: undefined });
    monitor.publish(event);
    monitor.publish(event);
    monitor.publish(failedLogin());
    monitor.publish(failedLogin());
    monitor.publish(failedLogin());
    await monitor.flush();
    expect(
      alertsOf(sink.events).map((alert) => [
        alert.details.rule,
        alert.details.key,
        alert.details.severity,
      ]),
    ).toEqual([["oversized-bodies", "/api/auth/login", "critical"]]);
  });

  it("never counts published alerts", async () => {
    const rule: AlertRule = {
      name: "everything",
      eventType: "login.failed",
      key: "clientIp",
      threshold: 1,
      windowMs: MINUTE,
      severity: "low",
    };
    const { monitor, sink } = setUp([rule]);
    monitor.publish(failedLogin());
    await monitor.flush();
    const [alert] = alertsOf(sink.events);
    if (alert === undefined) throw new Error("expected one alert");
    monitor.publish(alert);
    await monitor.flush();
    expect(alertsOf(sink.events)).toHaveLength(2);
    expect(sink.events).toHaveLength(3);
  });
});

describe("createSecurityMonitor failures", () => {
  it("survives a throwing sink", async () => {
    const logger = createRecordingLogger();
    const good = createRecordingSink();
    const bad = {
      write() {
        throw new Error("disk full");
      },
    };
    const monitor = createSecurityMonitor({ sinks: [bad, good], logger });
    expect(() => monitor.publish(failedLogin())).not.toThrow();
    await monitor.flush();
    expect(good.events).toHaveLength(1);
    expect(logger.lines[0]).toMatchObject({ code: "ERR_MONITOR_SINK_FAILED" });
  });

  it("logs a failing store", async () => {
    const logger = createRecordingLogger();
    const store: CountingStore = {
      record: () => Promise.reject(new Error("connection lost")),
      close: () => Promise.resolve(),
    };
    const sink = createRecordingSink();
    const monitor = createSecurityMonitor({ store, sinks: [sink], logger });
    monitor.publish(failedLogin());
    monitor.publish(failedLogin());
    await monitor.flush();
    expect(sink.events).toHaveLength(2);
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatchObject({ code: "ERR_MONITOR_STORE_FAILED", suppressed: 0 });
  });

  it("logs a store that throws synchronously", async () => {
    const logger = createRecordingLogger();
    const store: CountingStore = {
      record: () => {
        throw new Error("bug");
      },
      close: () => Promise.resolve(),
    };
    const monitor = createSecurityMonitor({ store, logger });
    expect(() => monitor.publish(failedLogin())).not.toThrow();
    await monitor.flush();
    expect(logger.lines[0]).toMatchObject({ code: "ERR_MONITOR_STORE_FAILED" });
  });

  it("logs a throwing key function", async () => {
    const logger = createRecordingLogger();
    const rule: AlertRule = {
      name: "broken",
      eventType: "login.failed",
      key: () => {
        throw new Error("bug");
      },
      threshold: 1,
      windowMs: MINUTE,
      severity: "low",
    };
    const monitor = createSecurityMonitor({ rules: [rule], logger });
    expect(() => monitor.publish(failedLogin())).not.toThrow();
    await monitor.flush();
    expect(logger.lines[0]).toMatchObject({ code: "ERR_MONITOR_KEY_FAILED" });
  });

  it("bounds pending counts", async () => {
    const logger = createRecordingLogger();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const store: CountingStore = {
      record: async () => {
        await gate;
        return { count: 1, alert: false, firstSeen: 0, requestIds: [] };
      },
      close: () => Promise.resolve(),
    };
    const sink = createRecordingSink();
    const rule: AlertRule = {
      name: "r",
      eventType: "login.failed",
      key: "clientIp",
      threshold: 5,
      windowMs: MINUTE,
      severity: "low",
    };
    const bounded = createSecurityMonitor({
      store,
      sinks: [sink],
      logger,
      maxPendingCounts: 2,
      rules: [rule],
    });
    for (let index = 0; index < 5; index += 1) bounded.publish(failedLogin());
    release();
    await bounded.flush();
    expect(sink.events).toHaveLength(5);
    expect(logger.lines[0]).toMatchObject({ code: "ERR_MONITOR_EVENTS_DROPPED", droppedCounts: 1 });
  });

  it("never throws on malformed events", () => {
    const logger = createRecordingLogger();
    const monitor = createSecurityMonitor({ logger });
    expect(() => monitor.publish(null as never)).not.toThrow();
    expect(logger.lines[0]).toMatchObject({ code: "ERR_MONITOR_EVENTS_DROPPED" });
  });

  it("drops events after close", async () => {
    const logger = createRecordingLogger();
    const sink = createRecordingSink();
    const monitor = createSecurityMonitor({ sinks: [sink], logger });
    await monitor.close();
    monitor.publish(failedLogin());
    expect(sink.events).toHaveLength(0);
    expect(logger.lines[0]).toMatchObject({ code: "ERR_MONITOR_EVENTS_DROPPED" });
  });

  it("closes sinks on close", async () => {
    const calls: string[] = [];
    const sink = {
      write: (_event: SecurityEvent) => {},
      flush: async () => {
        calls.push("flush");
      },
      close: async () => {
        calls.push("close");
      },
    };
    const monitor = createSecurityMonitor({ sinks: [sink] });
    await monitor.close();
    expect(calls).toEqual(["close"]);
  });
});

describe("createSecurityMonitor options", () => {
  it.each([
    ["unknown key", { sink: [] }, "ERR_MONITOR_INVALID_OPTIONS"],
    ["null options", null, "ERR_MONITOR_INVALID_OPTIONS"],
    ["string options", "fast", "ERR_MONITOR_INVALID_OPTIONS"],
    ["sinks not an array", { sinks: {} }, "ERR_MONITOR_INVALID_SINK"],
    ["sink without write", { sinks: [{}] }, "ERR_MONITOR_INVALID_SINK"],
    ["null sink", { sinks: [null] }, "ERR_MONITOR_INVALID_SINK"],
    ["store without record", { store: { close() {} } }, "ERR_MONITOR_INVALID_STORE"],
    ["store string", { store: "redis" }, "ERR_MONITOR_INVALID_STORE"],
    ["now not a function", { now: 5 }, "ERR_MONITOR_INVALID_OPTIONS"],
    ["maxPendingCounts NaN", { maxPendingCounts: Number.NaN }, "ERR_MONITOR_INVALID_NUMBER"],
    [
      "maxPendingCounts Infinity",
      { maxPendingCounts: Number.POSITIVE_INFINITY },
      "ERR_MONITOR_INVALID_NUMBER",
    ],
    ["maxPendingCounts negative", { maxPendingCounts: -1 }, "ERR_MONITOR_INVALID_NUMBER"],
    ["maxPendingCounts string", { maxPendingCounts: "10" }, "ERR_MONITOR_INVALID_NUMBER"],
    ["maxPendingCounts null", { maxPendingCounts: null }, "ERR_MONITOR_INVALID_NUMBER"],
    ["rules not an array", { rules: {} }, "ERR_MONITOR_INVALID_RULE"],
  ])("rejects %s", (_case, options, code) => {
    expect(() => createSecurityMonitor(options as never)).toThrow(
      expect.objectContaining({ code }),
    );
  });
});
