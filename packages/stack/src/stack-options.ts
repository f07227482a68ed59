import type { BodyLimits, BulwarkOptions } from "@bulwark/core";
import type { SecurityHeadersOptions } from "@bulwark/headers";
import type { ClientIpOptions } from "@bulwark/ip";
import type { RateLimiterOptions } from "@bulwark/limiter";
import type { SanitizerOptions } from "@bulwark/sanitizer";
import type { RequestValidatorOptions } from "@bulwark/schemas";
import type { StackLimitsOptions } from "./stack-limits.js";

/**
 * Options of a whole adapter stack: `bulwark(options)` in Express and the Fastify plugin take this
 * same object. The cross-cutting keys of `BulwarkOptions` (`logger`, `events`, `requestIdHeader`,
 * `disabledWarnings`) are passed on to every protection.
 */
export interface BulwarkStackOptions extends BulwarkOptions {
  /** Maximum body sizes in bytes per body kind. Defaults to JSON 10 MB, urlencoded 10 MB, multipart 50 MB. */
  bodyLimits?: Partial<BodyLimits>;
  /**
   * Client IP resolution, as @bulwark/ip's `createClientIpResolver` takes it, without `logger` and
   * `disabledWarnings`, which come from the stack. Defaults to the socket address only.
   */
  clientIp?: Omit<ClientIpOptions, "logger" | "disabledWarnings">;
  /**
   * Security headers on every response, errors included, as @bulwark/headers'
   * `createSecurityHeaders` takes them. Defaults to its `strict` preset; `false` sets none.
   */
  securityHeaders?: SecurityHeadersOptions | false;
  /**
   * The rate limiter, as @bulwark/limiter's `createRateLimiter` takes it (policies, `redis`,
   * `headers`, ...), without `events`, `logger` and `disabledWarnings`, which come from the stack.
   * Defaults to the built-in policies in memory; `false` turns rate limiting off.
   */
  rateLimit?: Omit<RateLimiterOptions, "events" | "logger" | "disabledWarnings"> | false;
  /**
   * The limiters every request meets before its body is read. Defaults to the `api` and `write`
   * policies on paths under `/api/`; `false` leaves only route limiters.
   */
  stackLimits?: StackLimitsOptions | false;
  /**
   * Body sanitizing, as @bulwark/sanitizer's `createSanitizer` takes it: HTML stripped from text
   * fields, trimmed, SQL-injection patterns reported (`sqlMode: "detect"`). Defaults to its
   * defaults; `false` leaves bodies as parsed.
   */
  sanitizer?: SanitizerOptions | false;
  /**
   * Options of the route validators, as @bulwark/schemas' `createRequestValidator` takes them:
   * `strict` (reject unknown keys, default false) and `maxErrors` (default 100).
   */
  validation?: RequestValidatorOptions;
}

/** Keys of `BulwarkStackOptions` beyond those that @bulwark/core's `parseStackSettings` checks. */
export const CAPABILITY_OPTION_KEYS = [
  "clientIp",
  "securityHeaders",
  "rateLimit",
  "stackLimits",
  "sanitizer",
  "validation",
] as const satisfies readonly (keyof BulwarkStackOptions)[];
