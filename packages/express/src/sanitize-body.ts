import type { RequestHandler } from "express";
import { ensureRequestState } from "./request-state.js";
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
    if (req.body === undefined) {
      next();
      return;
    }
    let sanitized: unknown;
    try {
      sanitized = stack.sanitize(req.body, state.request, state.identity);
    } catch (error) {
      next(error);
      return;
    }
    // Without rich-text paths the sanitizer returns synchronously, so no microtask is spent.
    if (sanitized instanceof Promise) {
      sanitized.then((value) => {
        req.body = value;
        next();
      }, next);
      return;
    }
    req.body = sanitized;
    next();
  };
}
