import type { SecurityEvent } from "@bulwark/core";
import { describe, expect, it } from "vitest";
import { buildEvent, createRecordingLogger } from "../test/helpers.js";
import { createCallbackSink } from "./callback-sink.js";

describe("createCallbackSink", () => {
  it("passes redacted events", () => {
    const received: SecurityEvent[] = [];
    const sink = createCallbackSink({ onEvent: (event) => void received.push(event) });
    const event = buildEvent("login.failed", { username: "eve\n" });
    sink.write({ ...event, details: { ...event.details, password: "x" } } as never);
    expect(received[0]?.details).toEqual({ username: "eve\\n", password: "[REDACTED]" });
  });

  it("logs a throwing callback", () => {
    const logger = createRecordingLogger();
    const sink = createCallbackSink({
      onEvent: () => {
        throw new Error("bug");
      },
      logger,
    });
    expect(() => sink.write(buildEvent("login.failed", { username: "a" }))).not.toThrow();
    expect(logger.lines[0]).toMatchObject({ code: "ERR_MONITOR_SINK_FAILED" });
  });

  it("waits for and logs rejections on flush", async () => {
    const logger = createRecordingLogger();
    const sink = createCallbackSink({ onEvent: () => Promise.reject(new Error("down")), logger });
    sink.write(buildEvent("login.failed", { username: "a" }));
    await sink.flush?.();
    expect(logger.lines[0]).toMatchObject({ code: "ERR_MONITOR_SINK_FAILED" });
  });

  it("filters by event type", () => {
    const received: SecurityEvent[] = [];
    const sink = createCallbackSink({
      onEvent: (event) => void received.push(event),
      eventTypes: ["login.succeeded"],
    });
    sink.write(buildEvent("login.failed", { username: "a" }));
    expect(received).toHaveLength(0);
  });

  it.each([
    [{}, "ERR_MONITOR_INVALID_SINK"],
    [{ onEvent: "log" }, "ERR_MONITOR_INVALID_SINK"],
    [{ onEvent: () => {}, extra: 1 }, "ERR_MONITOR_INVALID_OPTIONS"],
    [{ onEvent: () => {}, eventTypes: [null] }, "ERR_MONITOR_INVALID_OPTIONS"],
  ])("rejects %j", (options, code) => {
    expect(() => createCallbackSink(options as never)).toThrow(expect.objectContaining({ code }));
  });
});
