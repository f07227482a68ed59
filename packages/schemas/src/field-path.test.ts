import { describe, expect, it } from "vitest";
import { formatFieldPath } from "./field-path.js";

describe("formatFieldPath", () => {
  it.each([
    { path: ["contacts", 2, "email"], prefix: "", expected: "contacts[2].email" },
    { path: ["address", "city"], prefix: "", expected: "address.city" },
    { path: ["limit"], prefix: "query", expected: "query.limit" },
    { path: ["x-api-key"], prefix: "headers", expected: 'headers["x-api-key"]' },
    { path: ["tags", "a.b"], prefix: "", expected: 'tags["a.b"]' },
    { path: ["map", "0"], prefix: "", expected: 'map["0"]' },
    { path: [0, "name"], prefix: "", expected: "[0].name" },
    { path: ["__proto__"], prefix: "", expected: "__proto__" },
    { path: ["héllo"], prefix: "", expected: '["héllo"]' },
    { path: ["a b", "c"], prefix: "", expected: '["a b"].c' },
  ])("formats $expected", ({ path, prefix, expected }) => {
    expect(formatFieldPath(path, prefix)).toBe(expected);
  });

  it("returns root for empty path", () => {
    expect(formatFieldPath([], "", "body")).toBe("body");
    expect(formatFieldPath([], "query")).toBe("query");
  });

  it("keeps the end of long paths", () => {
    const field = formatFieldPath([...Array.from({ length: 1000 }, () => "level"), "city"]);
    expect(field.length).toBe(400);
    expect(field.startsWith("...")).toBe(true);
    expect(field.endsWith(".level.city")).toBe(true);
  });

  it("formats symbol keys", () => {
    expect(formatFieldPath(["a", Symbol("b")])).toBe("a[Symbol(b)]");
  });

  it("cuts keys over 100 characters", () => {
    const field = formatFieldPath(["x".repeat(10_000)]);
    expect(field.length).toBeLessThan(110);
    expect(field.endsWith('..."]')).toBe(true);
  });
});
