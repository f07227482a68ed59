import { toErrorResponse } from "@bulwark/core";
import { describe, expect, it } from "vitest";
import type { RateLimitDecision } from "./decision.js";
import {
  buildRateLimitHeaders,
  createRateLimitError,
  parseHeaderFormat,
} from "./rate-limit-headers.js";

const allowed: RateLimitDecision = {
  allowed: true,
  policy: "api",
  key: "ip:203.0.113.9",
  limit: 100,
  remaining: 99,
  windowSeconds: 900,
  resetAt: 1_700_000_899_500,
  resetSeconds: 900,
  retryAfterSeconds: 0,
  message: "Too many requests, please try again later.",
  source: "memory",
};
const rejected: RateLimitDecision = {
  ...allowed,
  allowed: false,
  remaining: 0,
  resetSeconds: 42,
  retryAfterSeconds: 42,
};

describe("buildRateLimitHeaders", () => {
  it("builds draft-6 headers", () => {
    expect(buildRateLimitHeaders(allowed, "draft-6")).toEqual([
      ["RateLimit-Limit", "100"],
      ["RateLimit-Remaining", "99"],
      ["RateLimit-Reset", "900"],
    ]);
  });

  it("builds draft-8 structured fields", () => {
    expect(buildRateLimitHeaders(allowed, "draft-8")).toEqual([
      ["RateLimit-Policy", '"api";q=100;w=900'],
      ["RateLimit", '"api";r=99;t=900'],
    ]);
  });

  it("builds legacy headers in epoch seconds", () => {
    expect(buildRateLimitHeaders(allowed, "legacy")).toEqual([
      ["X-RateLimit-Limit", "100"],
      ["X-RateLimit-Remaining", "99"],
      ["X-RateLimit-Reset", "1700000900"],
    ]);
  });

  it("builds nothing for none", () => {
    expect(buildRateLimitHeaders(allowed, "none")).toEqual([]);
  });

  it("defaults to draft-6", () => {
    expect(buildRateLimitHeaders(allowed)).toEqual(buildRateLimitHeaders(allowed, "draft-6"));
  });

  it.each(["draft-6", "draft-8", "legacy", "none"] as const)(
    "adds Retry-After when rejected in %s",
    (format) => {
      const headers = buildRateLimitHeaders(rejected, format);
      expect(headers.at(-1)).toEqual(["Retry-After", "42"]);
      expect(headers.filter(([name]) => name === "Retry-After")).toHaveLength(1);
    },
  );
});

describe("createRateLimitError", () => {
  it("renders a 429 with headers", () => {
    const response = toErrorResponse(createRateLimitError(rejected, "draft-6"));
    expect(response.status).toBe(429);
    expect(JSON.parse(response.body)).toEqual({ message: rejected.message, code: "RATE_LIMITED" });
    expect(response.headers).toContainEqual(["Retry-After", "42"]);
    expect(response.headers).toContainEqual(["RateLimit-Remaining", "0"]);
  });
});

describe("parseHeaderFormat", () => {
  it.each([["draft-7"], [null], [6], [""], [Number.NaN]])("rejects %s", (value) => {
    expect(() => parseHeaderFormat(value)).toThrow(
      expect.objectContaining({ code: "ERR_LIMITER_INVALID_HEADER_FORMAT" }),
    );
  });
});
