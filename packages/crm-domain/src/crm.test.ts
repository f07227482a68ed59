import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CrmOptions, createCrm } from "./crm.js";
import { type CrmDatabaseHandle, openDatabase } from "./database/open-database.js";

const SECRET = "a-test-secret-that-is-32-bytes-or-more";
let database: CrmDatabaseHandle;

beforeAll(async () => {
  database = await openDatabase();
});
afterAll(() => database?.close());

describe("createCrm", () => {
  it("builds the route table", () => {
    const crm = createCrm({
      database,
      jwt: { keys: [{ version: 1, secret: SECRET }] },
      scryptCost: 2 ** 14,
    });
    expect(crm.routes.length).toBe(17);
  });

  it("creates a default login guard", async () => {
    const crm = createCrm({ database, jwt: { keys: [{ version: 1, secret: SECRET }] } });
    const decision = await crm.loginGuard.check({ username: "admin", clientIp: "192.0.2.9" });
    expect(decision).toMatchObject({ allowed: true, limit: 5, source: "memory" });
    await crm.close();
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["unknown key", { mode: "fast" }, "ERR_CRM_INVALID_OPTIONS"],
    [
      "unknown jwt key",
      { jwt: { keys: [{ version: 1, secret: SECRET }], algorithm: "none" } },
      "ERR_CRM_INVALID_OPTIONS",
    ],
    ["missing database", { database: undefined }, "ERR_CRM_INVALID_OPTIONS"],
    ["null jwt", { jwt: null }, "ERR_CRM_INVALID_OPTIONS"],
    [
      "zero lifetime",
      { jwt: { keys: [{ version: 1, secret: SECRET }], expiresInSeconds: 0 } },
      "ERR_CRM_INVALID_OPTIONS",
    ],
    [
      "NaN lifetime",
      { jwt: { keys: [{ version: 1, secret: SECRET }], expiresInSeconds: Number.NaN } },
      "ERR_CRM_INVALID_OPTIONS",
    ],
    [
      "string lifetime",
      { jwt: { keys: [{ version: 1, secret: SECRET }], expiresInSeconds: "1h" } },
      "ERR_CRM_INVALID_OPTIONS",
    ],
    ["empty key ring", { jwt: { keys: [] } }, "ERR_CRM_INVALID_JWT_KEYS"],
    [
      "Infinity scryptCost",
      { scryptCost: Number.POSITIVE_INFINITY },
      "ERR_CRM_INVALID_SCRYPT_COST",
    ],
    ["negative scryptCost", { scryptCost: -1 }, "ERR_CRM_INVALID_SCRYPT_COST"],
    ["string scryptCost", { scryptCost: "131072" }, "ERR_CRM_INVALID_SCRYPT_COST"],
    ["null loginGuard", { loginGuard: null }, "ERR_CRM_INVALID_OPTIONS"],
    ["string loginGuard", { loginGuard: "memory" }, "ERR_CRM_INVALID_OPTIONS"],
    [
      "old-style loginGuard",
      { loginGuard: { check() {}, recordFailure() {}, recordSuccess() {} } },
      "ERR_CRM_INVALID_OPTIONS",
    ],
  ])("rejects %s", (_label, override, code) => {
    const options = { database, jwt: { keys: [{ version: 1, secret: SECRET }] }, ...override };
    expect(() => createCrm(options as unknown as CrmOptions)).toThrow(
      expect.objectContaining({ code }),
    );
  });

  it("words option errors clearly", () => {
    const messages = [
      { mode: "fast" },
      { jwt: { keys: [{ version: 1, secret: SECRET }], expiresInSeconds: -5 } },
      { scryptCost: 1000 },
      { jwt: { keys: [{ version: 1, secret: "too-short" }] } },
    ].map((override) => {
      try {
        createCrm({
          database,
          jwt: { keys: [{ version: 1, secret: SECRET }] },
          ...override,
        } as unknown as CrmOptions);
        return "no error";
      } catch (error) {
        return `${(error as { code: string }).code}: ${(error as Error).message}`;
      }
    });
    expect(messages).toMatchSnapshot();
  });
});
