import { describeValue } from "@bulwark/core";
import type { BulwarkStack } from "@bulwark/stack";
import type { RequestHandler, Response } from "express";
import { ExpressAdapterError } from "./errors.js";
import { ensureRequestState } from "./request-state.js";
import { createExpressStack, type StackOptions } from "./stack-options.js";

/**
 * Creates the route middleware that counts a request against one or more rate-limit policies by
 * name, such as the built-in `auth` (5 per 15 minutes) or `expensive` (5 per hour). Allowed
 * requests get the RateLimit headers, and the first policy that rejects sends 429
 * `RATE_LIMITED` with `Retry-After`.
 *
 * Uses the limiter of `bulwark(options)` when it ran on the request, so every route shares its
 * store. Otherwise it uses a limiter built from `options`, or from the built-in policies in memory.
 * Throws `ERR_EXPRESS_INVALID_OPTIONS` for an empty or non-string policy name.
 *
 * @example
 * app.post("/api/auth/login", rateLimit("auth"), validate({ body: loginSchema }), login);
 */
export function rateLimit(
  policies: string | readonly string[],
  options?: StackOptions,
): RequestHandler {
  const names = parsePolicyNames(policies);
  let own: BulwarkStack | undefined;
  const ownStack = () => {
    own ??= createExpressStack(options, "rateLimit");
    return own;
  };
  if (options !== undefined) ownStack();

  return (req, res, next) => {
    const state = ensureRequestState(req, ownStack);
    const stack = options === undefined ? state.stack : ownStack();
    stack.checkRouteLimit(names, state.request, state.identity).then((headers) => {
      setHeaders(res, headers);
      next();
    }, next);
  };
}

/** Sets header tuples on a response. */
export function setHeaders(res: Response, headers: readonly (readonly [string, string])[]): void {
  for (const [name, value] of headers) res.setHeader(name, value);
}

function parsePolicyNames(input: unknown): readonly string[] {
  const names = typeof input === "string" ? [input] : input;
  if (
    !Array.isArray(names) ||
    names.length === 0 ||
    !names.every((name) => typeof name === "string" && name !== "")
  ) {
    throw new ExpressAdapterError(
      "ERR_EXPRESS_INVALID_OPTIONS",
      `rateLimit needs a policy name or a non-empty array of names, got ${describeValue(input)}. Use rateLimit("auth").`,
    );
  }
  return Object.freeze([...names]);
}
