import { describe, expect, it } from "vitest";
import { parsePolicies, type RateLimitRequest } from "./policy.js";
import {
  boundKey,
  resolveIpKey,
  resolveRateLimitKey,
  UNKNOWN_CLIENT_KEY,
} from "./rate-limit-key.js";

const policies = parsePolicies({
  byUser: { points: 1, durationSeconds: 1, key: "user" },
  byTenant: {
    points: 1,
    durationSeconds: 1,
    key: (request: RateLimitRequest) => request.request?.headers["x-tenant"] as string | undefined,
  },
});

describe("resolveIpKey", () => {
  it("keys IPv4 by address", () => {
    expect(resolveIpKey("203.0.113.9", 64).key).toBe("ip:203.0.113.9");
  });

  it("shares one key per IPv6 /64", () => {
    expect(resolveIpKey("2001:db8:1:2::1", 64).key).toBe(
      resolveIpKey("2001:db8:1:2:ffff::9", 64).key,
    );
    expect(resolveIpKey("2001:db8:1:2::1", 64).key).not.toBe(
      resolveIpKey("2001:db8:1:3::1", 64).key,
    );
  });

  it.each([[undefined], [""], ["not-an-ip"], ["203.0.113.999"]])(
    "falls back to unknown for %s",
    (address) => {
      expect(resolveIpKey(address, 64)).toEqual({ key: UNKNOWN_CLIENT_KEY, unknownClient: true });
    },
  );
});

describe("resolveRateLimitKey", () => {
  it("keys by user id when present", () => {
    const policy = policies.get("byUser");
    if (policy === undefined) throw new Error("missing policy");
    expect(
      resolveRateLimitKey(policy, { method: "GET", clientIp: "203.0.113.9", userId: "42" }, 64).key,
    ).toBe("user:42");
    expect(resolveRateLimitKey(policy, { method: "GET", clientIp: "203.0.113.9" }, 64).key).toBe(
      "ip:203.0.113.9",
    );
  });

  it("keys by function result", () => {
    const policy = policies.get("byTenant");
    if (policy === undefined) throw new Error("missing policy");
    const request = {
      method: "GET",
      path: "/",
      query: "",
      headers: { "x-tenant": "acme" },
      remoteAddress: "203.0.113.9",
      encrypted: false,
    };
    expect(
      resolveRateLimitKey(policy, { method: "GET", clientIp: "203.0.113.9", request }, 64).key,
    ).toBe("fn:acme");
    expect(resolveRateLimitKey(policy, { method: "GET", clientIp: "203.0.113.9" }, 64).key).toBe(
      "ip:203.0.113.9",
    );
  });

  it("hashes keys longer than 200 characters", () => {
    const key = boundKey(`fn:${"a".repeat(500)}`);
    expect(key).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(boundKey("fn:short")).toBe("fn:short");
  });
});
