import { checkOptionsObject, describeValue } from "@bulwark/core";
import {
  type AuditEntry,
  type AuditOutcome,
  type AuditQuery,
  type AuditSink,
  parseAuditEntry,
} from "@bulwark/monitor";
import type { Kysely, SelectQueryBuilder } from "kysely";
import type { AuditLogRow, CrmDatabase } from "./database/schema.js";
import { CrmError, createCrmError } from "./errors.js";

/** Actions the CRM writes to the audit log. */
export const AUDIT_ACTIONS = [
  "login.succeeded",
  "login.failed",
  "user.created",
  "user.updated",
  "user.role_changed",
  "user.deleted",
  "contact.deleted",
  "contacts.exported",
  "contacts.bulk_imported",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** An audit entry as stored, with its sequence number. */
export interface StoredAuditEntry extends AuditEntry {
  readonly id: string;
}

/** Filter and page of `AuditLog.list`: the monitor's `AuditQuery` plus an `action` filter. */
export interface AuditLogQuery extends AuditQuery {
  /** Only entries of this action, such as `login.failed`. */
  readonly action?: string;
}

/**
 * Audit log stored in the `audit_log` table. It is the monitor's `AuditSink`, so
 * `purgeAuditEntries(crm.audit, { retentionDays })` from `@bulwark/monitor` applies the retention.
 */
export interface AuditLog extends AuditSink {
  /** Returns matching entries, newest first: `limit` 1 to 1000 (default 50), `offset` from 0. */
  list(query?: AuditLogQuery): Promise<StoredAuditEntry[]>;
  /** Counts the entries that match the filters of `query`, ignoring `limit` and `offset`. */
  count(query?: AuditLogQuery): Promise<number>;
}

const QUERY_KEYS = ["limit", "offset", "actorId", "since", "until", "action"] as const;
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;
const OUTCOMES: readonly AuditOutcome[] = ["success", "failure", "denied"];

type AuditSelect = SelectQueryBuilder<CrmDatabase, "audit_log", object>;

interface CheckedQuery {
  readonly limit: number;
  readonly offset: number;
  readonly actorId: string | undefined;
  readonly since: number | undefined;
  readonly until: number | undefined;
  readonly action: string | undefined;
}

function invalidQuery(field: string, value: unknown, expected: string): CrmError {
  return new CrmError(
    "ERR_CRM_INVALID_AUDIT_QUERY",
    `Audit query ${field} must be ${expected}, got ${describeValue(value)}.`,
  );
}

function checkInteger(value: unknown, field: string, fallback: number, min: number, max: number) {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw invalidQuery(field, value, `an integer from ${min} to ${max}`);
  }
  return value;
}

function checkOptional<T>(
  value: unknown,
  field: string,
  expected: string,
  test: (v: unknown) => v is T,
) {
  if (value === undefined || test(value)) return value as T | undefined;
  throw invalidQuery(field, value, expected);
}

const isString = (value: unknown): value is string => typeof value === "string";
// A JavaScript Date is valid only within 8.64e15 ms of 1970, so a larger cut-off is rejected.
const MAX_DATE_MS = 8.64e15;
const isTimestamp = (value: unknown): value is number =>
  typeof value === "number" && Number.isFinite(value) && Math.abs(value) <= MAX_DATE_MS;

function checkQuery(query: unknown): CheckedQuery {
  const record = checkOptionsObject(
    query,
    QUERY_KEYS,
    "ERR_CRM_INVALID_AUDIT_QUERY",
    "Audit query",
    createCrmError,
  );
  return {
    limit: checkInteger(record.limit, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
    offset: checkInteger(record.offset, "offset", 0, 0, Number.MAX_SAFE_INTEGER),
    actorId: checkOptional(record.actorId, "actorId", "a string", isString),
    since: checkOptional(record.since, "since", "finite epoch milliseconds", isTimestamp),
    until: checkOptional(record.until, "until", "finite epoch milliseconds", isTimestamp),
    action: checkOptional(record.action, "action", "a string", isString),
  };
}

function applyFilters(query: AuditSelect, filters: CheckedQuery): AuditSelect {
  let filtered = query;
  if (filters.action !== undefined) filtered = filtered.where("action", "=", filters.action);
  if (filters.actorId !== undefined) filtered = filtered.where("actor_id", "=", filters.actorId);
  if (filters.since !== undefined) filtered = filtered.where("time", ">=", new Date(filters.since));
  if (filters.until !== undefined) filtered = filtered.where("time", "<", new Date(filters.until));
  return filtered;
}

function toRow(entry: AuditEntry) {
  return {
    time: new Date(entry.timestamp),
    actor_id: entry.actorId ?? null,
    actor_role: entry.actorRole ?? null,
    client_ip: entry.clientIp ?? null,
    action: entry.action,
    target_type: entry.targetType,
    target_id: entry.targetId ?? null,
    outcome: entry.outcome,
    request_id: entry.requestId ?? null,
    user_agent: entry.userAgent ?? null,
  };
}

function fromRow(row: AuditLogRow): StoredAuditEntry {
  const outcome = OUTCOMES.find((known) => known === row.outcome);
  return {
    id: String(row.id),
    timestamp: row.time.getTime(),
    actorId: row.actor_id ?? undefined,
    actorRole: row.actor_role ?? undefined,
    clientIp: row.client_ip ?? undefined,
    action: row.action,
    // Rows written before target_type was required may lack it.
    targetType: row.target_type ?? "unknown",
    targetId: row.target_id ?? undefined,
    // An outcome this code does not know reads as a failure rather than a success.
    outcome: outcome ?? "failure",
    requestId: row.request_id ?? undefined,
    userAgent: row.user_agent ?? undefined,
  };
}

/**
 * Creates the audit log over the `audit_log` table. `append` checks each entry with the
 * monitor's `parseAuditEntry` (which also cuts the client's user agent to 512 characters) and
 * inserts it with bound parameters, so client-supplied values are stored as data. Throws
 * `ERR_MONITOR_INVALID_AUDIT_ENTRY` for a bad entry and `ERR_CRM_INVALID_AUDIT_QUERY` for a bad
 * query or cut-off.
 *
 * @example
 * const audit = createAuditLog(database.db);
 * await purgeAuditEntries(audit, { retentionDays: 365 });
 */
export function createAuditLog(db: Kysely<CrmDatabase>): AuditLog {
  return {
    async append(entry) {
      await db
        .insertInto("audit_log")
        .values(toRow(parseAuditEntry(entry)))
        .execute();
    },

    async list(query = {}) {
      const checked = checkQuery(query);
      const rows = await applyFilters(db.selectFrom("audit_log"), checked)
        .selectAll()
        .orderBy("time", "desc")
        .orderBy("id", "desc")
        .limit(checked.limit)
        .offset(checked.offset)
        .execute();
      return rows.map(fromRow);
    },

    async count(query = {}) {
      const checked = checkQuery(query);
      const result = await applyFilters(db.selectFrom("audit_log"), checked)
        .select((eb) => eb.fn.countAll<string>().as("total"))
        .executeTakeFirstOrThrow();
      return Number(result.total);
    },

    async deleteOlderThan(cutoff) {
      if (!isTimestamp(cutoff)) throw invalidQuery("cutoff", cutoff, "finite epoch milliseconds");
      const result = await db
        .deleteFrom("audit_log")
        .where("time", "<", new Date(cutoff))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
