import { type Kysely, sql } from "kysely";
import { type Migration, type MigrationProvider, Migrator } from "kysely/migration";
import { CrmError } from "../errors.js";

// Migrations live in code, keyed by a sortable name, so the apps need no migration folder at run
// time and both drivers apply exactly the same statements. A released migration never changes.
const MIGRATIONS: Record<string, Migration> = {
  "0001_initial": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("users")
        .addColumn("id", "uuid", (column) => column.primaryKey())
        .addColumn("username", "text", (column) => column.notNull().unique())
        .addColumn("email", "text", (column) => column.notNull().unique())
        .addColumn("display_name", "text", (column) => column.notNull())
        .addColumn("role", "text", (column) =>
          column.notNull().check(sql`role in ('admin', 'manager', 'agent', 'viewer')`),
        )
        .addColumn("password_hash", "text", (column) => column.notNull())
        .addColumn("created_at", "timestamptz", (column) => column.notNull().defaultTo(sql`now()`))
        .addColumn("updated_at", "timestamptz", (column) => column.notNull().defaultTo(sql`now()`))
        .execute();

      await db.schema
        .createTable("contacts")
        .addColumn("id", "uuid", (column) => column.primaryKey())
        .addColumn("first_name", "text", (column) => column.notNull())
        .addColumn("last_name", "text", (column) => column.notNull())
        .addColumn("email", "text")
        .addColumn("phone", "text")
        .addColumn("company", "text")
        .addColumn("notes", "text")
        .addColumn("owner_id", "uuid", (column) =>
          column.references("users.id").onDelete("set null"),
        )
        .addColumn("created_at", "timestamptz", (column) => column.notNull().defaultTo(sql`now()`))
        .addColumn("updated_at", "timestamptz", (column) => column.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema
        .createIndex("contacts_created_at_id")
        .on("contacts")
        .columns(["created_at", "id"])
        .execute();

      await db.schema
        .createTable("attachments")
        .addColumn("id", "uuid", (column) => column.primaryKey())
        .addColumn("contact_id", "uuid", (column) =>
          column.references("contacts.id").onDelete("cascade"),
        )
        .addColumn("filename", "text", (column) => column.notNull())
        .addColumn("content_type", "text", (column) => column.notNull())
        .addColumn("declared_content_type", "text")
        .addColumn("size_bytes", "integer", (column) => column.notNull())
        .addColumn("sha256", "text", (column) => column.notNull())
        .addColumn("content", "bytea", (column) => column.notNull())
        .addColumn("uploaded_by", "uuid", (column) =>
          column.references("users.id").onDelete("set null"),
        )
        .addColumn("created_at", "timestamptz", (column) => column.notNull().defaultTo(sql`now()`))
        .execute();

      await db.schema
        .createTable("audit_log")
        .addColumn("id", "bigint", (column) => column.primaryKey().generatedAlwaysAsIdentity())
        .addColumn("time", "timestamptz", (column) => column.notNull())
        .addColumn("actor_id", "uuid")
        .addColumn("actor_role", "text")
        .addColumn("client_ip", "text")
        .addColumn("action", "text", (column) => column.notNull())
        .addColumn("target_type", "text")
        .addColumn("target_id", "text")
        .addColumn("outcome", "text", (column) => column.notNull())
        .addColumn("request_id", "text")
        .addColumn("user_agent", "text")
        .execute();
      await db.schema.createIndex("audit_log_time").on("audit_log").column("time").execute();
    },
  },
  // The shared contact schema of @bulwark/schemas accepts a job title and up to 50 tags.
  "0002_contact_title_tags": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable("contacts")
        .addColumn("title", "text")
        .addColumn("tags", sql`text[]`, (column) => column.notNull().defaultTo(sql`'{}'`))
        .execute();
    },
  },
};

const provider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};

/**
 * Applies every pending migration in one run. Throws `ERR_CRM_MIGRATION_FAILED` with the failed
 * migration's name and the driver error as `cause`, so start-up stops instead of serving a
 * half-built schema.
 */
export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error === undefined) return;

  const failed = results?.find((result) => result.status === "Error")?.migrationName ?? "unknown";
  throw new CrmError(
    "ERR_CRM_MIGRATION_FAILED",
    `Database migration ${failed} failed. Check the database connection and permissions, then restart.`,
    { cause: error },
  );
}
