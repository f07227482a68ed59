import { attachSecurityEvent, type CoreRequest } from "@bulwark/core";
import {
  createRequestValidator,
  type RequestSchemas,
  type RequestValidator,
  type RequestValidatorOptions,
  type ValidatedRequest,
} from "@bulwark/schemas";

/** The request parts a route validates: the parsed body and route params, and the raw query. */
export interface ValidationInput {
  readonly body: unknown;
  readonly params: Readonly<Record<string, unknown>> | undefined;
  readonly request: CoreRequest;
}

/**
 * Creates a route's validator from its zod schemas (`body`, `query`, `params`, `headers`) with the
 * stack's `validation` options. Throws `ERR_SCHEMAS_*` codes for invalid schemas or options.
 */
export function buildValidator<S extends RequestSchemas>(
  schemas: S,
  options: RequestValidatorOptions | undefined,
): RequestValidator<S> {
  return createRequestValidator(schemas, options ?? {});
}

/**
 * Validates a request and returns the parsed parts. The query is read from the raw query string of
 * the request, not from a framework's parsed object, because Express and Fastify parse repeated
 * and nested keys differently. Throws the 400 `VALIDATION_FAILED` error with the field errors,
 * carrying a `validation.failed` event that names the fields, never their values.
 */
export function runValidation<S extends RequestSchemas>(
  validator: RequestValidator<S>,
  input: ValidationInput,
): ValidatedRequest<S> {
  const result = validator.validate({
    body: input.body,
    query: input.request.query,
    params: input.params ?? {},
    headers: input.request.headers,
  });
  if (result.success) return result.data;

  const fields = (result.error.errors ?? []).map((entry) => entry.field);
  throw attachSecurityEvent(result.error, "validation.failed", { fields });
}
