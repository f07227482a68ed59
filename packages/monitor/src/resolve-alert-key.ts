import { createHash } from "node:crypto";
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

// Keys longer than this are stored by their hash.
const MAX_PLAIN_KEY_LENGTH = 200;

/**
 * Returns the key a store counts under: the rule name and the key, with a key longer than 200
 * characters replaced by its SHA-256 hash. A client controls usernames, and a megabyte-long one
 * would otherwise take a megabyte of store memory for each key it fills.
 */
export function buildStoreKey(ruleName: string, key: string): string {
  if (key.length <= MAX_PLAIN_KEY_LENGTH) return `${ruleName}:${key}`;
  return `${ruleName}:sha256:${createHash("sha256").update(key).digest("hex")}`;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
