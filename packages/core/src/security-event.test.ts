import { describe, expect, it } from "vitest";
import type { Logger } from "./logger.js";
import { createSecurityEvent, SECURITY_EVENT_TYPES } from "./security-event.js";
import { createSecurityEventBus } from "./security-event-bus.js";

const CONTEXT = {
  clientIp: "203.0.113.9",
  method: "POST",
  route: "/api/auth/login",
  requestId: "req-1",
};

describe("createSecurityEvent", () => {
  it("stamps type, time, context and details", () => {
    const event = createSecurityEvent("login.failed", CONTEXT, { username: "alice" }, 1_000);

    expect(event).toEqual({
      type: "login.failed",
      timestamp: 1_000,
      clientIp: "203.0.113.9",
      method: "POST",
      route: "/api/auth/login",
      requestId: "req-1",
      details: { username: "alice" },
    });
  });

  it("defaults the timestamp to now", () => {
    const before = Date.now();
    const event = createSecurityEvent("validation.failed", CONTEXT, { fields: ["body.email"] });

    expect(event.timestamp).toBeGreaterThanOrEqual(before);
    expect(event.timestamp).toBeLessThanOrEqual(Date.now());
  });

  it("lists every event type once", () => {
    expect(new Set(SECURITY_EVENT_TYPES).size).toBe(SECURITY_EVENT_TYPES.length);
    expect(SECURITY_EVENT_TYPES).toContain("alert.raised");
    expect(SECURITY_EVENT_TYPES).toContain("injection.suspected");
  });
});

describe("createSecurityEventBus", () => {
  it("delivers events to listeners in order", () => {
    const bus = createSecurityEventBus();
    const seen: string[] = [];
    bus.subscribe((event) => seen.push(`first:${event.type}`));
    bus.subscribe((event) => seen.push(`second:${event.type}`));

    bus.publish(createSecurityEvent("login.failed", CONTEXT, { username: "bob" }));

    expect(seen).toEqual(["first:login.failed", "second:login.failed"]);
  });

  it("stops delivering after unsubscribe", () => {
    const bus = createSecurityEventBus();
    let count = 0;
    const unsubscribe = bus.subscribe(() => {
      count += 1;
    });

    bus.publish(createSecurityEvent("login.failed", CONTEXT, { username: "bob" }));
    unsubscribe();
    bus.publish(createSecurityEvent("login.failed", CONTEXT, { username: "bob" }));

    expect(count).toBe(1);
  });

  it("logs and swallows a throwing listener", () => {
    const logged: Record<string, unknown>[] = [];
    const logger: Logger = {
      debug: () => {},
      info: () => {},
      warn: () => {},
      error: (context) => logged.push(context),
    };
    const bus = createSecurityEventBus({ logger });
    let reachedSecond = false;
    bus.subscribe(() => {
      throw new Error("sink broke");
    });
    bus.subscribe(() => {
      reachedSecond = true;
    });

    expect(() =>
      bus.publish(createSecurityEvent("login.failed", CONTEXT, { username: "bob" })),
    ).not.toThrow();
    expect(reachedSecond).toBe(true);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ eventType: "login.failed", requestId: "req-1" });
  });
});
