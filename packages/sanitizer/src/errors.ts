import { BulwarkError } from "@bulwark/core";

/** Error codes that @bulwark/sanitizer throws to developers, with what each one means. */
export const SANITIZER_ERROR_CODES = {
  ERR_SANITIZER_INVALID_OPTIONS: "createSanitizer options must be a plain object with known keys.",
  ERR_SANITIZER_INVALID_SQL_MODE: 'sqlMode must be "detect", "strip" or "off".',
  ERR_SANITIZER_INVALID_PATH: "A field path must be a non-empty string such as contacts[*].notes.",
  ERR_SANITIZER_INVALID_LIMIT:
    "maxDepth and maxNodes must be positive integers within their range.",
  ERR_SANITIZER_INVALID_FLAG: "trim, normalizeUnicode and stripControlCharacters must be booleans.",
  ERR_SANITIZER_MAX_DEPTH: "A request body was nested deeper than maxDepth.",
  ERR_SANITIZER_MAX_NODES: "A request body held more values than maxNodes.",
} as const;

export type SanitizerErrorCode = keyof typeof SANITIZER_ERROR_CODES;

/**
 * Error thrown by @bulwark/sanitizer for invalid options. It is also the `cause` of the request
 * error raised when a body exceeds `maxDepth` or `maxNodes`, so logs show which limit was hit.
 */
export class SanitizerError extends BulwarkError {
  declare readonly code: SanitizerErrorCode;
}

/** Creates a `SanitizerError`; the factory shape that core's `checkOptionsObject` expects. */
export function createSanitizerError(code: string, message: string): SanitizerError {
  return new SanitizerError(code, message);
}
