import type { BulwarkStack } from "@bulwark/stack";
import type { Request, RequestHandler, Response } from "express";
import { parseBody } from "./body-limits.js";
import { setHeaders } from "./rate-limit.js";
import { applySecurityHeaders, ensureRequestState } from "./request-state.js";
import { createExpressStack, type StackOptions } from "./stack-options.js";

/**
 * Creates the whole Bulwark stack as one middleware. It runs the protections in this order: client
 * IP and request id, security headers, the API and write limiters, body limits and parsing, the
 * sanitizer (HTML stripped from text fields, SQL-injection patterns reported). Route middleware (`rateLimit(policy)`, `validate(schemas)`) runs after it, then the
 * handler. Register it first, and `notFound()` and `errorHandler()` after the routes.
 *
 * Throws `ERR_EXPRESS_INVALID_OPTIONS` for an unknown key or invalid value, and the capability
 * package's code (such as `ERR_IP_INVALID_PROXY`) for an invalid capability option.
 *
 * @example
 * app.use(bulwark({ logger }));
 * app.post("/api/auth/login", rateLimit("auth"), validate({ body: loginSchema }), login);
 * app.use(notFound());
 * app.use(errorHandler());
 */
export function bulwark(options?: StackOptions): BulwarkMiddleware {
  const stack = createExpressStack(options, "bulwark");

  const middleware: RequestHandler = (req, res, next) => {
    runStack(req, res, stack).then(() => next(), next);
  };
  return Object.assign(middleware, { close: () => stack.close() });
}

/** The middleware of `bulwark(options)`, with `close()` to quit a Redis client it created. */
export type BulwarkMiddleware = RequestHandler & { close(): Promise<void> };

async function runStack(req: Request, res: Response, stack: BulwarkStack): Promise<void> {
  const state = ensureRequestState(req, stack);
  applySecurityHeaders(res, state);
  setHeaders(res, await stack.checkStackLimits(state.request, state.identity));
  await parseBody(req, stack);
  if (req.body !== undefined)
    req.body = await stack.sanitize(req.body, state.request, state.identity);
}
