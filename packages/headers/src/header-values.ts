import { describeValue } from "@bulwark/core";
import { HeadersError } from "./errors.js";

/** Values of X-Frame-Options (RFC 7034). ALLOW-FROM is left out because browsers ignore it. */
export const X_FRAME_OPTIONS_VALUES = ["DENY", "SAMEORIGIN"] as const;
/**
 * Values of X-XSS-Protection. `0` turns off the legacy XSS auditor, whose filtering could be
 * abused to blank out parts of a page. `1; mode=block` blocks a page the auditor flags.
 */
export const X_XSS_PROTECTION_VALUES = ["0", "1; mode=block"] as const;
/** Tokens of Referrer-Policy (W3C Referrer Policy, section 3). */
export const REFERRER_POLICY_TOKENS = [
  "no-referrer",
  "no-referrer-when-downgrade",
  "origin",
  "origin-when-cross-origin",
  "same-origin",
  "strict-origin",
  "strict-origin-when-cross-origin",
  "unsafe-url",
] as const;
/** Values of Cross-Origin-Opener-Policy (HTML standard). */
export const CROSS_ORIGIN_OPENER_POLICY_VALUES = [
  "same-origin",
  "same-origin-allow-popups",
  "noopener-allow-popups",
  "unsafe-none",
] as const;
/** Values of Cross-Origin-Resource-Policy (Fetch standard). */
export const CROSS_ORIGIN_RESOURCE_POLICY_VALUES = [
  "same-origin",
  "same-site",
  "cross-origin",
] as const;
/** Values of Cross-Origin-Embedder-Policy (HTML standard). */
export const CROSS_ORIGIN_EMBEDDER_POLICY_VALUES = [
  "require-corp",
  "credentialless",
  "unsafe-none",
] as const;
/** Values of X-DNS-Prefetch-Control. */
export const X_DNS_PREFETCH_CONTROL_VALUES = ["off", "on"] as const;
/** Values of X-Permitted-Cross-Domain-Policies (Adobe cross-domain policy specification). */
export const X_PERMITTED_CROSS_DOMAIN_POLICIES_VALUES = [
  "none",
  "master-only",
  "by-content-type",
  "by-ftp-filename",
  "all",
] as const;

export type XFrameOptionsValue = (typeof X_FRAME_OPTIONS_VALUES)[number];
export type XXssProtectionValue = (typeof X_XSS_PROTECTION_VALUES)[number];
export type ReferrerPolicyToken = (typeof REFERRER_POLICY_TOKENS)[number];
export type CrossOriginOpenerPolicyValue = (typeof CROSS_ORIGIN_OPENER_POLICY_VALUES)[number];
export type CrossOriginResourcePolicyValue = (typeof CROSS_ORIGIN_RESOURCE_POLICY_VALUES)[number];
export type CrossOriginEmbedderPolicyValue = (typeof CROSS_ORIGIN_EMBEDDER_POLICY_VALUES)[number];
export type XDnsPrefetchControlValue = (typeof X_DNS_PREFETCH_CONTROL_VALUES)[number];
export type XPermittedCrossDomainPoliciesValue =
  (typeof X_PERMITTED_CROSS_DOMAIN_POLICIES_VALUES)[number];

function invalidValue(option: string, value: unknown, allowed: readonly string[]): HeadersError {
  const choices = allowed.map((entry) => JSON.stringify(entry)).join(", ");
  return new HeadersError(
    "ERR_HEADERS_INVALID_VALUE",
    `${option} must be one of ${choices} or false to omit the header, got ${describeValue(value)}.`,
  );
}

/** Returns an option's header value from a table of allowed values, or undefined for `false`. Throws `ERR_HEADERS_INVALID_VALUE`. */
export function pickHeaderValue(
  option: string,
  value: unknown,
  allowed: readonly string[],
): string | undefined {
  if (value === false) return undefined;
  if (typeof value === "string" && allowed.includes(value)) return value;
  throw invalidValue(option, value, allowed);
}

/** Returns `value` for `true` and undefined for `false`. Throws `ERR_HEADERS_INVALID_VALUE` for anything else. */
export function pickFlagValue(option: string, flag: unknown, value: string): string | undefined {
  if (flag === true) return value;
  if (flag === false) return undefined;
  throw new HeadersError(
    "ERR_HEADERS_INVALID_VALUE",
    `${option} must be true or false, got ${describeValue(flag)}.`,
  );
}

/**
 * Builds a Referrer-Policy value from one token or a list. Browsers use the last token they
 * know, so a list such as `["no-referrer", "strict-origin-when-cross-origin"]` gives older
 * browsers a fallback. Throws `ERR_HEADERS_INVALID_VALUE`.
 */
export function buildReferrerPolicy(value: unknown): string | undefined {
  if (value === false) return undefined;
  const tokens = typeof value === "string" ? [value] : value;
  if (!Array.isArray(tokens) || tokens.length === 0) {
    throw invalidValue("referrerPolicy", value, REFERRER_POLICY_TOKENS);
  }
  for (const token of tokens) {
    if (!(REFERRER_POLICY_TOKENS as readonly unknown[]).includes(token)) {
      throw invalidValue("referrerPolicy", token, REFERRER_POLICY_TOKENS);
    }
  }
  return tokens.join(", ");
}
