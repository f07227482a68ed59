import { describe, expect, it } from "vitest";
import { isCoveredPath, normalizePath } from "./stack-limits.js";

describe("normalizePath", () => {
  it.each([
    ["/api/items", "/api/items"],
    ["/API/Items", "/api/items"],
    ["/api//items/", "/api/items"],
    ["//api///items", "/api/items"],
    ["/%61pi/items", "/api/items"],
    ["/api/%E0%A4%A", "/api/%e0%a4%a"],
    ["/", "/"],
    ["/api/items/", "/api/items"],
    ["/api/ITEMS", "/api/items"],
    ["/api/it%65ms", "/api/items"],
    ["/api/it\u00c9ms", "/api/it\u00e9ms"],
    ["/api/items;v=1", "/api/items;v=1"],
    ["", ""],
  ])("normalises %s", (path, normalized) => {
    expect(normalizePath(path)).toBe(normalized);
  });

  it.each(["/api/items", "/api/contacts/3f1c-9a_b.csv", "/api/a:b@c!d$e&f'g(h)i*j+k,l;m=n~o"])(
    "returns normal path %s as is",
    (path) => {
      expect(normalizePath(path)).toBe(path);
    },
  );
});

describe("isCoveredPath", () => {
  const limits = { policies: ["api"], pathPrefix: "/api", excludePaths: new Set(["/api/health"]) };

  it.each([
    ["/api", true],
    ["/api/items", true],
    ["/API/items", true],
    ["/%61pi/items", true],
    ["/api/health", false],
    ["/api/health/", false],
    ["/API/Health", false],
    ["/apix", false],
    ["/", false],
    ["/public/api", false],
  ])("covers %s: %s", (path, covered) => {
    expect(isCoveredPath(limits, path)).toBe(covered);
  });

  it("covers everything under root", () => {
    expect(isCoveredPath({ ...limits, pathPrefix: "/" }, "/anything")).toBe(true);
  });
});
