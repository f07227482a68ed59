import { describe, expect, it } from "vitest";
import { findPollutionKeys } from "./pollution-keys.js";

describe("findPollutionKeys", () => {
  it.each([
    ['{"__proto__":{"admin":true}}', [["__proto__"]]],
    ['{"a":{"__proto__":{}}}', [["a", "__proto__"]]],
    ['{"list":[{"ok":1},{"__proto__":1}]}', [["list", 1, "__proto__"]]],
    ['{"constructor":{"prototype":{"admin":true}}}', [["constructor"]]],
    ['{"constructor":"Acme builders"}', []],
    ['{"constructor":{"name":"x"}}', []],
    ['{"prototype":true,"toString":"x"}', []],
    ['[1,"__proto__",null]', []],
    ['"__proto__"', []],
  ])("finds keys in %s", (json, expected) => {
    expect(findPollutionKeys(JSON.parse(json), 100)).toEqual(expected);
  });

  it("stops at the maximum", () => {
    const input = JSON.parse(`[${Array.from({ length: 50 }, () => '{"__proto__":1}').join(",")}]`);
    expect(findPollutionKeys(input, 5)).toHaveLength(5);
  });

  it("walks deep nesting without overflow", () => {
    const depth = 100_000;
    const json = `${'{"a":'.repeat(depth)}{"__proto__":1}${"}".repeat(depth)}`;
    const found = findPollutionKeys(JSON.parse(json), 10);
    expect(found).toHaveLength(1);
    expect(found[0]).toHaveLength(depth + 1);
  });

  it("survives cycles", () => {
    const cyclic: Record<string, unknown> = { name: "x" };
    cyclic.self = cyclic;
    expect(findPollutionKeys(cyclic, 10)).toEqual([]);
  });
});
