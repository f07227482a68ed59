import { CORPORA_SKIP_REASON, HAS_CORPORA, readCorpus } from "@bulwark-test/support";
import { describe, expect, it } from "vitest";
import { SECURITY_HEADERS_PRESETS } from "./presets.js";
import { createSecurityHeaders } from "./security-headers.js";

interface OwaspHeader {
  readonly name: string;
  readonly value: string;
}

function strictHeaders(): Map<string, string> {
  const { headers } = createSecurityHeaders({ preset: "strict" }).forResponse({ https: true });
  return new Map(headers.map(([name, value]) => [name.toLowerCase(), value]));
}

function parseDirectives(policy: string): Map<string, string> {
  return new Map(
    policy.split(";").map((directive) => {
      const [name = "", ...values] = directive.trim().split(/\s+/);
      return [name, values.join(" ")];
    }),
  );
}

function parsePermissions(policy: string): Map<string, string> {
  return new Map(
    policy.split(",").map((member) => {
      const [feature = "", allowlist = ""] = member.trim().split("=");
      return [feature, allowlist];
    }),
  );
}

describe("SECURITY_HEADERS_PRESETS", () => {
  it("is frozen", () => {
    expect(Object.isFrozen(SECURITY_HEADERS_PRESETS)).toBe(true);
    expect(Object.isFrozen(SECURITY_HEADERS_PRESETS.strict.contentSecurityPolicy)).toBe(true);
    expect(Object.isFrozen(SECURITY_HEADERS_PRESETS.guide.strictTransportSecurity)).toBe(true);
  });
});

// The OWASP Secure Headers Project publishes the headers it recommends (headers_add.json) and
// the ones to strip (headers_remove.json). Each recommendation is either matched by the strict
// preset or has a test here that states why the preset differs.
const OWASP_TITLE = HAS_CORPORA
  ? "strict preset against OWASP"
  : `strict preset against OWASP, skipped: ${CORPORA_SKIP_REASON}`;

describe.skipIf(!HAS_CORPORA)(OWASP_TITLE, () => {
  const recommended = new Map<string, string>();
  const removed: string[] = [];
  if (HAS_CORPORA) {
    const added = JSON.parse(readCorpus("owasp-secure-headers", "headers_add.json")) as {
      headers: OwaspHeader[];
    };
    for (const header of added.headers) recommended.set(header.name.toLowerCase(), header.value);
    const stripped = JSON.parse(readCorpus("owasp-secure-headers", "headers_remove.json")) as {
      headers: string[];
    };
    removed.push(...stripped.headers.map((name) => name.toLowerCase()));
  }

  const MATCHED = [
    "cross-origin-opener-policy",
    "cross-origin-resource-policy",
    "strict-transport-security",
    "x-content-type-options",
    "x-dns-prefetch-control",
    "x-frame-options",
    "x-permitted-cross-domain-policies",
  ];
  const DIFFERING = [
    "cache-control",
    "clear-site-data",
    "content-security-policy",
    "cross-origin-embedder-policy",
    "permissions-policy",
    "referrer-policy",
  ];

  it("covers every recommendation", () => {
    expect([...recommended.keys()].sort()).toEqual([...MATCHED, ...DIFFERING].sort());
  });

  it.each(MATCHED)("matches %s", (name) => {
    // Header values of these headers are case-insensitive tokens, such as "deny" and "DENY".
    expect(strictHeaders().get(name)?.toLowerCase()).toBe(recommended.get(name)?.toLowerCase());
  });

  it("keeps CSP at least as strict", () => {
    const ours = parseDirectives(strictHeaders().get("content-security-policy") ?? "");
    const theirs = parseDirectives(recommended.get("content-security-policy") ?? "");
    for (const [directive, value] of theirs) {
      // base-uri 'none' is stricter than OWASP's 'self': the strict preset is for apps that use
      // no <base> element, and 'none' stops an injected one from redirecting relative URLs.
      if (directive === "base-uri") {
        expect(value).toBe("'self'");
        expect(ours.get(directive)).toBe("'none'");
        continue;
      }
      expect(ours.get(directive)).toBe(value);
    }
    // script-src is the addition: same-origin scripts and the response's nonce, never
    // 'unsafe-inline' or 'unsafe-eval'.
    expect(ours.get("script-src")).toMatch(/^'self' 'nonce-[A-Za-z0-9+/]{22}=='$/);
  });

  it("leaves out Cache-Control", () => {
    // no-store on every response would also stop browsers and CDNs caching static assets. Apps
    // set it on the responses that carry personal data, such as the CRM's API.
    expect(recommended.get("cache-control")).toBe("no-store, max-age=0");
    expect(strictHeaders().has("cache-control")).toBe(false);
  });

  it("leaves out Clear-Site-Data", () => {
    // Clear-Site-Data wipes the origin's cookies and storage. It belongs on a logout response;
    // on every response it would sign the user out on each request.
    expect(recommended.has("clear-site-data")).toBe(true);
    expect(strictHeaders().has("clear-site-data")).toBe(false);
  });

  it("leaves out COEP", () => {
    // require-corp blocks every cross-origin image, script and frame that does not send CORP or
    // pass CORS, which breaks ordinary pages. It is an opt-in: crossOriginEmbedderPolicy.
    expect(recommended.get("cross-origin-embedder-policy")).toBe("require-corp");
    expect(strictHeaders().has("cross-origin-embedder-policy")).toBe(false);
    const { headers } = createSecurityHeaders({
      crossOriginEmbedderPolicy: "require-corp",
    }).forResponse({
      https: true,
    });
    expect(headers).toContainEqual(["cross-origin-embedder-policy", "require-corp"]);
  });

  it("uses same-origin for Referrer-Policy", () => {
    // With no-referrer, browsers send "Origin: null" on the site's own form posts (Fetch
    // standard, "serializing a request origin"), which breaks Origin-based CSRF checks.
    // same-origin likewise sends no referrer to other origins.
    expect(recommended.get("referrer-policy")).toBe("no-referrer");
    expect(strictHeaders().get("referrer-policy")).toBe("same-origin");
  });

  it("disables a subset of OWASP's features", () => {
    const ours = parsePermissions(strictHeaders().get("permissions-policy") ?? "");
    const theirs = parsePermissions(recommended.get("permissions-policy") ?? "");
    for (const [feature, allowlist] of ours) {
      expect(allowlist).toBe("()");
      expect(theirs.get(feature)).toBe("()");
    }

    // The strict preset disables device, sensor and payment access. It leaves on the features
    // that ordinary pages use (video, clipboard buttons, passkeys, sharing, synchronous XHR and
    // unload handlers in older code), cross-origin-isolated (which needs COEP, off by default)
    // and interest-cohort (retired, so browsers log an error for the name).
    const leftOn = [...theirs.keys()].filter((feature) => !ours.has(feature)).sort();
    expect(leftOn).toEqual([
      "autoplay",
      "clipboard-read",
      "clipboard-write",
      "cross-origin-isolated",
      "encrypted-media",
      "fullscreen",
      "gamepad",
      "interest-cohort",
      "keyboard-map",
      "picture-in-picture",
      "publickey-credentials-get",
      "screen-wake-lock",
      "sync-xhr",
      "unload",
      "web-share",
    ]);
  });

  it("removes headers that OWASP strips", () => {
    for (const name of createSecurityHeaders().removeHeaders)
      expect(removed).toContain(name.toLowerCase());
  });
});
