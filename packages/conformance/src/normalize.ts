import type { ReceivedResponse } from "./types.js";

/** Headers that differ between two correct responses and are left out of comparisons. */
export const VOLATILE_HEADERS: ReadonlySet<string> = new Set(["date", "connection", "keep-alive"]);

/** A response reduced to what two adapters must agree on, byte for byte. */
export interface NormalizedResponse {
  readonly status: number;
  /** Headers sorted by name, without `VOLATILE_HEADERS`. */
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly body: string;
}

/** Drops the volatile headers and sorts the rest by name, so two responses compare as values. */
export function normalizeResponse(response: ReceivedResponse): NormalizedResponse {
  const headers: Record<string, string | readonly string[]> = {};
  for (const name of Object.keys(response.headers).sort()) {
    if (VOLATILE_HEADERS.has(name)) continue;
    headers[name] = response.headers[name] as string | readonly string[];
  }
  return { status: response.status, headers, body: response.body };
}
