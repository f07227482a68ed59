import { describe, expect, it } from "vitest";
import { parseIpAddress } from "./normalize-address.js";
import { compileTrustProxy } from "./trust-proxy.js";

function isTrusted(trustProxy: unknown, address: string, hopIndex = 0): boolean {
  const hop = parseIpAddress(address);
  if (hop === undefined) throw new Error(`test address ${address} is invalid`);
  return compileTrustProxy(trustProxy).isTrusted(hop, hopIndex);
}

describe("compileTrustProxy", () => {
  it.each([
    [undefined, "none"],
    [false, "none"],
    [0, "none"],
    [[], "none"],
    [true, "all"],
    [2, "count"],
    ["loopback", "list"],
    [["10.0.0.0/8"], "list"],
    [() => true, "predicate"],
  ])("compiles %j to mode %s", (trustProxy, mode) => {
    expect(compileTrustProxy(trustProxy).mode).toBe(mode);
  });

  it.each([
    ["loopback", "127.0.0.1", true],
    ["loopback", "127.255.0.9", true],
    ["loopback", "::1", true],
    ["loopback", "10.0.0.1", false],
    ["linklocal", "169.254.10.1", true],
    ["linklocal", "fe80::abcd", true],
    ["uniquelocal", "10.1.2.3", true],
    ["uniquelocal", "172.16.0.1", true],
    ["uniquelocal", "172.32.0.1", false],
    ["uniquelocal", "192.168.1.1", true],
    ["uniquelocal", "fd12::1", true],
    ["uniquelocal", "8.8.8.8", false],
    ["10.0.0.1", "10.0.0.1", true],
    ["10.0.0.1", "10.0.0.2", false],
    ["10.0.0.0/8, 2001:db8::/32", "2001:db8:ff::1", true],
    ["::ffff:10.0.0.0/104", "10.9.9.9", true],
    ["::ffff:10.0.0.1", "10.0.0.1", true],
    ["::/0", "203.0.113.9", true],
    ["0.0.0.0/0", "2001:db8::1", false],
    ["2001:db8::/32", "2001:db9::1", false],
  ])("list %j trusts %s: %s", (trustProxy, address, expected) => {
    expect(isTrusted(trustProxy, address)).toBe(expected);
  });

  it("trusts hops below the count", () => {
    expect(isTrusted(2, "203.0.113.9", 0)).toBe(true);
    expect(isTrusted(2, "203.0.113.9", 1)).toBe(true);
    expect(isTrusted(2, "203.0.113.9", 2)).toBe(false);
  });

  it("passes address and index to predicate", () => {
    const calls: [string, number][] = [];
    isTrusted(
      (address: string, hopIndex: number) => {
        calls.push([address, hopIndex]);
        return true;
      },
      "::ffff:10.0.0.1",
      3,
    );
    expect(calls).toEqual([["10.0.0.1", 3]]);
  });

  it("trusts only a literal true", () => {
    expect(isTrusted(() => 1, "10.0.0.1")).toBe(false);
    expect(isTrusted(() => "yes", "10.0.0.1")).toBe(false);
  });

  it.each([
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["negative", -1],
    ["fraction", 1.5],
    ["null", null],
    ["object", { proxies: 1 }],
    ["symbol", Symbol("x")],
  ])("rejects %s trustProxy", (_label, trustProxy) => {
    expect(() => compileTrustProxy(trustProxy)).toThrow(
      expect.objectContaining({ code: "ERR_IP_INVALID_TRUST_PROXY" }),
    );
  });

  it.each([
    ["empty string", ""],
    ["trailing comma", "10.0.0.1,"],
    ["unknown name", "localhost"],
    ["garbage", "not-an-ip"],
    ["prefix too long", "10.0.0.0/33"],
    ["ipv6 prefix too long", "2001:db8::/129"],
    ["negative prefix", "10.0.0.0/-1"],
    ["netmask", "10.0.0.0/255.0.0.0"],
    ["empty prefix", "10.0.0.0/"],
    ["zone id", "fe80::1%eth0"],
    ["non-decimal ipv4", "0x0a.0.0.1"],
    ["ipv4-compatible", "::10.0.0.1"],
    ["port", "10.0.0.1:80"],
  ])("rejects %s entry", (_label, entry) => {
    expect(() => compileTrustProxy(entry)).toThrow(
      expect.objectContaining({ code: "ERR_IP_INVALID_PROXY" }),
    );
    expect(() => compileTrustProxy([entry])).toThrow(
      expect.objectContaining({ code: "ERR_IP_INVALID_PROXY" }),
    );
  });

  it.each([[[1]], [[null]], [["10.0.0.1", undefined]]])("rejects non-string entry %j", (list) => {
    expect(() => compileTrustProxy(list)).toThrow(
      expect.objectContaining({ code: "ERR_IP_INVALID_PROXY" }),
    );
  });
});
