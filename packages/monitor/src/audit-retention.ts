import { checkOptionsObject } from "@bulwark/core";
import type { AuditSink } from "./audit-entry.js";
import { checkInteger } from "./check-number.js";
import { createMonitorError, MonitorError } from "./errors.js";

/** Shortest audit retention accepted without `force`, in days. */
export const MIN_AUDIT_RETENTION_DAYS = 90;

/** Options of `purgeAuditEntries`. */
export interface AuditRetentionOptions {
  /** Days of history to keep, from 1 to 36500. Defaults to 90. */
  readonly retentionDays?: number;
  /** Allows `retentionDays` below 90. Defaults to false. */
  readonly force?: boolean;
  /** Clock in epoch milliseconds. Defaults to `Date.now`. */
  readonly now?: () => number;
}

const OPTION_KEYS = ["retentionDays", "force", "now"] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes audit entries older than `retentionDays` days from a sink and returns how many it
 * deleted. Throws `ERR_MONITOR_RETENTION_TOO_SHORT` for fewer than 90 days unless `force` is true,
 * because an audit trail shorter than that cannot show who did what during a typical
 * investigation window. Throws `ERR_MONITOR_INVALID_NUMBER` or `ERR_MONITOR_INVALID_OPTIONS` for
 * other invalid options.
 *
 * @example
 * setInterval(() => void purgeAuditEntries(auditSink, { retentionDays: 365 }), 24 * 60 * 60 * 1000);
 */
export async function purgeAuditEntries(
  sink: AuditSink,
  options: AuditRetentionOptions = {},
): Promise<number> {
  const checked = checkOptionsObject(
    options,
    OPTION_KEYS,
    "ERR_MONITOR_INVALID_OPTIONS",
    "purgeAuditEntries",
    createMonitorError,
  );
  const retentionDays = checkInteger(
    checked.retentionDays,
    "retentionDays",
    MIN_AUDIT_RETENTION_DAYS,
    { min: 1, max: 36_500, example: MIN_AUDIT_RETENTION_DAYS },
  );
  if (checked.force !== undefined && typeof checked.force !== "boolean") {
    throw new MonitorError("ERR_MONITOR_INVALID_OPTIONS", "force must be a boolean.");
  }
  if (retentionDays < MIN_AUDIT_RETENTION_DAYS && checked.force !== true) {
    throw new MonitorError(
      "ERR_MONITOR_RETENTION_TOO_SHORT",
      `retentionDays must be at least ${MIN_AUDIT_RETENTION_DAYS}, got ${retentionDays}. Pass force: true to keep less history on purpose.`,
    );
  }
  if (checked.now !== undefined && typeof checked.now !== "function") {
    throw new MonitorError(
      "ERR_MONITOR_INVALID_OPTIONS",
      "now must be a function returning epoch milliseconds.",
    );
  }
  if (typeof sink?.deleteOlderThan !== "function") {
    throw new MonitorError(
      "ERR_MONITOR_INVALID_OPTIONS",
      "purgeAuditEntries needs an AuditSink with deleteOlderThan(cutoff).",
    );
  }
  const now = (checked.now as (() => number) | undefined) ?? Date.now;
  return sink.deleteOlderThan(now() - retentionDays * DAY_MS);
}
