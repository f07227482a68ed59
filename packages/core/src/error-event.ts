import type { SecurityEventDetails, SecurityEventType } from "./security-event.js";

/** Security event that an error carries to the adapter's error path, which adds the request context. */
export interface AttachedSecurityEvent<T extends SecurityEventType = SecurityEventType> {
  readonly type: T;
  readonly details: SecurityEventDetails[T];
}

const attached = new WeakMap<object, AttachedSecurityEvent>();

/**
 * Attaches a security event to an error and returns the error. A protection that rejects a request
 * without the client IP or request id at hand uses this, and the adapter's error handler publishes
 * the event with the full context.
 */
export function attachSecurityEvent<E extends object, T extends SecurityEventType>(
  error: E,
  type: T,
  details: SecurityEventDetails[T],
): E {
  attached.set(error, { type, details } as AttachedSecurityEvent);
  return error;
}

/** Returns the security event attached to an error, or undefined. */
export function getAttachedSecurityEvent(error: unknown): AttachedSecurityEvent | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  return attached.get(error);
}
