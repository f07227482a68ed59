import type { FieldError } from "@bulwark/core";
import { z } from "zod";
import { SchemasError } from "./errors.js";
import { formatFieldPath } from "./field-path.js";
import { formatIssues, MAX_FIELD_ERRORS } from "./format-issues.js";
import { findPollutionKeys } from "./pollution-keys.js";
import { coerceQueryValues, type QueryInput } from "./query-values.js";
import { getErrorMap, REQUEST_PART_NAMING, type RequestPart } from "./request-parts.js";
import { canPassInputKeys, toStrictSchema } from "./schema-shape.js";

/** Options of `validatePart`. */
export interface ValidatePartOptions {
  /** Rejects unknown keys by name instead of stripping them. Never applies to headers. */
  readonly strict?: boolean;
  /** Maximum number of field errors returned. Defaults to 100. */
  readonly maxErrors?: number;
}

/** Result of validating one request part: the parsed value, or its field errors. */
export type PartValidationResult<T> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly errors: FieldError[] };

function rejectPollutionKeys(value: unknown, part: RequestPart, maxErrors: number): FieldError[] {
  const naming = REQUEST_PART_NAMING[part];
  return findPollutionKeys(value, maxErrors).map((path) => ({
    field: formatFieldPath(path, naming.prefix, naming.rootField),
    message: `Field name ${JSON.stringify(String(path[path.length - 1]))} is not allowed`,
  }));
}

/** Parse contexts per part, created once so a request allocates none. */
const PARSE_CONTEXTS = {
  body: { error: getErrorMap("body") },
  query: { error: getErrorMap("query") },
  params: { error: getErrorMap("params") },
  headers: { error: getErrorMap("headers") },
} as const satisfies Record<RequestPart, z.core.ParseContext<z.core.$ZodIssue>>;

function runSafeParse<T extends z.core.$ZodType>(schema: T, value: unknown, part: RequestPart) {
  try {
    return z.safeParse(schema, value, PARSE_CONTEXTS[part]);
  } catch (error) {
    if (error instanceof z.core.$ZodAsyncError) {
      throw new SchemasError(
        "ERR_SCHEMAS_ASYNC_SCHEMA",
        `The ${part} schema contains an async refinement or transform, which request validation cannot run. Make it synchronous, or validate that part with schema.safeParseAsync.`,
        { cause: error },
      );
    }
    throw error;
  }
}

/**
 * Validates one part of a request against a zod schema and returns the parsed value or the
 * field errors, without building the HTTP error. `validateRequest` calls it for each part, and
 * adapters that validate the body separately from the query may call it directly.
 *
 * Query, params and headers values are converted first (see `coerceQueryValues`); the body is
 * validated as parsed from JSON. A `__proto__` key, or a `constructor` key that contains a
 * `prototype` key, never reaches the parsed output. A schema with only declared keys drops it, and
 * strict mode names it as unknown. A schema that passes input keys through (`z.record`,
 * `z.unknown()`, `z.looseObject`) gets the request rejected with the key named.
 * Options are not checked here; `createRequestValidator` checks them once.
 */
export function validatePart<T extends z.core.$ZodType>(
  part: RequestPart,
  schema: T,
  value: unknown,
  options: ValidatePartOptions = {},
): PartValidationResult<z.output<T>> {
  const maxErrors = options.maxErrors ?? MAX_FIELD_ERRORS;
  const input = part === "body" ? value : coerceQueryValues(schema, value as QueryInput);

  // Headers are never strict: every request carries headers that no schema names.
  const effective = options.strict === true && part !== "headers" ? toStrictSchema(schema) : schema;

  // Only a schema that can copy input keys into its output needs the walk. A closed schema drops
  // an undeclared `__proto__` on its own (strict mode names it), so skipping the walk there keeps
  // validation close to the cost of zod alone.
  if (canPassInputKeys(effective)) {
    const pollution = rejectPollutionKeys(input, part, maxErrors);
    if (pollution.length > 0) return { success: false, errors: pollution };
  }
  const result = runSafeParse(effective, input, part);
  // zod's success result already has the shape of ours, so it is returned without a copy.
  if (result.success) return result as { success: true; data: z.output<T> };
  return { success: false, errors: formatIssues(result.error.issues, { part, maxErrors }) };
}
