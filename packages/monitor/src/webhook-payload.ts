import type { SecurityEvent } from "@bulwark/core";
import { redactSecrets } from "./redact.js";

/** Body formats of the webhook sink: the redacted event as JSON, or a Slack message. */
export type WebhookFormat = "json" | "slack";

/**
 * Builds the JSON body a webhook receives for an event. Both formats go through `redactSecrets`
 * first, so secrets are replaced and control characters escaped.
 */
export function buildWebhookBody(event: SecurityEvent, format: WebhookFormat): string {
  const redacted = redactSecrets(event) as SecurityEvent;
  if (format === "json") return JSON.stringify(redacted);
  return JSON.stringify({ text: escapeSlackText(buildSlackText(redacted)) });
}

function buildSlackText(event: SecurityEvent): string {
  const client = event.clientIp ?? "an unknown client";
  const where = `${event.method} ${event.route}`;
  if (event.type !== "alert.raised") {
    const request = event.requestId === undefined ? "" : ` (request ${event.requestId})`;
    return `Security event ${event.type} from ${client} on ${where}${request}.`;
  }

  const { details } = event;
  const ids = details.requestIds.length === 0 ? "none" : details.requestIds.join(", ");
  return [
    `[${details.severity.toUpperCase()}] Alert ${details.rule} for ${details.key}:`,
    `${details.count} events from ${new Date(details.firstSeen).toISOString()}`,
    `to ${new Date(details.lastSeen).toISOString()}, last on ${where} from ${client}.`,
    `Request ids: ${ids}.`,
  ].join(" ");
}

// Slack reads `<...>` as a link or a mention such as `<!channel>`, so a username holding one
// could notify a whole channel. Slack's message formatting docs specify exactly these three escapes.
function escapeSlackText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
