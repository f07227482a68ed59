import { describe, expect, it } from "vitest";
import { AUTH_LIMIT_MESSAGE, appliesToMethod, parsePolicies } from "./policy.js";

describe("parsePolicies", () => {
  it("builds the built-in policies", () => {
    const policies = parsePolicies(undefined);
    expect([...policies.keys()]).toEqual(["auth", "api", "write", "expensive"]);
    expect(policies.get("auth")).toMatchObject({
      points: 5,
      durationSeconds: 900,
      key: "ip",
      blockDurationSeconds: 0,
      message: AUTH_LIMIT_MESSAGE,
      methods: undefined,
    });
    expect(policies.get("api")).toMatchObject({ points: 100, durationSeconds: 900 });
    expect(policies.get("write")).toMatchObject({ points: 30, durationSeconds: 600 });
    expect([...(policies.get("write")?.methods ?? [])]).toEqual(["POST", "PUT", "PATCH", "DELETE"]);
    expect(policies.get("expensive")).toMatchObject({ points: 5, durationSeconds: 3600 });
  });

  it("overrides only the given fields", () => {
    const policies = parsePolicies({ auth: { points: 10 } });
    expect(policies.get("auth")).toMatchObject({
      points: 10,
      durationSeconds: 900,
      message: AUTH_LIMIT_MESSAGE,
    });
  });

  it("adds a complete new policy", () => {
    const key = () => "tenant";
    const policies = parsePolicies({
      reports: { points: 3, durationSeconds: 60, key, methods: ["get"], blockDurationSeconds: 120 },
    });
    expect(policies.get("reports")).toMatchObject({
      points: 3,
      durationSeconds: 60,
      key,
      blockDurationSeconds: 120,
    });
    expect([...(policies.get("reports")?.methods ?? [])]).toEqual(["GET"]);
  });

  it.each([
    ["points NaN", { api: { points: Number.NaN } }, "ERR_LIMITER_INVALID_POINTS"],
    [
      "points Infinity",
      { api: { points: Number.POSITIVE_INFINITY } },
      "ERR_LIMITER_INVALID_POINTS",
    ],
    ["points negative", { api: { points: -5 } }, "ERR_LIMITER_INVALID_POINTS"],
    ["points zero", { api: { points: 0 } }, "ERR_LIMITER_INVALID_POINTS"],
    ["points fraction", { api: { points: 1.5 } }, "ERR_LIMITER_INVALID_POINTS"],
    ["points string", { api: { points: "5" } }, "ERR_LIMITER_INVALID_POINTS"],
    ["points null", { api: { points: null } }, "ERR_LIMITER_INVALID_POINTS"],
    ["duration negative", { api: { durationSeconds: -1 } }, "ERR_LIMITER_INVALID_DURATION"],
    ["duration NaN", { api: { durationSeconds: Number.NaN } }, "ERR_LIMITER_INVALID_DURATION"],
    ["duration string", { api: { durationSeconds: "900" } }, "ERR_LIMITER_INVALID_DURATION"],
    [
      "new policy without points",
      { reports: { durationSeconds: 60 } },
      "ERR_LIMITER_INVALID_POINTS",
    ],
    ["block negative", { api: { blockDurationSeconds: -1 } }, "ERR_LIMITER_INVALID_BLOCK_DURATION"],
    [
      "block Infinity",
      { api: { blockDurationSeconds: Number.POSITIVE_INFINITY } },
      "ERR_LIMITER_INVALID_BLOCK_DURATION",
    ],
    ["key unknown", { api: { key: "session" } }, "ERR_LIMITER_INVALID_KEY_STRATEGY"],
    ["key null", { api: { key: null } }, "ERR_LIMITER_INVALID_KEY_STRATEGY"],
    ["message empty", { api: { message: " " } }, "ERR_LIMITER_INVALID_MESSAGE"],
    ["message number", { api: { message: 429 } }, "ERR_LIMITER_INVALID_MESSAGE"],
    ["methods empty", { api: { methods: [] } }, "ERR_LIMITER_INVALID_METHODS"],
    ["methods string", { api: { methods: "POST" } }, "ERR_LIMITER_INVALID_METHODS"],
    ["methods invalid name", { api: { methods: ["PO ST"] } }, "ERR_LIMITER_INVALID_METHODS"],
    ["unknown policy key", { api: { windowMs: 1000 } }, "ERR_LIMITER_INVALID_OPTIONS"],
    ["policy not an object", { api: 5 }, "ERR_LIMITER_INVALID_OPTIONS"],
    ["policies not an object", "api", "ERR_LIMITER_INVALID_OPTIONS"],
    [
      "invalid policy name",
      { "my policy": { points: 1, durationSeconds: 1 } },
      "ERR_LIMITER_INVALID_POLICY_NAME",
    ],
  ])("rejects %s", (_label, input, code) => {
    expect(() => parsePolicies(input)).toThrow(expect.objectContaining({ code }));
  });
});

describe("appliesToMethod", () => {
  const policies = parsePolicies(undefined);
  const policyNamed = (name: string) => {
    const policy = policies.get(name);
    if (policy === undefined) throw new Error(`built-in policy ${name} missing`);
    return policy;
  };
  const write = policyNamed("write");
  const api = policyNamed("api");

  it("skips OPTIONS for every policy", () => {
    expect(appliesToMethod(write, "OPTIONS")).toBe(false);
    expect(appliesToMethod(api, "options")).toBe(false);
  });

  it("limits write to state-changing methods", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "post"]) {
      expect(appliesToMethod(write, method)).toBe(true);
    }
    for (const method of ["GET", "HEAD"]) expect(appliesToMethod(write, method)).toBe(false);
  });

  it("applies api to every other method", () => {
    for (const method of ["GET", "HEAD", "POST", "DELETE"]) {
      expect(appliesToMethod(api, method)).toBe(true);
    }
  });
});
