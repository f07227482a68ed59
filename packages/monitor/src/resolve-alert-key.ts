import type { SecurityEvent } from "@bulwark/core";
import type { AlertKey } from "./alert-rules.js";

/**
 * Resolves the counting key of an event for a rule, or undefined when the event has none. A
 * username is NFKC-normalised and lower-cased, because a login form that accepts `Alice` and
 * `ＡＬＩＣＥ` for one account would otherwise give an attacker a fresh count per spelling.
 */
export function resolveAlertKey(key: AlertKey, event: SecurityEvent): string | undefined {
  if (key === "clientIp") return nonEmpty(event.clientIp);
  if (key === "username") {
    const details = event.details as { readonly username?: unknown };
    if (typeof details.username !== "string") return undefined;
    return nonEmpty(details.username.normalize("NFKC").toLowerCase());
  }
  const resolved = key(event);
  return typeof resolved === "string" ? nonEmpty(resolved) : undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
