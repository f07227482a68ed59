import { createHttpError, type HeaderTuple } from "@bulwark/core";
import type { RateLimitDecision } from "./decision.js";
import { invalidOption } from "./errors.js";

/**
 * RateLimit header formats. `draft-6` sends `RateLimit-Limit`, `RateLimit-Remaining` and
 * `RateLimit-Reset` (draft-ietf-httpapi-ratelimit-headers-06). `draft-8` sends the structured
 * `RateLimit-Policy` and `RateLimit` fields of draft 08 and later. `legacy` sends
 * `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset` in epoch seconds.
 * `none` sends no RateLimit header, but a 429 still carries `Retry-After`.
 */
export type HeaderFormat = "draft-6" | "draft-8" | "legacy" | "none";

/** Allowed values of the `headers` option. */
export const HEADER_FORMATS = ["draft-6", "draft-8", "legacy", "none"] as const;

/** Default header format. */
export const DEFAULT_HEADER_FORMAT: HeaderFormat = "draft-6";

/**
 * Builds the response headers of a decision in a format, plus `Retry-After` in whole seconds
 * when the decision rejects.
 *
 * @example
 * buildRateLimitHeaders(decision, "draft-8");
 * // [["RateLimit-Policy", '"api";q=100;w=900'], ["RateLimit", '"api";r=99;t=900']]
 */
export function buildRateLimitHeaders(
  decision: RateLimitDecision,
  format: HeaderFormat = DEFAULT_HEADER_FORMAT,
): HeaderTuple[] {
  const headers = buildFormatHeaders(decision, format);
  if (!decision.allowed) headers.push(["Retry-After", String(decision.retryAfterSeconds)]);
  return headers;
}

function buildFormatHeaders(decision: RateLimitDecision, format: HeaderFormat): HeaderTuple[] {
  const limit = String(decision.limit);
  const remaining = String(decision.remaining);
  switch (format) {
    case "draft-6":
      return [
        ["RateLimit-Limit", limit],
        ["RateLimit-Remaining", remaining],
        ["RateLimit-Reset", String(decision.resetSeconds)],
      ];
    case "draft-8": {
      // Policy names are letters, digits, '-' and '_', so they need no escaping inside an
      // RFC 8941 sf-string.
      const name = `"${decision.policy}"`;
      return [
        ["RateLimit-Policy", `${name};q=${limit};w=${decision.windowSeconds}`],
        ["RateLimit", `${name};r=${remaining};t=${decision.resetSeconds}`],
      ];
    }
    case "legacy":
      return [
        ["X-RateLimit-Limit", limit],
        ["X-RateLimit-Remaining", remaining],
        ["X-RateLimit-Reset", String(Math.ceil(decision.resetAt / 1000))],
      ];
    case "none":
      return [];
  }
}

/**
 * Creates the 429 error of a rejected decision: code `RATE_LIMITED`, the policy's message, and
 * the decision's headers in the given format.
 */
export function createRateLimitError(
  decision: RateLimitDecision,
  format: HeaderFormat = DEFAULT_HEADER_FORMAT,
) {
  return createHttpError("RATE_LIMITED", {
    message: decision.message,
    headers: buildRateLimitHeaders(decision, format),
  });
}

/** Checks the `headers` option. Throws `ERR_LIMITER_INVALID_HEADER_FORMAT`. */
export function parseHeaderFormat(value: unknown): HeaderFormat {
  if (value === undefined) return DEFAULT_HEADER_FORMAT;
  if ((HEADER_FORMATS as readonly unknown[]).includes(value)) return value as HeaderFormat;
  throw invalidOption(
    "ERR_LIMITER_INVALID_HEADER_FORMAT",
    "headers",
    value,
    'must be "draft-6", "draft-8", "legacy" or "none"',
    'Use "draft-6" for RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset.',
  );
}
