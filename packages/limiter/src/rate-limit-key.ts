import { createHash } from "node:crypto";
import { ipKey } from "@bulwark/ip";
import type { RateLimitPolicy, RateLimitRequest } from "./policy.js";

/**
 * Key that every request without a valid client IP shares. It is deny-leaning on purpose: such
 * requests neither bypass the limit nor get a fresh budget each, and they exhaust their one shared
 * budget quickly, which makes a broken client IP setup visible.
 */
export const UNKNOWN_CLIENT_KEY = "ip:unknown";

/** Keys longer than this are stored as a SHA-256 digest, so one key costs bounded memory. */
const MAX_KEY_LENGTH = 200;

/** Result of resolving a policy's key for a request. */
export interface ResolvedKey {
  readonly key: string;
  /** Whether the key fell back to `ip:unknown` because the client IP was missing or invalid. */
  readonly unknownClient: boolean;
}

/**
 * Resolves the key a policy counts a request under. Keys carry their kind as a prefix (`ip:`,
 * `user:`, `fn:`), so a user id can never collide with an IP key.
 */
export function resolveRateLimitKey(
  policy: RateLimitPolicy,
  request: RateLimitRequest,
  ipv6Subnet: number,
): ResolvedKey {
  if (policy.key === "user" && isUsableKey(request.userId)) {
    return { key: boundKey(`user:${request.userId}`), unknownClient: false };
  }
  if (typeof policy.key === "function") {
    const custom = policy.key(request);
    if (isUsableKey(custom)) return { key: boundKey(`fn:${custom}`), unknownClient: false };
  }
  return resolveIpKey(request.clientIp, ipv6Subnet);
}

/** Resolves the IP key of a client address, or `ip:unknown` for a missing or invalid one. */
export function resolveIpKey(clientIp: string | undefined, ipv6Subnet: number): ResolvedKey {
  const masked = clientIp === undefined ? undefined : ipKey(clientIp, { ipv6Subnet });
  if (masked === undefined) return { key: UNKNOWN_CLIENT_KEY, unknownClient: true };
  return { key: `ip:${masked}`, unknownClient: false };
}

/** Shortens a long key to a digest, because key functions may return client-controlled text. */
export function boundKey(key: string): string {
  if (key.length <= MAX_KEY_LENGTH) return key;
  return `sha256:${createHash("sha256").update(key).digest("hex")}`;
}

function isUsableKey(value: unknown): value is string {
  return typeof value === "string" && value !== "";
}
