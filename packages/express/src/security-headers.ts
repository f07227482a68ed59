import type { RequestHandler } from "express";
import { applySecurityHeaders, ensureRequestState } from "./request-state.js";
import { createExpressStack, type StackOptions } from "./stack-options.js";

/**
 * Creates the middleware that sets the security headers of @bulwark/headers on every response
 * (its `strict` preset unless `options.securityHeaders` says otherwise), with
 * Strict-Transport-Security only when the client used HTTPS, and removes `X-Powered-By` and
 * `Server`. A CSP nonce, when the policy uses one, is in `res.locals.cspNonce`.
 * Throws `ERR_EXPRESS_INVALID_OPTIONS` or an `ERR_HEADERS_*` code for invalid options.
 *
 * @example
 * app.use(securityHeaders({ securityHeaders: { preset: "guide" } }));
 */
export function securityHeaders(options?: StackOptions): RequestHandler {
  const stack = createExpressStack(options, "securityHeaders");
  return (req, res, next) => {
    applySecurityHeaders(res, ensureRequestState(req, stack));
    next();
  };
}
