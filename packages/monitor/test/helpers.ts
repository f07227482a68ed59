import {
  createSecurityEvent,
  type SecurityEvent,
  type SecurityEventDetails,
  type SecurityEventType,
} from "@bulwark/core";

/** A clock for tests: starts at a fixed time and moves only when told. */
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

/** A sink that keeps every event it is given, in order. */
export function createRecordingSink(): {
  events: SecurityEvent[];
  write(event: SecurityEvent): void;
} {
  const events: SecurityEvent[] = [];
  return { events, write: (event) => events.push(event) };
}
