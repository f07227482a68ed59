import type { Kysely } from "kysely";
import type { AuditLogRow, CrmDatabase } from "./database/schema.js";
import { CrmError } from "./errors.js";

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

/** One audit entry: who did what to which record, from which client, with what outcome. */
export interface AuditEntry {
  readonly time: Date;
  readonly actorId: string | undefined;
  readonly actorRole: string | undefined;
  readonly clientIp: string | undefined;
  readonly action: string;
  readonly targetType: string | undefined;
  readonly targetId: string | undefined;
  readonly outcome: "success" | "failure";
  readonly requestId: string | undefined;
  readonly userAgent: string | undefined;
}

/** A stored audit entry with its sequence number. */
export interface StoredAuditEntry extends AuditEntry {
  readonly id: string;
}

/** Options of `AuditLog.list`. */
export interface AuditListOptions {
  readonly limit: number;
  readonly offset: number;
  readonly action?: string | undefined;
}

/** Options of `AuditLog.purge`. */
export interface AuditPurgeOptions {
  /** Entries older than this many days are deleted. At least 90 unless `force` is set. */
  readonly retentionDays: number;
  /** Allows a retention below 90 days, such as in a test database. */
  readonly force?: boolean;
  /** Reference time of the cut-off. Defaults to now. */
  readonly now?: Date;
}

/** Audit log stored in the `audit_log` table. */
export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /** Lists entries newest first, with the total count for paging. */
  list(options: AuditListOptions): Promise<{ items: StoredAuditEntry[]; total: number }>;
  /** Deletes entries older than the retention and returns how many were deleted. */
  purge(options: AuditPurgeOptions): Promise<number>;
}

/** Shortest retention `purge` accepts without `force`, in days. */
export const MIN_AUDIT_RETENTION_DAYS = 90;

const DAY_MS = 86_400_000;
// The user agent comes from the client, so its stored length is bounded.
const MAX_USER_AGENT_LENGTH = 512;

function toRow(entry: AuditEntry) {
  return {
    time: entry.time,
    actor_id: entry.actorId ?? null,
    actor_role: entry.actorRole ?? null,
    client_ip: entry.clientIp ?? null,
    action: entry.action,
    target_type: entry.targetType ?? null,
    target_id: entry.targetId ?? null,
    outcome: entry.outcome,
    request_id: entry.requestId ?? null,
    user_agent: entry.userAgent?.slice(0, MAX_USER_AGENT_LENGTH) ?? null,
  };
}

function fromRow(row: AuditLogRow): StoredAuditEntry {
  return {
    id: String(row.id),
    time: row.time,
    actorId: row.actor_id ?? undefined,
    actorRole: row.actor_role ?? undefined,
    clientIp: row.client_ip ?? undefined,
    action: row.action,
    targetType: row.target_type ?? undefined,
    targetId: row.target_id ?? undefined,
    outcome: row.outcome === "success" ? "success" : "failure",
    requestId: row.request_id ?? undefined,
    userAgent: row.user_agent ?? undefined,
  };
}

function checkRetention(options: AuditPurgeOptions): void {
  const days = options.retentionDays;
  if (typeof days !== "number" || !Number.isFinite(days) || days <= 0) {
    throw new CrmError(
      "ERR_CRM_RETENTION_TOO_SHORT",
      `retentionDays must be a positive number of days, got ${String(days)}. Use ${MIN_AUDIT_RETENTION_DAYS} or more.`,
    );
  }
  if (days < MIN_AUDIT_RETENTION_DAYS && options.force !== true) {
    throw new CrmError(
      "ERR_CRM_RETENTION_TOO_SHORT",
      `retentionDays must be at least ${MIN_AUDIT_RETENTION_DAYS}, got ${days}. Pass force: true to purge more recent entries.`,
    );
  }
}

/**
 * Creates the audit log over the `audit_log` table. Entries are inserted with bound parameters,
 * never concatenated, so client-supplied values such as the user agent are stored as data. `purge`
 * throws `ERR_CRM_RETENTION_TOO_SHORT` for a retention under 90 days unless forced.
 *
 * @example
 * const audit = createAuditLog(database.db);
 * await audit.purge({ retentionDays: 365 });
 */
export function createAuditLog(db: Kysely<CrmDatabase>): AuditLog {
  return {
    async record(entry) {
      await db.insertInto("audit_log").values(toRow(entry)).execute();
    },

    async list({ limit, offset, action }) {
      let query = db.selectFrom("audit_log");
      if (action !== undefined) query = query.where("action", "=", action);
      const [rows, count] = await Promise.all([
        query
          .selectAll()
          .orderBy("time", "desc")
          .orderBy("id", "desc")
          .limit(limit)
          .offset(offset)
          .execute(),
        query.select((eb) => eb.fn.countAll<string>().as("total")).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(fromRow), total: Number(count.total) };
    },

    async purge(options) {
      checkRetention(options);
      const now = options.now ?? new Date();
      const cutoff = new Date(now.getTime() - options.retentionDays * DAY_MS);
      const result = await db.deleteFrom("audit_log").where("time", "<", cutoff).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
