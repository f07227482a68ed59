import { describe, expect, it } from "vitest";
import { HEADERS_ERROR_CODES } from "./errors.js";
import { createSecurityHeaders, type SecurityHeadersOptions } from "./security-headers.js";

const GUIDE_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; font-src 'self' data:; connect-src 'self'";

function headerMap(options: SecurityHeadersOptions | undefined, https = true): Map<string, string> {
  const { headers } = createSecurityHeaders(options).forResponse({ https });
  const map = new Map<string, string>();
  for (const [name, value] of headers) {
    expect(map.has(name)).toBe(false);
    map.set(name, value);
  }
  return map;
}

function errorOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw");
}

describe("guide preset", () => {
  it("reproduces guide values exactly", () => {
    expect([...headerMap({ preset: "guide" })]).toEqual([
      ["content-security-policy", GUIDE_CSP],
      ["strict-transport-security", "max-age=31536000; includeSubDomains"],
      ["referrer-policy", "strict-origin-when-cross-origin"],
      ["x-content-type-options", "nosniff"],
      ["x-frame-options", "DENY"],
      ["x-xss-protection", "1; mode=block"],
    ]);
  });

  it("leaves out HSTS over HTTP", () => {
    const headers = headerMap({ preset: "guide" }, false);
    expect(headers.has("strict-transport-security")).toBe(false);
    expect(headers.get("content-security-policy")).toBe(GUIDE_CSP);
  });

  it("uses no nonce", () => {
    const securityHeaders = createSecurityHeaders({ preset: "guide" });
    expect(securityHeaders.usesNonce).toBe(false);
    expect(securityHeaders.forResponse({ https: true }).nonce).toBeUndefined();
  });
});

describe("strict preset", () => {
  it("is the default", () => {
    expect(createSecurityHeaders().usesNonce).toBe(true);
    expect([...headerMap(undefined).keys()]).toEqual([...headerMap({ preset: "strict" }).keys()]);
  });

  it("sends every strict header", () => {
    const headers = headerMap(undefined);
    const { nonce } = createSecurityHeaders().forResponse({ https: true });
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(headers.get("content-security-policy")).toMatch(
      /^default-src 'self'; script-src 'self' 'nonce-[A-Za-z0-9+/]{22}=='; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; upgrade-insecure-requests$/,
    );
    expect(
      Object.fromEntries([...headers].filter(([name]) => name !== "content-security-policy")),
    ).toEqual({
      "strict-transport-security": "max-age=63072000; includeSubDomains",
      "cross-origin-opener-policy": "same-origin",
      "cross-origin-resource-policy": "same-origin",
      "origin-agent-cluster": "?1",
      "referrer-policy": "same-origin",
      "x-content-type-options": "nosniff",
      "x-dns-prefetch-control": "off",
      "x-frame-options": "DENY",
      "x-permitted-cross-domain-policies": "none",
      "x-xss-protection": "0",
      "permissions-policy":
        "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), hid=(), idle-detection=(), magnetometer=(), microphone=(), midi=(), payment=(), serial=(), usb=(), xr-spatial-tracking=()",
    });
  });

  it("has no unsafe-eval or unsafe-inline", () => {
    const policy = headerMap(undefined).get("content-security-policy");
    expect(policy).not.toContain("unsafe-");
  });

  it("leaves out COEP", () => {
    expect(headerMap(undefined).has("cross-origin-embedder-policy")).toBe(false);
  });
});

describe("forResponse", () => {
  it("returns one frozen result without nonce", () => {
    const securityHeaders = createSecurityHeaders({ preset: "guide" });
    const first = securityHeaders.forResponse({ https: true });
    expect(securityHeaders.forResponse({ https: true })).toBe(first);
    expect(Object.isFrozen(first.headers)).toBe(true);
    expect(first.headers.every((tuple) => Object.isFrozen(tuple))).toBe(true);
    expect(securityHeaders.forResponse({ https: false })).not.toBe(first);
  });

  it("makes a fresh nonce per response", () => {
    const securityHeaders = createSecurityHeaders();
    const nonces = new Set<string>();
    for (let index = 0; index < 1000; index += 1) {
      const { nonce, headers } = securityHeaders.forResponse({ https: false });
      expect(nonce).toBeDefined();
      const policy = headers.find(([name]) => name === "content-security-policy")?.[1];
      expect(policy).toContain(`'nonce-${nonce}'`);
      nonces.add(nonce ?? "");
    }
    expect(nonces.size).toBe(1000);
  });

  it("decodes nonces to 16 bytes", () => {
    const { nonce } = createSecurityHeaders().forResponse({ https: true });
    expect(Buffer.from(nonce ?? "", "base64")).toHaveLength(16);
  });

  it("puts one nonce in every policy", () => {
    const { headers, nonce } = createSecurityHeaders({
      contentSecurityPolicy: { directives: { styleSrc: ["self", "nonce"] } },
      contentSecurityPolicyReportOnly: {
        directives: { scriptSrcElem: ["nonce"] },
        extendPreset: false,
      },
    }).forResponse({ https: true });
    const policy = headers.find(([name]) => name === "content-security-policy")?.[1] ?? "";
    const reportOnly = headers.find(
      ([name]) => name === "content-security-policy-report-only",
    )?.[1];
    expect(policy.split(`'nonce-${nonce}'`)).toHaveLength(3);
    expect(reportOnly).toBe(`script-src-elem 'nonce-${nonce}'`);
  });

  it("leaves the shared list unchanged", () => {
    const securityHeaders = createSecurityHeaders();
    securityHeaders.forResponse({ https: true });
    const { headers } = securityHeaders.forResponse({ https: true });
    (headers as [string, string][]).pop();
    expect(securityHeaders.forResponse({ https: true }).headers.length).toBe(headers.length + 1);
  });
});

