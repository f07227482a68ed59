import { describe, expect, it } from "vitest";
import { validateRequest } from "./request-validator.js";
import {
  createUserCreateSchema,
  userCreateSchema,
  usernameSchema,
  userUpdateSchema,
} from "./users.js";

const validUser = {
  username: "ada.l",
  email: "ada@example.com",
  password: "analytical engine",
  role: "manager",
};

function failedFields(
  schema: typeof userCreateSchema | typeof userUpdateSchema,
  body: unknown,
): string[] {
  const result = validateRequest({ body: schema }, { body });
  if (result.success) return [];
  return (result.error.errors ?? []).map((entry) => entry.field);
}

describe("usernameSchema", () => {
  it.each([
    ["ada", true],
    ["ada.lovelace_1-x", true],
    ["x".repeat(64), true],
    ["ad", false],
    ["x".repeat(65), false],
    ["ada lovelace", false],
    ["аda", false],
    ["ada😀", false],
    ["ada@home", false],
  ])("checks %j", (value, valid) => {
    expect(usernameSchema.safeParse(value).success).toBe(valid);
  });
});

describe("userCreateSchema", () => {
  it("accepts a valid user", () => {
    expect(userCreateSchema.parse(validUser)).toEqual(validUser);
  });

  it("strips unknown keys", () => {
    expect(userCreateSchema.parse({ ...validUser, isAdmin: true })).toEqual(validUser);
  });

  it.each([
    [{ role: "owner" }, ["role"]],
    [{ role: "ADMIN" }, ["role"]],
    [{ password: "password1" }, ["password"]],
    [{ username: "grace.hopper", password: "GRACE.HOPPER" }, ["password"]],
    [{ username: "ada.lovelace", password: "Ada.Lovelace" }, ["password"]],
    [{ email: "not-an-email" }, ["email"]],
    [{ displayName: "" }, ["displayName"]],
    [{ displayName: "x".repeat(101) }, ["displayName"]],
  ])("rejects %j", (change, fields) => {
    expect(failedFields(userCreateSchema, { ...validUser, ...change })).toEqual(fields);
  });

  it("reports every failing field", () => {
    const body = { username: "ab", email: "x", password: "cd", role: "root" };
    expect(failedFields(userCreateSchema, body)).toEqual(["username", "email", "password", "role"]);
  });

  it("compares password after field issues", () => {
    const body = { ...validUser, role: "root", username: "ada.lovelace", password: "ADA.LOVELACE" };
    expect(failedFields(userCreateSchema, body)).toEqual(["role", "password"]);
  });

  it("applies custom password policy", () => {
    const schema = createUserCreateSchema({ minLength: 20 });
    expect(schema.safeParse(validUser).success).toBe(false);
  });
});

describe("userUpdateSchema", () => {
  it("accepts a partial update", () => {
    expect(userUpdateSchema.parse({ role: "viewer" })).toEqual({ role: "viewer" });
  });

  it("rejects an empty update", () => {
    expect(failedFields(userUpdateSchema, {})).toEqual(["body"]);
  });

  it("rejects password equal to new username", () => {
    expect(
      failedFields(userUpdateSchema, { username: "grace.hopper", password: "GRACE.HOPPER" }),
    ).toEqual(["password"]);
  });

  it("checks policy on password alone", () => {
    expect(failedFields(userUpdateSchema, { password: "12345678" })).toEqual(["password"]);
  });
});
