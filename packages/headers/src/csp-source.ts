import { describeValue } from "@bulwark/core";
import { CSP_KEYWORDS } from "./csp-directives.js";
import { HeadersError } from "./errors.js";

// Grammar from CSP Level 3 section 2.3.1. A nonce or hash value is base64 or base64url with at
// most two "=" of padding.
const BASE64_VALUE = /^[A-Za-z0-9+/_-]+={0,2}$/;
const HASH_PREFIX = /^(sha256|sha384|sha512)-/;
const SCHEME_SOURCE = /^[A-Za-z][A-Za-z0-9+.-]*:$/;
// Host sources: optional scheme, "*" or an optional "*." and dot-separated labels, optional port
// (digits or "*"), optional path. The path leaves out "'", ";" and "," because CSP requires them
// percent-encoded.
const HOST_SOURCE =
  /^(?:[A-Za-z][A-Za-z0-9+.-]*:\/\/)?(?:\*|(?:\*\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.?)(?::(?:[0-9]+|\*))?(?:\/[A-Za-z0-9\-._~%!$&()*+=:@/]*)?$/;
// Anything outside printable ASCII, plus the policy and header separators. A ";" would start a
// new directive and a "," a second policy. A space or line break would add a source or end the
// header. So a value that contains one could widen the policy that the option describes.
const UNSAFE_CHARACTER = /[^\x21-\x7e]|[;,]/;

/** Placeholder source that `createSecurityHeaders` replaces with each response's nonce. */
export const NONCE_PLACEHOLDER = "nonce";

/** Throws `ERR_HEADERS_UNSAFE_CSP_VALUE` when a value contains a separator or a non-printable character. */
export function checkCspCharacters(directive: string, value: string): void {
  if (!UNSAFE_CHARACTER.test(value)) return;
  throw new HeadersError(
    "ERR_HEADERS_UNSAFE_CSP_VALUE",
    `Content-Security-Policy directive ${directive} has the value ${describeValue(value)}, which contains ';', ',', whitespace or a non-printable character. Pass each source as its own array item and percent-encode these characters in URLs.`,
  );
}

function invalidSource(directive: string, value: unknown, fix: string): HeadersError {
  return new HeadersError(
    "ERR_HEADERS_INVALID_CSP_SOURCE",
    `Content-Security-Policy directive ${directive} has the invalid source ${describeValue(value)}. ${fix}`,
  );
}

/**
 * Parses one source expression and returns it as it goes into the header: keywords, nonces and
 * hashes are quoted (`self` becomes `'self'`), while schemes and hosts are kept as written.
 * A value already written with its quotes is accepted too. With `ancestorsOnly`, only the
 * sources that frame-ancestors allows are accepted: 'self', 'none', schemes and hosts.
 *
 * Throws `ERR_HEADERS_UNSAFE_CSP_VALUE` or `ERR_HEADERS_INVALID_CSP_SOURCE`.
 */
export function parseCspSource(directive: string, value: unknown, ancestorsOnly: boolean): string {
  if (typeof value !== "string" || value === "") {
    throw invalidSource(directive, value, "Each source must be a non-empty string.");
  }
  checkCspCharacters(directive, value);

  const quoted = value.length >= 2 && value.startsWith("'") && value.endsWith("'");
  const bare = quoted ? value.slice(1, -1) : value;
  if (bare.includes("'")) {
    throw invalidSource(directive, value, "Write a keyword without quotes, such as self.");
  }

  if (CSP_KEYWORDS.has(bare)) {
    if (ancestorsOnly && bare !== "self" && bare !== "none") {
      throw invalidSource(
        directive,
        value,
        "frame-ancestors accepts only self, none, schemes and hosts.",
      );
    }
    return `'${bare}'`;
  }

  const hashPrefix = HASH_PREFIX.exec(bare);
  const prefixLength = bare.startsWith("nonce-") ? 6 : hashPrefix?.[0].length;
  if (prefixLength !== undefined) {
    if (!BASE64_VALUE.test(bare.slice(prefixLength))) {
      throw invalidSource(directive, value, "A nonce or hash value must be base64 or base64url.");
    }
    if (ancestorsOnly) {
      throw invalidSource(
        directive,
        value,
        "frame-ancestors accepts only self, none, schemes and hosts.",
      );
    }
    return `'${bare}'`;
  }

  // A quoted value that is no keyword, nonce or hash is a misspelt keyword such as 'unsafe-evil',
  // which browsers would ignore, quietly leaving the directive stricter or looser than intended.
  if (quoted) {
    throw invalidSource(
      directive,
      value,
      `Use a CSP keyword (${[...CSP_KEYWORDS].join(", ")}), nonce-<base64> or sha256-, sha384- or sha512-<base64>.`,
    );
  }

  if (SCHEME_SOURCE.test(bare) || HOST_SOURCE.test(bare)) return bare;
  throw invalidSource(
    directive,
    value,
    "Use a keyword such as self, a scheme such as https:, or a host such as https://cdn.example.com.",
  );
}
