import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import { migrateToLatest } from "./migrations.js";
import type { CrmDatabase } from "./schema.js";

/** Options of `openDatabase`. */
export interface DatabaseOptions {
  /**
   * PostgreSQL connection string, such as `postgres://crm@127.0.0.1:5432/crm`. When set, the
   * database is that server through node-postgres and `dataDir` is ignored.
   */
  readonly databaseUrl?: string | undefined;
  /** Folder of the embedded PGlite database. Undefined keeps the embedded database in memory. */
  readonly dataDir?: string | undefined;
  /** Most connections the node-postgres pool opens. Defaults to 10. */
  readonly maxConnections?: number | undefined;
}

/** An open CRM database with its migrations applied. */
export interface CrmDatabaseHandle {
  readonly db: Kysely<CrmDatabase>;
  /** `postgres` for a server through node-postgres, `pglite` for the embedded database. */
  readonly kind: "postgres" | "pglite";
  /** Closes the pool or the embedded database. Safe to call more than once. */
  close(): Promise<void>;
}

const DEFAULT_MAX_CONNECTIONS = 10;

/**
 * Opens the CRM database and applies pending migrations: PostgreSQL through node-postgres when
 * `databaseUrl` is set, else the embedded PGlite database, in `dataDir` or in memory. Throws
 * `ERR_CRM_MIGRATION_FAILED` when a migration fails, after closing the connection.
 *
 * @example
 * const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
 */
export async function openDatabase(options: DatabaseOptions = {}): Promise<CrmDatabaseHandle> {
  const handle =
    options.databaseUrl === undefined || options.databaseUrl === ""
      ? await openPglite(options.dataDir)
      : openPostgres(options.databaseUrl, options.maxConnections ?? DEFAULT_MAX_CONNECTIONS);

  try {
    await migrateToLatest(handle.db as Kysely<unknown>);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

function openPostgres(connectionString: string, max: number): CrmDatabaseHandle {
  const pool = new pg.Pool({ connectionString, max });
  const db = new Kysely<CrmDatabase>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: "postgres", close: closeOnce(() => db.destroy()) };
}

async function openPglite(dataDir: string | undefined): Promise<CrmDatabaseHandle> {
  const client = dataDir === undefined ? new PGlite() : new PGlite(dataDir);
  await client.waitReady;
  const db = new Kysely<CrmDatabase>({ dialect: new PGliteDialect(client) });

  // Kysely's destroy does not close the PGlite instance it was given, so close it here too, which
  // flushes a file-backed database to its folder.
  const close = async () => {
    await db.destroy();
    if (!client.closed) await client.close();
  };
  return { db, kind: "pglite", close: closeOnce(close) };
}

function closeOnce(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= close();
    return closing;
  };
}
