import { BulwarkError } from "@bulwark/core";

/** Error codes that @bulwark/schemas throws to developers, with what each one means. */
export const SCHEMAS_ERROR_CODES = {
  ERR_SCHEMAS_INVALID_OPTIONS: "Options must be a plain object with known keys and valid values.",
  ERR_SCHEMAS_INVALID_SCHEMA:
    "Each of body, query, params and headers must be a zod 4 schema, and no other key is accepted.",
  ERR_SCHEMAS_INVALID_HEADER_NAME: "Keys of a headers schema must be lower-case header names.",
  ERR_SCHEMAS_INVALID_LENGTH:
    "Length bounds must be integers from 0 up, with the minimum at most the maximum.",
  ERR_SCHEMAS_ASYNC_SCHEMA:
    "Request validation runs synchronously, so a schema must not contain async refinements or transforms.",
  ERR_SCHEMAS_INVALID_CONFIG:
    "One or more environment variables are missing or invalid. The message names each of them.",
} as const;

/** A code of `SCHEMAS_ERROR_CODES`. */
export type SchemasErrorCode = keyof typeof SCHEMAS_ERROR_CODES;

/** Warning codes that @bulwark/schemas emits, with what each one means. */
export const SCHEMAS_WARNING_CODES = {
  WARN_SCHEMAS_EPHEMERAL_JWT_SECRET:
    "JWT_SECRET is not set, so a random secret was generated for this process only.",
} as const;

/** A code of `SCHEMAS_WARNING_CODES`. */
export type SchemasWarningCode = keyof typeof SCHEMAS_WARNING_CODES;

/** Error thrown by @bulwark/schemas for invalid options, schemas or configuration. */
export class SchemasError extends BulwarkError {
  declare readonly code: SchemasErrorCode;
}

/** Creates a `SchemasError`, in the shape `checkOptionsObject` expects. */
export function createSchemasError(code: string, message: string): SchemasError {
  return new SchemasError(code, message);
}
