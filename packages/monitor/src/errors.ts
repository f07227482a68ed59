import { BulwarkError } from "@bulwark/core";

/**
 * Error codes of @bulwark/monitor, with what each one means. Codes up to
 * `ERR_MONITOR_RETENTION_TOO_SHORT` are thrown to developers. The last five are never thrown: they
 * are the `code` field of the lines the monitor and its sinks send to their `logger`.
 */
export const MONITOR_ERROR_CODES = {
  ERR_MONITOR_INVALID_OPTIONS:
    "Options must be a plain object with known keys only. Check the key named in the message.",
  ERR_MONITOR_INVALID_NUMBER:
    "A numeric option is out of range. The message names the option and its accepted range.",
  ERR_MONITOR_INVALID_RULE:
    "An alert rule has an invalid name, event type, key or severity, or two rules share a name.",
  ERR_MONITOR_INVALID_SINK: "A sink must be an object with a write(event) method.",
  ERR_MONITOR_INVALID_STORE: "A counting store must be an object with record() and close().",
  ERR_MONITOR_INVALID_WEBHOOK_URL: "url must be an absolute http: or https: URL.",
  ERR_MONITOR_INVALID_AUDIT_ENTRY:
    "An audit entry is missing a required field or has a value of the wrong type.",
  ERR_MONITOR_RETENTION_TOO_SHORT:
    "Audit retention below 90 days needs force: true, because the default keeps 90 days of history.",
  ERR_MONITOR_STORE_FAILED:
    "The counting store failed to record an event, so that event did not count towards alerts.",
  ERR_MONITOR_KEY_FAILED: "A rule's key function threw, so that event did not count for the rule.",
  ERR_MONITOR_SINK_FAILED: "A sink threw or rejected while writing an event.",
  ERR_MONITOR_WEBHOOK_FAILED: "A webhook delivery failed after its last attempt.",
  ERR_MONITOR_EVENTS_DROPPED:
    "Events were dropped because a bounded queue was full or the monitor was closed.",
} as const;

export type MonitorErrorCode = keyof typeof MONITOR_ERROR_CODES;

/** Error thrown by @bulwark/monitor for invalid options and refused operations. */
export class MonitorError extends BulwarkError {
  declare readonly code: MonitorErrorCode;
}

/** Creates a `MonitorError`; matches core's `OptionsErrorFactory` for `checkOptionsObject`. */
export function createMonitorError(code: string, message: string): MonitorError {
  return new MonitorError(code as MonitorErrorCode, message);
}
