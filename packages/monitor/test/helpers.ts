import {
  createSecurityEvent,
  type Logger,
  type SecurityEvent,
  type SecurityEventDetails,
  type SecurityEventType,
} from "@bulwark/core";

/** Clock for tests: starts at a fixed time and moves only when `advance` is called. */
export interface FakeClock {
  now(): number;
  advance(milliseconds: number): void;
}

export function createFakeClock(start = Date.UTC(2026, 0, 1)): FakeClock {
  let time = start;
  return {
    now: () => time,
    advance(milliseconds) {
      time += milliseconds;
    },
  };
}

let nextRequest = 0;

/** Builds an event from 203.0.113.9 on the login route unless `clientIp` is given; null means none. */
export function buildEvent<T extends SecurityEventType>(
  type: T,
  details: SecurityEventDetails[T],
  clientIp: string | null = "203.0.113.9",
): SecurityEvent {
  nextRequest += 1;
  return createSecurityEvent(
    type,
    {
      clientIp: clientIp ?? undefined,
      method: "POST",
      route: "/api/auth/login",
      requestId: `req-${nextRequest}`,
    },
    details,
    0,
  ) as unknown as SecurityEvent;
}

/** Returns the alerts among recorded events. */
export function alertsOf(events: readonly SecurityEvent[]): SecurityEvent<"alert.raised">[] {
  return events.filter(
    (event): event is SecurityEvent<"alert.raised"> => event.type === "alert.raised",
  );
}

/** Creates a sink that keeps every event it receives, in order. */
export function createRecordingSink(): {
  events: SecurityEvent[];
  write(event: SecurityEvent): void;
} {
  const events: SecurityEvent[] = [];
  return { events, write: (event) => events.push(event) };
}

/** Creates a logger that keeps the context object of every line it receives, at any level. */
export function createRecordingLogger(): Logger & { lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const push = (context: Record<string, unknown>) => void lines.push(context);
  return { lines, debug: push, info: push, warn: push, error: push };
}
