import { escapeLogText } from "./escape-text.js";

/**
 * Parts of a key name that mark its value as a secret. Keys are compared in lower case with `-`,
 * `_` and other separators removed, so `Set-Cookie`, `refresh_token` and `apiKey` all match.
 */
export const SECRET_KEY_PARTS = [
  "password",
  "passwd",
  "passphrase",
  "secret",
  "token",
  "authorization",
  "cookie",
  "apikey",
  "privatekey",
  "credential",
  "sessionid",
] as const;

// Short names that are secrets only as the whole key: as parts they would also match `author`,
// `spinner` or `option`.
const SECRET_KEY_NAMES: ReadonlySet<string> = new Set(["auth", "pwd", "pin", "otp", "jwt"]);

/** Text that replaces a redacted value. */
export const REDACTED = "[REDACTED]";

const MAX_DEPTH = 8;

// Credentials that leak into free text, such as an error reason quoting a header: HTTP
// `Bearer`/`Basic` credentials and JWT-shaped tokens (three base64url parts, the first `eyJ`).
const BEARER_CREDENTIAL = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const JWT_SHAPE = /\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
const MAY_CONTAIN_CREDENTIAL = /bearer|basic|eyJ/i;

// Event keys repeat on every line, so their verdicts are cached. The cache is cleared when full,
// because keys inside details could come from clients.
const secretKeyCache = new Map<string, boolean>();
const MAX_CACHED_KEYS = 1024;

/** Returns whether an object key names a secret, such as `password` or `X-Api-Key`. */
export function isSecretKey(key: string): boolean {
  const cached = secretKeyCache.get(key);
  if (cached !== undefined) return cached;

  const normalized = key.toLowerCase().replace(/[^a-z0-9]/g, "");
  const secret =
    SECRET_KEY_NAMES.has(normalized) || SECRET_KEY_PARTS.some((part) => normalized.includes(part));
  if (secretKeyCache.size >= MAX_CACHED_KEYS) secretKeyCache.clear();
  secretKeyCache.set(key, secret);
  return secret;
}

/**
 * Returns a copy of `value` that is safe to write to a log or a webhook. The input is not changed.
 *
 * - Values under a secret key (see `isSecretKey`) become `"[REDACTED]"`, at any depth.
 * - Strings have `Bearer`/`Basic` credentials and JWT-shaped tokens replaced, then are escaped by
 *   `escapeLogText`, so CR, LF and terminal escape sequences cannot forge log lines.
 * - Object keys are escaped too. Nesting deeper than 8 levels and reference cycles become
 *   `"[Truncated]"` and `"[Circular]"`. Dates become ISO strings, bigints strings, and functions
 *   and symbols are left out.
 *
 * @example
 * redactSecrets({ username: "bob\r\n", password: "hunter2" });
 * // { username: "bob\\r\\n", password: "[REDACTED]" }
 */
export function redactSecrets(value: unknown): unknown {
  return redactValue(value, 0, new WeakSet());
}

function redactValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === "string") return redactText(value);
  if (typeof value === "bigint") return value.toString();
  if (typeof value !== "object" || value === null) {
    return typeof value === "function" || typeof value === "symbol" ? undefined : value;
  }
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? null : value.toISOString();
  }
  if (seen.has(value)) return "[Circular]";
  if (depth >= MAX_DEPTH) return "[Truncated]";

  seen.add(value);
  const copy = Array.isArray(value)
    ? value.map((item) => redactValue(item, depth + 1, seen))
    : redactObject(value as Record<string, unknown>, depth, seen);
  seen.delete(value);
  return copy;
}

function redactObject(
  value: Record<string, unknown>,
  depth: number,
  seen: WeakSet<object>,
): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    const redacted = isSecretKey(key) ? REDACTED : redactValue(entry, depth + 1, seen);
    if (redacted === undefined) continue;
    if (key === "__proto__") {
      // Plain assignment of a client-supplied `__proto__` key would set the copy's prototype
      // instead of adding a property.
      Object.defineProperty(copy, key, {
        value: redacted,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else {
      copy[escapeLogText(key)] = redacted;
    }
  }
  return copy;
}

function redactText(text: string): string {
  if (!MAY_CONTAIN_CREDENTIAL.test(text)) return escapeLogText(text);
  const scrubbed = text.replace(BEARER_CREDENTIAL, `$1 ${REDACTED}`).replace(JWT_SHAPE, REDACTED);
  return escapeLogText(scrubbed);
}
