/** Types of security event, in the order a request meets the protections that publish them. */
export const SECURITY_EVENT_TYPES = [
  "login.failed",
  "login.succeeded",
  "account.locked",
  "rate_limit.exceeded",
  "validation.failed",
  "payload.too_large",
  "body.malformed",
  "injection.suspected",
  "alert.raised",
] as const;

export type SecurityEventType = (typeof SECURITY_EVENT_TYPES)[number];

/** Severity of an alert. */
export type AlertSeverity = "low" | "medium" | "high" | "critical";

/**
 * Details of each event type. Details never hold a password, a token, a cookie or an
 * `Authorization` value: publishers leave them out and sinks escape what remains.
 */
export interface SecurityEventDetails {
  "login.failed": { readonly username: string };
  "login.succeeded": { readonly username: string; readonly userId: string };
  "account.locked": {
    readonly username: string;
    /** Rate-limit key that was locked, such as `alice@203.0.113.9`. */
    readonly key: string;
    readonly lockedForSeconds: number;
  };
  "rate_limit.exceeded": {
    readonly policy: string;
    readonly key: string;
    readonly limit: number;
    readonly retryAfterSeconds: number;
  };
  "validation.failed": { readonly fields: readonly string[] };
  "payload.too_large": { readonly limitBytes: number; readonly contentType: string | undefined };
  "body.malformed": { readonly contentType: string | undefined; readonly reason: string };
  "injection.suspected": {
    readonly findings: readonly { readonly path: string; readonly rule: string }[];
  };
  "alert.raised": {
    readonly rule: string;
    readonly key: string;
    readonly severity: AlertSeverity;
    readonly count: number;
    /** Epoch milliseconds of the first and last counted event in the window. */
    readonly firstSeen: number;
    readonly lastSeen: number;
    readonly requestIds: readonly string[];
  };
}

/** Request facts that every event carries: where and when it happened. */
export interface SecurityEventContext {
  readonly clientIp: string | undefined;
  readonly method: string;
  /** Route pattern when known (`/api/contacts/:id`), else the request path. */
  readonly route: string;
  readonly requestId: string | undefined;
}

/** One security event. `timestamp` is in epoch milliseconds. */
export type SecurityEvent<T extends SecurityEventType = SecurityEventType> = {
  [K in T]: SecurityEventContext & {
    readonly type: K;
    readonly timestamp: number;
    readonly details: SecurityEventDetails[K];
  };
}[T];

/** Interface that packages publish security events through. `publish` must never throw. */
export interface SecurityEventPublisher {
  publish(event: SecurityEvent): void;
}

/**
 * Creates a security event stamped with the current time.
 *
 * @example
 * publisher.publish(createSecurityEvent("login.failed", context, { username: "alice" }));
 */
export function createSecurityEvent<T extends SecurityEventType>(
  type: T,
  context: SecurityEventContext,
  details: SecurityEventDetails[T],
  timestamp: number = Date.now(),
): SecurityEvent<T> {
  return {
    type,
    timestamp,
    clientIp: context.clientIp,
    method: context.method,
    route: context.route,
    requestId: context.requestId,
    details,
  } as SecurityEvent<T>;
}
