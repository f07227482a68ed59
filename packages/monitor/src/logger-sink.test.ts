import { describe, expect, it } from "vitest";
import { buildEvent, createFakeClock } from "../test/helpers.js";
import { createLoggerSink } from "./logger-sink.js";
import { createSecurityMonitor } from "./security-monitor.js";

function captureLines() {
  const chunks: string[] = [];
  return {
    destination: { write: (chunk: string) => void chunks.push(chunk) },
    lines: () =>
      chunks
        .join("")
        .split("\n")
        .filter((line) => line !== ""),
  };
}

describe("createLoggerSink", () => {
  it("writes one JSON line per event", () => {
    const output = captureLines();
    const sink = createLoggerSink({ destination: output.destination });
    const event = buildEvent("login.failed", { username: "alice" });
    sink.write(event);

    const lines = output.lines();
    expect(lines).toHaveLength(1);
    const parsed = JSON.parse(lines[0] ?? "");
    expect(parsed).toMatchObject({
      level: 30,
      msg: "Security event login.failed",
      type: "login.failed",
      timestamp: 0,
      clientIp: "203.0.113.9",
      method: "POST",
      route: "/api/auth/login",
      requestId: event.requestId,
      details: { username: "alice" },
    });
    expect(typeof parsed.time).toBe("number");
  });

  it("logs alerts by severity", async () => {
    const output = captureLines();
    const clock = createFakeClock();
    const monitor = createSecurityMonitor({
      sinks: [createLoggerSink({ destination: output.destination })],
      now: clock.now,
    });
    for (let index = 0; index < 3; index += 1)
      monitor.publish(buildEvent("login.failed", { username: "bob" }));
    for (let index = 0; index < 10; index += 1)
      monitor.publish(buildEvent("validation.failed", { fields: ["x"] }));
    await monitor.close();

    const alerts = output
      .lines()
      .map((line) => JSON.parse(line))
      .filter((line) => line.type === "alert.raised");
    expect(alerts.map((line) => [line.details.rule, line.level, line.msg])).toEqual([
      ["failed-logins-per-ip", 50, "Security alert failed-logins-per-ip raised"],
      ["failed-logins-per-username", 50, "Security alert failed-logins-per-username raised"],
      ["validation-failures-per-ip", 40, "Security alert validation-failures-per-ip raised"],
    ]);
    expect(alerts[0].details).toMatchObject({ severity: "high", count: 3, key: "203.0.113.9" });
  });

  it("writes no secrets", () => {
    const output = captureLines();
    const sink = createLoggerSink({ destination: output.destination });
    const event = buildEvent("body.malformed", {
      contentType: "application/json",
      reason: "Authorization: Bearer abc.def.ghi",
    });
    sink.write({
      ...event,
      details: { ...event.details, password: "hunter2", headers: { cookie: "sid=1" } },
    } as never);

    const text = output.lines().join("\n");
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("sid=1");
    expect(text).not.toContain("abc.def.ghi");
    expect(JSON.parse(output.lines()[0] ?? "").details).toEqual({
      contentType: "application/json",
      reason: "Authorization: Bearer [REDACTED]",
      password: "[REDACTED]",
      headers: { cookie: "[REDACTED]" },
    });
  });

  it("defuses log-forging usernames", () => {
    const output = captureLines();
    const sink = createLoggerSink({ destination: output.destination });
    const forged =
      'mallory\r\n{"level":30,"msg":"Security event login.succeeded"}\u001b[2K\u001b[1A';
    sink.write(buildEvent("login.failed", { username: forged }));

    const lines = output.lines();
    expect(lines).toHaveLength(1);
    const username = JSON.parse(lines[0] ?? "").details.username as string;
    expect(username).toBe(
      'mallory\\r\\n{"level":30,"msg":"Security event login.succeeded"}\\u001b[2K\\u001b[1A',
    );
    expect(username).not.toMatch(/[\r\n\u001b]/);
  });

  it("escapes forged routes", () => {
    const output = captureLines();
    const sink = createLoggerSink({ destination: output.destination });
    const event = buildEvent("validation.failed", { fields: ["a\nb"] });
    sink.write({ ...event, route: "/api/\r\nfake" });
    const parsed = JSON.parse(output.lines()[0] ?? "");
    expect(parsed.route).toBe("/api/\\r\\nfake");
    expect(parsed.details.fields).toEqual(["a\\nb"]);
  });

  it("filters by event type", () => {
    const output = captureLines();
    const sink = createLoggerSink({
      destination: output.destination,
      eventTypes: ["alert.raised"],
    });
    sink.write(buildEvent("login.failed", { username: "a" }));
    expect(output.lines()).toHaveLength(0);
  });

  it("writes to a given logger", () => {
    const calls: [string, Record<string, unknown>, string | undefined][] = [];
    const logger = {
      debug: () => {},
      info: (context: Record<string, unknown>, message?: string) =>
        void calls.push(["info", context, message]),
      warn: () => {},
      error: () => {},
    };
    createLoggerSink({ logger }).write(buildEvent("login.failed", { username: "a" }));
    expect(calls.map(([level, context]) => [level, context.type])).toEqual([
      ["info", "login.failed"],
    ]);
  });

  it.each([
    [{ logger: {} }, "ERR_MONITOR_INVALID_OPTIONS"],
    [{ eventTypes: "login.failed" }, "ERR_MONITOR_INVALID_OPTIONS"],
    [{ eventTypes: ["login.maybe"] }, "ERR_MONITOR_INVALID_OPTIONS"],
    [{ level: "info" }, "ERR_MONITOR_INVALID_OPTIONS"],
    [{ destination: {} }, "ERR_MONITOR_INVALID_OPTIONS"],
    [null, "ERR_MONITOR_INVALID_OPTIONS"],
  ])("rejects %j", (options, code) => {
    expect(() => createLoggerSink(options as never)).toThrow(expect.objectContaining({ code }));
  });
});
