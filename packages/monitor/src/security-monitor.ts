import {
  checkOptionsObject,
  createSecurityEvent,
  describeValue,
  type Logger,
  NOOP_LOGGER,
  type SecurityEvent,
  type SecurityEventPublisher,
} from "@bulwark/core";
import { type AlertRule, parseAlertRules } from "./alert-rules.js";
import { checkInteger } from "./check-number.js";
import type { CountingStore, CountResult } from "./counting-store.js";
import { createMonitorError, MonitorError } from "./errors.js";
import { createMemoryCountingStore } from "./memory-counting-store.js";
import { buildStoreKey, resolveAlertKey } from "./resolve-alert-key.js";
import type { SecuritySink } from "./security-sink.js";
import { createThrottledLog } from "./throttled-log.js";

/** Options of `createSecurityMonitor`. */
export interface SecurityMonitorOptions {
  /** Alert rules. Defaults to `DEFAULT_ALERT_RULES`; an empty array turns alerting off. */
  readonly rules?: readonly AlertRule[];
  /** Sinks that receive events and alerts. Defaults to none. */
  readonly sinks?: readonly SecuritySink[];
  /** Counting store. Defaults to a new `createMemoryCountingStore()`, closed by `close`. */
  readonly store?: CountingStore;
  /** Receives the monitor's own failures, each code at most once a minute. */
  readonly logger?: Logger;
  /** Counts waiting for the store at most, from 1 to 1000000. Defaults to 10000. */
  readonly maxPendingCounts?: number;
  /** Clock in epoch milliseconds. Defaults to `Date.now`; tests pass a fake one. */
  readonly now?: () => number;
}

/** A monitor that adapters and apps publish security events to. */
export interface SecurityMonitor extends SecurityEventPublisher {
  /**
   * Hands an event to the sinks and queues its counting. Returns at once and never throws, so it
   * fits core's `SecurityEventPublisher`. Events published after `close` are dropped and counted.
   */
  publish(event: SecurityEvent): void;
  /** Waits until queued counts are done and alerts written, then flushes the sinks. */
  flush(): Promise<void>;
  /**
   * Stops taking events, waits for queued counts, then closes the sinks (or flushes those without
   * `close`) and a store the monitor created.
   */
  close(): Promise<void>;
}

/**
 * Events kept per key at least, so an alert reports counts up to 100 even for a threshold of 3.
 * More would cost memory for every attacking key without changing whether an alert fires.
 */
const MIN_EVENTS_PER_KEY = 100;

const MAX_REQUEST_ID_LENGTH = 128;

const OPTION_KEYS = ["rules", "sinks", "store", "logger", "maxPendingCounts", "now"] as const;

/**
 * Creates a security monitor. It passes each event to the sinks and counts it for every rule of
 * its type over a sliding window. It publishes one `alert.raised` event per rule, key and window
 * to the sinks, with the severity, count, first and last seen times and up to 5 request ids. The
 * alert's request facts (client IP, method, route, request id) are those of the event that
 * crossed the threshold.
 *
 * Counting is asynchronous and bounded by `maxPendingCounts`: past it, events still reach the sinks
 * but are not counted, and `ERR_MONITOR_EVENTS_DROPPED` is logged. A store failure is logged as
 * `ERR_MONITOR_STORE_FAILED` and a sink failure as `ERR_MONITOR_SINK_FAILED`. Throws
 * `ERR_MONITOR_INVALID_OPTIONS`, `ERR_MONITOR_INVALID_RULE`, `ERR_MONITOR_INVALID_NUMBER`,
 * `ERR_MONITOR_INVALID_SINK` or `ERR_MONITOR_INVALID_STORE` for invalid options.
 *
 * @example
 * const monitor = createSecurityMonitor({ sinks: [createLoggerSink()] });
 * app.use(bulwark({ events: monitor }));
 * process.on("SIGTERM", () => void monitor.close());
 */
