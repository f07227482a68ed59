import { describe, expect, it } from "vitest";
import { parseForwarded, splitFromRight } from "./parse-forwarded.js";

describe("parseForwarded", () => {
  it("returns elements right to left", () => {
    expect(parseForwarded("for=192.0.2.60;proto=http, for=198.51.100.17;proto=https")).toEqual([
      { for: "198.51.100.17", proto: "https" },
      { for: "192.0.2.60", proto: "http" },
    ]);
  });

  it.each([
    ['for="[2001:db8:cafe::17]:4711"', "[2001:db8:cafe::17]:4711"],
    ['For="192.0.2.43:47011"', "192.0.2.43:47011"],
    ["for=unknown", "unknown"],
    ["for=_hidden", "_hidden"],
    ['for="_gazonk"', "_gazonk"],
    ['for="a\\"b"', 'a"b'],
    ["by=203.0.113.43;for=192.0.2.60;host=example.com", "192.0.2.60"],
    [" for = 192.0.2.60 ", "192.0.2.60"],
  ])("reads for from %j", (header, expected) => {
    expect(parseForwarded(header)[0]?.for).toBe(expected);
  });

  it.each([
    ["proto=https", undefined],
    ["for=192.0.2.1;for=192.0.2.2", undefined],
    ['for="192.0.2.1', undefined],
    ['for=192.0.2.1"', undefined],
    ["for", undefined],
    ["", undefined],
  ])("gives no for in %j", (header, expected) => {
    expect(parseForwarded(header)[0]?.for).toBe(expected);
  });

  it("reads proto in lower case", () => {
    expect(parseForwarded("for=192.0.2.1;proto=HTTPS")[0]?.proto).toBe("https");
  });

  it("drops a repeated proto", () => {
    expect(parseForwarded("for=192.0.2.1;proto=https;proto=http")[0]?.proto).toBeUndefined();
  });

  it("keeps appended elements after client garbage", () => {
    const elements = parseForwarded('for="203.0.113.1, for=198.51.100.7;proto=https');
    expect(elements[0]).toEqual({ for: "198.51.100.7", proto: "https" });
    expect(elements[1]?.for).toBeUndefined();
  });

  it("keeps quoted commas inside one element", () => {
    expect(parseForwarded('for=192.0.2.1;host="a,b", for=192.0.2.2')).toHaveLength(2);
  });
});

describe("splitFromRight", () => {
  it("treats an escaped backslash before a quote as closed", () => {
    expect(splitFromRight('a="x\\\\",b', ",")).toEqual(["b", 'a="x\\\\"']);
  });
});
