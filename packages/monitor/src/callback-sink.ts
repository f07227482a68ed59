import {
  checkOptionsObject,
  describeValue,
  type Logger,
  NOOP_LOGGER,
  type SecurityEvent,
} from "@bulwark/core";
import { createMonitorError, MonitorError } from "./errors.js";
import { redactSecrets } from "./redact.js";
import { parseEventTypes, type SecuritySink } from "./security-sink.js";
import { createThrottledLog } from "./throttled-log.js";

/** Options of `createCallbackSink`. */
export interface CallbackSinkOptions {
  /** Called with each redacted event. May return a promise, which `flush` waits for. */
  readonly onEvent: (event: SecurityEvent) => void | Promise<void>;
  /** Event types to pass on. Defaults to all. */
  readonly eventTypes?: readonly SecurityEvent["type"][];
  /** Receives `ERR_MONITOR_SINK_FAILED` when the callback throws or rejects. */
  readonly logger?: Logger;
}

const OPTION_KEYS = ["onEvent", "eventTypes", "logger"] as const;

/**
 * Creates a sink that calls a function with each event after `redactSecrets`, so the callback
 * never receives a password, token, cookie or `Authorization` value. A throw or rejection is logged
 * as `ERR_MONITOR_SINK_FAILED`, at most once a minute, and never reaches the request. Throws
 * `ERR_MONITOR_INVALID_SINK` when `onEvent` is not a function.
 *
 * @example
 * const sink = createCallbackSink({ onEvent: (event) => metrics.increment(event.type) });
 */
export function createCallbackSink(options: CallbackSinkOptions): SecuritySink {
  const checked = checkOptionsObject(
    options,
    OPTION_KEYS,
    "ERR_MONITOR_INVALID_OPTIONS",
    "createCallbackSink",
    createMonitorError,
  );
  const onEvent = checked.onEvent as CallbackSinkOptions["onEvent"];
  if (typeof onEvent !== "function") {
    throw new MonitorError(
      "ERR_MONITOR_INVALID_SINK",
      `createCallbackSink needs onEvent, a function, got ${describeValue(onEvent)}.`,
    );
  }
  const eventTypes = parseEventTypes(checked.eventTypes, "createCallbackSink");
  const log = createThrottledLog((checked.logger as Logger | undefined) ?? NOOP_LOGGER, Date.now);
  const pending = new Set<Promise<void>>();

  const fail = (error: unknown, event: SecurityEvent) => {
    log(
      "ERR_MONITOR_SINK_FAILED",
      { err: error, eventType: event.type, requestId: event.requestId },
      "Security event callback failed",
    );
  };

  return {
    write(event) {
      if (eventTypes !== undefined && !eventTypes.has(event.type)) return;
      const redacted = redactSecrets(event) as SecurityEvent;
      try {
        const result = onEvent(redacted);
        if (result === undefined || typeof result.then !== "function") return;
        const tracked = Promise.resolve(result).then(
          () => undefined,
          (error: unknown) => fail(error, event),
        );
        pending.add(tracked);
        void tracked.finally(() => pending.delete(tracked));
      } catch (error) {
        fail(error, event);
      }
    },
    async flush() {
      while (pending.size > 0) await Promise.all(pending);
    },
    async close() {
      await this.flush?.();
    },
  };
}
