import { describe, expect, it } from "vitest";
import { createCoreRequest, getHeader, getHeaderValues } from "./request.js";

describe("createCoreRequest", () => {
  it("splits path and query", () => {
    const request = createCoreRequest({
      method: "get",
      url: "/api/contacts?limit=5&q=a?b",
      headers: {},
      remoteAddress: "127.0.0.1",
    });

    expect(request.method).toBe("GET");
    expect(request.path).toBe("/api/contacts");
    expect(request.query).toBe("limit=5&q=a?b");
    expect(request.encrypted).toBe(false);
  });

  it("returns an empty query without a question mark", () => {
    const request = createCoreRequest({
      method: "POST",
      url: "/api/health",
      headers: {},
      remoteAddress: undefined,
      encrypted: true,
    });

    expect(request.query).toBe("");
    expect(request.path).toBe("/api/health");
    expect(request.encrypted).toBe(true);
    expect(request.remoteAddress).toBeUndefined();
  });
});

describe("getHeader", () => {
  const headers = { "x-forwarded-for": ["203.0.113.1", "198.51.100.2"], host: "example.test" };

  it("joins repeated lines in order", () => {
    expect(getHeader(headers, "x-forwarded-for")).toBe("203.0.113.1, 198.51.100.2");
  });

  it("returns a single value as is", () => {
    expect(getHeader(headers, "host")).toBe("example.test");
  });

  it("returns undefined when absent", () => {
    expect(getHeader(headers, "forwarded")).toBeUndefined();
  });

  it("lists values one per line", () => {
    expect(getHeaderValues(headers, "x-forwarded-for")).toEqual(["203.0.113.1", "198.51.100.2"]);
    expect(getHeaderValues(headers, "host")).toEqual(["example.test"]);
    expect(getHeaderValues(headers, "forwarded")).toEqual([]);
  });
});
