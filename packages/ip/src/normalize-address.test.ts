import { describe, expect, it } from "vitest";
import { normalizeAddress, parseIpAddress } from "./normalize-address.js";

describe("normalizeAddress", () => {
  it.each([
    ["203.0.113.9", "203.0.113.9"],
    [" 203.0.113.9\t", "203.0.113.9"],
    ["203.0.113.9:5123", "203.0.113.9"],
    ["::ffff:203.0.113.9", "203.0.113.9"],
    ["::FFFF:203.0.113.9", "203.0.113.9"],
    ["0:0:0:0:0:ffff:203.0.113.9", "203.0.113.9"],
    ["::ffff:cb00:7109", "203.0.113.9"],
    ["[::ffff:203.0.113.9]:80", "203.0.113.9"],
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1"],
    ["[2001:db8::1]", "2001:db8::1"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["[2001:db8::1]:_port1", "2001:db8::1"],
    ["fe80::1%eth0", "fe80::1"],
    ["[fe80::1%eth0]:8080", "fe80::1"],
    ["::1", "::1"],
    ["64:ff9b::203.0.113.9", "64:ff9b::cb00:7109"],
  ])("normalises %j to %j", (value, expected) => {
    expect(normalizeAddress(value)).toBe(expected);
  });

  it.each([
    "",
    " ",
    "unknown",
    "_hidden",
    "garbage",
    "999.1.1.1",
    "01.2.3.4",
    "2130706433",
    "0x7f.0.0.1",
    "1.2.3",
    "::1.2.3.4",
    "[203.0.113.9]",
    "[2001:db8::1",
    "[2001:db8::1]x",
    "[2001:db8::1]:",
    "[2001:db8::1]:123456",
    "203.0.113.9:",
    "203.0.113.9:http",
    "203.0.113.9%eth0",
    "2001:db8::1:443x",
    "1:2:3:4:5:6:7:8:9",
    `${"1".repeat(60)}::1`,
    ` ${"0".repeat(100)}`,
    "fe80::1%",
  ])("rejects %j", (value) => {
    expect(normalizeAddress(value)).toBeUndefined();
  });

  it.each([undefined, null, 42, {}, ["203.0.113.9"]])("rejects non-string %j", (value) => {
    expect(normalizeAddress(value)).toBeUndefined();
  });
});

describe("parseIpAddress", () => {
  it("rejects a port", () => {
    expect(parseIpAddress("203.0.113.9:80")).toBeUndefined();
  });

  it("turns mapped input into IPv4", () => {
    expect(parseIpAddress("::ffff:10.0.0.1")).toEqual({
      family: 4,
      address: "10.0.0.1",
      value: 0x0a000001,
    });
  });
});
