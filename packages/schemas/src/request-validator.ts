import {
  type BulwarkError,
  checkOptionsObject,
  createHttpError,
  describeValue,
  type FieldError,
  type RequestHeaders,
} from "@bulwark/core";
import type { z } from "zod";
import { createSchemasError, SchemasError } from "./errors.js";
import { MAX_FIELD_ERRORS } from "./format-issues.js";
import type { QueryInput } from "./query-values.js";
import { REQUEST_PARTS, type RequestPart } from "./request-parts.js";
import { getObjectShape, isZodSchema } from "./schema-shape.js";
import { validatePart } from "./validate-part.js";

/** The zod schemas of the parts of a request to validate. Parts without a schema are skipped. */
export interface RequestSchemas {
  readonly body?: z.core.$ZodType;
  readonly query?: z.core.$ZodType;
  readonly params?: z.core.$ZodType;
  readonly headers?: z.core.$ZodType;
}

/** The request parts as a framework delivers them. */
export interface RequestInput {
  /** Parsed JSON body. */
  readonly body?: unknown;
  /** Raw query string, `URLSearchParams`, or the framework's parsed query object. */
  readonly query?: QueryInput | undefined;
  /** Route parameters by name. */
  readonly params?: Readonly<Record<string, unknown>> | undefined;
  /** Headers by lower-case name. */
  readonly headers?: RequestHeaders | undefined;
}

/** The parsed parts, typed by their schemas. */
export type ValidatedRequest<S extends RequestSchemas> = {
  -readonly [K in keyof S as S[K] extends z.core.$ZodType ? K : never]: S[K] extends z.core.$ZodType
    ? z.output<S[K]>
    : never;
};

/** Result of `validateRequest`: the parsed parts, or the 400 `VALIDATION_FAILED` error. */
export type RequestValidationResult<S extends RequestSchemas> =
  | { readonly success: true; readonly data: ValidatedRequest<S> }
  | { readonly success: false; readonly error: BulwarkError };

/** Options of `createRequestValidator` and `validateRequest`. */
export interface RequestValidatorOptions {
  /** Rejects unknown keys in body, query and params by name instead of stripping them. Defaults to false. */
  readonly strict?: boolean;
  /** Maximum number of field errors in one response, from 1 to 1,000. Defaults to 100. */
  readonly maxErrors?: number;
}

/** A validator for one route, created once and called per request. */
export interface RequestValidator<S extends RequestSchemas> {
  /** Validates a request and returns the parsed parts, or the 400 error instead of throwing it. */
  validate(input: RequestInput): RequestValidationResult<S>;
  /** Validates a request and returns the parsed parts, or throws the 400 error. */
  parse(input: RequestInput): ValidatedRequest<S>;
}

const OPTION_KEYS = [
  "strict",
  "maxErrors",
] as const satisfies readonly (keyof RequestValidatorOptions)[];
const HEADER_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;

function parseOptions(input: unknown): Required<RequestValidatorOptions> {
  const options = checkOptionsObject(
    input,
    OPTION_KEYS,
    "ERR_SCHEMAS_INVALID_OPTIONS",
    "createRequestValidator",
    createSchemasError,
  );
  const strict = options.strict === undefined ? false : options.strict;
  if (typeof strict !== "boolean") {
    throw new SchemasError(
      "ERR_SCHEMAS_INVALID_OPTIONS",
      `strict must be a boolean, got ${describeValue(strict)}. Use true to reject unknown keys.`,
    );
  }
  const maxErrors = options.maxErrors === undefined ? MAX_FIELD_ERRORS : options.maxErrors;
  if (
    typeof maxErrors !== "number" ||
    !Number.isInteger(maxErrors) ||
    maxErrors < 1 ||
    maxErrors > 1000
  ) {
    throw new SchemasError(
      "ERR_SCHEMAS_INVALID_OPTIONS",
      `maxErrors must be an integer from 1 to 1000, got ${describeValue(maxErrors)}. Use 100 to keep error bodies small.`,
    );
  }
  return { strict, maxErrors };
}

function checkSchemas(input: unknown): RequestSchemas {
  const schemas = checkOptionsObject(
    input,
    REQUEST_PARTS,
    "ERR_SCHEMAS_INVALID_SCHEMA",
    "createRequestValidator schemas",
    createSchemasError,
  );
  for (const part of REQUEST_PARTS) {
    const schema = schemas[part];
    if (schema === undefined) continue;
    if (!isZodSchema(schema)) {
      throw new SchemasError(
        "ERR_SCHEMAS_INVALID_SCHEMA",
        `schemas.${part} must be a zod 4 schema, got ${describeValue(schema)}. Build it with z.object({ ... }) from zod 4.`,
      );
    }
  }
  checkHeaderNames(schemas.headers as z.core.$ZodType | undefined);
  return schemas as RequestSchemas;
}