export function createSecurityMonitor(options: SecurityMonitorOptions = {}): SecurityMonitor {
  const checked = checkOptionsObject(
    options,
    OPTION_KEYS,
    "ERR_MONITOR_INVALID_OPTIONS",
    "createSecurityMonitor",
    createMonitorError,
  );
  const rules = parseAlertRules(checked.rules);
  const sinks = parseSinks(checked.sinks);
  const ownsStore = checked.store === undefined;
  const store = ownsStore ? createMemoryCountingStore() : parseStore(checked.store);
  const now = parseClock(checked.now);
  const maxPendingCounts = checkInteger(checked.maxPendingCounts, "maxPendingCounts", 10_000, {
    min: 1,
    max: 1_000_000,
    example: 10_000,
  });
  const log = createThrottledLog((checked.logger as Logger | undefined) ?? NOOP_LOGGER, now);
  const rulesByType = groupRulesByType(rules);
  const pending = new Set<Promise<void>>();
  let closed = false;
  let droppedCounts = 0;

  const writeToSinks = (event: SecurityEvent) => {
    for (const sink of sinks) {
      try {
        sink.write(event);
      } catch (error) {
        log(
          "ERR_MONITOR_SINK_FAILED",
          { err: error, eventType: event.type, requestId: event.requestId },
          "Security sink failed to write an event",
        );
      }
    }
  };

  const raiseAlert = (
    rule: AlertRule,
    key: string,
    event: SecurityEvent,
    result: CountResult,
    time: number,
  ) => {
    const alert = createSecurityEvent(
      "alert.raised",
      {
        clientIp: event.clientIp,
        method: event.method,
        route: event.route,
        requestId: event.requestId,
      },
      {
        rule: rule.name,
        key,
        severity: rule.severity,
        count: result.count,
        firstSeen: result.firstSeen,
        lastSeen: time,
        requestIds: result.requestIds,
      },
      time,
    );
    writeToSinks(alert);
  };

  const count = (rule: AlertRule, event: SecurityEvent) => {
    let key: string | undefined;
    try {
      key = resolveAlertKey(rule.key, event);
    } catch (error) {
      log(
        "ERR_MONITOR_KEY_FAILED",
        { err: error, rule: rule.name, requestId: event.requestId },
        "Alert rule key function failed",
      );
      return;
    }
    // NOTE: an event without a key (no client IP behind a misconfigured proxy, say) is not
    // counted for that rule, because one shared "unknown" key would merge every such client.
    if (key === undefined) return;
    if (pending.size >= maxPendingCounts) {
      droppedCounts += 1;
      log(
        "ERR_MONITOR_EVENTS_DROPPED",
        { droppedCounts, rule: rule.name },
        "Security event not counted: too many counts pending",
      );
      return;
    }

    const time = now();
    const input = {
      key: buildStoreKey(rule.name, key),
      timestamp: time,
      windowMs: rule.windowMs,
      threshold: rule.threshold,
      maxEvents: Math.max(rule.threshold, MIN_EVENTS_PER_KEY),
      // Request ids from resolveRequestId are at most 128 characters; longer ones are cut to that.
      requestId: event.requestId?.slice(0, MAX_REQUEST_ID_LENGTH),
    };
    // The promise constructor turns a store that throws synchronously into a rejection.
    const task = new Promise<CountResult>((resolve) => resolve(store.record(input))).then(
      (result) => {
        if (result.alert) raiseAlert(rule, key, event, result, time);
      },
      (error: unknown) => {
        log(
          "ERR_MONITOR_STORE_FAILED",
          { err: error, rule: rule.name, requestId: event.requestId },
          "Security event counting failed",
        );
      },
    );
    pending.add(task);
    void task.finally(() => pending.delete(task));
  };

  const flush = async () => {
    while (pending.size > 0) await Promise.all(pending);
    await Promise.all(sinks.map((sink) => callSink(sink.flush?.bind(sink), log)));
  };

  return {
    publish(event) {
      if (closed) {
        droppedCounts += 1;
        log(
          "ERR_MONITOR_EVENTS_DROPPED",
          { droppedCounts, eventType: event?.type },
          "Security event published after close",
        );
        return;
      }
      try {
        writeToSinks(event);
        // Alerts go to the sinks but are never counted, so an alert cannot trigger another.
        for (const rule of rulesByType.get(event.type) ?? []) count(rule, event);
      } catch (error) {
        // Reached only by a malformed event or a clock that throws: publish must never throw.
        log("ERR_MONITOR_EVENTS_DROPPED", { err: error }, "Security event could not be processed");
      }
    },
    flush,
    async close() {
      if (closed) return flush();
      closed = true;
      while (pending.size > 0) await Promise.all(pending);
      // A sink's own close decides how long to keep delivering, so a webhook sink whose receiver
      // is down drops its queue instead of retrying every event during shutdown.
      await Promise.all(sinks.map((sink) => callSink((sink.close ?? sink.flush)?.bind(sink), log)));
      if (ownsStore) await store.close();
    },
  };
}

async function callSink(
  method: (() => Promise<void>) | undefined,
  log: ReturnType<typeof createThrottledLog>,
): Promise<void> {
  try {
    await method?.();
  } catch (error) {
    log("ERR_MONITOR_SINK_FAILED", { err: error }, "Security sink failed to flush or close");
  }
}

function groupRulesByType(rules: readonly AlertRule[]): Map<string, AlertRule[]> {
  const grouped = new Map<string, AlertRule[]>();
  for (const rule of rules) {
    const list = grouped.get(rule.eventType) ?? [];
    list.push(rule);
    grouped.set(rule.eventType, list);
  }
  return grouped;
}

function parseSinks(value: unknown): readonly SecuritySink[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    throw new MonitorError(
      "ERR_MONITOR_INVALID_SINK",
      `sinks must be an array of sinks, got ${describeValue(value)}.`,
    );
  }
  for (const [index, sink] of value.entries()) {
    if (typeof (sink as Partial<SecuritySink> | null)?.write !== "function") {
      throw new MonitorError(
        "ERR_MONITOR_INVALID_SINK",
        `sinks[${index}] must have a write(event) method, got ${describeValue(sink)}. Use createLoggerSink(), createCallbackSink() or createWebhookSink().`,
      );
    }
  }
  return [...value] as SecuritySink[];
}

function parseStore(value: unknown): CountingStore {
  const store = value as Partial<CountingStore> | null;
  if (typeof store?.record !== "function" || typeof store.close !== "function") {
    throw new MonitorError(
      "ERR_MONITOR_INVALID_STORE",
      `store must have record() and close() methods, got ${describeValue(value)}. Use createMemoryCountingStore() or createRedisCountingStore().`,
    );
  }
  return store as CountingStore;
}

function parseClock(value: unknown): () => number {
  if (value === undefined) return Date.now;
  if (typeof value !== "function") {
    throw new MonitorError(
      "ERR_MONITOR_INVALID_OPTIONS",
      `now must be a function returning epoch milliseconds, got ${describeValue(value)}.`,
    );
  }
  return value as () => number;
}
