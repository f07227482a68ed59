import { describe, expect, it } from "vitest";
import { z } from "zod";
import { coerceQueryValues, readQueryInput } from "./query-values.js";

const schema = z.object({
  limit: z.int().min(1).default(20),
  ratio: z.number().optional(),
  active: z.boolean().optional(),
  q: z.string().optional(),
  tag: z.array(z.string()).optional(),
  ids: z.array(z.number()).optional(),
});

describe("readQueryInput", () => {
  it("reads repeated keys as arrays", () => {
    expect({ ...readQueryInput("?a=1&b=2&a=3&a=4") }).toEqual({ a: ["1", "3", "4"], b: "2" });
  });

  it("decodes percent and plus", () => {
    expect({ ...readQueryInput("q=caf%C3%A9+bar") }).toEqual({ q: "café bar" });
  });

  it("keeps hostile keys as data", () => {
    const record = readQueryInput("constructor=1&toString=2&__proto__=3");
    expect(Object.getPrototypeOf(record)).toBeNull();
    expect(record.constructor).toBe("1");
    expect(Object.getOwnPropertyDescriptor(record, "__proto__")?.value).toBe("3");
  });

  it("copies parsed objects", () => {
    const input = { limit: "5" };
    const record = readQueryInput(input);
    expect(record).not.toBe(input);
    expect({ ...record }).toEqual({ limit: "5" });
  });

  it("reads URLSearchParams", () => {
    expect({ ...readQueryInput(new URLSearchParams("a=1&a=2")) }).toEqual({ a: ["1", "2"] });
  });
});

describe("coerceQueryValues", () => {
  it.each([
    ["limit=5", { limit: 5 }],
    ["limit=-3", { limit: -3 }],
    ["ratio=0.25", { ratio: 0.25 }],
    ["limit=", {}],
    ["limit=abc", { limit: "abc" }],
    ["limit=1e3", { limit: "1e3" }],
    ["limit=0x10", { limit: "0x10" }],
    ["limit=%205", { limit: " 5" }],
    ["limit=Infinity", { limit: "Infinity" }],
    ["limit=NaN", { limit: "NaN" }],
    ["limit=1&limit=2", { limit: ["1", "2"] }],
    ["active=true", { active: true }],
    ["active=false", { active: false }],
    ["active=", {}],
    ["active=0", { active: "0" }],
    ["active=1", { active: "1" }],
    ["active=TRUE", { active: "TRUE" }],
    ["active=yes", { active: "yes" }],
    ["q=", { q: "" }],
    ["q=123", { q: "123" }],
    ["tag=a", { tag: ["a"] }],
    ["tag=a&tag=b", { tag: ["a", "b"] }],
    ["ids=1&ids=2", { ids: [1, 2] }],
    ["ids=x", { ids: ["x"] }],
    ["other=5", { other: "5" }],
  ])("coerces %j", (query, expected) => {
    expect({ ...coerceQueryValues(schema, query) }).toEqual(expected);
  });

  it("gives empty limit the default", () => {
    expect(schema.parse(coerceQueryValues(schema, "limit="))).toEqual({ limit: 20 });
  });

  it("rejects empty limit without default", () => {
    const required = z.object({ limit: z.int() });
    expect(required.safeParse(coerceQueryValues(required, "limit=")).success).toBe(false);
  });

  it("reads through wrappers and pipes", () => {
    const wrapped = z.object({
      page: z.number().nullable().optional(),
      flag: z.boolean().default(false),
      count: z.number().transform((value) => value * 2),
    });
    expect({ ...coerceQueryValues(wrapped, "page=2&flag=true&count=3") }).toEqual({
      page: 2,
      flag: true,
      count: 3,
    });
  });

  it("leaves non-object schemas alone", () => {
    expect({ ...coerceQueryValues(z.record(z.string(), z.string()), "a=1") }).toEqual({ a: "1" });
  });
});
