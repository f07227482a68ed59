import { createCoreRequest } from "@bulwark/core";
import { describe, expect, it } from "vitest";
import { createHttpsRedirect } from "./https-redirect.js";

function request(
  method: string,
  url: string,
  headers: Record<string, string>,
  remoteAddress = "10.0.0.2",
) {
  return createCoreRequest({ method, url, headers, remoteAddress, encrypted: false });
}

describe("createHttpsRedirect", () => {
  const redirect = createHttpsRedirect("10.0.0.0/8");

  it("redirects plain GET to HTTPS", () => {
    expect(redirect(request("GET", "/api/health?x=1", { host: "crm.example.com" }))).toBe(
      "https://crm.example.com/api/health?x=1",
    );
  });

  it("passes proxy-reported HTTPS through", () => {
    const forwarded = request("GET", "/", {
      host: "crm.example.com",
      "x-forwarded-proto": "https",
    });
    expect(redirect(forwarded)).toBeUndefined();
  });

  it("ignores HTTPS claims of untrusted peers", () => {
    const spoofed = request(
      "GET",
      "/",
      { host: "crm.example.com", "x-forwarded-proto": "https" },
      "203.0.113.7",
    );
    expect(redirect(spoofed)).toBe("https://crm.example.com/");
  });

  it("rejects plain HTTP writes", () => {
    expect(() => redirect(request("POST", "/api/contacts", { host: "crm.example.com" }))).toThrow(
      expect.objectContaining({ code: "BAD_REQUEST", status: 400 }),
    );
  });

  it.each([
    ["missing", {}],
    ["with a path", { host: "evil.example/x" }],
    ["with credentials", { host: "user@evil.example" }],
    ["with a space", { host: "crm example" }],
  ])("rejects a host %s", (_label, headers) => {
    expect(() => redirect(request("GET", "/", headers))).toThrow(
      expect.objectContaining({ code: "BAD_REQUEST" }),
    );
  });

  it("keeps IPv6 hosts and ports", () => {
    expect(redirect(request("GET", "/a", { host: "[::1]:8080" }))).toBe("https://[::1]:8080/a");
  });
});
