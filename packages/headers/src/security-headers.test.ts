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
  it("reproduces the guide's headers exactly", () => {
    expect([...headerMap({ preset: "guide" })]).toEqual([
      ["Content-Security-Policy", GUIDE_CSP],
      ["Strict-Transport-Security", "max-age=31536000; includeSubDomains"],
      ["Referrer-Policy", "strict-origin-when-cross-origin"],
      ["X-Content-Type-Options", "nosniff"],
      ["X-Frame-Options", "DENY"],
      ["X-XSS-Protection", "1; mode=block"],
    ]);
  });

  it("leaves out HSTS over HTTP", () => {
    const headers = headerMap({ preset: "guide" }, false);
    expect(headers.has("Strict-Transport-Security")).toBe(false);
    expect(headers.get("Content-Security-Policy")).toBe(GUIDE_CSP);
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
    expect(headers.get("Content-Security-Policy")).toMatch(
      /^default-src 'self'; script-src 'self' 'nonce-[A-Za-z0-9+/]{22}=='; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; upgrade-insecure-requests$/,
    );
    expect(
      Object.fromEntries([...headers].filter(([name]) => name !== "Content-Security-Policy")),
    ).toEqual({
      "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
      "Cross-Origin-Opener-Policy": "same-origin",
      "Cross-Origin-Resource-Policy": "same-origin",
      "Origin-Agent-Cluster": "?1",
      "Referrer-Policy": "same-origin",
      "X-Content-Type-Options": "nosniff",
      "X-DNS-Prefetch-Control": "off",
      "X-Frame-Options": "DENY",
      "X-Permitted-Cross-Domain-Policies": "none",
      "X-XSS-Protection": "0",
      "Permissions-Policy":
        "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), hid=(), idle-detection=(), magnetometer=(), microphone=(), midi=(), payment=(), serial=(), usb=(), xr-spatial-tracking=()",
    });
  });

  it("has no unsafe-eval or unsafe-inline", () => {
    const policy = headerMap(undefined).get("Content-Security-Policy");
    expect(policy).not.toContain("unsafe-");
  });

  it("leaves out COEP", () => {
    expect(headerMap(undefined).has("Cross-Origin-Embedder-Policy")).toBe(false);
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
      const policy = headers.find(([name]) => name === "Content-Security-Policy")?.[1];
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
    const policy = headers.find(([name]) => name === "Content-Security-Policy")?.[1] ?? "";
    const reportOnly = headers.find(
      ([name]) => name === "Content-Security-Policy-Report-Only",
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
    [{ xFrameOptions: "SAMEORIGIN" }, "X-Frame-Options", "SAMEORIGIN"],
    [{ xXssProtection: "1; mode=block" }, "X-XSS-Protection", "1; mode=block"],
    [{ referrerPolicy: "no-referrer" }, "Referrer-Policy", "no-referrer"],
    [
      { referrerPolicy: ["no-referrer", "strict-origin-when-cross-origin"] },
      "Referrer-Policy",
      "no-referrer, strict-origin-when-cross-origin",
    ],
    [
      { crossOriginOpenerPolicy: "same-origin-allow-popups" },
      "Cross-Origin-Opener-Policy",
      "same-origin-allow-popups",
    ],
    [{ crossOriginResourcePolicy: "cross-origin" }, "Cross-Origin-Resource-Policy", "cross-origin"],
    [{ crossOriginEmbedderPolicy: "require-corp" }, "Cross-Origin-Embedder-Policy", "require-corp"],
    [
      { crossOriginEmbedderPolicy: "credentialless" },
      "Cross-Origin-Embedder-Policy",
      "credentialless",
    ],
    [{ xDnsPrefetchControl: "on" }, "X-DNS-Prefetch-Control", "on"],
    [
      { xPermittedCrossDomainPolicies: "master-only" },
      "X-Permitted-Cross-Domain-Policies",
      "master-only",
    ],
    [{ permissionsPolicy: { camera: ["self"] } }, "Permissions-Policy", "camera=(self)"],
    [
      {
        strictTransportSecurity: {
          maxAgeSeconds: 63072000,
          includeSubDomains: true,
          preload: true,
        },
      },
      "Strict-Transport-Security",
      "max-age=63072000; includeSubDomains; preload",
    ],
    [
      { strictTransportSecurity: { includeSubDomains: false } },
      "Strict-Transport-Security",
      "max-age=63072000",
    ],
    [
      { strictTransportSecurity: { maxAgeSeconds: 0 } },
      "Strict-Transport-Security",
      "max-age=0; includeSubDomains",
    ],
    [
      { reportingEndpoints: { csp: "https://reports.example.com/csp" } },
      "Reporting-Endpoints",
      'csp="https://reports.example.com/csp"',
    ],
  ])("sets %j", (options, name, value) => {
    expect(headerMap(options).get(name)).toBe(value);
  });

  it.each<[SecurityHeadersOptions, string]>([
    [{ xFrameOptions: false }, "X-Frame-Options"],
    [{ xContentTypeOptions: false }, "X-Content-Type-Options"],
    [{ xXssProtection: false }, "X-XSS-Protection"],
    [{ referrerPolicy: false }, "Referrer-Policy"],
    [{ contentSecurityPolicy: false }, "Content-Security-Policy"],
    [{ strictTransportSecurity: false }, "Strict-Transport-Security"],
    [{ crossOriginOpenerPolicy: false }, "Cross-Origin-Opener-Policy"],
    [{ crossOriginResourcePolicy: false }, "Cross-Origin-Resource-Policy"],
    [{ originAgentCluster: false }, "Origin-Agent-Cluster"],
    [{ xDnsPrefetchControl: false }, "X-DNS-Prefetch-Control"],
    [{ xPermittedCrossDomainPolicies: false }, "X-Permitted-Cross-Domain-Policies"],
    [{ permissionsPolicy: false }, "Permissions-Policy"],
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
    expect(headers.get("Cross-Origin-Opener-Policy")).toBe("same-origin");
    expect(headers.get("Origin-Agent-Cluster")).toBe("?1");
    expect(headers.get("X-XSS-Protection")).toBe("1; mode=block");
  });

  it("turns off nonce without script nonce", () => {
    const securityHeaders = createSecurityHeaders({
      contentSecurityPolicy: { directives: { scriptSrc: ["self"] } },
    });
    expect(securityHeaders.usesNonce).toBe(false);
    expect(securityHeaders.forResponse({ https: true }).nonce).toBeUndefined();
  });

  it("removes X-Powered-By and Server by default", () => {
    expect(createSecurityHeaders().removeHeaders).toEqual(["X-Powered-By", "Server"]);
    expect(createSecurityHeaders({ preset: "guide" }).removeHeaders).toEqual([
      "X-Powered-By",
      "Server",
    ]);
  });

  it("accepts other removeHeaders", () => {
    expect(createSecurityHeaders({ removeHeaders: [] }).removeHeaders).toEqual([]);
    expect(createSecurityHeaders({ removeHeaders: ["Via"] }).removeHeaders).toEqual(["Via"]);
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
    expect(headers.get("Content-Security-Policy")).toBe(
      "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self'; font-src 'self' data:; frame-ancestors 'none'",
    );
  });

  it("replaces the preset without extendPreset", () => {
    const headers = headerMap({
      contentSecurityPolicy: { directives: { defaultSrc: ["none"] }, extendPreset: false },
    });
    expect(headers.get("Content-Security-Policy")).toBe("default-src 'none'");
  });

  it("sends a report-only policy", () => {
    const headers = headerMap({
      preset: "guide",
      contentSecurityPolicyReportOnly: {
        directives: { scriptSrc: ["self"], reportTo: "csp", reportUri: ["/csp-reports"] },
      },
      reportingEndpoints: { csp: "https://example.com/csp-reports" },
    });
    expect(headers.get("Content-Security-Policy")).toBe(GUIDE_CSP);
    expect(headers.get("Content-Security-Policy-Report-Only")).toBe(
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
