import { checkOptionsObject } from "@bulwark/core";
import { checkInteger } from "./check-number.js";
import {
  type CountInput,
  type CountingStore,
  type CountResult,
  MAX_ALERT_REQUEST_IDS,
} from "./counting-store.js";
import { createMonitorError } from "./errors.js";

/** Options of `createMemoryCountingStore`. */
export interface MemoryCountingStoreOptions {
  /**
   * Keys kept at most, from 1 to 10000000. Defaults to 50000. When full, the least recently
   * counted key is evicted. Each key stores up to `max(threshold, 100)` timestamps of 8 bytes, so
   * the default bounds timestamps to about 40 MB (an estimate that leaves out object overhead).
   */
  readonly maxKeys?: number;
}

const OPTION_KEYS = ["maxKeys"] as const;
const DEFAULT_MAX_KEYS = 50_000;

interface KeyWindow {
  // In the order the events were counted.
  timestamps: number[];
  // Only the newest events' ids: the newest in-window ids are always among them.
  recent: { readonly timestamp: number; readonly requestId: string }[];
  alertUntil: number;
}

/**
 * Creates a counting store in process memory: sliding windows of event timestamps per key, with
 * the alert marker beside them. Counts are not shared between processes; use
 * `createRedisCountingStore` for that. Throws `ERR_MONITOR_INVALID_OPTIONS` or
 * `ERR_MONITOR_INVALID_NUMBER` for invalid options.
 *
 * @example
 * const monitor = createSecurityMonitor({ store: createMemoryCountingStore({ maxKeys: 50_000 }) });
 */
export function createMemoryCountingStore(options: MemoryCountingStoreOptions = {}): CountingStore {
  const checked = checkOptionsObject(
    options,
    OPTION_KEYS,
    "ERR_MONITOR_INVALID_OPTIONS",
    "createMemoryCountingStore",
    createMonitorError,
  );
  const maxKeys = checkInteger(checked.maxKeys, "maxKeys", DEFAULT_MAX_KEYS, {
    min: 1,
    max: 10_000_000,
    example: DEFAULT_MAX_KEYS,
  });
  // A Map iterates in insertion order, so deleting and re-inserting a key on each use keeps the
  // least recently used key first, ready for eviction.
  const windows = new Map<string, KeyWindow>();

  const record = (input: CountInput): CountResult => {
    const window = windows.get(input.key) ?? { timestamps: [], recent: [], alertUntil: 0 };
    windows.delete(input.key);
    // The window is (cutoff, now]: an event exactly windowMs old has left it, as in the Redis store.
    const cutoff = input.timestamp - input.windowMs;
    window.timestamps = window.timestamps.filter((timestamp) => timestamp > cutoff);
    window.timestamps.push(input.timestamp);
    if (window.timestamps.length > input.maxEvents) window.timestamps.shift();
    if (input.requestId !== undefined) {
      window.recent.push({ timestamp: input.timestamp, requestId: input.requestId });
      if (window.recent.length > MAX_ALERT_REQUEST_IDS) window.recent.shift();
    }

    // NOTE: an attacker who spreads events over more than maxKeys keys evicts older windows, and
    // their counts start again from zero.
    if (windows.size >= maxKeys) {
      const oldest = windows.keys().next();
      if (oldest.done !== true) windows.delete(oldest.value);
    }
    windows.set(input.key, window);

    const count = window.timestamps.length;
    const alert = count >= input.threshold && input.timestamp >= window.alertUntil;
    if (!alert) return { count, alert, firstSeen: 0, requestIds: [] };

    window.alertUntil = input.timestamp + input.windowMs;
    return {
      count,
      alert,
      firstSeen: Math.min(...window.timestamps),
      requestIds: window.recent
        .filter((entry) => entry.timestamp > cutoff)
        .map((entry) => entry.requestId),
    };
  };

  return {
    record: (input) => Promise.resolve(record(input)),
    close: () => {
      windows.clear();
      return Promise.resolve();
    },
  };
}
