import { describe, expect, it } from "vitest";
import * as headers from "./index.js";

describe("@bulwark/headers exports", () => {
  it("matches the public list exactly", () => {
    expect(Object.keys(headers).sort()).toEqual([
      "CROSS_ORIGIN_EMBEDDER_POLICY_VALUES",
      "CROSS_ORIGIN_OPENER_POLICY_VALUES",
      "CROSS_ORIGIN_RESOURCE_POLICY_VALUES",
      "CSP_DIRECTIVES",
      "CSP_KEYWORDS",
      "CSP_SANDBOX_TOKENS",
      "DEFAULT_REMOVE_HEADERS",
      "HEADERS_ERROR_CODES",
      "HSTS_PRELOAD_MIN_MAX_AGE_SECONDS",
      "HeadersError",
      "NONCE_BYTES",
      "REFERRER_POLICY_TOKENS",
      "SECURITY_HEADERS_PRESETS",
      "X_DNS_PREFETCH_CONTROL_VALUES",
      "X_FRAME_OPTIONS_VALUES",
      "X_PERMITTED_CROSS_DOMAIN_POLICIES_VALUES",
      "X_XSS_PROTECTION_VALUES",
      "createSecurityHeaders",
    ]);
  });
});
