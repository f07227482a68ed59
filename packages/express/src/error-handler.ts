import {
  createHttpError,
  createSecurityEvent,
  discardUnreadBody,
  ERROR_CONTENT_TYPE,
  parseStackSettings,
  renderRequestError,
  type StackSettings,
} from "@bulwark/core";
import type { ErrorRequestHandler, Request, RequestHandler, Response } from "express";
import { createExpressError } from "./errors.js";
import { getRequestState } from "./request-state.js";
import { CAPABILITY_OPTION_KEYS, type StackOptions } from "./stack-options.js";

/**
 * Creates the error middleware that renders every error as the JSON error contract: Bulwark
 * request-time errors keep their status, message and headers; other errors with a 4xx status
 * become that status's code with its default message; anything else becomes 500 `INTERNAL_ERROR`
 * with a generic message, logged with the request id. Never sends HTML, a stack trace or an
 * Express message. Register it last.
 *
 * Settings come from `bulwark(options)` when it ran on the request; `options` apply otherwise.
 * Throws `ERR_EXPRESS_INVALID_OPTIONS` for invalid options.
 *
 * @example
 * app.use(errorHandler());
 */
export function errorHandler(options?: StackOptions): ErrorRequestHandler {
  const fallback = parseExpressSettings(options, "errorHandler");
  return (error, req, res, _next) => {
    const settings = getRequestState(req)?.settings ?? fallback;
    sendError(error, req, res, settings);
  };
}

/**
 * Creates the middleware that answers every request no route matched with 404 `NOT_FOUND` in the
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

/** Checks stack options for an Express middleware, throwing `ERR_EXPRESS_INVALID_OPTIONS`. */
export function parseExpressSettings(options: unknown, label: string): StackSettings {
  return parseStackSettings(options, CAPABILITY_OPTION_KEYS, {
    code: "ERR_EXPRESS_INVALID_OPTIONS",
    label,
    createError: createExpressError,
  });
}

function sendError(error: unknown, req: Request, res: Response, settings: StackSettings): void {
  const rendered = renderRequestError(error);
  const context = {
    clientIp: req.clientIp,
    method: req.method,
    route: toPath(req.originalUrl),
    requestId: req.requestId,
  };

  if (rendered.internal) {
    settings.logger.error(
      { err: error, requestId: req.requestId, method: req.method },
      "Request failed",
    );
  }
  if (rendered.event !== undefined && settings.events !== undefined) {
    settings.events.publish(
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
  const { status, headers, body } = rendered.response;
  res.statusCode = status;
  for (const [name, value] of headers) res.setHeader(name, value);
  res.setHeader("Content-Type", ERROR_CONTENT_TYPE);
  res.setHeader("Content-Length", Buffer.byteLength(body));
  res.end(body);
}

function toPath(url: string): string {
  const queryStart = url.indexOf("?");
  return queryStart === -1 ? url : url.slice(0, queryStart);
}
