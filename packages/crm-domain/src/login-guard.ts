/** Outcome of a login-guard check. */
export type LoginGuardDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAfterSeconds: number };

/**
 * Account lockout that the login consults: after repeated failures for one username from one
 * client, further attempts are refused for a while, even with the right password.
 */
export interface LoginGuard {
  check(username: string, clientIp: string | undefined): Promise<LoginGuardDecision>;
  /** Counts a failed attempt and returns the decision for the next one. */
  recordFailure(username: string, clientIp: string | undefined): Promise<LoginGuardDecision>;
  recordSuccess(username: string, clientIp: string | undefined): Promise<void>;
}
