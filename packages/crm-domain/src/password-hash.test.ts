import { describe, expect, it } from "vitest";
import { DEFAULT_SCRYPT_COST, hashPassword, verifyPassword } from "./password-hash.js";

const TEST_COST = 2 ** 14;

describe("hashPassword", () => {
  it("stores parameters salt and key", async () => {
    const hash = await hashPassword("correct horse", TEST_COST);
    const parts = hash.split("$");
    expect(parts.slice(0, 4)).toEqual(["scrypt", "16384", "8", "1"]);
    expect(Buffer.from(parts[4]!, "base64url")).toHaveLength(16);
    expect(Buffer.from(parts[5]!, "base64url")).toHaveLength(32);
  });

  it("salts each hash differently", async () => {
    const first = await hashPassword("same password", TEST_COST);
    const second = await hashPassword("same password", TEST_COST);
    expect(first).not.toBe(second);
  });

  it("uses the OWASP scrypt cost by default", async () => {
    expect(DEFAULT_SCRYPT_COST).toBe(131072);
    const hash = await hashPassword("default cost");
    expect(hash.split("$")[1]).toBe("131072");
    expect(await verifyPassword("default cost", hash)).toBe(true);
  });

  it.each([
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["negative", -16384],
    ["below minimum", 2 ** 13],
    ["above maximum", 2 ** 21],
    ["not a power of two", 20000],
    ["string", "16384"],
    ["null", null],
  ])("rejects %s cost", async (_label, cost) => {
    await expect(hashPassword("x", cost as number)).rejects.toMatchObject({
      code: "ERR_CRM_INVALID_SCRYPT_COST",
    });
  });
});

describe("verifyPassword", () => {
  it("accepts the right password", async () => {
    const hash = await hashPassword("s3cret-Passw0rd", TEST_COST);
    expect(await verifyPassword("s3cret-Passw0rd", hash)).toBe(true);
  });

  it("rejects a wrong password", async () => {
    const hash = await hashPassword("s3cret-Passw0rd", TEST_COST);
    expect(await verifyPassword("s3cret-Passw0rd ", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("matches composed and decomposed forms", async () => {
    const hash = await hashPassword("caf\u00e9", TEST_COST);
    expect(await verifyPassword("cafe\u0301", hash)).toBe(true);
  });

  it.each([
    ["empty", ""],
    ["other scheme", "$2b$10$abcdefghijklmnopqrstuv"],
    [
      "cost out of range",
      "scrypt$1024$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    ],
    [
      "wrong block size",
      "scrypt$16384$4$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    ],
    ["missing key", "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$"],
  ])("rejects %s stored hash", async (_label, stored) => {
    await expect(verifyPassword("x", stored)).rejects.toMatchObject({
      code: "ERR_CRM_INVALID_PASSWORD_HASH",
    });
  });
});
