import { describe, expect, it } from "vitest";
import {
  buildPolicyParts,
  parseContentSecurityPolicy,
  parseCspDirectives,
} from "./content-security-policy.js";

function serialise(directives: unknown): string {
  return buildPolicyParts(parseCspDirectives(directives, "contentSecurityPolicy")).parts.join(
    "NONCE",
  );
}

function errorOf(run: () => unknown): { code?: string; message?: string } {
  try {
    run();
  } catch (error) {
    return error as { code?: string; message?: string };
  }
  throw new Error("expected the call to throw");
}

describe("parseCspDirectives", () => {
  it("reads camelCase and kebab-case names", () => {
    expect(serialise({ defaultSrc: ["self"], "img-src": ["self"], scriptSrcElem: ["self"] })).toBe(
      "default-src 'self'; img-src 'self'; script-src-elem 'self'",
    );
  });

  it.each([
    ["self", "'self'"],
    ["'self'", "'self'"],
    ["none", "'none'"],
    ["unsafe-inline", "'unsafe-inline'"],
    ["unsafe-eval", "'unsafe-eval'"],
    ["unsafe-hashes", "'unsafe-hashes'"],
    ["strict-dynamic", "'strict-dynamic'"],
    ["report-sample", "'report-sample'"],
    ["wasm-unsafe-eval", "'wasm-unsafe-eval'"],
    ["nonce-dGVzdA==", "'nonce-dGVzdA=='"],
    ["'nonce-abc_-'", "'nonce-abc_-'"],
    [
      "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
      "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
    ],
    ["sha384-abc", "'sha384-abc'"],
    ["sha512-abc", "'sha512-abc'"],
    ["https:", "https:"],
    ["data:", "data:"],
    ["blob:", "blob:"],
    ["*", "*"],
    ["example.com", "example.com"],
    ["*.example.com", "*.example.com"],
    ["https://cdn.example.com", "https://cdn.example.com"],
    ["https://cdn.example.com:8443/js/", "https://cdn.example.com:8443/js/"],
    ["wss://socket.example.com:*", "wss://socket.example.com:*"],
    ["http://localhost:3000", "http://localhost:3000"],
  ])("serialises source %s as %s", (source, expected) => {
    expect(serialise({ scriptSrc: [source] })).toBe(`script-src ${expected}`);
  });

  it("serialises flag and list directives", () => {
    expect(
      serialise({
        upgradeInsecureRequests: true,
        blockAllMixedContent: true,
        sandbox: ["allow-scripts", "allow-forms"],
        requireTrustedTypesFor: ["script"],
        trustedTypes: ["default", "dompurify", "allow-duplicates"],
        reportUri: ["/csp-reports", "https://reports.example.com/csp"],
        reportTo: "csp-endpoint",
      }),
    ).toBe(
      "upgrade-insecure-requests; block-all-mixed-content; sandbox allow-scripts allow-forms; require-trusted-types-for 'script'; trusted-types default dompurify 'allow-duplicates'; report-uri /csp-reports https://reports.example.com/csp; report-to csp-endpoint",
    );
  });

  it("writes an empty sandbox for true", () => {
    expect(serialise({ sandbox: true })).toBe("sandbox");
  });

  it("accepts frame-ancestors hosts", () => {
    expect(serialise({ frameAncestors: ["self", "https://partner.example.com"] })).toBe(
      "frame-ancestors 'self' https://partner.example.com",
    );
  });

  it("removes a directive set to false", () => {
    const base = parseCspDirectives({ defaultSrc: ["self"], imgSrc: ["self"] }, "preset");
    const policy = parseCspDirectives({ imgSrc: false }, "contentSecurityPolicy", base);
    expect(buildPolicyParts(policy).parts).toEqual(["default-src 'self'"]);
  });

  it("keeps a replaced directive in place", () => {
    const base = parseCspDirectives(
      { defaultSrc: ["self"], imgSrc: ["self"], fontSrc: ["self"] },
      "preset",
    );
    const policy = parseCspDirectives({ "img-src": ["https:"] }, "contentSecurityPolicy", base);
    expect(buildPolicyParts(policy).parts).toEqual([
      "default-src 'self'; img-src https:; font-src 'self'",
    ]);
  });

  it("leaves the base policy unchanged", () => {
    const base = parseCspDirectives({ defaultSrc: ["self"] }, "preset");
    parseCspDirectives({ defaultSrc: false }, "contentSecurityPolicy", base);
    expect(base.size).toBe(1);
  });
});

