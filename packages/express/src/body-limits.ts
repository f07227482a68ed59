import {
  BODY_METHODS,
  planRequestBody,
  readContentTypeLines,
  readRequestBody,
} from "@bulwark/core";
import type { BulwarkStack } from "@bulwark/stack";
import type { Request, RequestHandler } from "express";
import { ensureRequestState } from "./request-state.js";
import { createExpressStack, type StackOptions } from "./stack-options.js";

/**
 * Creates the middleware that enforces the body limits and parses the body into `req.body`: JSON
 * (`application/json` and `application/*+json`) and urlencoded up to 10 MB, multipart up to 50 MB
 * with files in `req.files`. A body over its limit gets 413 by `Content-Length` before it is read,
 * or as soon as a chunked body passes the limit. Only POST, PUT, PATCH and DELETE bodies are read.
 *
 * Rejects with 415 for a missing or unsupported media type, a non-UTF-8 charset or any
 * `Content-Encoding`, with 400 for duplicate or malformed `Content-Type` lines and invalid JSON.
 * Uses `options.bodyLimits` when options are given, else the limits of `bulwark(options)` when it
 * ran, else the defaults.
 * Throws `ERR_EXPRESS_INVALID_OPTIONS` for invalid options.
 *
 * @example
 * app.use(bodyLimits({ bodyLimits: { json: 1024 * 1024 } }));
 */
export function bodyLimits(options?: StackOptions): RequestHandler {
  const own = createExpressStack(options, "bodyLimits");
  return (req, _res, next) => {
    const state = ensureRequestState(req, own);
    parseBody(req, options === undefined ? state.stack : own).then(() => next(), next);
  };
}

/**
 * Returns whether a request may carry a body that `parseBody` reads: its method is POST, PUT,
 * PATCH or DELETE. planRequestBody never reads a body for other methods.
 */
export function hasRequestBody(req: Request): boolean {
  return BODY_METHODS.has(req.method);
}

/** Reads and parses the body of a request into `req.body` and `req.files`. */
export async function parseBody(req: Request, stack: BulwarkStack): Promise<void> {
  // Skips building the header lists for methods whose body is never read.
  if (!hasRequestBody(req)) return;
  const plan = planRequestBody(
    {
      method: req.method,
      headers: req.headers,
      contentTypeLines: readContentTypeLines(req),
    },
    stack.settings.bodyLimits,
  );
  if (plan === undefined) return;

  const parsed = await readRequestBody(req, plan);
  req.body = parsed.body;
  req.files = parsed.files;
}
