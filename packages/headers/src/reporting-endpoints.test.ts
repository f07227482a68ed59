import { describe, expect, it } from "vitest";
import { buildReportingEndpoints } from "./reporting-endpoints.js";

describe("buildReportingEndpoints", () => {
  it("serialises endpoints", () => {
    expect(
      buildReportingEndpoints({
        csp: "https://example.com/csp",
        "coop-reports": "https://example.com/coop",
      }),
    ).toBe('csp="https://example.com/csp", coop-reports="https://example.com/coop"');
  });

  it("percent-encodes quotes in URLs", () => {
    expect(buildReportingEndpoints({ csp: 'https://example.com/a"b' })).toBe(
      'csp="https://example.com/a%22b"',
    );
  });

  it("returns undefined for false", () => {
    expect(buildReportingEndpoints(false)).toBeUndefined();
    expect(buildReportingEndpoints(undefined)).toBeUndefined();
  });

  it.each([
    ["null", null],
    ["empty object", {}],
    ["array", ["https://example.com"]],
    ["upper-case name", { CSP: "https://example.com/csp" }],
    ["name with space", { "a b": "https://example.com/csp" }],
    ["relative URL", { csp: "/csp" }],
    ["javascript URL", { csp: "javascript:alert(1)" }],
    ["number URL", { csp: 1 }],
    ["quote in host", { csp: 'https://a"b.example/csp' }],
  ])("rejects %s", (_case, option) => {
    expect(() => buildReportingEndpoints(option)).toThrow(
      expect.objectContaining({ code: "ERR_HEADERS_INVALID_REPORTING_ENDPOINT" }),
    );
  });
});