describe("buildPolicyParts", () => {
  it("cuts the policy at each nonce", () => {
    const policy = parseCspDirectives(
      { scriptSrc: ["self", "nonce"], styleSrc: ["nonce", "self"], objectSrc: ["none"] },
      "contentSecurityPolicy",
    );
    expect(buildPolicyParts(policy)).toEqual({
      parts: ["script-src 'self' 'nonce-", "'; style-src 'nonce-", "' 'self'; object-src 'none'"],
      usesNonce: true,
    });
  });

  it("writes one nonce per directive", () => {
    expect(serialise({ scriptSrc: ["nonce", "'nonce'"] })).toBe("script-src 'nonce-NONCE'");
  });

  it("keeps a policy without nonce whole", () => {
    expect(buildPolicyParts(parseCspDirectives({ defaultSrc: ["self"] }, "x"))).toEqual({
      parts: ["default-src 'self'"],
      usesNonce: false,
    });
  });
});

describe("CSP rejections", () => {
  const cases: [string, unknown, string, string][] = [
    [
      "unknown directive",
      { scriptSource: ["self"] },
      "ERR_HEADERS_UNKNOWN_CSP_DIRECTIVE",
      "scriptSource",
    ],
    [
      "removed directive",
      { pluginTypes: ["application/pdf"] },
      "ERR_HEADERS_UNKNOWN_CSP_DIRECTIVE",
      "pluginTypes",
    ],
    [
      "navigate-to",
      { "navigate-to": ["self"] },
      "ERR_HEADERS_UNKNOWN_CSP_DIRECTIVE",
      "navigate-to",
    ],
    [
      "both name forms",
      { scriptSrc: ["self"], "script-src": ["self"] },
      "ERR_HEADERS_INVALID_CSP_DIRECTIVE",
      "script-src",
    ],
    ["empty source list", { scriptSrc: [] }, "ERR_HEADERS_INVALID_CSP_DIRECTIVE", "script-src"],
    [
      "string instead of list",
      { scriptSrc: "self" },
      "ERR_HEADERS_INVALID_CSP_DIRECTIVE",
      "script-src",
    ],
    ["true for sources", { imgSrc: true }, "ERR_HEADERS_INVALID_CSP_DIRECTIVE", "img-src"],
    ["null for sources", { imgSrc: null }, "ERR_HEADERS_INVALID_CSP_DIRECTIVE", "img-src"],
    [
      "list for flag",
      { upgradeInsecureRequests: ["self"] },
      "ERR_HEADERS_INVALID_CSP_DIRECTIVE",
      "upgrade-insecure-requests",
    ],
    [
      "unknown sandbox token",
      { sandbox: ["allow-everything"] },
      "ERR_HEADERS_INVALID_CSP_DIRECTIVE",
      "sandbox",
    ],
    ["report-to list", { reportTo: ["csp"] }, "ERR_HEADERS_INVALID_CSP_DIRECTIVE", "report-to"],
    ["report-to quoted", { reportTo: '"csp"' }, "ERR_HEADERS_INVALID_CSP_DIRECTIVE", "report-to"],
    [
      "report-uri relative",
      { reportUri: ["reports"] },
      "ERR_HEADERS_INVALID_CSP_DIRECTIVE",
      "report-uri",
    ],
    [
      "report-uri scheme",
      { reportUri: ["javascript:alert(1)"] },
      "ERR_HEADERS_INVALID_CSP_DIRECTIVE",
      "report-uri",
    ],
    [
      "report-uri protocol-relative",
      { reportUri: ["//reports.example.com"] },
      "ERR_HEADERS_INVALID_CSP_DIRECTIVE",
      "report-uri",
    ],
    [
      "trusted types other keyword",
      { requireTrustedTypesFor: ["style"] },
      "ERR_HEADERS_INVALID_CSP_DIRECTIVE",
      "require-trusted-types-for",
    ],
    [
      "trusted-types none mixed",
      { trustedTypes: ["none", "default"] },
      "ERR_HEADERS_INVALID_CSP_DIRECTIVE",
      "trusted-types",
    ],
    ["nonce in img-src", { imgSrc: ["nonce"] }, "ERR_HEADERS_INVALID_CSP_DIRECTIVE", "img-src"],
    [
      "nonce in frame-ancestors",
      { frameAncestors: ["nonce"] },
      "ERR_HEADERS_INVALID_CSP_DIRECTIVE",
      "frame-ancestors",
    ],
    [
      "none with others",
      { scriptSrc: ["none", "self"] },
      "ERR_HEADERS_INVALID_CSP_SOURCE",
      "script-src",
    ],
    [
      "unknown quoted keyword",
      { scriptSrc: ["'unsafe-evil'"] },
      "ERR_HEADERS_INVALID_CSP_SOURCE",
      "script-src",
    ],
    [
      "half-quoted keyword",
      { scriptSrc: ["'self"] },
      "ERR_HEADERS_INVALID_CSP_SOURCE",
      "script-src",
    ],
    ["trailing quote", { scriptSrc: ["self'"] }, "ERR_HEADERS_INVALID_CSP_SOURCE", "script-src"],
    [
      "quoted host",
      { scriptSrc: ["'https://a.example'"] },
      "ERR_HEADERS_INVALID_CSP_SOURCE",
      "script-src",
    ],
    ["empty nonce", { scriptSrc: ["nonce-"] }, "ERR_HEADERS_INVALID_CSP_SOURCE", "script-src"],
    [
      "bad hash value",
      { scriptSrc: ["sha256-not*base64"] },
      "ERR_HEADERS_INVALID_CSP_SOURCE",
      "script-src",
    ],
    [
      "unsafe-inline in frame-ancestors",
      { frameAncestors: ["unsafe-inline"] },
      "ERR_HEADERS_INVALID_CSP_SOURCE",
      "frame-ancestors",
    ],
    [
      "hash in frame-ancestors",
      { frameAncestors: ["sha256-abc"] },
      "ERR_HEADERS_INVALID_CSP_SOURCE",
      "frame-ancestors",
    ],
    ["empty string", { scriptSrc: [""] }, "ERR_HEADERS_INVALID_CSP_SOURCE", "script-src"],
    ["number", { scriptSrc: [1] }, "ERR_HEADERS_INVALID_CSP_SOURCE", "script-src"],
    ["null source", { scriptSrc: [null] }, "ERR_HEADERS_INVALID_CSP_SOURCE", "script-src"],
    [
      "host with bad port",
      { connectSrc: ["https://a.example:port"] },
      "ERR_HEADERS_INVALID_CSP_SOURCE",
      "connect-src",
    ],
    [
      "host with underscore path query",
      { connectSrc: ["https://a.example/?q=1"] },
      "ERR_HEADERS_INVALID_CSP_SOURCE",
      "connect-src",
    ],
    [
      "semicolon",
      { scriptSrc: ["self; script-src *"] },
      "ERR_HEADERS_UNSAFE_CSP_VALUE",
      "script-src",
    ],
    ["bare semicolon host", { imgSrc: ["a.example;"] }, "ERR_HEADERS_UNSAFE_CSP_VALUE", "img-src"],
    [
      "comma",
      { scriptSrc: ["https://a.example, script-src *"] },
      "ERR_HEADERS_UNSAFE_CSP_VALUE",
      "script-src",
    ],
    [
      "newline",
      { scriptSrc: ["https://a.example\nX-Injected: 1"] },
      "ERR_HEADERS_UNSAFE_CSP_VALUE",
      "script-src",
    ],
    ["carriage return", { styleSrc: ["self\r"] }, "ERR_HEADERS_UNSAFE_CSP_VALUE", "style-src"],
    [
      "space",
      { scriptSrc: ["self https://a.example"] },
      "ERR_HEADERS_UNSAFE_CSP_VALUE",
      "script-src",
    ],
    [
      "non-ASCII host",
      { imgSrc: ["https://bücher.example"] },
      "ERR_HEADERS_UNSAFE_CSP_VALUE",
      "img-src",
    ],
    [
      "semicolon in report-uri",
      { reportUri: ["/r;x"] },
      "ERR_HEADERS_UNSAFE_CSP_VALUE",
      "report-uri",
    ],
    ["comma in report-to", { reportTo: "a,b" }, "ERR_HEADERS_UNSAFE_CSP_VALUE", "report-to"],
    [
      "newline in sandbox",
      { sandbox: ["allow-forms\n"] },
      "ERR_HEADERS_UNSAFE_CSP_VALUE",
      "sandbox",
    ],
  ];

  it.each(cases)("rejects %s", (_case, directives, code, directive) => {
    const error = errorOf(() => parseCspDirectives(directives, "contentSecurityPolicy"));
    expect(error.code).toBe(code);
    expect(error.message).toContain(directive);
  });

  it.each([null, "default-src 'self'", ["self"], 1])("rejects directives %j", (directives) => {
    expect(errorOf(() => parseCspDirectives(directives, "contentSecurityPolicy")).code).toBe(
      "ERR_HEADERS_INVALID_CSP_DIRECTIVE",
    );
  });

  it("words its messages", () => {
    const messages = cases
      .filter((_entry, index) => index % 6 === 0)
      .map(
        ([, directives]) =>
          errorOf(() => parseCspDirectives(directives, "contentSecurityPolicy")).message,
      );
    expect(messages).toMatchSnapshot();
  });
});

describe("parseContentSecurityPolicy", () => {
  const preset = parseCspDirectives({ defaultSrc: ["self"] }, "preset");

  it("returns the preset when absent", () => {
    expect(parseContentSecurityPolicy(undefined, "contentSecurityPolicy", preset)).toBe(preset);
  });

  it("returns undefined for false", () => {
    expect(parseContentSecurityPolicy(false, "contentSecurityPolicy", preset)).toBeUndefined();
  });
});
