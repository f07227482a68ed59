import type { RequestHandler } from "express";
import { applySecurityHeaders, ensureRequestState } from "./request-state.js";
import { createExpressStack, type StackOptions } from "./stack-options.js";

/**
 * Creates the middleware that sets the security headers of @bulwark/headers on every response
 * (its `strict` preset unless `options.securityHeaders` sets another), with
 * Strict-Transport-Security only when the client used HTTPS, and removes `X-Powered-By` and
 * `Server`. Uses `options.securityHeaders` when options are given, else the headers of
 * `bulwark(options)` when it ran. A CSP nonce, when the policy uses one, is in `res.locals.cspNonce`.
 * Throws `ERR_EXPRESS_INVALID_OPTIONS` or an `ERR_HEADERS_*` code for invalid options.
 *
 * @example
 * app.use(securityHeaders({ securityHeaders: { preset: "guide" } }));
 */
export function securityHeaders(options?: StackOptions): RequestHandler {
  const own = createExpressStack(options, "securityHeaders");
  return (req, res, next) => {
    const state = ensureRequestState(req, own);
    applySecurityHeaders(res, state, options === undefined ? state.stack : own);
    next();
  };
}
