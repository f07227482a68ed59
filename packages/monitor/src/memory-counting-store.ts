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
   * Keys kept at most, from 1 to 10000000. Defaults to 100000. When full, the least recently
   * counted key is evicted.
   */
  readonly maxKeys?: number;
}

const OPTION_KEYS = ["maxKeys"] as const;
const DEFAULT_MAX_KEYS = 100_000;

interface KeyWindow {
  // Parallel arrays in the order the events were counted.
  timestamps: number[];
  requestIds: (string | undefined)[];
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
    const window = windows.get(input.key) ?? { timestamps: [], requestIds: [], alertUntil: 0 };
    windows.delete(input.key);
    prune(window, input.timestamp - input.windowMs);
    window.timestamps.push(input.timestamp);
    window.requestIds.push(input.requestId);
    if (window.timestamps.length > input.maxEvents) {
      window.timestamps.shift();
      window.requestIds.shift();
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
      requestIds: window.requestIds
        .filter((id): id is string => id !== undefined)
        .slice(-MAX_ALERT_REQUEST_IDS),
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

// The window is (cutoff, now]: an event exactly windowMs old has left it, as in the Redis store.
function prune(window: KeyWindow, cutoff: number): void {
  let kept = 0;
  for (let index = 0; index < window.timestamps.length; index += 1) {
    const timestamp = window.timestamps[index] as number;
    if (timestamp <= cutoff) continue;
    window.timestamps[kept] = timestamp;
    window.requestIds[kept] = window.requestIds[index];
    kept += 1;
  }
  window.timestamps.length = kept;
  window.requestIds.length = kept;
}
