import { describe, expect, it } from "vitest";
import { ipKey } from "./ip-key.js";

describe("ipKey", () => {
  it.each([
    ["203.0.113.9", "203.0.113.9"],
    ["::ffff:203.0.113.9", "203.0.113.9"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:DB8:1:2::ffff", "2001:db8:1:2::/64"],
    ["::1", "::/64"],
  ])("keys %s as %s", (address, expected) => {
    expect(ipKey(address)).toBe(expected);
  });

  it("gives one key to addresses in one /64", () => {
    expect(ipKey("2001:db8:aa:bb::1")).toBe(ipKey("2001:db8:aa:bb:ffff:ffff:ffff:ffff"));
  });

  it("gives different keys to different /64s", () => {
    expect(ipKey("2001:db8:aa:bb::1")).not.toBe(ipKey("2001:db8:aa:bc::1"));
  });

  it.each([
    [48, "2001:db8:aa::/48"],
    [56, "2001:db8:aa:bb00::/56"],
    [128, "2001:db8:aa:bbcc::1/128"],
    [1, "::/1"],
  ])("masks to /%i", (ipv6Subnet, expected) => {
    expect(ipKey("2001:db8:aa:bbcc::1", { ipv6Subnet })).toBe(expected);
  });

  it.each([
    "",
    "unknown",
    "not an ip",
    "999.1.1.1",
    "203.0.113.9:80",
    "2130706433",
    "0x7f.0.0.1",
    "010.0.0.1",
  ])("returns undefined for %j", (value) => {
    expect(ipKey(value)).toBeUndefined();
  });

  it.each([0, 129, -1, 64.5, Number.NaN, Number.POSITIVE_INFINITY, "64", null])(
    "rejects ipv6Subnet %s",
    (ipv6Subnet) => {
      expect(() => ipKey("2001:db8::1", { ipv6Subnet: ipv6Subnet as number })).toThrow(
        expect.objectContaining({ code: "ERR_IP_INVALID_SUBNET" }),
      );
    },
  );
});