describe("header options", () => {
  it.each<[SecurityHeadersOptions, string, string]>([
    [{ xFrameOptions: "SAMEORIGIN" }, "x-frame-options", "SAMEORIGIN"],
    [{ xXssProtection: "1; mode=block" }, "x-xss-protection", "1; mode=block"],
    [{ referrerPolicy: "no-referrer" }, "referrer-policy", "no-referrer"],
    [
      { referrerPolicy: ["no-referrer", "strict-origin-when-cross-origin"] },
      "referrer-policy",
      "no-referrer, strict-origin-when-cross-origin",
    ],
    [
      { crossOriginOpenerPolicy: "same-origin-allow-popups" },
      "cross-origin-opener-policy",
      "same-origin-allow-popups",
    ],
    [{ crossOriginResourcePolicy: "cross-origin" }, "cross-origin-resource-policy", "cross-origin"],
    [{ crossOriginEmbedderPolicy: "require-corp" }, "cross-origin-embedder-policy", "require-corp"],
    [
      { crossOriginEmbedderPolicy: "credentialless" },
      "cross-origin-embedder-policy",
      "credentialless",
    ],
    [{ xDnsPrefetchControl: "on" }, "x-dns-prefetch-control", "on"],
    [
      { xPermittedCrossDomainPolicies: "master-only" },
      "x-permitted-cross-domain-policies",
      "master-only",
    ],
    [{ permissionsPolicy: { camera: ["self"] } }, "permissions-policy", "camera=(self)"],
    [
      {
        strictTransportSecurity: {
          maxAgeSeconds: 63072000,
          includeSubDomains: true,
          preload: true,
        },
      },
      "strict-transport-security",
      "max-age=63072000; includeSubDomains; preload",
    ],
    [
      { strictTransportSecurity: { includeSubDomains: false } },
      "strict-transport-security",
      "max-age=63072000",
    ],
    [
      { strictTransportSecurity: { maxAgeSeconds: 0 } },
      "strict-transport-security",
      "max-age=0; includeSubDomains",
    ],
    [
      { reportingEndpoints: { csp: "https://reports.example.com/csp" } },
      "reporting-endpoints",
      'csp="https://reports.example.com/csp"',
    ],
  ])("sets %j", (options, name, value) => {
    expect(headerMap(options).get(name)).toBe(value);
  });

  it.each<[SecurityHeadersOptions, string]>([
    [{ xFrameOptions: false }, "x-frame-options"],
    [{ xContentTypeOptions: false }, "x-content-type-options"],
    [{ xXssProtection: false }, "x-xss-protection"],
    [{ referrerPolicy: false }, "referrer-policy"],
    [{ contentSecurityPolicy: false }, "content-security-policy"],
    [{ strictTransportSecurity: false }, "strict-transport-security"],
    [{ crossOriginOpenerPolicy: false }, "cross-origin-opener-policy"],
    [{ crossOriginResourcePolicy: false }, "cross-origin-resource-policy"],
    [{ originAgentCluster: false }, "origin-agent-cluster"],
    [{ xDnsPrefetchControl: false }, "x-dns-prefetch-control"],
    [{ xPermittedCrossDomainPolicies: false }, "x-permitted-cross-domain-policies"],
    [{ permissionsPolicy: false }, "permissions-policy"],
  ])("removes header with %j", (options, name) => {
    expect(headerMap(undefined).has(name)).toBe(true);
    expect(headerMap(options).has(name)).toBe(false);
  });

  it("adds headers to the guide preset", () => {
    const headers = headerMap({
      preset: "guide",
      crossOriginOpenerPolicy: "same-origin",
      originAgentCluster: true,
    });
    expect(headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(headers.get("origin-agent-cluster")).toBe("?1");
    expect(headers.get("x-xss-protection")).toBe("1; mode=block");
  });

  it("turns off nonce without script nonce", () => {
    const securityHeaders = createSecurityHeaders({
      contentSecurityPolicy: { directives: { scriptSrc: ["self"] } },
    });
    expect(securityHeaders.usesNonce).toBe(false);
    expect(securityHeaders.forResponse({ https: true }).nonce).toBeUndefined();
  });

  it("removes X-Powered-By and Server by default", () => {
    expect(createSecurityHeaders().removeHeaders).toEqual(["x-powered-by", "server"]);
    expect(createSecurityHeaders({ preset: "guide" }).removeHeaders).toEqual([
      "x-powered-by",
      "server",
    ]);
  });

  it("accepts other removeHeaders", () => {
    expect(createSecurityHeaders({ removeHeaders: [] }).removeHeaders).toEqual([]);
    expect(createSecurityHeaders({ removeHeaders: ["Via"] }).removeHeaders).toEqual(["via"]);
  });
});

describe("content security policy option", () => {
  it("merges directives onto the preset", () => {
    const headers = headerMap({
      preset: "guide",
      contentSecurityPolicy: {
        directives: { imgSrc: ["self"], "frame-ancestors": ["none"], connectSrc: false },
      },
    });
    expect(headers.get("content-security-policy")).toBe(
      "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self'; font-src 'self' data:; frame-ancestors 'none'",
    );
  });

  it("replaces the preset without extendPreset", () => {
    const headers = headerMap({
      contentSecurityPolicy: { directives: { defaultSrc: ["none"] }, extendPreset: false },
    });
    expect(headers.get("content-security-policy")).toBe("default-src 'none'");
  });

  it("sends a report-only policy", () => {
    const headers = headerMap({
      preset: "guide",
      contentSecurityPolicyReportOnly: {
        directives: { scriptSrc: ["self"], reportTo: "csp", reportUri: ["/csp-reports"] },
      },
      reportingEndpoints: { csp: "https://example.com/csp-reports" },
    });
    expect(headers.get("content-security-policy")).toBe(GUIDE_CSP);
    expect(headers.get("content-security-policy-report-only")).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; font-src 'self' data:; connect-src 'self'; report-to csp; report-uri /csp-reports",
    );
  });
});

