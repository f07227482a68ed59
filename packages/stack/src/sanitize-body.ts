import type { CoreRequest, SecurityEventContext, SecurityEventPublisher } from "@bulwark/core";
import {
  buildInjectionEvent,
  createSanitizer,
  type SanitizeResult,
  type Sanitizer,
} from "@bulwark/sanitizer";
import type { BulwarkStackOptions } from "./stack-options.js";

/** Builds the context of a security event from the request and its resolved identity. */
export type EventContextBuilder<I> = (request: CoreRequest, identity: I) => SecurityEventContext;

/** Builds the sanitizer of a stack from `options.sanitizer`, or returns undefined when it is false. */
export function buildSanitizer(options: BulwarkStackOptions): Sanitizer | undefined {
  if (options.sanitizer === false) return undefined;
  return createSanitizer(options.sanitizer);
}

/**
 * Sanitizes a parsed body and publishes `injection.suspected` when SQL-injection patterns are
 * found. Uses the asynchronous pass when rich-text paths are set, so large bodies do not keep
 * DOMPurify's memory alive for one long synchronous job, and returns a promise only then. Without
 * rich-text paths it returns the value, or throws, before it returns. Throws 400 `BAD_REQUEST` or
 * 413 `PAYLOAD_TOO_LARGE` for a body past the sanitizer's depth or value limits.
 */
export function sanitizeBody<I>(
  sanitizer: Sanitizer,
  body: unknown,
  events: SecurityEventPublisher | undefined,
  request: CoreRequest,
  identity: I,
  eventContext: EventContextBuilder<I>,
): unknown {
  if (body === undefined) return undefined;
  if (sanitizer.hasRichText) {
    return sanitizer
      .sanitizeAsync(body)
      .then((result) => publishFindings(result, events, eventContext, request, identity));
  }
  return publishFindings(sanitizer.sanitize(body), events, eventContext, request, identity);
}

function publishFindings<I>(
  result: SanitizeResult,
  events: SecurityEventPublisher | undefined,
  eventContext: EventContextBuilder<I>,
  request: CoreRequest,
  identity: I,
): unknown {
  // The event context is built only for a finding, so a clean body allocates none.
  if (events !== undefined && result.findings.length > 0) {
    const context = eventContext(request, identity);
    const event = buildInjectionEvent(context, result.findings);
    if (event !== undefined) events.publish(event);
  }
  return result.value;
}
