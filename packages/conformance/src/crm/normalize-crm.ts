import { type NormalizedResponse, normalizeResponse } from "../normalize.js";
import type { ReceivedResponse } from "../types.js";

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const JWT = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g;
const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g;
/** JSON keys whose numbers are clock readings, such as audit timestamps in epoch milliseconds. */
const TIME_KEY = /"(timestamp|firstSeen|lastSeen|[a-z]+At)":\d+/g;
/** Headers whose seconds count down with the clock, so two correct runs may differ by one. */
const CLOCK_HEADERS = new Set(["retry-after", "ratelimit-reset"]);

/**
 * Normalises a CRM transcript for comparison. Ids (UUIDs) become `<id:n>`, numbered by first
 * appearance, so one entity keeps one name across responses. JWTs become `<token>`, and ISO 8601
 * times and epoch-millisecond time fields become `<time>`. `Content-Length` is left out because it
 * follows the body, and numeric countdown headers become `<seconds>`.
 */
export function normalizeCrmTranscript(
  responses: readonly ReceivedResponse[],
): NormalizedResponse[] {
  const ids = new Map<string, string>();
  const replaceText = (text: string) =>
    text
      .replace(JWT, "<token>")
      .replace(UUID, (id) => {
        const key = id.toLowerCase();
        let name = ids.get(key);
        if (name === undefined) {
          name = `<id:${ids.size + 1}>`;
          ids.set(key, name);
        }
        return name;
      })
      .replace(ISO_TIME, "<time>")
      .replace(TIME_KEY, (_match, key: string) => `"${key}":"<time>"`);

  return responses.map((response) => {
    const normalized = normalizeResponse(response);
    const headers: Record<string, string | readonly string[]> = {};
    for (const [name, value] of Object.entries(normalized.headers)) {
      if (name === "content-length") continue;
      if (CLOCK_HEADERS.has(name) && typeof value === "string" && /^\d+$/.test(value)) {
        headers[name] = "<seconds>";
      } else {
        headers[name] = typeof value === "string" ? replaceText(value) : value.map(replaceText);
      }
    }
    return { status: normalized.status, headers, body: replaceText(normalized.body) };
  });
}
