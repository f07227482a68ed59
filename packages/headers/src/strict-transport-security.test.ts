import { describe, expect, it } from "vitest";
import { buildStrictTransportSecurity } from "./strict-transport-security.js";

const PRESET = { maxAgeSeconds: 63_072_000, includeSubDomains: true, preload: false };

describe("buildStrictTransportSecurity", () => {
  it("uses the preset when absent", () => {
    expect(buildStrictTransportSecurity(undefined, PRESET)).toBe(
      "max-age=63072000; includeSubDomains",
    );
  });

  it("sends nothing without preset or option", () => {
    expect(buildStrictTransportSecurity(undefined, undefined)).toBeUndefined();
  });

  it("defaults max-age to one year", () => {
    expect(buildStrictTransportSecurity({}, undefined)).toBe("max-age=31536000");
  });

  it("overrides preset fields one by one", () => {
    expect(buildStrictTransportSecurity({ maxAgeSeconds: 300 }, PRESET)).toBe(
      "max-age=300; includeSubDomains",
    );
    expect(buildStrictTransportSecurity({ includeSubDomains: false }, PRESET)).toBe(
      "max-age=63072000",
    );
  });

  it("adds preload", () => {
    expect(buildStrictTransportSecurity({ preload: true }, PRESET)).toBe(
      "max-age=63072000; includeSubDomains; preload",
    );
  });

  it("returns undefined for false", () => {
    expect(buildStrictTransportSecurity(false, PRESET)).toBeUndefined();
  });

  it.each([
    ["NaN", { maxAgeSeconds: Number.NaN }, "ERR_HEADERS_INVALID_HSTS"],
    ["Infinity", { maxAgeSeconds: Number.POSITIVE_INFINITY }, "ERR_HEADERS_INVALID_HSTS"],
    ["negative", { maxAgeSeconds: -5 }, "ERR_HEADERS_INVALID_HSTS"],
    ["string", { maxAgeSeconds: "300" }, "ERR_HEADERS_INVALID_HSTS"],
    ["null", { maxAgeSeconds: null }, "ERR_HEADERS_INVALID_HSTS"],
    ["unsafe integer", { maxAgeSeconds: 2 ** 53 }, "ERR_HEADERS_INVALID_HSTS"],
    ["preload string", { preload: "true" }, "ERR_HEADERS_INVALID_HSTS"],
    ["preload short", { preload: true, maxAgeSeconds: 300 }, "ERR_HEADERS_INVALID_HSTS"],
    [
      "preload no subdomains",
      { preload: true, includeSubDomains: false },
      "ERR_HEADERS_INVALID_HSTS",
    ],
    ["unknown key", { maxAge: 300 }, "ERR_HEADERS_INVALID_OPTIONS"],
    ["options null", null, "ERR_HEADERS_INVALID_OPTIONS"],
  ])("rejects %s", (_case, option, code) => {
    expect(() => buildStrictTransportSecurity(option, PRESET)).toThrow(
      expect.objectContaining({ code }),
    );
  });
});
