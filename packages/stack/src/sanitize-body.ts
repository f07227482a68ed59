import type { SecurityEventContext, SecurityEventPublisher } from "@bulwark/core";
import { buildInjectionEvent, createSanitizer, type Sanitizer } from "@bulwark/sanitizer";
import type { BulwarkStackOptions } from "./stack-options.js";

/** Builds the sanitizer of a stack from `options.sanitizer`, or returns undefined when it is false. */
export function buildSanitizer(options: BulwarkStackOptions): Sanitizer | undefined {
  if (options.sanitizer === false) return undefined;
  return createSanitizer(options.sanitizer);
}

/**
 * Sanitizes a parsed body and publishes `injection.suspected` when SQL-injection patterns are
 * found. Uses the asynchronous pass when rich-text paths are set, so large bodies do not keep
 * DOMPurify's memory alive for one long synchronous job. Throws 400 `BAD_REQUEST` or 413
 * `PAYLOAD_TOO_LARGE` for a body past the sanitizer's depth or value limits.
 */
export async function sanitizeBody(
  sanitizer: Sanitizer,
  body: unknown,
  events: SecurityEventPublisher | undefined,
  context: () => SecurityEventContext,
): Promise<unknown> {
  if (body === undefined) return undefined;
  const result = sanitizer.hasRichText
    ? await sanitizer.sanitizeAsync(body)
    : sanitizer.sanitize(body);

  if (events !== undefined && result.findings.length > 0) {
    const event = buildInjectionEvent(context(), result.findings);
    if (event !== undefined) events.publish(event);
  }
  return result.value;
}
