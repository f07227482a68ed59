import { describe, expect, it } from "vitest";
import { createPasswordSchema, isCommonPassword, passwordSchema } from "./password-policy.js";

describe("isCommonPassword", () => {
  it.each([
    ["password", true],
    ["Password", true],
    ["123456789", true],
    ["qwertyuiop", true],
    ["iloveyou", true],
    ["correct horse battery staple 42", false],
    ["vT9#qLm2!xR", false],
  ])("checks %j", (value, common) => {
    expect(isCommonPassword(value)).toBe(common);
  });
});

describe("passwordSchema", () => {
  it.each([
    ["correct horse", true],
    ["🔑🔒🗝️🔐🔓🔏🛡️⚔️", true],
    ["Pässwörd-2024!", true],
    ["  spaced  out  ", true],
    ["short", false],
    ["password", false],
    ["PASSWORD1", false],
    ["12345678", false],
    ["x".repeat(128), true],
    ["x".repeat(129), false],
    ["nul\u0000character", false],
  ])("checks %j", (value, valid) => {
    expect(passwordSchema.safeParse(value).success).toBe(valid);
  });

  it("returns password unchanged", () => {
    expect(passwordSchema.parse("  spaced  out  ")).toBe("  spaced  out  ");
  });

  it("allows common passwords when disabled", () => {
    expect(createPasswordSchema({ rejectCommon: false }).safeParse("password").success).toBe(true);
  });

  it("applies custom minimum", () => {
    expect(createPasswordSchema({ minLength: 12 }).safeParse("abcdefghijk").success).toBe(false);
  });

  it.each([
    [{ minLength: Number.NaN }, "ERR_SCHEMAS_INVALID_LENGTH"],
    [{ maxLength: Number.POSITIVE_INFINITY }, "ERR_SCHEMAS_INVALID_LENGTH"],
    [{ minLength: -8 }, "ERR_SCHEMAS_INVALID_LENGTH"],
    [{ minLength: "8" }, "ERR_SCHEMAS_INVALID_LENGTH"],
    [{ maxLength: null }, "ERR_SCHEMAS_INVALID_LENGTH"],
    [{ rejectCommon: "yes" }, "ERR_SCHEMAS_INVALID_OPTIONS"],
    [{ rejectCommon: null }, "ERR_SCHEMAS_INVALID_OPTIONS"],
    [{ minimum: 8 }, "ERR_SCHEMAS_INVALID_OPTIONS"],
  ])("rejects options %j", (options, code) => {
    expect(() => createPasswordSchema(options as never)).toThrow(expect.objectContaining({ code }));
  });
});
