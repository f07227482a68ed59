import { describe, expect, it } from "vitest";
import { buildDecision, closerToRejection } from "./decision.js";
import { parsePolicies } from "./policy.js";

const api = parsePolicies(undefined).get("api");
if (api === undefined) throw new Error("api policy missing");

describe("buildDecision", () => {
  it("never reports negative remaining", () => {
    const decision = buildDecision(
      api,
      "ip:203.0.113.9",
      { allowed: false, consumedPoints: 150, msBeforeNext: 5000, source: "memory" },
      1_000_000,
    );
    expect(decision.remaining).toBe(0);
    expect(decision.limit).toBe(100);
  });

  it.each([
    [1, 1],
    [999, 1],
    [1000, 1],
    [1001, 2],
    [0, 1],
    [59_500, 60],
  ])("rounds retry after %i ms up to %i s", (ms, seconds) => {
    const decision = buildDecision(api, "k", {
      allowed: false,
      consumedPoints: 101,
      msBeforeNext: ms,
      source: "memory",
    });
    expect(decision.retryAfterSeconds).toBe(seconds);
  });

  it("sets no retry after when allowed", () => {
    const decision = buildDecision(
      api,
      "k",
      { allowed: true, consumedPoints: 1, msBeforeNext: 899_001, source: "redis" },
      10_000,
    );
    expect(decision).toMatchObject({
      allowed: true,
      remaining: 99,
      resetSeconds: 900,
      resetAt: 909_001,
      retryAfterSeconds: 0,
      windowSeconds: 900,
      source: "redis",
    });
  });
});

describe("closerToRejection", () => {
  const make = (allowed: boolean, remaining: number, resetAt: number) => ({
    ...buildDecision(api, "k", {
      allowed,
      consumedPoints: 100 - remaining,
      msBeforeNext: 1000,
      source: "memory",
    }),
    resetAt,
  });

  it("prefers a rejected decision", () => {
    const rejected = make(false, 0, 1);
    expect(closerToRejection(make(true, 0, 5), rejected)).toBe(rejected);
    expect(closerToRejection(rejected, make(true, 0, 5))).toBe(rejected);
  });

  it("prefers fewer remaining", () => {
    const low = make(true, 2, 1);
    expect(closerToRejection(make(true, 50, 9), low)).toBe(low);
  });

  it("breaks ties by later reset", () => {
    const later = make(true, 2, 9);
    expect(closerToRejection(make(true, 2, 1), later)).toBe(later);
  });
});
