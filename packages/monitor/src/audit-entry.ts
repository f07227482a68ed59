import { checkOptionsObject, describeValue, isPlainObject } from "@bulwark/core";
import { createMonitorError, MonitorError } from "./errors.js";

/** Result of an audited action: done, failed, or rejected by an authorization check. */
export type AuditOutcome = "success" | "failure" | "denied";

/** One audit trail record: who did what to which target, from which client, when, and how it ended. */
export interface AuditEntry {
  /** Time of the action in epoch milliseconds. */
  readonly timestamp: number;
  /** Id of the authenticated user, or undefined for an anonymous request such as a failed login. */
  readonly actorId: string | undefined;
  /** Role of the actor at the time, such as `admin`. */
  readonly actorRole: string | undefined;
  readonly clientIp: string | undefined;
  /** Name of the action, such as `contact.update` or `auth.login`. */
  readonly action: string;
  /** Kind of the object acted on, such as `contact`. */
  readonly targetType: string;
  readonly targetId: string | undefined;
  readonly outcome: AuditOutcome;
  readonly requestId: string | undefined;
  /** `User-Agent` header, at most 512 characters. */
  readonly userAgent: string | undefined;
}

/** Filter and page of `AuditSink.list`. */
export interface AuditQuery {
  /** Entries to return, from 1 to 1000. Defaults to 50. */
  readonly limit?: number;
  /** Entries to skip. Defaults to 0. */
  readonly offset?: number;
  readonly actorId?: string;
  /** Earliest timestamp to include, in epoch milliseconds. */
  readonly since?: number;
  /** Timestamp to stop before, in epoch milliseconds. */
  readonly until?: number;
}

/**
 * Storage of the audit trail. The reference CRM implements it on PostgreSQL; `createMemoryAuditSink`
 * is for tests and development.
 */
export interface AuditSink {
  /** Stores one entry. Rejects when it cannot, so the caller can fail the audited request. */
  append(entry: AuditEntry): Promise<void>;
  /** Returns matching entries, newest first. */
  list(query?: AuditQuery): Promise<AuditEntry[]>;
  /** Deletes entries with a timestamp before `cutoff` (epoch milliseconds) and returns how many. */
  deleteOlderThan(cutoff: number): Promise<number>;
}

const ENTRY_KEYS = [
  "timestamp",
  "actorId",
  "actorRole",
  "clientIp",
  "action",
  "targetType",
  "targetId",
  "outcome",
  "requestId",
  "userAgent",
] as const;
const OUTCOMES: readonly AuditOutcome[] = ["success", "failure", "denied"];
const REQUIRED_TEXT = ["action", "targetType"] as const;
const OPTIONAL_TEXT = [
  "actorId",
  "actorRole",
  "clientIp",
  "targetId",
  "requestId",
  "userAgent",
] as const;
const MAX_USER_AGENT_LENGTH = 512;

/**
 * Validates an audit entry and returns a frozen copy with `userAgent` cut to 512 characters.
 * Throws `ERR_MONITOR_INVALID_AUDIT_ENTRY` naming the first bad field, and
 * `ERR_MONITOR_INVALID_OPTIONS` for an unknown field.
 */
export function parseAuditEntry(value: unknown): AuditEntry {
  if (!isPlainObject(value)) {
    throw invalidEntry("entry", value, "a plain object");
  }
  const entry = checkOptionsObject(
    value,
    ENTRY_KEYS,
    "ERR_MONITOR_INVALID_OPTIONS",
    "AuditEntry",
    createMonitorError,
  );
  if (typeof entry.timestamp !== "number" || !Number.isFinite(entry.timestamp)) {
    throw invalidEntry("timestamp", entry.timestamp, "finite epoch milliseconds");
  }
  for (const field of REQUIRED_TEXT) {
    if (typeof entry[field] !== "string" || entry[field] === "")
      throw invalidEntry(field, entry[field], "a non-empty string");
  }
  for (const field of OPTIONAL_TEXT) {
    if (entry[field] !== undefined && typeof entry[field] !== "string")
      throw invalidEntry(field, entry[field], "a string or undefined");
  }
  if (!OUTCOMES.includes(entry.outcome as AuditOutcome)) {
    throw invalidEntry("outcome", entry.outcome, OUTCOMES.join(", "));
  }

  const userAgent = entry.userAgent as string | undefined;
  return Object.freeze({
    timestamp: entry.timestamp,
    actorId: entry.actorId as string | undefined,
    actorRole: entry.actorRole as string | undefined,
    clientIp: entry.clientIp as string | undefined,
    action: entry.action as string,
    targetType: entry.targetType as string,
    targetId: entry.targetId as string | undefined,
    outcome: entry.outcome as AuditOutcome,
    requestId: entry.requestId as string | undefined,
    userAgent: userAgent === undefined ? undefined : userAgent.slice(0, MAX_USER_AGENT_LENGTH),
  });
}

function invalidEntry(field: string, value: unknown, expected: string): MonitorError {
  return new MonitorError(
    "ERR_MONITOR_INVALID_AUDIT_ENTRY",
    `AuditEntry ${field} must be ${expected}, got ${describeValue(value)}.`,
  );
}
