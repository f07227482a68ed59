import { describe, expect, it } from "vitest";
import { boundedString, countCodePoints } from "./bounded-string.js";

describe("countCodePoints", () => {
  it.each([
    ["", 0],
    ["abc", 3],
    ["héllo", 5],
    ["😀", 1],
    ["a😀b", 3],
    ["👨‍👩‍👧", 5],
    ["\ud800", 1],
    ["\ud800x", 2],
  ])("counts %j as %i", (value, expected) => {
    expect(countCodePoints(value)).toBe(expected);
  });

  it("stops past the limit", () => {
    expect(countCodePoints("x".repeat(1000), 10)).toBe(11);
  });
});

describe("boundedString", () => {
  const schema = boundedString({ minLength: 3, maxLength: 5 });

  it.each([
    ["abc", true],
    ["abcde", true],
    ["ab", false],
    ["abcdef", false],
    ["😀😀😀", true],
    ["😀😀😀😀😀", true],
    ["😀😀😀😀😀😀", false],
    ["a😀", false],
    ["ñandú", true],
    ["日本語", true],
    ["  a  ", true],
    ["ab\u0000c", false],
    ["ab\ud800c", false],
    ["ab\udc00c", false],
  ])("checks %j", (value, valid) => {
    expect(schema.safeParse(value).success).toBe(valid);
  });

  it("never trims or changes value", () => {
    expect(schema.parse("  a  ")).toBe("  a  ");
  });

  it("reports too_big once for huge input", () => {
    const result = schema.safeParse("x".repeat(1_000_000));
    expect(result.error?.issues.map((issue) => issue.code)).toEqual(["too_big"]);
  });

  it.each([
    { minLength: Number.NaN, maxLength: 5 },
    { minLength: 0, maxLength: Number.POSITIVE_INFINITY },
    { minLength: -1, maxLength: 5 },
    { minLength: 1.5, maxLength: 5 },
    { minLength: "3", maxLength: 5 },
    { minLength: null, maxLength: 5 },
    { minLength: 6, maxLength: 5 },
    { maxLength: undefined },
  ])("rejects bounds %j", (options) => {
    expect(() => boundedString(options as never)).toThrow(
      expect.objectContaining({ code: "ERR_SCHEMAS_INVALID_LENGTH" }),
    );
  });
});

describe("boundedString options", () => {
  it("rejects unknown option key", () => {
    expect(() => boundedString({ maxLength: 5, trim: true } as never)).toThrow(
      expect.objectContaining({ code: "ERR_SCHEMAS_INVALID_OPTIONS" }),
    );
  });
});
