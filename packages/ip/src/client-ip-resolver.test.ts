import { type CoreRequest, createCoreRequest, type RequestHeaders } from "@bulwark/core";
import { describe, expect, it, vi } from "vitest";
import type { ClientIpOptions } from "./client-ip-options.js";
import { createClientIpResolver, resolveClientIp, resolveProtocol } from "./client-ip-resolver.js";

function buildRequest(
  remoteAddress: string | undefined,
  headers: RequestHeaders = {},
  encrypted = false,
): CoreRequest {
  return createCoreRequest({ method: "GET", url: "/", headers, remoteAddress, encrypted });
}

function createLogger() {
  return { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
}

const PROXIES: ClientIpOptions = { trustProxy: ["loopback", "10.0.0.0/8"] };

interface Case {
  readonly options: ClientIpOptions;
  readonly remoteAddress: string | undefined;
  readonly headers?: RequestHeaders;
  readonly address: string | undefined;
  readonly hops?: readonly string[];
  readonly source?: string;
}

const CASES: Record<string, Case> = {
  "socket address by default": {
    options: {},
    remoteAddress: "203.0.113.9",
    address: "203.0.113.9",
    hops: ["203.0.113.9"],
    source: "socket",
  },
  "spoofed X-Forwarded-For with trustProxy false": {
    options: { trustProxy: false },
    remoteAddress: "203.0.113.9",
    headers: { "x-forwarded-for": "198.51.100.1" },
    address: "203.0.113.9",
    source: "socket",
  },
  "spoofed Forwarded with trustProxy false": {
    options: {},
    remoteAddress: "203.0.113.9",
    headers: { forwarded: "for=198.51.100.1" },
    address: "203.0.113.9",
  },
  "spoofed X-Real-IP with trustProxy false": {
    options: {},
    remoteAddress: "203.0.113.9",
    headers: { "x-real-ip": "198.51.100.1" },
    address: "203.0.113.9",
  },
  "X-Real-IP from an untrusted peer": {
    options: PROXIES,
    remoteAddress: "203.0.113.9",
    headers: { "x-real-ip": "198.51.100.1" },
    address: "203.0.113.9",
    source: "socket",
  },
  "X-Forwarded-For from an untrusted peer": {
    options: PROXIES,
    remoteAddress: "203.0.113.9",
    headers: { "x-forwarded-for": "10.0.0.5, 198.51.100.1" },
    address: "203.0.113.9",
    hops: ["203.0.113.9"],
  },
  "X-Real-IP from a trusted peer": {
    options: PROXIES,
    remoteAddress: "10.0.0.1",
    headers: { "x-real-ip": "198.51.100.1" },
    address: "198.51.100.1",
    hops: ["10.0.0.1", "198.51.100.1"],
    source: "x-real-ip",
  },
  "3-hop chain through a trusted list": {
    options: PROXIES,
    remoteAddress: "10.0.0.3",
    headers: { "x-forwarded-for": "203.0.113.9, 10.0.0.1, 10.0.0.2" },
    address: "203.0.113.9",
    hops: ["10.0.0.3", "10.0.0.2", "10.0.0.1", "203.0.113.9"],
    source: "x-forwarded-for",
  },
  "trusted proxy that appends to a client value": {
    options: PROXIES,
    remoteAddress: "10.0.0.1",
    headers: { "x-forwarded-for": "10.0.0.7, 1.1.1.1, 203.0.113.9" },
    address: "203.0.113.9",
    hops: ["10.0.0.1", "203.0.113.9"],
  },
  "more entries than trusted hops": {
    options: { trustProxy: 2 },
    remoteAddress: "198.51.100.20",
    headers: { "x-forwarded-for": "1.1.1.1, 2.2.2.2, 203.0.113.9, 198.51.100.10" },
    address: "203.0.113.9",
    hops: ["198.51.100.20", "198.51.100.10", "203.0.113.9"],
  },
  "hop count of one": {
    options: { trustProxy: 1 },
    remoteAddress: "198.51.100.20",
    headers: { "x-forwarded-for": "1.1.1.1, 203.0.113.9" },
    address: "203.0.113.9",
  },
  "fewer entries than trusted hops": {
    options: { trustProxy: 3 },
    remoteAddress: "198.51.100.20",
    headers: { "x-forwarded-for": "203.0.113.9" },
    address: "203.0.113.9",
  },
  "trust all takes the leftmost entry": {
    options: { trustProxy: true, disabledWarnings: ["WARN_IP_TRUST_ALL"] },
    remoteAddress: "198.51.100.20",
    headers: { "x-forwarded-for": "198.51.100.1, 203.0.113.9" },
    address: "198.51.100.1",
  },
  "several header lines joined in order": {
    options: PROXIES,
    remoteAddress: "10.0.0.3",
    headers: { "x-forwarded-for": ["198.51.100.1, 203.0.113.5", "10.0.0.2"] },
    address: "203.0.113.5",
    hops: ["10.0.0.3", "10.0.0.2", "203.0.113.5"],
  },
  "predicate sees each hop": {
    options: { trustProxy: (address, hopIndex) => hopIndex === 0 || address === "10.0.0.2" },
    remoteAddress: "198.51.100.20",
    headers: { "x-forwarded-for": "203.0.113.9, 10.0.0.2" },
    address: "203.0.113.9",
  },
  "unknown entry ends the walk": {
    options: PROXIES,
    remoteAddress: "10.0.0.1",
    headers: { "x-forwarded-for": "203.0.113.9, unknown" },
    address: "10.0.0.1",
    hops: ["10.0.0.1"],
    source: "socket",
  },
  "garbage entry keeps the proxy before it": {
    options: PROXIES,
    remoteAddress: "10.0.0.1",
    headers: { "x-forwarded-for": "203.0.113.9, <script>, 10.0.0.2" },
    address: "10.0.0.2",
    hops: ["10.0.0.1", "10.0.0.2"],
    source: "x-forwarded-for",
  },
  "empty entry ends the walk": {
    options: PROXIES,
    remoteAddress: "10.0.0.1",
    headers: { "x-forwarded-for": "203.0.113.9,," },
    address: "10.0.0.1",
  },
  "empty header keeps the socket": {
    options: PROXIES,
    remoteAddress: "10.0.0.1",
    headers: { "x-forwarded-for": "" },
    address: "10.0.0.1",
  },
  "overlong entry ends the walk": {
    options: PROXIES,
    remoteAddress: "10.0.0.1",
    headers: { "x-forwarded-for": `203.0.113.9, ${"9".repeat(5000)}` },
    address: "10.0.0.1",
  },
  "ports stripped from entries": {
    options: PROXIES,
    remoteAddress: "10.0.0.1",
    headers: { "x-forwarded-for": "203.0.113.9:5123, [::ffff:10.0.0.2]:80" },
    address: "203.0.113.9",
    hops: ["10.0.0.1", "10.0.0.2", "203.0.113.9"],
  },
  "bracketed IPv6 with port": {
    options: PROXIES,
    remoteAddress: "10.0.0.1",
    headers: { "x-forwarded-for": "[2001:DB8::1]:443" },
    address: "2001:db8::1",
  },
  "IPv4-mapped socket address": {
    options: {},
    remoteAddress: "::ffff:203.0.113.9",
    address: "203.0.113.9",
  },
  "IPv4-mapped loopback peer is trusted": {
    options: { trustProxy: "loopback" },
    remoteAddress: "::ffff:127.0.0.1",
    headers: { "x-forwarded-for": "203.0.113.9" },
    address: "203.0.113.9",
    hops: ["127.0.0.1", "203.0.113.9"],
  },
  "IPv6 loopback peer is trusted": {
    options: { trustProxy: "loopback" },
    remoteAddress: "::1",
    headers: { "x-forwarded-for": "2001:db8::9" },
    address: "2001:db8::9",
  },
  "link-local peer with zone id": {
    options: { trustProxy: "linklocal" },
    remoteAddress: "fe80::1%eth0",
    headers: { "x-forwarded-for": "203.0.113.9" },
    address: "203.0.113.9",
    hops: ["fe80::1", "203.0.113.9"],
  },
  "missing socket address": {
    options: { trustProxy: true, disabledWarnings: ["WARN_IP_TRUST_ALL"] },
    remoteAddress: undefined,
    headers: { "x-forwarded-for": "203.0.113.9" },
    address: undefined,
    hops: [],
    source: "socket",
  },
  "invalid socket address": {
    options: PROXIES,
    remoteAddress: "not-an-ip",
    headers: { "x-forwarded-for": "203.0.113.9" },
    address: undefined,
    hops: [],
  },
  "Forwarded for with port and by": {
    options: PROXIES,
    remoteAddress: "10.0.0.1",
    headers: { forwarded: 'for="192.0.2.60:4711";proto=http;by=203.0.113.43' },
    address: "192.0.2.60",
    source: "forwarded",
  },
  "Forwarded quoted bracketed IPv6": {
    options: PROXIES,
    remoteAddress: "10.0.0.1",
    headers: { forwarded: 'for="[2001:db8:cafe::17]:4711"' },
    address: "2001:db8:cafe::17",
  },
  "Forwarded chain through trusted proxies": {
    options: PROXIES,
    remoteAddress: "10.0.0.1",
    headers: { forwarded: "for=198.51.100.1, for=203.0.113.9, For=10.0.0.2" },
    address: "203.0.113.9",
    hops: ["10.0.0.1", "10.0.0.2", "203.0.113.9"],
  },
  "Forwarded unknown keeps the proxy": {
    options: PROXIES,
    remoteAddress: "10.0.0.1",
    headers: { forwarded: "for=unknown" },
    address: "10.0.0.1",
    source: "socket",
  },
  "Forwarded obfuscated identifier": {
    options: PROXIES,
    remoteAddress: "10.0.0.1",
    headers: { forwarded: "for=_hidden, for=10.0.0.2" },
    address: "10.0.0.2",
  },
  "Forwarded client garbage before appended element": {
    options: PROXIES,
    remoteAddress: "10.0.0.1",
    headers: { forwarded: 'for="1.1.1.1, for=203.0.113.9' },
    address: "203.0.113.9",
  },
  "Forwarded repeated for in one element": {
    options: PROXIES,
    remoteAddress: "10.0.0.1",
    headers: { forwarded: "for=203.0.113.9;for=1.1.1.1" },
    address: "10.0.0.1",
  },
  "X-Forwarded-For read before Forwarded": {
    options: { ...PROXIES, disabledWarnings: ["WARN_IP_MIXED_FORWARDED_HEADERS"] },
    remoteAddress: "10.0.0.1",
    headers: { "x-forwarded-for": "203.0.113.9", forwarded: "for=198.51.100.1" },
    address: "203.0.113.9",
    source: "x-forwarded-for",
  },
  "forwardedHeaders limits the headers read": {
    options: { ...PROXIES, forwardedHeaders: ["forwarded"] },
    remoteAddress: "10.0.0.1",
    headers: { "x-forwarded-for": "198.51.100.1", "x-real-ip": "198.51.100.2" },
    address: "10.0.0.1",
    source: "socket",
  },
  "forwardedHeaders order is followed": {
    options: {
      ...PROXIES,
      forwardedHeaders: ["x-real-ip", "x-forwarded-for"],
      disabledWarnings: ["WARN_IP_MIXED_FORWARDED_HEADERS"],
    },
    remoteAddress: "10.0.0.1",
    headers: { "x-forwarded-for": "198.51.100.1", "x-real-ip": "203.0.113.9" },
    address: "203.0.113.9",
    source: "x-real-ip",
  },
};

describe("createClientIpResolver", () => {
  it.each(Object.entries(CASES))("resolves %s", (_name, testCase) => {
    const resolver = createClientIpResolver({ logger: createLogger(), ...testCase.options });
    const result = resolver.resolve(buildRequest(testCase.remoteAddress, testCase.headers));
    expect(result.address).toBe(testCase.address);
    if (testCase.hops !== undefined) expect(result.hops).toEqual(testCase.hops);
    if (testCase.source !== undefined) expect(result.source).toBe(testCase.source);
  });

  it.each([
    ["TLS socket", {}, "203.0.113.9", {}, true, "https"],
    ["plain socket", {}, "203.0.113.9", {}, false, "http"],
    [
      "untrusted peer claiming https",
      {},
      "203.0.113.9",
      { "x-forwarded-proto": "https" },
      false,
      "http",
    ],
    [
      "trusted peer reporting https",
      PROXIES,
      "10.0.0.1",
      { "x-forwarded-proto": "https" },
      false,
      "https",
    ],
    [
      "trusted peer reporting HTTPS",
      PROXIES,
      "10.0.0.1",
      { "x-forwarded-proto": " HTTPS " },
      false,
      "https",
    ],
    [
      "trusted peer reporting http",
      PROXIES,
      "10.0.0.1",
      { "x-forwarded-proto": "http" },
      false,
      "http",
    ],
    [
      "trusted peer reporting garbage",
      PROXIES,
      "10.0.0.1",
      { "x-forwarded-proto": "ftp" },
      false,
      "http",
    ],
    [
      "appended proto at the edge",
      PROXIES,
      "10.0.0.2",
      { "x-forwarded-for": "203.0.113.9, 10.0.0.1", "x-forwarded-proto": "https, http" },
      false,
      "https",
    ],
    [
      "overwritten proto from the edge",
      PROXIES,
      "10.0.0.2",
      { "x-forwarded-for": "203.0.113.9, 10.0.0.1", "x-forwarded-proto": "https" },
      false,
      "https",
    ],
    [
      "Forwarded proto of the client element",
      PROXIES,
      "10.0.0.2",
      { forwarded: "for=203.0.113.9;proto=https, for=10.0.0.1;proto=http" },
      false,
      "https",
    ],
    [
      "Forwarded element without proto",
      PROXIES,
      "10.0.0.2",
      { forwarded: "for=203.0.113.9, for=10.0.0.1;proto=https" },
      false,
      "http",
    ],
    [
      "Forwarded proto without for",
      PROXIES,
      "10.0.0.2",
      { forwarded: "proto=https" },
      false,
      "https",
    ],
  ] as const)(
    "reports protocol for %s",
    (_name, options, remoteAddress, headers, encrypted, protocol) => {
      const resolver = createClientIpResolver(options);
      expect(resolver.resolve(buildRequest(remoteAddress, headers, encrypted)).protocol).toBe(
        protocol,
      );
    },
  );

  it("warns once about untrusted forwarding headers", () => {
    const logger = createLogger();
    const resolver = createClientIpResolver({ logger });
    resolver.resolve(buildRequest("203.0.113.9"));
    expect(logger.warn).not.toHaveBeenCalled();
    resolver.resolve(buildRequest("203.0.113.9", { "x-forwarded-for": "1.1.1.1" }));
    resolver.resolve(buildRequest("203.0.113.9", { forwarded: "for=1.1.1.1" }));
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0]?.[0]).toEqual({ code: "WARN_IP_UNTRUSTED_FORWARDED_HEADER" });
  });

  it("skips untrusted-header warning with trusted list", () => {
    const logger = createLogger();
    const resolver = createClientIpResolver({ ...PROXIES, logger });
    resolver.resolve(buildRequest("203.0.113.9", { "x-forwarded-for": "1.1.1.1" }));
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it("warns once about mixed forwarding headers", () => {
    const logger = createLogger();
    const resolver = createClientIpResolver({ ...PROXIES, logger });
    const headers = { "x-forwarded-for": "203.0.113.9", "x-real-ip": "198.51.100.1" };
    resolver.resolve(buildRequest("10.0.0.1", headers));
    resolver.resolve(buildRequest("10.0.0.1", headers));
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0]?.[0]).toEqual({ code: "WARN_IP_MIXED_FORWARDED_HEADERS" });
  });

  it("skips disabled warnings", () => {
    const logger = createLogger();
    const resolver = createClientIpResolver({
      logger,
      disabledWarnings: ["WARN_IP_UNTRUSTED_FORWARDED_HEADER"],
    });
    resolver.resolve(buildRequest("203.0.113.9", { "x-forwarded-for": "1.1.1.1" }));
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it("resolves repeated socket addresses alike", () => {
    const resolver = createClientIpResolver(PROXIES);
    const headers = { "x-forwarded-for": "203.0.113.9" };
    for (let round = 0; round < 3; round += 1) {
      expect(resolver.resolve(buildRequest("::ffff:127.0.0.1", headers)).address).toBe(
        "203.0.113.9",
      );
      expect(resolver.resolve(buildRequest("198.51.100.7", headers)).address).toBe("198.51.100.7");
      expect(resolver.resolve(buildRequest("not-an-address")).address).toBeUndefined();
    }
  });

  it("resolves past the socket cache size", () => {
    const resolver = createClientIpResolver(PROXIES);
    // More distinct peers than the resolver keeps parsed, so the cache is cleared on the way.
    for (let index = 0; index < 3000; index += 1) {
      const address = `198.51.${index >> 8}.${index & 255}`;
      expect(resolver.resolve(buildRequest(address)).address).toBe(address);
    }
    const proxied = resolver.resolve(buildRequest("10.0.0.1", { "x-forwarded-for": "1.1.1.1" }));
    expect(proxied.address).toBe("1.1.1.1");
  });

  it("propagates a predicate's own error", () => {
    const resolver = createClientIpResolver({
      trustProxy: () => {
        throw new RangeError("predicate failed");
      },
    });
    expect(() => resolver.resolve(buildRequest("10.0.0.1"))).toThrow(RangeError);
  });
});

describe("resolveClientIp", () => {
  it("resolves with default options", () => {
    expect(resolveClientIp(buildRequest("::ffff:203.0.113.9")).address).toBe("203.0.113.9");
  });

  it("compiles options once per object", () => {
    const logger = createLogger();
    const options: ClientIpOptions = { trustProxy: true, logger };
    const request = buildRequest("10.0.0.1", { "x-forwarded-for": "203.0.113.9" });
    expect(resolveClientIp(request, options).address).toBe("203.0.113.9");
    expect(resolveClientIp(request, options).address).toBe("203.0.113.9");
    expect(logger.warn).toHaveBeenCalledTimes(1);
    resolveClientIp(request, { ...options });
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });

  it("rejects invalid options", () => {
    expect(() => resolveClientIp(buildRequest("10.0.0.1"), { trustProxy: -1 })).toThrow(
      expect.objectContaining({ code: "ERR_IP_INVALID_TRUST_PROXY" }),
    );
  });
});

describe("resolveProtocol", () => {
  it("returns https behind a trusted proxy", () => {
    const request = buildRequest("127.0.0.1", { "x-forwarded-proto": "https" });
    expect(resolveProtocol(request, { trustProxy: "loopback" })).toBe("https");
  });

  it("returns http from an untrusted peer", () => {
    expect(resolveProtocol(buildRequest("127.0.0.1", { "x-forwarded-proto": "https" }))).toBe(
      "http",
    );
  });
});
