import type { BulwarkStack } from "@bulwark/stack";
import type { Request, RequestHandler, Response } from "express";
import { hasRequestBody, parseBody } from "./body-limits.js";
import { setHeaders } from "./rate-limit.js";
import { applySecurityHeaders, ensureRequestState, type RequestState } from "./request-state.js";
import { runStep } from "./run-step.js";
import { sanitizeRequestBody } from "./sanitize-body.js";
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

  // A request without a body, with the memory store, finishes the stack before runStack returns,
  // so it goes on to the routes without waiting for a microtask.
  const middleware: RequestHandler = (req, res, next) => {
    runStep(() => runStack(req, res, stack), next);
  };
  return Object.assign(middleware, { close: () => stack.close() });
}

/** The middleware of `bulwark(options)`, with `close()` to quit a Redis client it created. */
export type BulwarkMiddleware = RequestHandler & { close(): Promise<void> };

/**
 * Runs the stack on a request. Returns undefined when every step finished synchronously, else a
 * promise of the remaining steps. Throws or rejects with the error of the step that failed.
 */
function runStack(req: Request, res: Response, stack: BulwarkStack): Promise<void> | undefined {
  const state = ensureRequestState(req, stack);
  applySecurityHeaders(res, state);
  const limits = stack.checkStackLimits(state.request, state.identity);
  if (limits instanceof Promise) {
    return limits.then((headers) => {
      setHeaders(res, headers);
      return readBody(req, stack, state);
    });
  }
  setHeaders(res, limits);
  return readBody(req, stack, state);
}

/** Parses and sanitizes the body. Returns undefined, without a promise, when there is none to read. */
function readBody(
  req: Request,
  stack: BulwarkStack,
  state: RequestState,
): Promise<void> | undefined {
  if (!hasRequestBody(req)) return undefined;
  return parseBody(req, stack).then(() => sanitizeRequestBody(req, stack, state));
}
