import type { ReceivedResponse } from "./types.js";

/** Headers that differ between two correct responses and are left out of comparisons. */
export const VOLATILE_HEADERS: ReadonlySet<string> = new Set(["date", "connection", "keep-alive"]);

const CSP_NONCE = /'nonce-[A-Za-z0-9+/_=-]+'/g;
const CSP_HEADERS = new Set(["content-security-policy", "content-security-policy-report-only"]);

/** A response reduced to what two adapters must agree on, byte for byte. */
export interface NormalizedResponse {
  readonly status: number;
  /** Headers sorted by name, without `VOLATILE_HEADERS`. */
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly body: string;
}

/**
 * Drops the volatile headers and sorts the rest by name, so two responses compare as values. CSP
 * nonces are random per response by design, so each becomes `'nonce-*'`.
 */
export function normalizeResponse(response: ReceivedResponse): NormalizedResponse {
  const headers: Record<string, string | readonly string[]> = {};
  for (const name of Object.keys(response.headers).sort()) {
    if (VOLATILE_HEADERS.has(name)) continue;
    const value = response.headers[name] as string | readonly string[];
    headers[name] =
      CSP_HEADERS.has(name) && typeof value === "string"
        ? value.replace(CSP_NONCE, "'nonce-*'")
        : value;
  }
  return { status: response.status, headers, body: response.body };
}
