import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./open-database.js";

describe("openDatabase", () => {
  it("migrates an in-memory database", async () => {
    const database = await openDatabase();
    try {
      const tables = await sql<{ table_name: string }>`
        select table_name from information_schema.tables
        where table_schema = 'public' order by table_name`.execute(database.db);
      expect(tables.rows.map((row) => row.table_name)).toEqual(
        expect.arrayContaining(["attachments", "audit_log", "contacts", "users"]),
      );
      expect(database.kind).toBe("pglite");
    } finally {
      await database.close();
    }
  });
});
