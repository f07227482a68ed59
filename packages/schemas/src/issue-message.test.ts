import { toErrorResponse } from "@bulwark/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { contactCreateSchema } from "./contacts.js";
import { loginSchema } from "./login.js";
import { validateRequest } from "./request-validator.js";

function messagesOf(schema: z.ZodType, body: unknown): string[] {
  const result = validateRequest({ body: schema }, { body });
  if (result.success) throw new Error("expected the body to fail validation");
  return (result.error.errors ?? []).map((entry) => entry.message);
}

describe("issue messages", () => {
  it("matches the guide's username example", () => {
    expect(messagesOf(loginSchema, { username: "ab", password: "long enough" })).toEqual([
      "Username must be at least 3 characters",
    ]);
  });

  it("never repeats the rejected input", () => {
    const secret = "hunter2-secret-value";
    const schema = z.object({
      password: z.number(),
      pin: z.enum(["a", "b"]),
      code: z.string().max(3),
      email: z.email(),
    });
    const messages = messagesOf(schema, {
      password: secret,
      pin: secret,
      code: secret,
      email: secret,
    });
    expect(messages).toHaveLength(4);
    for (const message of messages) expect(message).not.toContain(secret);
  });

  it("words each issue kind", () => {
    const schema = z.object({
      name: z.string(),
      count: z.number().int().min(1).max(9),
      ratio: z.number().gt(0).lt(1),
      step: z.number().multipleOf(5),
      flag: z.boolean(),
      tags: z.array(z.string()).min(2).max(3),
      role: z.enum(["admin", "viewer"]),
      kind: z.literal("person"),
      website: z.url(),
      id: z.uuid(),
      day: z.iso.date(),
      at: z.iso.datetime(),
      code: z.string().regex(/^[A-Z]+$/),
      start: z.string().startsWith("ab"),
      either: z.union([z.string(), z.number()]),
      refined: z.string().refine((value) => value === "ok"),
      nested: z.object({ inner: z.string() }),
      many: z.array(z.number()),
    });
    const body = {
      count: 1.5,
      ratio: 1,
      step: 7,
      flag: "true",
      tags: ["a"],
      role: "root",
      kind: "company",
      website: "not a url",
      id: "123",
      day: "2024-13-01",
      at: "yesterday",
      code: "abc",
      start: "xyz",
      either: true,
      refined: "no",
      nested: "flat",
      many: ["1", 2],
    };
    const result = validateRequest({ body: schema }, { body });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(toErrorResponse(result.error).body).toMatchSnapshot();
  });

  it("words contact field limits", () => {
    const messages = messagesOf(contactCreateSchema, {
      firstName: "",
      lastName: "x".repeat(101),
      phone: "call me",
      tags: Array.from({ length: 51 }, () => "t"),
    });
    expect(messages).toHaveLength(4);
  });
});
