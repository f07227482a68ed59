import type { RequestSchemas, RequestValidator } from "@bulwark/schemas";
import type { BulwarkStack } from "@bulwark/stack";
import type { RequestHandler } from "express";
import { ensureRequestState } from "./request-state.js";
import { createExpressStack, type StackOptions } from "./stack-options.js";

/**
 * Creates the route middleware that validates `req.body`, the query string and `req.params` with
 * zod schemas and replaces them with the parsed values. On failure it responds with 400
 * `VALIDATION_FAILED` with the field errors, such as
 * `{"message":"Validation failed","code":"VALIDATION_FAILED","errors":[{"field":"username","message":"..."}]}`,
 * and publishes `validation.failed`.
 *
 * The query is validated from the raw query string, so Express's query parser never decides how a
 * repeated or nested key reads. Uses the `validation` options of `bulwark(options)` when it ran,
 * else those of `options`. Throws `ERR_SCHEMAS_INVALID_SCHEMA` when a schema is not a zod 4 schema.
 *
 * @example
 * app.post("/api/auth/login", rateLimit("auth"), validate({ body: loginSchema }), login);
 */
export function validate<S extends RequestSchemas>(
  schemas: S,
  options?: StackOptions,
): RequestHandler {
  const own = createExpressStack(options, "validate");
  const validators = new WeakMap<BulwarkStack, RequestValidator<S>>();
  // Built now so an invalid schema throws at start-up, not on the first request.
  validators.set(own, own.createValidator(schemas));

  return (req, _res, next) => {
    const state = ensureRequestState(req, own);
    const stack = options === undefined ? state.stack : own;
    let validator = validators.get(stack);
    if (validator === undefined) {
      validator = stack.createValidator(schemas);
      validators.set(stack, validator);
    }

    const data = stack.validate(validator, {
      body: req.body,
      params: req.params,
      request: state.request,
    });
    const parsed = data as { body?: unknown; query?: unknown; params?: Record<string, string> };
    if ("body" in parsed) req.body = parsed.body;
    if ("params" in parsed && parsed.params !== undefined) req.params = parsed.params;
    // Express 5 defines req.query as a getter, so the parsed query is set as an own property.
    if ("query" in parsed) {
      Object.defineProperty(req, "query", {
        value: parsed.query,
        configurable: true,
        enumerable: true,
        writable: true,
      });
    }
    next();
  };
}
