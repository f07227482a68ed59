import {
  createHttpError,
  createSecurityEvent,
  discardUnreadBody,
  ERROR_CONTENT_TYPE,
  renderRequestError,
} from "@bulwark/core";
import type { ErrorRequestHandler, Request, RequestHandler, Response } from "express";
import { applySecurityHeaders, ensureRequestState } from "./request-state.js";
import { createExpressStack, type StackOptions } from "./stack-options.js";

/**
 * Creates the error middleware that renders every error as the JSON error contract. Bulwark
 * request-time errors keep their status, message and headers. Other errors with a 4xx status
 * become that status's code with its default message. Anything else becomes 500 `INTERNAL_ERROR`
 * with a generic message, logged with the request id. Never sends HTML, a stack trace or an
 * Express message. Register it last.
 *
 * Uses the stack of `bulwark(options)` when it ran on the request, else one built from `options`.
 * Throws `ERR_EXPRESS_INVALID_OPTIONS` for invalid options.
 *
 * @example
 * app.use(errorHandler());
 */
export function errorHandler(options?: StackOptions): ErrorRequestHandler {
  const fallback = createExpressStack(options, "errorHandler");
  return (error, req, res, _next) => {
    sendError(error, req, res, fallback);
  };
}

/**
 * Creates the middleware that responds to every request no route matched with 404 `NOT_FOUND` in the
 * error contract. Register it after the routes and before `errorHandler()`.
 *
 * @example
 * app.use(notFound());
 */
export function notFound(): RequestHandler {
  return (_req, _res, next) => {
    next(createHttpError("NOT_FOUND"));
  };
}

function sendError(
  error: unknown,
  req: Request,
  res: Response,
  fallback: ReturnType<typeof createExpressStack>,
): void {
  const state = ensureRequestState(req, fallback);
  const { stack, request, identity } = state;
  const { logger, events } = stack.settings;
  const rendered = renderRequestError(error);

  if (rendered.internal) {
    logger.error(
      { err: error, requestId: identity.requestId, method: req.method },
      "Request failed",
    );
  }
  if (rendered.event !== undefined && events !== undefined) {
    const context = stack.eventContext(request, identity);
    events.publish(
      createSecurityEvent(rendered.event.type, context, rendered.event.details as never),
    );
  }

  // A response already on the wire cannot become an error response: end the connection so the
  // client sees a truncated response rather than a wrong one.
  if (res.headersSent) {
    res.destroy();
    return;
  }

  discardUnreadBody(req);
  applySecurityHeaders(res, state);
  const { status, headers, body } = rendered.response;
  res.statusCode = status;
  for (const [name, value] of headers) res.setHeader(name, value);
  res.setHeader("Content-Type", ERROR_CONTENT_TYPE);
  res.setHeader("Content-Length", Buffer.byteLength(body));
  res.end(body);
}
