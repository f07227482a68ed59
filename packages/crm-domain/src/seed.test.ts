import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CrmDatabaseHandle, openDatabase } from "./database/open-database.js";
import { seedDevelopmentData } from "./seed.js";
import { buildSeedContacts } from "./seed-data.js";

let database: CrmDatabaseHandle;

beforeAll(async () => {
  database = await openDatabase();
});
afterAll(() => database?.close());

describe("seedDevelopmentData", () => {
  it("creates one user per role", async () => {
    const result = await seedDevelopmentData(database.db, { scryptCost: 2 ** 14 });
    expect(result.seeded).toBe(true);
    if (!result.seeded) return;
    expect(result.logins.map((login) => [login.username, login.role])).toEqual([
      ["admin", "admin"],
      ["manager", "manager"],
      ["agent", "agent"],
      ["viewer", "viewer"],
    ]);
    expect(new Set(result.logins.map((login) => login.password)).size).toBe(4);
    expect(result.contactCount).toBe(200);
    const count = await database.db
      .selectFrom("contacts")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(200);
  });

  it("skips a seeded database", async () => {
    expect(await seedDevelopmentData(database.db, { scryptCost: 2 ** 14 })).toEqual({
      seeded: false,
    });
  });
});

describe("buildSeedContacts", () => {
  it("is deterministic", () => {
    expect(buildSeedContacts(50)).toEqual(buildSeedContacts(50));
  });

  it("uses reserved domains only", () => {
    for (const contact of buildSeedContacts(200)) {
      expect(contact.email).toMatch(/@example\.(com|org|net)$/);
      expect(contact.phone).toMatch(/^\+1-202-555-01\d\d$/);
    }
  });
});
