import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;

/** Row of `users`. Usernames are stored lower-case, so uniqueness ignores case. */
export interface UsersTable {
  id: string;
  username: string;
  email: string;
  display_name: string;
  role: string;
  password_hash: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** Row of `contacts`. */
export interface ContactsTable {
  id: string;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  company: string | null;
  title: string | null;
  notes: string | null;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  owner_id: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** Row of `attachments`. `content_type` is sniffed from the bytes; the client's claim is kept apart. */
export interface AttachmentsTable {
  id: string;
  contact_id: string | null;
  filename: string;
  content_type: string;
  declared_content_type: string | null;
  size_bytes: number;
  sha256: string;
  content: Uint8Array;
  uploaded_by: string | null;
  created_at: CreatedAt;
}

/** Row of `audit_log`, append-only apart from `deleteOlderThan`, which applies the retention. */
export interface AuditLogTable {
  id: Generated<string>;
  time: ColumnType<Date, Date, never>;
  actor_id: string | null;
  actor_role: string | null;
  client_ip: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: string;
  request_id: string | null;
  user_agent: string | null;
}

/** Tables of the CRM database, as typed for Kysely. */
export interface CrmDatabase {
  users: UsersTable;
  contacts: ContactsTable;
  attachments: AttachmentsTable;
  audit_log: AuditLogTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type ContactRow = Selectable<ContactsTable>;
export type NewContactRow = Insertable<ContactsTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
