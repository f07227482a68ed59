import { BulwarkError } from "@bulwark/core";
import { describe, expect, it } from "vitest";
import { parseSanitizerOptions, SANITIZER_DEFAULTS } from "./options.js";

describe("parseSanitizerOptions", () => {
  it("applies the defaults", () => {
    expect(parseSanitizerOptions(undefined)).toEqual({
      ...SANITIZER_DEFAULTS,
      richTextPatterns: [],
      excludePatterns: [],
      changeSignal: expect.objectContaining({ removesC1Controls: true }),
    });
  });

  it.each([
    ["options", "not an object", "ERR_SANITIZER_INVALID_OPTIONS"],
    ["options", null, "ERR_SANITIZER_INVALID_OPTIONS"],
    ["options", { sqlmode: "detect" }, "ERR_SANITIZER_INVALID_OPTIONS"],
    ["sqlMode", { sqlMode: "block" }, "ERR_SANITIZER_INVALID_SQL_MODE"],
    ["sqlMode", { sqlMode: null }, "ERR_SANITIZER_INVALID_SQL_MODE"],
    ["trim", { trim: "yes" }, "ERR_SANITIZER_INVALID_FLAG"],
    ["normalizeUnicode", { normalizeUnicode: 1 }, "ERR_SANITIZER_INVALID_FLAG"],
    ["stripControlCharacters", { stripControlCharacters: null }, "ERR_SANITIZER_INVALID_FLAG"],
    ["maxDepth", { maxDepth: Number.NaN }, "ERR_SANITIZER_INVALID_LIMIT"],
    ["maxDepth", { maxDepth: Number.POSITIVE_INFINITY }, "ERR_SANITIZER_INVALID_LIMIT"],
    ["maxDepth", { maxDepth: -1 }, "ERR_SANITIZER_INVALID_LIMIT"],
    ["maxDepth", { maxDepth: 0 }, "ERR_SANITIZER_INVALID_LIMIT"],
    ["maxDepth", { maxDepth: 1.5 }, "ERR_SANITIZER_INVALID_LIMIT"],
    ["maxDepth", { maxDepth: 1001 }, "ERR_SANITIZER_INVALID_LIMIT"],
    ["maxDepth", { maxDepth: "64" }, "ERR_SANITIZER_INVALID_LIMIT"],
    ["maxNodes", { maxNodes: null }, "ERR_SANITIZER_INVALID_LIMIT"],
    ["maxNodes", { maxNodes: 10_000_001 }, "ERR_SANITIZER_INVALID_LIMIT"],
    ["richTextPaths", { richTextPaths: "notes" }, "ERR_SANITIZER_INVALID_PATH"],
    ["richTextPaths", { richTextPaths: [""] }, "ERR_SANITIZER_INVALID_PATH"],
    ["richTextPaths", { richTextPaths: [42] }, "ERR_SANITIZER_INVALID_PATH"],
    ["excludePaths", { excludePaths: ["a..b"] }, "ERR_SANITIZER_INVALID_PATH"],
    ["excludePaths", { excludePaths: ["a["] }, "ERR_SANITIZER_INVALID_PATH"],
    ["excludePaths", { excludePaths: [".a"] }, "ERR_SANITIZER_INVALID_PATH"],
  ])("rejects invalid %s %j", (_name, input, code) => {
    let thrown: unknown;
    try {
      parseSanitizerOptions(input);
    } catch (error) {
      thrown = error;
    }
    expect(BulwarkError.isInstance(thrown)).toBe(true);
    expect(thrown).toMatchObject({ code, status: undefined });
  });

  it("names value and fix in messages", () => {
    const messages = [
      { sqlMode: "block" },
      { maxDepth: -5 },
      { trim: "no" },
      { excludePaths: ["a..b"] },
      { sqlmode: 1 },
    ].map((input) => {
      try {
        parseSanitizerOptions(input);
      } catch (error) {
        return (error as Error).message;
      }
      return "";
    });
    expect(messages).toMatchSnapshot();
  });
});
