import { checkOptionsObject, describeValue } from "@bulwark/core";
import { createHeadersError, HeadersError } from "./errors.js";

/** Options of the Strict-Transport-Security header (RFC 6797). */
export interface StrictTransportSecurityOptions {
  /** How long browsers keep using HTTPS only, in seconds. 0 makes them forget the host. */
  readonly maxAgeSeconds?: number;
  /** Applies the policy to every subdomain too. */
  readonly includeSubDomains?: boolean;
  /** Asks to be listed in the browsers' built-in HSTS preload list. */
  readonly preload?: boolean;
}

/** Shortest max-age that the browsers' HSTS preload list accepts: one year, in seconds. */
export const HSTS_PRELOAD_MIN_MAX_AGE_SECONDS = 31_536_000;

const HSTS_OPTION_KEYS = ["maxAgeSeconds", "includeSubDomains", "preload"] as const;

function invalidHsts(message: string): HeadersError {
  return new HeadersError("ERR_HEADERS_INVALID_HSTS", message);
}

function readBoolean(options: Record<string, unknown>, key: string, fallback: boolean): boolean {
  const value = options[key] ?? fallback;
  if (typeof value !== "boolean") {
    throw invalidHsts(
      `strictTransportSecurity.${key} must be a boolean, got ${describeValue(value)}.`,
    );
  }
  return value;
}

/**
 * Parses the `strictTransportSecurity` option on top of the preset's values and builds the
 * header value, such as `max-age=31536000; includeSubDomains`. Returns undefined for `false`.
 * Throws `ERR_HEADERS_INVALID_HSTS` for a max-age that is not a non-negative integer, and for
 * `preload` without `includeSubDomains` and a max-age of at least one year, because the preload
 * list rejects such a header and the directive would only mislead.
 */
export function buildStrictTransportSecurity(
  option: unknown,
  preset: Required<StrictTransportSecurityOptions> | undefined,
): string | undefined {
  if (option === false) return undefined;
  const options = checkOptionsObject(
    option,
    HSTS_OPTION_KEYS,
    "ERR_HEADERS_INVALID_OPTIONS",
    "strictTransportSecurity",
    createHeadersError,
  );
  if (option === undefined && preset === undefined) return undefined;

  const maxAgeSeconds =
    options.maxAgeSeconds === undefined
      ? (preset?.maxAgeSeconds ?? HSTS_PRELOAD_MIN_MAX_AGE_SECONDS)
      : options.maxAgeSeconds;
  if (
    typeof maxAgeSeconds !== "number" ||
    !Number.isSafeInteger(maxAgeSeconds) ||
    maxAgeSeconds < 0
  ) {
    throw invalidHsts(
      `strictTransportSecurity.maxAgeSeconds must be a non-negative integer in seconds, got ${describeValue(maxAgeSeconds)}. Use 31536000 for one year.`,
    );
  }
  const includeSubDomains = readBoolean(
    options,
    "includeSubDomains",
    preset?.includeSubDomains ?? false,
  );
  const preload = readBoolean(options, "preload", preset?.preload ?? false);

  if (preload && (!includeSubDomains || maxAgeSeconds < HSTS_PRELOAD_MIN_MAX_AGE_SECONDS)) {
    throw invalidHsts(
      `strictTransportSecurity.preload needs includeSubDomains: true and maxAgeSeconds of at least ${HSTS_PRELOAD_MIN_MAX_AGE_SECONDS}, got includeSubDomains ${includeSubDomains} and maxAgeSeconds ${maxAgeSeconds}. Set both, or drop preload.`,
    );
  }

  let value = `max-age=${maxAgeSeconds}`;
  if (includeSubDomains) value += "; includeSubDomains";
  if (preload) value += "; preload";
  return value;
}
