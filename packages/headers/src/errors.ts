import { BulwarkError } from "@bulwark/core";

/** Error codes that @bulwark/headers throws to developers, with what each one means. */
export const HEADERS_ERROR_CODES = {
  ERR_HEADERS_INVALID_OPTIONS:
    "An options object is not a plain object or has an unknown key. Check the option names.",
  ERR_HEADERS_INVALID_PRESET: 'preset must be "strict" or "guide".',
  ERR_HEADERS_INVALID_VALUE:
    "A header option has a value that the header does not define. Use one of the listed values, or false to omit the header.",
  ERR_HEADERS_UNKNOWN_CSP_DIRECTIVE:
    "A Content-Security-Policy directive name is not a CSP Level 3 directive. Check its spelling.",
  ERR_HEADERS_INVALID_CSP_DIRECTIVE:
    "A Content-Security-Policy directive has a value of the wrong shape, such as an empty source list or true for a directive that takes sources.",
  ERR_HEADERS_INVALID_CSP_SOURCE:
    "A Content-Security-Policy source is not a keyword, nonce, hash, scheme or host source, or is not allowed in its directive.",
  ERR_HEADERS_UNSAFE_CSP_VALUE:
    "A Content-Security-Policy value contains ';', ',', whitespace or a control character, which would split or end the policy.",
  ERR_HEADERS_INVALID_HSTS:
    "A Strict-Transport-Security option is invalid, such as a negative maxAgeSeconds or preload without its requirements.",
  ERR_HEADERS_INVALID_PERMISSIONS_POLICY:
    "A Permissions-Policy feature name or allowlist entry is invalid.",
  ERR_HEADERS_INVALID_REPORTING_ENDPOINT:
    "A Reporting-Endpoints name is not a token or its URL is not an absolute http(s) URL.",
} as const;

export type HeadersErrorCode = keyof typeof HEADERS_ERROR_CODES;

/** Error thrown by @bulwark/headers for invalid options. */
export class HeadersError extends BulwarkError {
  declare readonly code: HeadersErrorCode;
}

/** Creates a `HeadersError`; the factory shape that core's `checkOptionsObject` expects. */
export function createHeadersError(code: string, message: string): HeadersError {
  return new HeadersError(code, message);
}
