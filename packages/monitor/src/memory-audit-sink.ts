import { checkOptionsObject, describeValue } from "@bulwark/core";
import {
  type AuditEntry,
  type AuditQuery,
  type AuditSink,
  parseAuditEntry,
} from "./audit-entry.js";
import { checkInteger } from "./check-number.js";
import { createMonitorError, MonitorError } from "./errors.js";

/** Options of `createMemoryAuditSink`. */
export interface MemoryAuditSinkOptions {
  /** Entries kept at most, from 1 to 10000000. Defaults to 100000; the oldest go first. */
  readonly maxEntries?: number;
}

const OPTION_KEYS = ["maxEntries"] as const;
const QUERY_KEYS = ["limit", "offset", "actorId", "since", "until"] as const;

/**
 * Creates an audit sink in process memory, for tests and development. Entries are validated with
 * `parseAuditEntry` and lost on restart. Throws `ERR_MONITOR_INVALID_OPTIONS` or
 * `ERR_MONITOR_INVALID_NUMBER` for invalid options.
 *
 * @example
 * const audit = createMemoryAuditSink();
 * await audit.append({ timestamp: Date.now(), action: "contact.delete", outcome: "success", ... });
 */
export function createMemoryAuditSink(options: MemoryAuditSinkOptions = {}): AuditSink {
  const checked = checkOptionsObject(
    options,
    OPTION_KEYS,
    "ERR_MONITOR_INVALID_OPTIONS",
    "createMemoryAuditSink",
    createMonitorError,
  );
  const maxEntries = checkInteger(checked.maxEntries, "maxEntries", 100_000, {
    min: 1,
    max: 10_000_000,
    example: 100_000,
  });
  // NOTE: entries past maxEntries are deleted oldest first without a log line. A long-running
  // process therefore keeps only the newest ones, so production needs a database-backed sink.
  let entries: AuditEntry[] = [];

  return {
    append(entry) {
      try {
        entries.push(parseAuditEntry(entry));
      } catch (error) {
        return Promise.reject(error);
      }
      if (entries.length > maxEntries) entries.splice(0, entries.length - maxEntries);
      return Promise.resolve();
    },
    list(query = {}) {
      try {
        return Promise.resolve(selectEntries(entries, query));
      } catch (error) {
        return Promise.reject(error);
      }
    },
    deleteOlderThan(cutoff) {
      if (typeof cutoff !== "number" || !Number.isFinite(cutoff)) {
        return Promise.reject(
          new MonitorError(
            "ERR_MONITOR_INVALID_NUMBER",
            `cutoff must be finite epoch milliseconds, got ${describeValue(cutoff)}.`,
          ),
        );
      }
      const before = entries.length;
      entries = entries.filter((entry) => entry.timestamp >= cutoff);
      return Promise.resolve(before - entries.length);
    },
  };
}

function selectEntries(entries: readonly AuditEntry[], query: AuditQuery): AuditEntry[] {
  const checked = checkOptionsObject(
    query,
    QUERY_KEYS,
    "ERR_MONITOR_INVALID_OPTIONS",
    "AuditQuery",
    createMonitorError,
  );
  const limit = checkInteger(checked.limit, "limit", 50, { min: 1, max: 1000, example: 50 });
  const offset = checkInteger(checked.offset, "offset", 0, {
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    example: 0,
  });
  const since = checked.since as number | undefined;
  const until = checked.until as number | undefined;
  const actorId = checked.actorId as string | undefined;

  return entries
    .filter((entry) => actorId === undefined || entry.actorId === actorId)
    .filter((entry) => since === undefined || entry.timestamp >= since)
    .filter((entry) => until === undefined || entry.timestamp < until)
    .sort((left, right) => right.timestamp - left.timestamp)
    .slice(offset, offset + limit);
}
