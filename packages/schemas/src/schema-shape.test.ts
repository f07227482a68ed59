import { describe, expect, it } from "vitest";
import { z } from "zod";
import { canPassInputKeys, isZodSchema, toStrictSchema } from "./schema-shape.js";

describe("toStrictSchema", () => {
  const schema = z.object({
    name: z.string(),
    address: z.object({ city: z.string() }).optional(),
    items: z.array(z.object({ sku: z.string() })),
    either: z.union([z.object({ a: z.number() }), z.string()]).optional(),
    loose: z.looseObject({ x: z.number() }).optional(),
  });
  const strict = toStrictSchema(schema);

  it("accepts known keys", () => {
    expect(strict.safeParse({ name: "a", items: [{ sku: "1" }] }).success).toBe(true);
  });

  it.each([
    [{ name: "a", items: [], extra: 1 }, []],
    [{ name: "a", items: [], address: { city: "x", zip: "1" } }, ["address"]],
    [{ name: "a", items: [{ sku: "1", price: 2 }] }, ["items", 0]],
  ])("rejects unknown keys in %j", (value, path) => {
    const issue = strict.safeParse(value).error?.issues[0];
    expect(issue?.code).toBe("unrecognized_keys");
    expect(issue?.path).toEqual(path);
  });

  it("rejects unknown keys in unions", () => {
    expect(strict.safeParse({ name: "a", items: [], either: { a: 1, b: 2 } }).success).toBe(false);
  });

  it("keeps declared catchall", () => {
    expect(strict.safeParse({ name: "a", items: [], loose: { x: 1, y: 2 } }).success).toBe(true);
  });

  it("keeps original schema stripping", () => {
    expect(schema.parse({ name: "a", items: [], extra: 1 })).toEqual({ name: "a", items: [] });
  });

  it("keeps refinements", () => {
    const refined = z.object({ a: z.number() }).refine((value) => value.a > 1);
    expect(toStrictSchema(refined).safeParse({ a: 1 }).success).toBe(false);
    expect(toStrictSchema(refined).safeParse({ a: 2 }).success).toBe(true);
  });

  it("caches per schema", () => {
    expect(toStrictSchema(schema)).toBe(strict);
  });
});

describe("isZodSchema", () => {
  it.each([
    [z.string(), true],
    [{}, false],
    [null, false],
    ["z.string()", false],
    [{ _zod: null }, false],
    [{ parse: () => 1 }, false],
  ])("checks %#", (value, expected) => {
    expect(isZodSchema(value)).toBe(expected);
  });
});

describe("canPassInputKeys", () => {
  const Tree: z.ZodType = z.lazy(() => z.object({ children: z.array(Tree) }));

  it.each([
    ["closed object", z.object({ a: z.string(), b: z.array(z.object({ c: z.number() })) }), false],
    ["wrapped enum", z.enum(["a"]).optional().default("a"), false],
    ["transform", z.string().transform((value) => value.length), false],
    ["strict object", z.strictObject({ a: z.string() }), false],
    ["union of closed", z.union([z.string(), z.object({ a: z.number() })]), false],
    ["unknown field", z.object({ a: z.unknown() }), true],
    ["any in array", z.array(z.any()), true],
    ["record", z.record(z.string(), z.string()), true],
    ["loose object", z.looseObject({ a: z.string() }), true],
    ["catchall", z.object({}).catchall(z.string()), true],
    ["lazy", Tree, true],
    ["custom", z.custom<string>(() => true), true],
  ])("checks %s", (_name, schema, expected) => {
    expect(canPassInputKeys(schema)).toBe(expected);
  });

  it("sees strict conversion as closed", () => {
    expect(canPassInputKeys(toStrictSchema(z.object({ a: z.object({ b: z.string() }) })))).toBe(
      false,
    );
  });
});
