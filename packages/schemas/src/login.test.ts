import { describe, expect, it } from "vitest";
import { createLoginSchema, loginSchema } from "./login.js";

describe("loginSchema", () => {
  it.each([
    [{ username: "bob", password: "12345678" }, true],
    [{ username: "x".repeat(64), password: "p".repeat(128) }, true],
    [{ username: "bo", password: "12345678" }, false],
    [{ username: "x".repeat(65), password: "12345678" }, false],
    [{ username: "bob", password: "1234567" }, false],
    [{ username: "bob", password: "p".repeat(129) }, false],
    [{ username: "😀😀😀", password: "🔑🔑🔑🔑🔑🔑🔑🔑" }, true],
    [{ username: "😀😀", password: "12345678" }, false],
    [{ username: "bob", password: "🔑".repeat(128) }, true],
    [{ username: "bob", password: "🔑".repeat(129) }, false],
    [{ username: "bob" }, false],
    [{ password: "12345678" }, false],
    [{ username: 123, password: "12345678" }, false],
    [{ username: "bob", password: null }, false],
    [{ username: "bob", password: "1234\u00005678" }, false],
  ])("checks %j", (value, valid) => {
    expect(loginSchema.safeParse(value).success).toBe(valid);
  });

  it("never trims the password", () => {
    expect(loginSchema.parse({ username: "bob", password: "  secret  " }).password).toBe(
      "  secret  ",
    );
  });

  it("never normalises the password", () => {
    const composed = "caf\u00e9-pass";
    const decomposed = "cafe\u0301-pass";
    expect(loginSchema.parse({ username: "bob", password: composed }).password).toBe(composed);
    expect(loginSchema.parse({ username: "bob", password: decomposed }).password).toBe(decomposed);
  });

  it("applies custom bounds", () => {
    const schema = createLoginSchema({ usernameMinLength: 5, passwordMinLength: 12 });
    expect(schema.safeParse({ username: "bobby", password: "123456789012" }).success).toBe(true);
    expect(schema.safeParse({ username: "bob", password: "123456789012" }).success).toBe(false);
    expect(schema.safeParse({ username: "bobby", password: "12345678" }).success).toBe(false);
  });

  it.each([
    [{ usernameMinLength: Number.NaN }, "ERR_SCHEMAS_INVALID_LENGTH"],
    [{ usernameMaxLength: Number.POSITIVE_INFINITY }, "ERR_SCHEMAS_INVALID_LENGTH"],
    [{ passwordMinLength: -1 }, "ERR_SCHEMAS_INVALID_LENGTH"],
    [{ passwordMaxLength: "128" }, "ERR_SCHEMAS_INVALID_LENGTH"],
    [{ passwordMinLength: null }, "ERR_SCHEMAS_INVALID_LENGTH"],
    [{ passwordMinLength: 200 }, "ERR_SCHEMAS_INVALID_LENGTH"],
    [{ usernameMin: 3 }, "ERR_SCHEMAS_INVALID_OPTIONS"],
    ["strict", "ERR_SCHEMAS_INVALID_OPTIONS"],
  ])("rejects options %j", (options, code) => {
    expect(() => createLoginSchema(options as never)).toThrow(expect.objectContaining({ code }));
  });
});