function checkHeaderNames(schema: z.core.$ZodType | undefined): void {
  if (schema === undefined) return;
  for (const key of Object.keys(getObjectShape(schema) ?? {})) {
    // Node delivers header names in lower case, so an upper-case key could never match.
    if (!HEADER_NAME.test(key)) {
      throw new SchemasError(
        "ERR_SCHEMAS_INVALID_HEADER_NAME",
        `schemas.headers has the key ${describeValue(key)}, which is not a lower-case header name. Use ${describeValue(key.toLowerCase())}.`,
      );
    }
  }
}

/** A request part with its schema, listed in validation order. */
interface PreparedPart {
  readonly part: RequestPart;
  readonly schema: z.core.$ZodType;
}

function prepareParts(schemas: RequestSchemas): PreparedPart[] {
  const parts: PreparedPart[] = [];
  for (const part of REQUEST_PARTS) {
    const schema = schemas[part];
    if (schema !== undefined) parts.push({ part, schema });
  }
  return parts;
}

function runValidation<S extends RequestSchemas>(
  parts: readonly PreparedPart[],
  input: RequestInput,
  options: Required<RequestValidatorOptions>,
): RequestValidationResult<S> {
  const data: Record<string, unknown> = {};
  let errors: FieldError[] | undefined;
  for (const { part, schema } of parts) {
    const remaining = options.maxErrors - (errors === undefined ? 0 : errors.length);
    if (remaining <= 0) break;

    // The parsed options are reused until a part fails, so a valid request allocates none.
    const partOptions =
      errors === undefined ? options : { strict: options.strict, maxErrors: remaining };
    const result = validatePart(part, schema, input[part], partOptions);
    if (result.success) data[part] = result.data;
    else if (errors === undefined) errors = result.errors;
    else errors.push(...result.errors);
  }

  if (errors !== undefined)
    return { success: false, error: createHttpError("VALIDATION_FAILED", { errors }) };
  return { success: true, data: data as ValidatedRequest<S> };
}

/**
 * Creates a validator for the body, query, route parameters and headers of one route. Schemas
 * and options are checked here, once, so each request only runs the schemas.
 *
 * A request that fails gets core's 400 `VALIDATION_FAILED` error, whose response body is
 * `{"message":"Validation failed","code":"VALIDATION_FAILED","errors":[{"field":"...","message":"..."}]}`
 * with every issue of every part, up to `maxErrors`. Body fields are plain paths
 * (`contacts[2].email`); other parts are prefixed (`query.limit`, `params.id`,
 * `headers["x-api-key"]`). Throws `ERR_SCHEMAS_INVALID_SCHEMA`, `ERR_SCHEMAS_INVALID_HEADER_NAME`
 * or `ERR_SCHEMAS_INVALID_OPTIONS` for bad arguments.
 *
 * @example
 * const validator = createRequestValidator({ params: idParamsSchema, body: contactUpdateSchema });
 * const { params, body } = validator.parse({ params: req.params, body: req.body });
 */
export function createRequestValidator<S extends RequestSchemas>(
  schemas: S,
  options: RequestValidatorOptions = {},
): RequestValidator<S> {
  const parts = prepareParts(checkSchemas(schemas));
  const parsed = parseOptions(options);
  return {
    validate: (input) => runValidation<S>(parts, input, parsed),
    parse(input) {
      const result = runValidation<S>(parts, input, parsed);
      if (!result.success) throw result.error;
      return result.data;
    },
  };
}

/**
 * Validates a request against schemas in one call and returns `{ success: true, data }` or
 * `{ success: false, error }` with the 400 `VALIDATION_FAILED` error. It checks the schemas and
 * options on every call, so on a hot route create the validator once with `createRequestValidator`.
 */
export function validateRequest<S extends RequestSchemas>(
  schemas: S,
  input: RequestInput,
  options: RequestValidatorOptions = {},
): RequestValidationResult<S> {
  return runValidation<S>(prepareParts(checkSchemas(schemas)), input, parseOptions(options));
}

/**
 * Validates a request against schemas and returns the parsed parts, or throws the 400
 * `VALIDATION_FAILED` error for the framework's error handler to render.
 */
export function parseRequest<S extends RequestSchemas>(
  schemas: S,
  input: RequestInput,
  options: RequestValidatorOptions = {},
): ValidatedRequest<S> {
  const result = validateRequest(schemas, input, options);
  if (!result.success) throw result.error;
  return result.data;
}
