import {
  describeValue,
  SECURITY_EVENT_TYPES,
  type SecurityEvent,
  type SecurityEventType,
} from "@bulwark/core";
import { MonitorError } from "./errors.js";

/**
 * Destination of security events and alerts. `write` must return at once and never throw: a sink
 * that does slow work queues it and finishes it in `flush`. The monitor still catches and logs a
 * sink that throws.
 */
export interface SecuritySink {
  write(event: SecurityEvent): void;
  /** Waits until queued work is done. */
  flush?(): Promise<void>;
  /** Flushes, then releases what the sink owns. */
  close?(): Promise<void>;
}

/**
 * Validates an `eventTypes` option and returns the set of accepted types, or undefined for all
 * types. Throws `ERR_MONITOR_INVALID_OPTIONS` naming the bad entry.
 */
export function parseEventTypes(
  value: unknown,
  label: string,
): ReadonlySet<SecurityEventType> | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    throw new MonitorError(
      "ERR_MONITOR_INVALID_OPTIONS",
      `${label}.eventTypes must be an array of security event types, got ${describeValue(value)}.`,
    );
  }
  for (const [index, type] of value.entries()) {
    if (!(SECURITY_EVENT_TYPES as readonly unknown[]).includes(type)) {
      throw new MonitorError(
        "ERR_MONITOR_INVALID_OPTIONS",
        `${label}.eventTypes[${index}] must be one of ${SECURITY_EVENT_TYPES.join(", ")}, got ${describeValue(type)}.`,
      );
    }
  }
  return new Set(value as SecurityEventType[]);
}
