import type { BulwarkStack } from "@bulwark/stack";
import type { Request, RequestHandler } from "express";
import { ensureRequestState, type RequestState } from "./request-state.js";
import { runStep } from "./run-step.js";
import { createExpressStack, type StackOptions } from "./stack-options.js";

/**
 * Creates the middleware that sanitizes `req.body` with @bulwark/sanitizer: HTML stripped from
 * text fields, whitespace trimmed, passwords untouched, `__proto__`, `constructor` and `prototype`
 * keys dropped, and SQL-injection patterns published as `injection.suspected` without changing the
 * text. Register it after body parsing. `bulwark(options)` already runs it.
 *
 * Uses `options.sanitizer` when options are given, else the sanitizer of `bulwark(options)` when
 * it ran. Throws `ERR_EXPRESS_INVALID_OPTIONS` or an `ERR_SANITIZER_*` code for invalid options.
 *
 * @example
 * app.use(bodyLimits(), sanitizeBody({ sanitizer: { richTextPaths: ["notes"] } }));
 */
export function sanitizeBody(options?: StackOptions): RequestHandler {
  const own = createExpressStack(options, "sanitizeBody");
  return (req, _res, next) => {
    const state = ensureRequestState(req, own);
    const stack = options === undefined ? state.stack : own;
    runStep(() => sanitizeRequestBody(req, stack, state), next);
  };
}

/**
 * Replaces `req.body` with its sanitized value. Returns undefined when the sanitizer finished
 * synchronously, which it does without rich-text paths, else a promise. Throws or rejects with the
 * sanitizer's error.
 */
export function sanitizeRequestBody(
  req: Request,
  stack: BulwarkStack,
  state: RequestState,
): Promise<void> | undefined {
  if (req.body === undefined) return undefined;
  const sanitized = stack.sanitize(req.body, state.request, state.identity);
  if (sanitized instanceof Promise) {
    return sanitized.then((value) => {
      req.body = value;
    });
  }
  req.body = sanitized;
  return undefined;
}