describe("createSecurityHeaders options", () => {
  const invalid: [string, unknown, string][] = [
    ["options string", "strict", "ERR_HEADERS_INVALID_OPTIONS"],
    ["options null", null, "ERR_HEADERS_INVALID_OPTIONS"],
    ["unknown key", { xFrameOption: "DENY" }, "ERR_HEADERS_INVALID_OPTIONS"],
    ["preset unknown", { preset: "lenient" }, "ERR_HEADERS_INVALID_PRESET"],
    ["preset null", { preset: null }, "ERR_HEADERS_INVALID_PRESET"],
    [
      "xFrameOptions ALLOW-FROM",
      { xFrameOptions: "ALLOW-FROM https://a.example" },
      "ERR_HEADERS_INVALID_VALUE",
    ],
    ["xFrameOptions true", { xFrameOptions: true }, "ERR_HEADERS_INVALID_VALUE"],
    ["xFrameOptions null", { xFrameOptions: null }, "ERR_HEADERS_INVALID_VALUE"],
    ["xXssProtection 1", { xXssProtection: "1" }, "ERR_HEADERS_INVALID_VALUE"],
    ["xXssProtection number", { xXssProtection: 0 }, "ERR_HEADERS_INVALID_VALUE"],
    ["xContentTypeOptions string", { xContentTypeOptions: "nosniff" }, "ERR_HEADERS_INVALID_VALUE"],
    ["referrerPolicy unknown", { referrerPolicy: "never" }, "ERR_HEADERS_INVALID_VALUE"],
    ["referrerPolicy empty list", { referrerPolicy: [] }, "ERR_HEADERS_INVALID_VALUE"],
    ["referrerPolicy list item", { referrerPolicy: ["origin", "x"] }, "ERR_HEADERS_INVALID_VALUE"],
    [
      "crossOriginOpenerPolicy",
      { crossOriginOpenerPolicy: "same-site" },
      "ERR_HEADERS_INVALID_VALUE",
    ],
    [
      "crossOriginResourcePolicy",
      { crossOriginResourcePolicy: "none" },
      "ERR_HEADERS_INVALID_VALUE",
    ],
    ["crossOriginEmbedderPolicy", { crossOriginEmbedderPolicy: true }, "ERR_HEADERS_INVALID_VALUE"],
    ["originAgentCluster string", { originAgentCluster: "?1" }, "ERR_HEADERS_INVALID_VALUE"],
    ["xDnsPrefetchControl", { xDnsPrefetchControl: true }, "ERR_HEADERS_INVALID_VALUE"],
    [
      "xPermittedCrossDomainPolicies",
      { xPermittedCrossDomainPolicies: "some" },
      "ERR_HEADERS_INVALID_VALUE",
    ],
    ["removeHeaders string", { removeHeaders: "Server" }, "ERR_HEADERS_INVALID_VALUE"],
    ["removeHeaders bad name", { removeHeaders: ["Bad Name"] }, "ERR_HEADERS_INVALID_VALUE"],
    [
      "hsts NaN",
      { strictTransportSecurity: { maxAgeSeconds: Number.NaN } },
      "ERR_HEADERS_INVALID_HSTS",
    ],
    [
      "hsts Infinity",
      { strictTransportSecurity: { maxAgeSeconds: Number.POSITIVE_INFINITY } },
      "ERR_HEADERS_INVALID_HSTS",
    ],
    [
      "hsts negative",
      { strictTransportSecurity: { maxAgeSeconds: -1 } },
      "ERR_HEADERS_INVALID_HSTS",
    ],
    [
      "hsts fraction",
      { strictTransportSecurity: { maxAgeSeconds: 1.5 } },
      "ERR_HEADERS_INVALID_HSTS",
    ],
    [
      "hsts string",
      { strictTransportSecurity: { maxAgeSeconds: "31536000" } },
      "ERR_HEADERS_INVALID_HSTS",
    ],
    ["hsts null", { strictTransportSecurity: { maxAgeSeconds: null } }, "ERR_HEADERS_INVALID_HSTS"],
    [
      "hsts includeSubDomains string",
      { strictTransportSecurity: { includeSubDomains: "yes" } },
      "ERR_HEADERS_INVALID_HSTS",
    ],
    ["hsts unknown key", { strictTransportSecurity: { maxAge: 1 } }, "ERR_HEADERS_INVALID_OPTIONS"],
    ["hsts true", { strictTransportSecurity: true }, "ERR_HEADERS_INVALID_OPTIONS"],
    [
      "hsts preload short",
      { strictTransportSecurity: { preload: true, maxAgeSeconds: 86400 } },
      "ERR_HEADERS_INVALID_HSTS",
    ],
    [
      "hsts preload without subdomains",
      { strictTransportSecurity: { preload: true, includeSubDomains: false } },
      "ERR_HEADERS_INVALID_HSTS",
    ],
    ["csp true", { contentSecurityPolicy: true }, "ERR_HEADERS_INVALID_OPTIONS"],
    [
      "csp unknown key",
      { contentSecurityPolicy: { directives: {}, merge: true } },
      "ERR_HEADERS_INVALID_OPTIONS",
    ],
    [
      "csp extendPreset string",
      { contentSecurityPolicy: { directives: {}, extendPreset: "no" } },
      "ERR_HEADERS_INVALID_OPTIONS",
    ],
    ["csp directives missing", { contentSecurityPolicy: {} }, "ERR_HEADERS_INVALID_CSP_DIRECTIVE"],
    [
      "csp left empty",
      { contentSecurityPolicy: { directives: {}, extendPreset: false } },
      "ERR_HEADERS_INVALID_CSP_DIRECTIVE",
    ],
    [
      "report-only directive unknown",
      { contentSecurityPolicyReportOnly: { directives: { scriptSource: ["self"] } } },
      "ERR_HEADERS_UNKNOWN_CSP_DIRECTIVE",
    ],
    [
      "permissionsPolicy empty",
      { permissionsPolicy: {} },
      "ERR_HEADERS_INVALID_PERMISSIONS_POLICY",
    ],
    [
      "reportingEndpoints null",
      { reportingEndpoints: null },
      "ERR_HEADERS_INVALID_REPORTING_ENDPOINT",
    ],
  ];

  it.each(invalid)("rejects %s", (_case, options, code) => {
    expect(() => createSecurityHeaders(options as SecurityHeadersOptions)).toThrow(
      expect.objectContaining({ code }),
    );
  });

  it("registers every thrown code", () => {
    for (const [, options, code] of invalid) {
      expect(Object.keys(HEADERS_ERROR_CODES)).toContain(code);
      expect(errorOf(() => createSecurityHeaders(options as SecurityHeadersOptions))).toMatchObject(
        { code },
      );
    }
  });

  it("words its messages", () => {
    const firstOfEachCode = invalid.filter(
      ([, , code], index) => invalid.findIndex((entry) => entry[2] === code) === index,
    );
    const messages = firstOfEachCode.map(
      ([, options]) =>
        (errorOf(() => createSecurityHeaders(options as SecurityHeadersOptions)) as Error).message,
    );
    expect(messages).toMatchSnapshot();
  });
});
